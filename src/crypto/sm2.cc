#include "crypto/sm2.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/pem.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include "crypto/internal.h"

namespace mingjing::crypto {
namespace {

using BioPointer = std::unique_ptr<BIO, decltype(&BIO_free)>;
using MdContextPointer = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

internal::PkeyPointer WrapKey(EVP_PKEY* key) { return internal::PkeyPointer(key, EVP_PKEY_free); }

BioPointer ReadOnlyBio(std::string_view text) {
  BioPointer bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())), &BIO_free);
  if (!bio) internal::ThrowOpenSslError("BIO_new_mem_buf");
  return bio;
}

std::string DrainBio(BIO* bio) {
  char* data = nullptr;
  long length = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<size_t>(length));
}

// Sets the SM2 signer ID on a digest-sign or digest-verify operation. It must happen after the
// Init call: OpenSSL 3.0 rejects an ID passed to EVP_DigestSignInit_ex itself, because its SM2
// provider only accepts one once the init has armed the Z_A computation.
void SetSignerId(EVP_PKEY_CTX* context, std::string_view id) {
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_DIST_ID, const_cast<char*>(id.data()),
                                        id.size()),
      OSSL_PARAM_construct_end(),
  };
  if (EVP_PKEY_CTX_set_params(context, params) != 1) {
    internal::ThrowOpenSslError("EVP_PKEY_CTX_set_params(SM2 distid)");
  }
}

Error FileError(const std::filesystem::path& path, std::string_view action, int error_number) {
  return Error::InvalidField(
      "private_key_file", fmt::format("failed to {} private key file {}: {}", action, path.string(),
                                      std::strerror(error_number)));
}

// Writes all of `text` to `fd`, retrying short writes and interrupted calls.
bool WriteAll(int fd, std::string_view text) {
  while (!text.empty()) {
    ssize_t written = ::write(fd, text.data(), text.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    text.remove_prefix(static_cast<size_t>(written));
  }
  return true;
}

// Flushes the folder entry of a new file, so the file survives a power cut once this returns.
void SyncFolder(const std::filesystem::path& folder) {
  int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

// ---- Sm2PublicKey ----

Result<Sm2PublicKey> Sm2PublicKey::FromPem(std::string_view pem) {
  BioPointer bio = ReadOnlyBio(pem);
  EVP_PKEY* key = PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr);
  if (key == nullptr) {
    return Error::InvalidField("public_key",
                               "invalid public key: expected a PEM \"PUBLIC KEY\" "
                               "block (" +
                                   internal::OpenSslErrorText() + ")");
  }
  internal::PkeyPointer owned = WrapKey(key);
  if (!EVP_PKEY_is_a(key, "SM2")) {
    return Error::InvalidField("public_key", "invalid public key: expected an SM2 key, got " +
                                                 std::string(EVP_PKEY_get0_type_name(key)));
  }
  return Sm2PublicKey(std::move(owned));
}

std::string Sm2PublicKey::ToPem() const {
  BioPointer bio(BIO_new(BIO_s_mem()), &BIO_free);
  if (!bio || PEM_write_bio_PUBKEY(bio.get(), key_.get()) != 1) {
    internal::ThrowOpenSslError("PEM_write_bio_PUBKEY");
  }
  return DrainBio(bio.get());
}

bool Sm2PublicKey::Verify(std::string_view message, std::string_view signature,
                          std::string_view id) const {
  MdContextPointer context(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  if (!context) internal::ThrowOpenSslError("EVP_MD_CTX_new");

  EVP_PKEY_CTX* key_context = nullptr;  // owned by `context`
  if (EVP_DigestVerifyInit_ex(context.get(), &key_context, "SM3", nullptr, nullptr, key_.get(),
                              nullptr) != 1) {
    internal::ThrowOpenSslError("EVP_DigestVerifyInit_ex(SM2)");
  }
  SetSignerId(key_context, id);
  int result = EVP_DigestVerify(
      context.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
      reinterpret_cast<const unsigned char*>(message.data()), message.size());

  // A malformed signature leaves a decoding error in OpenSSL's queue; it must not leak into the
  // next caller's error report.
  if (result != 1) internal::OpenSslErrorText();
  return result == 1;
}

// ---- Sm2PrivateKey ----

Sm2PrivateKey Sm2PrivateKey::Generate() {
  EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "SM2");
  if (key == nullptr) internal::ThrowOpenSslError("EVP_PKEY_Q_keygen(SM2)");
  return Sm2PrivateKey(WrapKey(key));
}

Result<Sm2PrivateKey> Sm2PrivateKey::FromPem(std::string_view pem) {
  BioPointer bio = ReadOnlyBio(pem);
  // An empty passphrase callback makes OpenSSL fail on an encrypted key instead of prompting on
  // the terminal.
  pem_password_cb* no_passphrase = [](char*, int, int, void*) { return 0; };
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio.get(), nullptr, no_passphrase, nullptr);
  if (key == nullptr) {
    return Error::InvalidField("private_key",
                               "invalid private key: expected an unencrypted PEM \"PRIVATE KEY\" "
                               "block (" +
                                   internal::OpenSslErrorText() + ")");
  }
  internal::PkeyPointer owned = WrapKey(key);
  if (!EVP_PKEY_is_a(key, "SM2")) {
    return Error::InvalidField("private_key", "invalid private key: expected an SM2 key, got " +
                                                  std::string(EVP_PKEY_get0_type_name(key)));
  }
  return Sm2PrivateKey(std::move(owned));
}

