-- The notification outbox: one row per message to one person on one channel, written in the same
-- transaction as the alert change it announces. Dispatchers claim due rows, send them and record
-- the outcome here, so a server that dies mid-send leaves the row to be sent again after its
-- claim expires. Times are Unix seconds (UTC).
CREATE TABLE notify_outbox (
  id @ID@,
  channel TEXT NOT NULL CHECK (channel IN ('sse', 'sms')),
  recipient_id BIGINT NOT NULL REFERENCES users(id),
  phone TEXT NOT NULL DEFAULT '',         -- SMS only: the number at enqueue time
  template_code TEXT NOT NULL,            -- alert.issued, alert.<action>, sms.digest or sms.test
  body TEXT NOT NULL,                     -- SSE: the event's JSON; SMS: the text
  alert_id BIGINT REFERENCES alerts(id),  -- NULL for a digest
  -- pending, failed (retried at next_attempt_at), sent, dead (given up) or merged (into the
  -- digest row named by digest_id)
  state TEXT NOT NULL DEFAULT 'pending'
    CHECK (state IN ('pending', 'failed', 'sent', 'dead', 'merged')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  claimed_until BIGINT NOT NULL DEFAULT 0, -- a dispatcher's claim on the row until then
  last_error TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  sent_at BIGINT NOT NULL DEFAULT 0,
  provider_id TEXT NOT NULL DEFAULT '',   -- the SMS gateway's message id
  digest_id BIGINT REFERENCES notify_outbox(id)
);
-- Due rows of a channel, for the dispatcher's claim.
CREATE INDEX notify_outbox_due ON notify_outbox(channel, state, next_attempt_at);
-- A person's SMS rows, for the rate limit, and SSE rows, for the Last-Event-ID replay.
CREATE INDEX notify_outbox_recipient ON notify_outbox(recipient_id, channel, id);
CREATE INDEX notify_outbox_alert ON notify_outbox(alert_id);
CREATE INDEX notify_outbox_created ON notify_outbox(created_at);
