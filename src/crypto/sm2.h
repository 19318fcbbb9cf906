// SM2 digital signatures (GB/T 32918.2-2016) with SM3 as the message digest, through OpenSSL 3's
// EVP_PKEY interface. Signatures are DER-encoded SEQUENCE { r INTEGER, s INTEGER }, the signature
// data format of GM/T 0009-2012 §7.3, so other SM2 implementations can verify them.
//
// Keys travel as PEM: PKCS#8 "PRIVATE KEY" and SubjectPublicKeyInfo "PUBLIC KEY".
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "common/error.h"
#include "crypto/encoding.h"

typedef struct evp_pkey_st EVP_PKEY;

namespace mingjing::crypto {

// The signer identity (ID_A) hashed into Z_A when no other is agreed: the default of GM/T
// 0009-2012 §10, which most SM2 implementations use.
inline constexpr std::string_view kSm2DefaultId = "1234567812345678";

namespace internal {
// Owns an OpenSSL key; the deleter (EVP_PKEY_free) is attached where the key is made.
using PkeyPointer = std::shared_ptr<EVP_PKEY>;
}  // namespace internal

// An SM2 public key. Cheap to copy; copies share one immutable OpenSSL key.
class Sm2PublicKey {
 public:
  // Parses a "PUBLIC KEY" PEM block. Rejects text that is not PEM and keys of other algorithms.
  static Result<Sm2PublicKey> FromPem(std::string_view pem);

  std::string ToPem() const;

  // Returns true when `signature` is this key's SM2 signature of `message` under signer `id`.
  // A malformed signature returns false, like a wrong one.
  bool Verify(std::string_view message, std::string_view signature,
              std::string_view id = kSm2DefaultId) const;

 private:
  friend class Sm2PrivateKey;
  explicit Sm2PublicKey(internal::PkeyPointer key) : key_(std::move(key)) {}

  internal::PkeyPointer key_;
};

// An SM2 private key. Cheap to copy; copies share one immutable OpenSSL key. The PEM text and
// files hold the key unencrypted, so files are written with mode 0600 and read only when no one
// but the owner can open them.
class Sm2PrivateKey {
 public:
  // Generates a fresh key pair from OpenSSL's CSPRNG.
  static Sm2PrivateKey Generate();

  // Parses an unencrypted "PRIVATE KEY" PEM block. Rejects keys of other algorithms.
  static Result<Sm2PrivateKey> FromPem(std::string_view pem);

  // Reads a key written by SaveToFile. Rejects with kForbidden a file that the group or others
  // may read or write (mode & 077 != 0), and with kInvalidField one that is not a regular file
  // or does not contain an SM2 private key.
  static Result<Sm2PrivateKey> LoadFromFile(const std::filesystem::path& path);

  // Returns the unencrypted PKCS#8 PEM text. Treat it as a secret.
  std::string ToPem() const;

  // Writes the PEM to `path` with mode 0600. The file appears complete or not at all: the key is
  // written to a temporary file in the same folder, flushed to disk, then linked to `path`.
  // Rejects with kConflict when `path` already exists, so a signing key is never replaced by
  // accident (signatures made with the old key could no longer be checked).
  Result<void> SaveToFile(const std::filesystem::path& path) const;

  Sm2PublicKey PublicKey() const;

  // Signs `message` with SM2 over SM3, under signer `id`. Each call yields a different signature
  // because SM2 uses a fresh random nonce.
  Bytes Sign(std::string_view message, std::string_view id = kSm2DefaultId) const;

 private:
  explicit Sm2PrivateKey(internal::PkeyPointer key) : key_(std::move(key)) {}

  internal::PkeyPointer key_;
};

}  // namespace mingjing::crypto
