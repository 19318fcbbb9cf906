// The hash functions of an RFC 9162 §2.1.1 Merkle tree. Leaves and interior nodes hash with
// different one-byte prefixes, so no leaf can be passed off as an interior node (a second
// preimage attack):
//   leaf  = H(0x00 || data)
//   node  = H(0x01 || left || right)
//   empty = H("")   (the root of a tree with no leaves)
#pragma once

#include <cstddef>
#include <string_view>

#include "crypto/digest.h"
#include "crypto/encoding.h"

namespace mingjing::ledger {

using crypto::Bytes;

// The hasher of a Merkle tree. Implementations are stateless and safe to share between threads.
class Hasher {
 public:
  virtual ~Hasher() = default;

  // Hashes the data of one leaf (one ledger entry).
  virtual Bytes HashLeaf(std::string_view data) const = 0;

  // Hashes two child hashes into their parent.
  virtual Bytes HashChildren(std::string_view left, std::string_view right) const = 0;

  // Returns the root hash of the empty tree.
  virtual Bytes EmptyRoot() const = 0;

  // Output length in bytes of every hash above.
  virtual std::size_t Size() const = 0;

  // Lower-case algorithm name ("sm3", "sha256"), for storing beside tree heads.
  virtual std::string_view Name() const = 0;
};

// A Hasher over any digest of mingjing::crypto.
class DigestHasher : public Hasher {
 public:
  explicit DigestHasher(crypto::DigestAlgorithm algorithm) : algorithm_(algorithm) {}

  Bytes HashLeaf(std::string_view data) const override;
  Bytes HashChildren(std::string_view left, std::string_view right) const override;
  Bytes EmptyRoot() const override;
  std::size_t Size() const override;

 private:
  crypto::DigestAlgorithm algorithm_;
};

// SM3, the hasher of the Mingjing ledger.
class Sm3Hasher final : public DigestHasher {
 public:
  Sm3Hasher() : DigestHasher(crypto::DigestAlgorithm::kSm3) {}
  std::string_view Name() const override { return "sm3"; }
};

// SHA-256, the hasher of RFC 6962 Certificate Transparency logs and of their test vectors.
class Sha256Hasher final : public DigestHasher {
 public:
  Sha256Hasher() : DigestHasher(crypto::DigestAlgorithm::kSha256) {}
  std::string_view Name() const override { return "sha256"; }
};

}  // namespace mingjing::ledger
