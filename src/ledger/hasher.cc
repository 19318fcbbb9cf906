#include "ledger/hasher.h"

namespace mingjing::ledger {
namespace {

constexpr char kLeafPrefix = 0x00;
constexpr char kNodePrefix = 0x01;

}  // namespace

Bytes DigestHasher::HashLeaf(std::string_view data) const {
  crypto::Digest digest(algorithm_);
  digest.Update(std::string_view(&kLeafPrefix, 1)).Update(data);
  return digest.Finish();
}

Bytes DigestHasher::HashChildren(std::string_view left, std::string_view right) const {
  crypto::Digest digest(algorithm_);
  digest.Update(std::string_view(&kNodePrefix, 1)).Update(left).Update(right);
  return digest.Finish();
}

Bytes DigestHasher::EmptyRoot() const { return crypto::ComputeDigest(algorithm_, ""); }

std::size_t DigestHasher::Size() const { return crypto::DigestSize(algorithm_); }

}  // namespace mingjing::ledger
