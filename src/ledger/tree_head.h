// Signed tree heads: the ledger's signed statement "after tree_size entries the Merkle root was
// root_hash, at this time". Anyone with the ledger's SM2 public key can check a head, and two
// heads are tied together by a consistency proof (merkle_tree.h).
#pragma once

#include <cstdint>
#include <string>

#include "common/error.h"
#include "crypto/sm2.h"
#include "ledger/hasher.h"

namespace mingjing::ledger {

struct SignedTreeHead {
  uint64_t tree_size = 0;
  Bytes root_hash;        // raw bytes, hasher.Size() long
  int64_t timestamp = 0;  // milliseconds since the Unix epoch, UTC
  Bytes signature;        // SM2 signature (DER) of TreeHeadSigningInput, default signer ID
};

// Serialises the signed fields (all but the signature) in the one canonical form that is signed
// and verified. Four lines, each ending in '\n', in ASCII:
//   mingjing-tree-head-v1
//   <tree_size in decimal>
//   <root_hash in lower-case hex>
//   <timestamp in decimal milliseconds>
// Text rather than binary, so an auditor can rebuild the input with printf and check the
// signature with the openssl command line. The first line keeps a tree head signature from being
// valid for any other message the same key signs.
std::string TreeHeadSigningInput(const SignedTreeHead& head);

// Returns a head over the given values, signed with the ledger key.
SignedTreeHead SignTreeHead(uint64_t tree_size, Bytes root_hash, int64_t timestamp,
                            const crypto::Sm2PrivateKey& key);

// Checks the signature of `head` under `key`. Fails with InvalidField("signature") when it is
// missing or does not match the other fields.
Result<void> VerifyTreeHead(const SignedTreeHead& head, const crypto::Sm2PublicKey& key);

}  // namespace mingjing::ledger
