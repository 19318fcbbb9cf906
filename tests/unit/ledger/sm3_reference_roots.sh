#!/bin/bash
# Prints the Merkle roots of the reference tree for sizes 0 to 8 and its leaf hashes, using only
# the openssl command line and the RFC 9162 tree split, independently of the C++ code. This is
# how the SM3 roots frozen in merkle_tree_test.cc were made; run with DIGEST=sha256 to see it
# reproduce the published SHA-256 roots.
set -euo pipefail
digest="-${DIGEST:-sm3}"
inputs=("" "00" "10" "2021" "3031" "40414243" "5051525354555657" "606162636465666768696a6b6c6d6e6f")

hash_hex() { xxd -r -p | openssl dgst "$digest" -binary | xxd -p -c 64; }
leaf() { printf '00%s' "$1" | hash_hex; }
node() { printf '01%s%s' "$1" "$2" | hash_hex; }

leaves=()
for input in "${inputs[@]}"; do leaves+=("$(leaf "$input")"); done

# Root of leaves [start, end): split at the largest power of two smaller than the count.
root() {
  local start=$1 end=$2 count=$(($2 - $1)) k=1
  if ((count == 1)); then
    echo "${leaves[$start]}"
    return
  fi
  while ((k * 2 < count)); do k=$((k * 2)); done
  node "$(root "$start" $((start + k)))" "$(root $((start + k)) "$end")"
}

echo "0 $(printf '' | openssl dgst "$digest" -binary | xxd -p -c 64)"
for size in 1 2 3 4 5 6 7 8; do echo "$size $(root 0 "$size")"; done
echo "leaves:"
printf '%s\n' "${leaves[@]}"
