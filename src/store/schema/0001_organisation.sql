-- Administrative divisions by GB/T 2260 code: 2 digits for a province, 4 for a prefecture city,
-- 6 for a county or district, 9 for a township or street. A division's subtree is every code
-- that starts with its code, so region checks are prefix comparisons.
CREATE TABLE divisions (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
  parent_code TEXT REFERENCES divisions(code)
);
CREATE INDEX divisions_parent ON divisions(parent_code);

CREATE TABLE departments (
  id @ID@,
  division_code TEXT NOT NULL REFERENCES divisions(code),
  code TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (division_code, name)
);
CREATE INDEX departments_division ON departments(division_code);

-- Service windows (服务窗口) where applicants hand in and collect their cases.
CREATE TABLE service_windows (
  id @ID@,
  department_id BIGINT NOT NULL REFERENCES departments(id),
  name TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  UNIQUE (department_id, name)
);

CREATE TABLE users (
  id @ID@,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  division_code TEXT NOT NULL REFERENCES divisions(code),
  department_id BIGINT REFERENCES departments(id),
  phone TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL,
  password_changed_at BIGINT NOT NULL,
  totp_secret TEXT NOT NULL DEFAULT '',
  totp_enabled INTEGER NOT NULL DEFAULT 0,
  totp_last_step BIGINT NOT NULL DEFAULT 0,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until BIGINT NOT NULL DEFAULT 0,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX users_division ON users(division_code);

CREATE TABLE user_roles (
  user_id BIGINT NOT NULL REFERENCES users(id),
  role TEXT NOT NULL,
  PRIMARY KEY (user_id, role)
);
