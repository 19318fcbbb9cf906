-- Delivery reports (DLR) of SMS rows. Each send carries a fresh random token in the report URL
-- that Kannel calls back. Only the token's SM3 hash is stored, so a reader of the database
-- cannot forge a report. The delivery columns hold the latest report, except that a final one
-- (delivered, undelivered, rejected) is never replaced by an intermediate one.
ALTER TABLE notify_outbox ADD COLUMN report_token_hash TEXT NOT NULL DEFAULT '';
-- '', delivered, undelivered, buffered, submitted or rejected
ALTER TABLE notify_outbox ADD COLUMN delivery_status TEXT NOT NULL DEFAULT '';
-- Kannel's report type: 1, 2, 4, 8 or 16
ALTER TABLE notify_outbox ADD COLUMN delivery_code INTEGER NOT NULL DEFAULT 0;
-- the SMSC's reply, as Kannel passed it on
ALTER TABLE notify_outbox ADD COLUMN delivery_detail TEXT NOT NULL DEFAULT '';
ALTER TABLE notify_outbox ADD COLUMN delivery_reported_at BIGINT NOT NULL DEFAULT 0;
CREATE INDEX notify_outbox_report_token ON notify_outbox(report_token_hash)
  WHERE report_token_hash <> '';
