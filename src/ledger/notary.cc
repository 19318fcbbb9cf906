#include "ledger/notary.h"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "crypto/encoding.h"
#include "ledger/ledger_state.h"
#include "store/row.h"
#include "store/transaction.h"

namespace mingjing::ledger {
namespace {

constexpr const char* kPrivateKeyFile = "ledger-sm2.pem";
constexpr const char* kPublicKeyFile = "ledger-sm2.pub.pem";

}  // namespace

Result<crypto::Sm2PrivateKey> LoadOrCreateLedgerKey(const std::filesystem::path& dir) {
  auto path = dir / kPrivateKeyFile;
  if (std::filesystem::exists(path)) return crypto::Sm2PrivateKey::LoadFromFile(path);

  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  auto key = crypto::Sm2PrivateKey::Generate();
  if (auto saved = key.SaveToFile(path); !saved) return saved.error();
  std::ofstream pub(dir / kPublicKeyFile, std::ios::trunc);
  pub << key.PublicKey().ToPem();
  if (!pub) {
    return Error::Internal("cannot write " + (dir / kPublicKeyFile).string());
  }
  spdlog::info("created the ledger signing key {}", path.string());
  return key;
}

Result<crypto::Sm2PublicKey> LoadLedgerPublicKey(const std::filesystem::path& dir) {
  std::ifstream in(dir / kPublicKeyFile);
  if (!in) {
    return Error::NotFound("cannot read " + (dir / kPublicKeyFile).string() +
                           ": give the data folder that holds the ledger key");
  }
  std::stringstream pem;
  pem << in.rdbuf();
  return crypto::Sm2PublicKey::FromPem(pem.str());
}

Notary::Notary(store::Database& db, const Hasher& hasher, crypto::Sm2PrivateKey key,
               const Clock& clock, std::filesystem::path anchor_path)
    : db_(db),
      hasher_(hasher),
      key_(std::move(key)),
      clock_(clock),
      anchor_path_(std::move(anchor_path)) {}

std::filesystem::path TreeHeadAnchorPath(const std::filesystem::path& dir) {
  return dir / "ledger-heads.jsonl";
}

namespace {

void AppendToAnchor(const std::filesystem::path& path, const SignedTreeHead& head) {
  boost::json::object line{{"tree_size", head.tree_size},
                           {"root_hash", crypto::HexEncode(head.root_hash)},
                           {"timestamp_ms", head.timestamp},
                           {"signature", crypto::Base64Encode(head.signature)}};
  std::string text = boost::json::serialize(line) + "\n";
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
  if (fd < 0) {
    spdlog::error("cannot open the tree head anchor {}", path.string());
    return;
  }
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ok = ::fsync(fd) == 0 && ok;
  ::close(fd);
  if (!ok) spdlog::error("cannot write the tree head anchor {}", path.string());
}

}  // namespace

Result<std::vector<SignedTreeHead>> ReadTreeHeadAnchor(const std::filesystem::path& path) {
  std::vector<SignedTreeHead> heads;
  std::ifstream in(path);
  if (!in) return heads;
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty()) continue;
    boost::system::error_code ec;
    auto value = boost::json::parse(line, ec);
    auto damaged = Error{ErrorCode::kMalformed,
                         path.string() + " line " + std::to_string(line_no) + " is damaged",
                         {}};
    if (ec || !value.is_object()) return damaged;
    const auto& o = value.as_object();
    auto root = o.if_contains("root_hash");
    auto sig = o.if_contains("signature");
    auto size = o.if_contains("tree_size");
    auto ts = o.if_contains("timestamp_ms");
    if (!root || !sig || !size || !ts || !root->is_string() || !sig->is_string()) return damaged;
    SignedTreeHead head;
    boost::system::error_code conv;
    head.tree_size = size->to_number<uint64_t>(conv);
    head.timestamp = ts->to_number<int64_t>(conv);
    auto root_bytes = crypto::HexDecode(root->as_string());
    auto sig_bytes = crypto::Base64Decode(sig->as_string());
    if (conv || !root_bytes || !sig_bytes) return damaged;
    head.root_hash = *root_bytes;
    head.signature = *sig_bytes;
    heads.push_back(std::move(head));
  }
  return heads;
}

std::optional<SignedTreeHead> Notary::SignCurrentHead() {
  auto lease = db_.Acquire();
  store::WriteTransaction tx(lease);
  LedgerState state = LockLedgerState(*lease);

  long long latest = -1;
  soci::indicator ind;
  *lease << "SELECT MAX(tree_size) FROM ledger_tree_heads", soci::into(latest, ind);
  if (ind == soci::i_ok && latest >= state.tree_size) return std::nullopt;
  if (state.tree_size == 0) return std::nullopt;

  auto range = RestoreCompactRange(hasher_, state);
  auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(clock_.Now().time_since_epoch())
          .count();
  SignedTreeHead head = SignTreeHead(state.tree_size, range.RootHash(), millis, key_);

  long long size = state.tree_size;
  long long signed_at = head.timestamp;
  std::string root = crypto::HexEncode(head.root_hash);
  std::string signature = crypto::Base64Encode(head.signature);
  *lease << "INSERT INTO ledger_tree_heads (tree_size, root_hash, signed_at, signature) "
            "VALUES (:n, :r, :t, :s)",
      soci::use(size), soci::use(root), soci::use(signed_at), soci::use(signature);
  tx.Commit();
  if (!anchor_path_.empty()) AppendToAnchor(anchor_path_, head);
  return head;
}

std::optional<SignedTreeHead> LatestTreeHead(store::Database& db) {
  auto lease = db.Acquire();
  soci::rowset<soci::row> rows =
      (lease->prepare << "SELECT tree_size, root_hash, signed_at, signature FROM "
                         "ledger_tree_heads ORDER BY tree_size DESC LIMIT 1");
  for (const soci::row& r : rows) {
    SignedTreeHead head;
    head.tree_size = static_cast<uint64_t>(store::Int64(r, 0));
    head.root_hash = ValueOr<std::string>(crypto::HexDecode(store::Text(r, 1)), "");
    head.timestamp = store::Int64(r, 2);
    head.signature = ValueOr<std::string>(crypto::Base64Decode(store::Text(r, 3)), "");
    return head;
  }
  return std::nullopt;
}

}  // namespace mingjing::ledger
