-- Supervision (电子监察): the rules that judge cases, the alerts (cards) they raise, how each alert
-- is handled until it is closed, and the timer schedule that wakes a case when a deadline passes
-- with no event. Times are Unix seconds (UTC).

-- The current setting of each rule. `settings` is a JSON object of thresholds, with an optional
-- member per item type (e.g. {"warn_ratio": 0.8, "by_type": {"penalty": {"warn_ratio": 0.7}}}).
-- `mode` is "auto" (issued at once) or "confirm" (waits for a supervisor's confirmation).
CREATE TABLE rules (
  code TEXT PRIMARY KEY,          -- e.g. "time.promised", "fee.free_item"
  category TEXT NOT NULL,         -- time, procedure, fee, correction, return, dormancy, tamper,
                                  -- trend, order, procurement
  version INTEGER NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1,
  mode TEXT NOT NULL CHECK (mode IN ('auto', 'confirm')),
  settings TEXT NOT NULL DEFAULT '{}',
  template_zh TEXT NOT NULL,      -- message template, {case_number}, {item_name}, … filled in
  template_en TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);

-- Every version of every rule, the first included.
CREATE TABLE rule_versions (
  rule_code TEXT NOT NULL REFERENCES rules(code),
  version INTEGER NOT NULL,
  enabled INTEGER NOT NULL,
  mode TEXT NOT NULL,
  settings TEXT NOT NULL,
  template_zh TEXT NOT NULL,
  template_en TEXT NOT NULL,
  changed_by TEXT NOT NULL,
  changed_at BIGINT NOT NULL,
  PRIMARY KEY (rule_code, version)
);

-- A rule's setting for one service item, overriding the rule's own. NULL keeps the rule's value.
CREATE TABLE rule_overrides (
  rule_code TEXT NOT NULL REFERENCES rules(code),
  item_code TEXT NOT NULL,
  enabled INTEGER,
  settings TEXT,                  -- merged over rules.settings
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (rule_code, item_code)
);

-- Alerts (预警, 黄牌, 红牌). `dedupe_key` names the finding (rule, case, step, level …), and its
-- uniqueness is what keeps several servers on one database from issuing the same card twice.
CREATE TABLE alerts (
  id @ID@,
  dedupe_key TEXT NOT NULL UNIQUE,
  rule_code TEXT NOT NULL,
  rule_version INTEGER NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('warning', 'yellow', 'red')),
  -- pending (awaits confirmation), issued, responded, appealed, returned, ordered, rectifying,
  -- reported, closed, revoked
  state TEXT NOT NULL,
  handling TEXT NOT NULL DEFAULT 'prompt' CHECK (handling IN ('prompt', 'inquiry', 'order')),
  case_id BIGINT REFERENCES cases(id),       -- NULL for department trends and procurement
  case_number TEXT NOT NULL DEFAULT '',
  item_code TEXT NOT NULL DEFAULT '',
  division_code TEXT NOT NULL,
  department_id BIGINT,
  subject TEXT NOT NULL DEFAULT '',          -- what was judged: a step, a fee receipt, a tender
  message_zh TEXT NOT NULL,
  message_en TEXT NOT NULL,
  evidence TEXT NOT NULL DEFAULT '{}',       -- JSON: the facts that raised it
  detected_at BIGINT NOT NULL,               -- when the rule found it
  issued_at BIGINT NOT NULL DEFAULT 0,       -- 0 while pending confirmation
  answer_due_at BIGINT NOT NULL DEFAULT 0,   -- inquiry answer or order deadline
  order_started_at BIGINT NOT NULL DEFAULT 0,
  closed_at BIGINT NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1,
  updated_at BIGINT NOT NULL
);
CREATE INDEX alerts_division ON alerts(division_code, state);
CREATE INDEX alerts_department ON alerts(department_id, state);
CREATE INDEX alerts_case ON alerts(case_id);
CREATE INDEX alerts_detected ON alerts(detected_at);

-- Each handling step of an alert: who did what, with which text, from which state to which.
CREATE TABLE alert_actions (
  id @ID@,
  alert_id BIGINT NOT NULL REFERENCES alerts(id),
  action TEXT NOT NULL,         -- issue, confirm_issue, respond, appeal, revoke, send_back,
                                -- inquire, order, start, rectify, report, confirm, close
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  actor TEXT NOT NULL,          -- "user:<name>" or "system:rules"
  actor_role TEXT NOT NULL DEFAULT '',
  text TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
CREATE INDEX alert_actions_alert ON alert_actions(alert_id);

-- Files attached to a handling step (rectification reports, photos, scans).
CREATE TABLE alert_attachments (
  id @ID@,
  action_id BIGINT NOT NULL REFERENCES alert_actions(id),
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  sm3 TEXT NOT NULL,            -- hex SM3 of the content, also written to the ledger
  content @BLOB@ NOT NULL
);
CREATE INDEX alert_attachments_action ON alert_attachments(action_id);

-- The timer schedule: for each subject, the next moment its rules must run again even if no
-- event arrives (a threshold of a running deadline, an order's start or close limit). Servers
-- claim due rows with FOR UPDATE SKIP LOCKED on PostgreSQL; a claim lasts until
-- `claimed_until`, so a server that dies mid-run leaves the row for another.
CREATE TABLE timers (
  kind TEXT NOT NULL,           -- "case" or "alert"
  subject_id BIGINT NOT NULL,
  due_at BIGINT NOT NULL,
  claimed_until BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (kind, subject_id)
);
CREATE INDEX timers_due ON timers(due_at);

-- The public progress lookup (办件进度查询): the SM3 of the query code printed on the
-- applicant's receipt, salted with the case number, from the case's `submitted` event. Empty
-- when the sender gave no code, and then the case cannot be looked up.
ALTER TABLE cases ADD COLUMN query_code_hash TEXT NOT NULL DEFAULT '';
CREATE INDEX cases_case_number ON cases(case_number);