Result<Sm2PrivateKey> Sm2PrivateKey::LoadFromFile(const std::filesystem::path& path) {
  // Open first and inspect the open file, so the checks and the read see the same file even if
  // the path is swapped in between. Symbolic links are followed, as secret mounts use them, and
  // the mode checked is that of the file they lead to.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return FileError(path, "open", errno);

  struct stat status {};
  if (::fstat(fd, &status) != 0) {
    int error_number = errno;
    ::close(fd);
    return FileError(path, "inspect", error_number);
  }
  if (!S_ISREG(status.st_mode)) {
    ::close(fd);
    return Error::InvalidField(
        "private_key_file",
        fmt::format("private key file {} is not a regular file", path.string()));
  }
  if ((status.st_mode & 077) != 0) {
    ::close(fd);
    return Error::Forbidden(fmt::format(
        "private key file {} has mode {:04o}, so users other than its owner can open it; run "
        "'chmod 600 {}' and consider the key exposed if others could have read it",
        path.string(), status.st_mode & 07777, path.string()));
  }

  std::string pem;
  char buffer[4096];
  for (;;) {
    ssize_t count = ::read(fd, buffer, sizeof(buffer));
    if (count < 0 && errno == EINTR) continue;
    if (count < 0) {
      int error_number = errno;
      ::close(fd);
      return FileError(path, "read", error_number);
    }
    if (count == 0) break;
    pem.append(buffer, static_cast<size_t>(count));
  }
  ::close(fd);

  auto key = FromPem(pem);
  OPENSSL_cleanse(pem.data(), pem.size());
  if (!key) {
    return Error::InvalidField("private_key_file", fmt::format("private key file {}: {}",
                                                               path.string(), key.error().message));
  }
  return key;
}

std::string Sm2PrivateKey::ToPem() const {
  BioPointer bio(BIO_new(BIO_s_mem()), &BIO_free);
  if (!bio ||
      PEM_write_bio_PrivateKey(bio.get(), key_.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    internal::ThrowOpenSslError("PEM_write_bio_PrivateKey");
  }
  return DrainBio(bio.get());
}

Result<void> Sm2PrivateKey::SaveToFile(const std::filesystem::path& path) const {
  std::filesystem::path folder = path.parent_path();
  std::string temporary = (folder / (path.filename().string() + ".XXXXXX")).string();

  // mkstemp creates the file with mode 0600 and O_EXCL, so no one else can open it meanwhile.
  int fd = ::mkstemp(temporary.data());
  if (fd < 0) return FileError(path, "create a temporary file beside", errno);
  ::fchmod(fd, 0600);

  std::string pem = ToPem();
  bool written = WriteAll(fd, pem) && ::fsync(fd) == 0;
  int error_number = errno;
  OPENSSL_cleanse(pem.data(), pem.size());
  ::close(fd);
  if (!written) {
    ::unlink(temporary.c_str());
    return FileError(path, "write", error_number);
  }

  // link() fails with EEXIST instead of replacing an existing file, unlike rename().
  if (::link(temporary.c_str(), path.c_str()) != 0) {
    error_number = errno;
    ::unlink(temporary.c_str());
    if (error_number == EEXIST) {
      return Error::Conflict(fmt::format(
          "private key file {} already exists; move it away first if it should be replaced",
          path.string()));
    }
    return FileError(path, "create", error_number);
  }
  ::unlink(temporary.c_str());
  SyncFolder(folder);
  return {};
}

Sm2PublicKey Sm2PrivateKey::PublicKey() const {
  // Exporting the public half through the SubjectPublicKeyInfo encoding yields an independent
  // key object without private material.
  BioPointer bio(BIO_new(BIO_s_mem()), &BIO_free);
  if (!bio || i2d_PUBKEY_bio(bio.get(), key_.get()) != 1) {
    internal::ThrowOpenSslError("i2d_PUBKEY_bio");
  }
  EVP_PKEY* public_key = d2i_PUBKEY_bio(bio.get(), nullptr);
  if (public_key == nullptr) internal::ThrowOpenSslError("d2i_PUBKEY_bio");
  return Sm2PublicKey(WrapKey(public_key));
}

Bytes Sm2PrivateKey::Sign(std::string_view message, std::string_view id) const {
  MdContextPointer context(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  if (!context) internal::ThrowOpenSslError("EVP_MD_CTX_new");

  EVP_PKEY_CTX* key_context = nullptr;  // owned by `context`
  if (EVP_DigestSignInit_ex(context.get(), &key_context, "SM3", nullptr, nullptr, key_.get(),
                            nullptr) != 1) {
    internal::ThrowOpenSslError("EVP_DigestSignInit_ex(SM2)");
  }
  SetSignerId(key_context, id);

  const auto* data = reinterpret_cast<const unsigned char*>(message.data());
  size_t length = 0;
  if (EVP_DigestSign(context.get(), nullptr, &length, data, message.size()) != 1) {
    internal::ThrowOpenSslError("EVP_DigestSign(SM2, size)");
  }
  Bytes signature(length, '\0');
  if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                     data, message.size()) != 1) {
    internal::ThrowOpenSslError("EVP_DigestSign(SM2)");
  }
  signature.resize(length);
  return signature;
}

}  // namespace mingjing::crypto
