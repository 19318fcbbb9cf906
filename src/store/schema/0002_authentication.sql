-- Browser sessions. Only a hash of the cookie token is stored, so a copy of the database does
-- not let anyone log in as the session's user.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  second_factor_done INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions(user_id);

-- Keys of business systems. The secret handed to the system is never stored: signing_key is a
-- one-way derivation of it (HMAC-SM3), which the system derives the same way before signing.
CREATE TABLE api_keys (
  id @ID@,
  key_id TEXT NOT NULL UNIQUE,
  signing_key TEXT NOT NULL,
  name TEXT NOT NULL,
  division_code TEXT NOT NULL REFERENCES divisions(code),
  department_id BIGINT REFERENCES departments(id),
  item_types TEXT NOT NULL DEFAULT '[]',
  created_by BIGINT REFERENCES users(id),
  created_at BIGINT NOT NULL,
  revoked_at BIGINT NOT NULL DEFAULT 0,
  last_used_at BIGINT NOT NULL DEFAULT 0
);

-- Nonces seen in signed requests within the accepted clock skew; older rows are purged.
CREATE TABLE api_nonces (
  api_key_id BIGINT NOT NULL REFERENCES api_keys(id),
  nonce TEXT NOT NULL,
  seen_at BIGINT NOT NULL,
  PRIMARY KEY (api_key_id, nonce)
);
CREATE INDEX api_nonces_seen ON api_nonces(seen_at);
