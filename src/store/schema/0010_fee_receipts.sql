-- The receipt numbers (票据号) of the fees charged on each case: one row per current fee_charged
-- event, corrections applied and withdrawn events left out. The exchange rewrites a case's rows
-- whenever it recomputes the case. The fee rules find a receipt number used on another case with
-- one indexed lookup per receipt number instead of reading every fee event.
CREATE TABLE fee_receipts (
  event_row_id BIGINT PRIMARY KEY REFERENCES case_events(id),
  case_id BIGINT NOT NULL REFERENCES cases(id),
  receipt_number TEXT NOT NULL,           -- as sent, spaces at either end removed
  sender_system TEXT NOT NULL,            -- cases.sender_system
  -- the case's department: "id:<departments.id>", or "code:<department_code>" when the sender
  -- gave only a code, or '' when it gave neither
  department_key TEXT NOT NULL,
  occurred_at BIGINT NOT NULL
);
CREATE INDEX fee_receipts_number ON fee_receipts(receipt_number);
CREATE INDEX fee_receipts_case ON fee_receipts(case_id);
