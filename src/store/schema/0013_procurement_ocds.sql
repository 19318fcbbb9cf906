-- Scopes a business-system key has beyond case events, as a JSON array of names. The scope
-- "procurement" lets a key push bids and OCDS releases. Keys made before it have none.
ALTER TABLE api_keys ADD COLUMN scopes TEXT NOT NULL DEFAULT '[]';

-- OCDS releases as procurement systems sent them, pushed or imported from files. A release is
-- identified by its ocid and release id. The first content is version 1; a resend with the same
-- content changes nothing, and one with different content is kept as the next version with
-- `changed` = 1, because a published release should never change. Times are Unix seconds (UTC).
CREATE TABLE ocds_releases (
  id @ID@,
  ocid TEXT NOT NULL,
  release_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  sender_system TEXT NOT NULL,            -- api_keys.key_id, or "import" for a file without a key
  division_code TEXT NOT NULL,            -- the division of the sending system
  release_date BIGINT NOT NULL,           -- the release's `date`
  buyer_id TEXT NOT NULL DEFAULT '',      -- buyer.id, when the release names one
  content_hash TEXT NOT NULL,             -- hex SM3 of the canonical JSON (members sorted)
  content TEXT NOT NULL,                  -- the release as JSON text
  changed INTEGER NOT NULL DEFAULT 0,
  received_at BIGINT NOT NULL,
  UNIQUE (ocid, release_id, version)
);
CREATE INDEX ocds_releases_ocid ON ocds_releases(ocid);

-- One compiled release per contracting process: the latest version of each of its releases,
-- merged by the OCDS 1.1 merge routine. It is rebuilt whenever a release of the ocid is stored.
CREATE TABLE ocds_compiled_releases (
  ocid TEXT PRIMARY KEY,
  division_code TEXT NOT NULL,            -- the division of the first sender
  buyer_id TEXT NOT NULL DEFAULT '',      -- buyer.id of the compiled release
  release_count INTEGER NOT NULL,         -- distinct release ids merged
  compiled TEXT NOT NULL,                 -- the compiled release as JSON text
  updated_at BIGINT NOT NULL
);
CREATE INDEX ocds_compiled_releases_buyer ON ocds_compiled_releases(buyer_id);
CREATE INDEX ocds_compiled_releases_division ON ocds_compiled_releases(division_code);
