-- Tenders and bids pushed by e-bidding systems, with the submission metadata that collusion rules
-- compare, and the flags those rules raised. Times are Unix seconds (UTC); money is in fen. A
-- tender is keyed by the sending system and its own tender number.
CREATE TABLE procurement_tenders (
  id @ID@,
  sender_system TEXT NOT NULL,            -- api_keys.key_id of the e-bidding system
  tender_number TEXT NOT NULL,            -- the sender's tender number (招标编号)
  title TEXT NOT NULL DEFAULT '',
  division_code TEXT NOT NULL,
  buyer_id TEXT NOT NULL DEFAULT '',      -- unified social credit code of the tenderee (招标人)
  estimate_fen BIGINT NOT NULL DEFAULT 0, -- control price (最高投标限价), 0 when unknown
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (sender_system, tender_number)
);
CREATE INDEX procurement_tenders_division ON procurement_tenders(division_code);

-- One row per bid. Empty text means the sender did not report the field. The document text is
-- never stored: `document_signature` is its MinHash signature (hex), from which similarity is
-- estimated. `content_hash` (hex SM3 of the canonical bid JSON) separates a resend from a change.
CREATE TABLE procurement_bids (
  id @ID@,
  tender_id BIGINT NOT NULL REFERENCES procurement_tenders(id),
  bid_id TEXT NOT NULL,                   -- the sender's bid id, unique within the tender
  bidder_id TEXT NOT NULL,                -- unified social credit code (统一社会信用代码)
  bidder_name TEXT NOT NULL,
  price_fen BIGINT NOT NULL,
  submitted_at BIGINT NOT NULL DEFAULT 0,
  submission_ip TEXT NOT NULL DEFAULT '',
  mac_address TEXT NOT NULL DEFAULT '',   -- AA:BB:CC:DD:EE:FF
  cpu_serial TEXT NOT NULL DEFAULT '',
  disk_serial TEXT NOT NULL DEFAULT '',
  document_creator TEXT NOT NULL DEFAULT '',
  document_last_saver TEXT NOT NULL DEFAULT '',
  dongle_serial TEXT NOT NULL DEFAULT '', -- pricing-software lock (计价软件加密锁)
  bond_account TEXT NOT NULL DEFAULT '',  -- account that paid the bid bond (投标保证金)
  contact_phone TEXT NOT NULL DEFAULT '',
  contact_email TEXT NOT NULL DEFAULT '',
  contact_address TEXT NOT NULL DEFAULT '',
  document_signature TEXT NOT NULL DEFAULT '',
  content_hash TEXT NOT NULL,
  received_at BIGINT NOT NULL,
  UNIQUE (tender_id, bid_id)
);
CREATE INDEX procurement_bids_bidder ON procurement_bids(bidder_id);

-- The people a bid names: project manager (项目经理) and key staff, with the company that pays
-- their social insurance.
CREATE TABLE procurement_bid_staff (
  bid_row_id BIGINT NOT NULL REFERENCES procurement_bids(id),
  position INTEGER NOT NULL,              -- order in the bid
  role TEXT NOT NULL,
  name TEXT NOT NULL,
  person_id TEXT NOT NULL DEFAULT '',     -- registration certificate number or ID-number hash
  social_security_employer TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (bid_row_id, position)
);
CREATE INDEX procurement_bid_staff_person ON procurement_bid_staff(person_id);

-- Locality-sensitive hashing buckets of the document signatures: one row per bid and band. Bids
-- that share a (band, bucket) are candidates for similar documents, so a search reads only the
-- bids in its own buckets instead of the whole history.
CREATE TABLE procurement_bid_bands (
  band INTEGER NOT NULL,
  bucket BIGINT NOT NULL,
  bid_row_id BIGINT NOT NULL REFERENCES procurement_bids(id),
  PRIMARY KEY (band, bucket, bid_row_id)
);

-- Flags raised by the collusion rules, one per (tender, rule, subject). They are kept here
-- whether or not an alert was issued, and `alert_id` links the alert when one was.
CREATE TABLE procurement_flags (
  id @ID@,
  tender_id BIGINT NOT NULL REFERENCES procurement_tenders(id),
  rule_code TEXT NOT NULL,                -- "procurement.<rule>"
  level TEXT NOT NULL CHECK (level IN ('warning', 'yellow', 'red')),
  subject TEXT NOT NULL,                  -- the bids or person judged, e.g. "mac_address:b1,b2"
  evidence TEXT NOT NULL,                 -- JSON: the bids, fields and values that match
  alert_id BIGINT,
  detected_at BIGINT NOT NULL,
  UNIQUE (tender_id, rule_code, subject)
);
CREATE INDEX procurement_flags_tender ON procurement_flags(tender_id);
