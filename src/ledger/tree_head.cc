#include "ledger/tree_head.h"

#include <fmt/format.h>

namespace mingjing::ledger {

std::string TreeHeadSigningInput(const SignedTreeHead& head) {
  return fmt::format("mingjing-tree-head-v1\n{}\n{}\n{}\n", head.tree_size,
                     crypto::HexEncode(head.root_hash), head.timestamp);
}

SignedTreeHead SignTreeHead(uint64_t tree_size, Bytes root_hash, int64_t timestamp,
                            const crypto::Sm2PrivateKey& key) {
  SignedTreeHead head{tree_size, std::move(root_hash), timestamp, {}};
  head.signature = key.Sign(TreeHeadSigningInput(head));
  return head;
}

Result<void> VerifyTreeHead(const SignedTreeHead& head, const crypto::Sm2PublicKey& key) {
  if (head.signature.empty()) {
    return Error::InvalidField(
        "signature", fmt::format("the tree head of size {} has no signature", head.tree_size));
  }
  if (!key.Verify(TreeHeadSigningInput(head), head.signature)) {
    return Error::InvalidField(
        "signature", fmt::format("the signature of the tree head of size {} does not match its "
                                 "fields or was made with another key",
                                 head.tree_size));
  }
  return {};
}

}  // namespace mingjing::ledger
