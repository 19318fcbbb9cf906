-- The service-item catalogue (政务服务事项目录) and the working calendar.
--
-- Time limits are an amount and a unit: immediate, working_days, calendar_days, months,
-- years or working_hours (the names of calendar::LimitUnit). Money is in fen (0.01 yuan).
CREATE TABLE service_items (
  id @ID@,
  code TEXT NOT NULL UNIQUE,              -- the item code of the provincial catalogue
  name TEXT NOT NULL,
  department_id BIGINT NOT NULL REFERENCES departments(id),
  division_code TEXT NOT NULL REFERENCES divisions(code),
  -- licensing, penalty, confirmation, payment, public_service or other
  item_type TEXT NOT NULL,
  task_type TEXT NOT NULL DEFAULT '',     -- the source catalogue's numeric type code
  group_name TEXT NOT NULL DEFAULT '',    -- the main item (主项) this item is listed under
  legal_basis TEXT NOT NULL DEFAULT '',
  conditions TEXT NOT NULL DEFAULT '',    -- 受理条件
  materials TEXT NOT NULL DEFAULT '[]',   -- JSON array of {name, copies, note}
  fee_free INTEGER NOT NULL DEFAULT 1,
  fee_amount_fen BIGINT NOT NULL DEFAULT 0,
  fee_basis TEXT NOT NULL DEFAULT '',
  statutory_unit TEXT NOT NULL,
  statutory_amount INTEGER NOT NULL DEFAULT 0,
  promised_unit TEXT NOT NULL,
  promised_amount INTEGER NOT NULL DEFAULT 0,
  steps TEXT NOT NULL DEFAULT '[]',       -- JSON array of {name, unit, amount} in order
  -- true while any limit, fee or step is a default that no administrator has confirmed
  needs_review INTEGER NOT NULL DEFAULT 1,
  version INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX service_items_department ON service_items(department_id);
CREATE INDEX service_items_division ON service_items(division_code);

-- Every version of every item, the first one included, as a JSON snapshot of the row.
CREATE TABLE service_item_versions (
  item_id BIGINT NOT NULL REFERENCES service_items(id),
  version INTEGER NOT NULL,
  snapshot TEXT NOT NULL,
  changed_by TEXT NOT NULL,               -- the ledger actor, e.g. "user:alice"
  changed_at BIGINT NOT NULL,             -- seconds since the Unix epoch
  reason TEXT NOT NULL DEFAULT '',        -- "import", "update"
  PRIMARY KEY (item_id, version)
);

-- Days a State Council notice takes out of the Monday–Friday week. `year` is the notice's
-- year, which may differ from the date's year for a New Year holiday starting in December.
CREATE TABLE calendar_days (
  year INTEGER NOT NULL,
  day TEXT NOT NULL,                      -- YYYY-MM-DD, local date
  name TEXT NOT NULL,
  is_off_day INTEGER NOT NULL,
  PRIMARY KEY (year, day)
);

-- Years whose notice is stored. A year without a row follows the Monday–Friday week.
CREATE TABLE calendar_years (
  year INTEGER PRIMARY KEY,
  papers TEXT NOT NULL DEFAULT '[]',      -- JSON array of notice addresses
  source TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL
);

-- Platform settings of the calendar; one row per key. working_hours is "09:00-12:00,13:30-17:30".
-- revision grows with every change to the calendar tables so that servers rebuild their cache.
CREATE TABLE calendar_settings (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT INTO calendar_settings (name, value) VALUES ('working_hours', '09:00-12:00,13:30-17:30');
INSERT INTO calendar_settings (name, value) VALUES ('revision', '0');
