#include "http/request.h"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>
#include <random>

namespace mingjing::http {

Request::Request(BeastRequest message, std::string remote_address)
    : message_(std::move(message)),
      remote_address_(std::move(remote_address)),
      request_id_(NewRequestId()),
      start_time_(std::chrono::steady_clock::now()) {
  auto url = boost::urls::parse_origin_form(message_.target());
  if (!url) return;

  // Decoding each segment on its own keeps "%2F" inside its segment instead of splitting it.
  for (auto segment : url->segments()) {
    if (segment.find('\0') != std::string::npos) return;
    segments_.push_back(std::move(segment));
  }
  path_ = url->path();
  if (path_.find('\0') != std::string::npos) return;
  valid_ = true;
}

std::string_view Request::raw_path() const {
  std::string_view target = message_.target();
  return target.substr(0, target.find('?'));
}

const std::vector<std::pair<std::string, std::string>>& Request::query() const {
  if (query_) return *query_;

  query_.emplace();
  if (!valid_) return *query_;
  auto url = boost::urls::parse_origin_form(message_.target());
  for (auto param : url->params()) {
    query_->emplace_back(std::move(param.key), std::move(param.value));
  }
  return *query_;
}

std::optional<std::string_view> Request::Query(std::string_view name) const {
  for (const auto& [key, value] : query()) {
    if (key == name) return value;
  }
  return std::nullopt;
}

std::string_view Request::PathParam(std::string_view name) const {
  for (const auto& [key, value] : path_params_) {
    if (key == name) return value;
  }
  return {};
}

std::string NewRequestId() {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";

  uint64_t bits = generator();
  std::string id(16, '0');
  for (int i = 15; i >= 0; --i) {
    id[i] = kHex[bits & 0xf];
    bits >>= 4;
  }
  return id;
}

}  // namespace mingjing::http
