#include "crypto/sm2.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace mingjing::crypto {
namespace {

namespace fs = std::filesystem;

// A fresh folder under the system temporary folder, removed with its contents at the end.
class TemporaryFolder {
 public:
  TemporaryFolder() {
    std::string pattern = (fs::temp_directory_path() / "mingjing-sm2-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~TemporaryFolder() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

fs::perms Permissions(const fs::path& path) { return fs::status(path).permissions(); }

TEST(Sm2, SignVerifyRoundTrip) {
  Sm2PrivateKey key = Sm2PrivateKey::Generate();
  Bytes signature = key.Sign("tree head 42");
  EXPECT_TRUE(key.PublicKey().Verify("tree head 42", signature));
}

TEST(Sm2, SignaturesDifferEachTime) {
  Sm2PrivateKey key = Sm2PrivateKey::Generate();
  Bytes first = key.Sign("same message");
  Bytes second = key.Sign("same message");
  EXPECT_NE(first, second);
  EXPECT_TRUE(key.PublicKey().Verify("same message", first));
  EXPECT_TRUE(key.PublicKey().Verify("same message", second));
}

TEST(Sm2, SignatureIsDerSequence) {
  Bytes signature = Sm2PrivateKey::Generate().Sign("message");
  ASSERT_GE(signature.size(), 8u);
  EXPECT_EQ(static_cast<unsigned char>(signature[0]), 0x30);  // SEQUENCE
  EXPECT_LE(signature.size(), 72u);  // two INTEGERs of at most 33 bytes each
}

TEST(Sm2, TamperedMessageFails) {
  Sm2PrivateKey key = Sm2PrivateKey::Generate();
  Bytes signature = key.Sign("pay 100 yuan");
  EXPECT_FALSE(key.PublicKey().Verify("pay 900 yuan", signature));
}

TEST(Sm2, TamperedSignatureFails) {
  Sm2PrivateKey key = Sm2PrivateKey::Generate();
  Bytes signature = key.Sign("message");
  signature[signature.size() - 1] ^= 0x01;
  EXPECT_FALSE(key.PublicKey().Verify("message", signature));
}

TEST(Sm2, MalformedSignatureFails) {
  Sm2PublicKey public_key = Sm2PrivateKey::Generate().PublicKey();
  EXPECT_FALSE(public_key.Verify("message", ""));
  EXPECT_FALSE(public_key.Verify("message", "not a DER signature"));
}

TEST(Sm2, WrongKeyFails) {
  Sm2PrivateKey signer = Sm2PrivateKey::Generate();
  Sm2PrivateKey other = Sm2PrivateKey::Generate();
  Bytes signature = signer.Sign("message");
  EXPECT_FALSE(other.PublicKey().Verify("message", signature));
}

TEST(Sm2, SignerIdIsBoundIntoSignature) {
  Sm2PrivateKey key = Sm2PrivateKey::Generate();
  Bytes signature = key.Sign("message", "alice@example");
  EXPECT_TRUE(key.PublicKey().Verify("message", signature, "alice@example"));
  EXPECT_FALSE(key.PublicKey().Verify("message", signature));
}

TEST(Sm2, PrivateKeyPemRoundTrip) {
  Sm2PrivateKey key = Sm2PrivateKey::Generate();
  std::string pem = key.ToPem();
  EXPECT_EQ(pem.rfind("-----BEGIN PRIVATE KEY-----", 0), 0u);

  auto loaded = Sm2PrivateKey::FromPem(pem);
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
  EXPECT_TRUE(key.PublicKey().Verify("message", loaded->Sign("message")));
}

TEST(Sm2, PublicKeyPemRoundTrip) {
  Sm2PrivateKey key = Sm2PrivateKey::Generate();
  std::string pem = key.PublicKey().ToPem();
  EXPECT_EQ(pem.rfind("-----BEGIN PUBLIC KEY-----", 0), 0u);

  auto loaded = Sm2PublicKey::FromPem(pem);
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
  EXPECT_TRUE(loaded->Verify("message", key.Sign("message")));
  EXPECT_EQ(loaded->ToPem(), pem);
}

TEST(Sm2, PublicPemHoldsNoPrivateKey) {
  Sm2PrivateKey key = Sm2PrivateKey::Generate();
  EXPECT_FALSE(Sm2PrivateKey::FromPem(key.PublicKey().ToPem()).has_value());
}

TEST(Sm2, RejectsGarbagePem) {
  auto private_key = Sm2PrivateKey::FromPem("not a key");
  ASSERT_FALSE(private_key.has_value());
  EXPECT_EQ(private_key.error().code, ErrorCode::kInvalidField);
  EXPECT_FALSE(Sm2PublicKey::FromPem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n")
                   .has_value());
}

// Returns a freshly generated NIST P-256 private key as PKCS#8 PEM: a valid EC key of the
// wrong curve.
std::string P256PrivateKeyPem() {
  EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  long length = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<size_t>(length));
  BIO_free(bio);
  EVP_PKEY_free(key);
  return pem;
}

TEST(Sm2, RejectsKeyOfOtherCurve) {
  auto key = Sm2PrivateKey::FromPem(P256PrivateKeyPem());
  ASSERT_FALSE(key.has_value());
  EXPECT_NE(key.error().message.find("SM2"), std::string::npos) << key.error().message;
}

TEST(Sm2File, SavedWithMode0600) {
  TemporaryFolder folder;
  fs::path path = folder.path() / "ledger-signing.pem";
  Sm2PrivateKey key = Sm2PrivateKey::Generate();

  ASSERT_TRUE(key.SaveToFile(path).has_value());
  EXPECT_EQ(Permissions(path), fs::perms::owner_read | fs::perms::owner_write);
}

TEST(Sm2File, SaveLeavesNoTemporaryFile) {
  TemporaryFolder folder;
  ASSERT_TRUE(Sm2PrivateKey::Generate().SaveToFile(folder.path() / "key.pem").has_value());
  int files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(folder.path())) ++files;
  EXPECT_EQ(files, 1);
}

TEST(Sm2File, SaveThenLoadRoundTrip) {
  TemporaryFolder folder;
  fs::path path = folder.path() / "key.pem";
  Sm2PrivateKey key = Sm2PrivateKey::Generate();
  ASSERT_TRUE(key.SaveToFile(path).has_value());

  auto loaded = Sm2PrivateKey::LoadFromFile(path);
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
  EXPECT_EQ(loaded->ToPem(), key.ToPem());
}

TEST(Sm2File, SaveRejectsExistingFile) {
  TemporaryFolder folder;
  fs::path path = folder.path() / "key.pem";
  Sm2PrivateKey first = Sm2PrivateKey::Generate();
  ASSERT_TRUE(first.SaveToFile(path).has_value());

  auto second = Sm2PrivateKey::Generate().SaveToFile(path);
  ASSERT_FALSE(second.has_value());
  EXPECT_EQ(second.error().code, ErrorCode::kConflict);
  EXPECT_EQ(Sm2PrivateKey::LoadFromFile(path)->ToPem(), first.ToPem());
}

TEST(Sm2File, LoadRejectsGroupReadableFile) {
  TemporaryFolder folder;
  fs::path path = folder.path() / "key.pem";
  ASSERT_TRUE(Sm2PrivateKey::Generate().SaveToFile(path).has_value());
  fs::permissions(path, fs::perms::group_read, fs::perm_options::add);

  auto loaded = Sm2PrivateKey::LoadFromFile(path);
  ASSERT_FALSE(loaded.has_value());
  EXPECT_EQ(loaded.error().code, ErrorCode::kForbidden);
  EXPECT_NE(loaded.error().message.find("chmod 600"), std::string::npos) << loaded.error().message;
}

TEST(Sm2File, LoadRejectsWorldReadableFile) {
  TemporaryFolder folder;
  fs::path path = folder.path() / "key.pem";
  ASSERT_TRUE(Sm2PrivateKey::Generate().SaveToFile(path).has_value());
  fs::permissions(path, fs::perms::others_read, fs::perm_options::add);

  EXPECT_EQ(Sm2PrivateKey::LoadFromFile(path).error().code, ErrorCode::kForbidden);
}

TEST(Sm2File, LoadFollowsSymbolicLink) {
  TemporaryFolder folder;
  fs::path target = folder.path() / "key.pem";
  fs::path link = folder.path() / "current.pem";
  ASSERT_TRUE(Sm2PrivateKey::Generate().SaveToFile(target).has_value());
  fs::create_symlink(target, link);
  EXPECT_TRUE(Sm2PrivateKey::LoadFromFile(link).has_value());

  fs::permissions(target, fs::perms::group_read, fs::perm_options::add);
  EXPECT_EQ(Sm2PrivateKey::LoadFromFile(link).error().code, ErrorCode::kForbidden);
}

TEST(Sm2File, LoadReportsMissingFile) {
  TemporaryFolder folder;
  auto loaded = Sm2PrivateKey::LoadFromFile(folder.path() / "absent.pem");
  ASSERT_FALSE(loaded.has_value());
  EXPECT_EQ(loaded.error().code, ErrorCode::kInvalidField);
  EXPECT_NE(loaded.error().message.find("absent.pem"), std::string::npos);
}

TEST(Sm2File, LoadRejectsFileWithoutKey) {
  TemporaryFolder folder;
  fs::path path = folder.path() / "empty.pem";
  std::ofstream(path) << "nothing here\n";
  fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write);

  auto loaded = Sm2PrivateKey::LoadFromFile(path);
  ASSERT_FALSE(loaded.has_value());
  EXPECT_EQ(loaded.error().code, ErrorCode::kInvalidField);
}

}  // namespace
}  // namespace mingjing::crypto
