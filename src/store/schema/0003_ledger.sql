-- The tamper-evident ledger: one row per state change, each a leaf of an RFC 9162 Merkle tree.
-- seq is the leaf index (0-based, no gaps). leaf_hash is the hash of the entry's canonical
-- form and root_after the tree root once the entry was appended, both hex.
CREATE TABLE ledger_entries (
  seq BIGINT PRIMARY KEY,
  recorded_at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL,
  object_type TEXT NOT NULL DEFAULT '',
  object_id TEXT NOT NULL DEFAULT '',
  division_code TEXT NOT NULL DEFAULT '',
  outcome TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '{}',
  leaf_hash TEXT NOT NULL,
  root_after TEXT NOT NULL
);
CREATE INDEX ledger_entries_object ON ledger_entries(object_type, object_id);
CREATE INDEX ledger_entries_recorded ON ledger_entries(recorded_at);

-- The append point: the tree size and the hashes of the perfect subtrees that make up the tree
-- (its compact range), so that an append costs O(log n). One row only; appenders lock it.
-- last_recorded_at keeps entry times non-decreasing even if the system clock steps back.
CREATE TABLE ledger_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  hash_algorithm TEXT NOT NULL,
  tree_size BIGINT NOT NULL,
  compact_range TEXT NOT NULL,
  last_recorded_at BIGINT NOT NULL
);
INSERT INTO ledger_state (id, hash_algorithm, tree_size, compact_range, last_recorded_at)
VALUES (1, 'sm3', 0, '[]', 0);

-- Signed tree heads: the root at a size, signed with the platform's SM2 key.
CREATE TABLE ledger_tree_heads (
  tree_size BIGINT PRIMARY KEY,
  root_hash TEXT NOT NULL,
  signed_at BIGINT NOT NULL,
  signature TEXT NOT NULL
);
