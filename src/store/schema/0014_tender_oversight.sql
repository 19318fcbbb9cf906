-- The department that oversees a tender (行业监督部门, or the finance bureau for government
-- procurement), by its code in the tender's division. Procurement cards go to it, so that a
-- department can respond to and rectify them. Empty when the sender did not name one.
ALTER TABLE procurement_tenders ADD COLUMN oversight_department_code TEXT NOT NULL DEFAULT '';
