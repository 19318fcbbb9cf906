-- Cases (办件) pushed by business systems through the exchange interface, every event they sent,
-- every differing version of an event, and the tamper alarms raised on altered or withdrawn data.
-- Times are Unix seconds (UTC). A case is keyed by the sending system and its own case number, so
-- two systems may use the same numbers without colliding.
CREATE TABLE cases (
  id @ID@,
  sender_system TEXT NOT NULL,            -- api_keys.key_id of the sender, or "import" for files
  case_number TEXT NOT NULL,              -- the sender's own case number (办件编号)
  item_code TEXT NOT NULL,                -- service item code (事项编码) in the catalogue
  item_type TEXT NOT NULL,
  division_code TEXT NOT NULL,
  department_code TEXT NOT NULL DEFAULT '',
  department_id BIGINT,
  -- SM3 of the applicant's name: lets supervisors match repeat applicants without storing names
  applicant_name_hash TEXT NOT NULL DEFAULT '',
  submitted_at BIGINT NOT NULL DEFAULT 0,
  accepted_at BIGINT NOT NULL DEFAULT 0,
  completed_at BIGINT NOT NULL DEFAULT 0,
  -- submitted, pre_accepted, accepted, in_progress, returned, not_accepted or completed
  state TEXT NOT NULL,
  current_step TEXT NOT NULL DEFAULT '',
  suspended INTEGER NOT NULL DEFAULT 0,
  outcome TEXT NOT NULL DEFAULT '',       -- approved, refused or withdrawn once completed
  result_document_number TEXT NOT NULL DEFAULT '',
  fee_total_fen BIGINT NOT NULL DEFAULT 0,
  fee_count INTEGER NOT NULL DEFAULT 0,
  return_count INTEGER NOT NULL DEFAULT 0,
  suspension_count INTEGER NOT NULL DEFAULT 0,
  last_event_at BIGINT NOT NULL DEFAULT 0,  -- latest occurred_at of the case's events
  version BIGINT NOT NULL DEFAULT 1,        -- raised each time the state is recomputed
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (sender_system, case_number)
);
CREATE INDEX cases_division ON cases(division_code);
CREATE INDEX cases_item ON cases(item_code);
CREATE INDEX cases_state ON cases(state);

-- The current version of each event. `payload` is the canonical JSON of the event as stored
-- (the applicant's name replaced by its hash) and `content_hash` the hex SM3 of it.
CREATE TABLE case_events (
  id @ID@,
  case_id BIGINT NOT NULL REFERENCES cases(id),
  sender_system TEXT NOT NULL,
  event_id TEXT NOT NULL,                 -- the sender's event id, unique per sending system
  event_type TEXT NOT NULL,
  occurred_at BIGINT NOT NULL,
  received_at BIGINT NOT NULL,
  payload TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  withdrawn INTEGER NOT NULL DEFAULT 0,   -- set when a later `deleted` event withdraws it
  UNIQUE (sender_system, event_id)
);
CREATE INDEX case_events_case ON case_events(case_id, occurred_at);

-- Every version of every event, the first included, so that an altered resend never erases
-- what was sent before.
CREATE TABLE case_event_versions (
  id @ID@,
  event_row_id BIGINT NOT NULL REFERENCES case_events(id),
  version INTEGER NOT NULL,
  occurred_at BIGINT NOT NULL,
  received_at BIGINT NOT NULL,
  payload TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  UNIQUE (event_row_id, version)
);

-- Tamper alarms (篡改报警). `event_row_id` is the event whose data changed; `old_version` and
-- `new_version` are its versions before and after (equal for a deletion, which changes no
-- payload); `cause_event_row_id` is the correction or deletion event that caused it, if any.
CREATE TABLE tamper_alarms (
  id @ID@,
  case_id BIGINT NOT NULL REFERENCES cases(id),
  event_row_id BIGINT NOT NULL REFERENCES case_events(id),
  event_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('resend_with_different_content', 'change_after_completion',
                                     'deletion')),
  old_version INTEGER NOT NULL,
  new_version INTEGER NOT NULL,
  cause_event_row_id BIGINT REFERENCES case_events(id),
  raised_at BIGINT NOT NULL
);
CREATE INDEX tamper_alarms_case ON tamper_alarms(case_id);
