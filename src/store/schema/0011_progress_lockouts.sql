-- Wrong query codes per case number in the public progress lookup, and the locks they set.
-- Every failed lookup counts, whether or not the case number exists, so that a lock never reveals
-- to a caller that a case exists. Times are Unix seconds (UTC).
CREATE TABLE progress_lockouts (
  case_number TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,              -- failed lookups since window_start
  window_start BIGINT NOT NULL,           -- the first failure of the current window
  locked_until BIGINT NOT NULL DEFAULT 0, -- lookups of this number are refused until then
  expires_at BIGINT NOT NULL              -- after this the row carries nothing and is purged
);
CREATE INDEX progress_lockouts_expires ON progress_lockouts(expires_at);
