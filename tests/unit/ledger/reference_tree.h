// The eight-leaf reference tree of the RFC 6962 test vectors, shared by the ledger tests.
#pragma once

#include <vector>

#include "crypto/encoding.h"
#include "ledger/hasher.h"

namespace mingjing::ledger::testing {

// Leaf inputs of the reference tree, in hex.
inline const char* const kReferenceLeafHex[] = {
    "",
    "00",
    "10",
    "2021",
    "3031",
    "40414243",
    "5051525354555657",
    "606162636465666768696a6b6c6d6e6f",
};

// Returns the leaf hashes of the first `count` reference leaves.
inline std::vector<Bytes> ReferenceLeafHashes(const Hasher& hasher, std::size_t count = 8) {
  std::vector<Bytes> hashes;
  for (std::size_t i = 0; i < count; ++i) {
    hashes.push_back(hasher.HashLeaf(crypto::HexDecode(kReferenceLeafHex[i]).value()));
  }
  return hashes;
}

// Returns the leaf hashes of `count` synthetic entries "entry 0", "entry 1", ...
inline std::vector<Bytes> SyntheticLeafHashes(const Hasher& hasher, std::size_t count) {
  std::vector<Bytes> hashes;
  for (std::size_t i = 0; i < count; ++i) {
    hashes.push_back(hasher.HashLeaf("entry " + std::to_string(i)));
  }
  return hashes;
}

}  // namespace mingjing::ledger::testing
