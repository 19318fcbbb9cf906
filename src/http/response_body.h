// The Beast body type of every response: owned text, bytes shared with a cache, or an open file
// streamed in chunks. One type keeps the connection's write path to a single message type.
#pragma once

#include <boost/asio/buffer.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/file.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/optional.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mingjing::http {

struct ResponseBody {
  class value_type {
   public:
    void SetText(std::string text) {
      text_ = std::move(text);
      shared_.reset();
      file_size_ = 0;
      is_file_ = false;
    }
    void SetShared(std::shared_ptr<const std::string> bytes) {
      text_.clear();
      shared_ = std::move(bytes);
      is_file_ = false;
    }
    // Streams `size` bytes of an already opened file.
    void SetFile(boost::beast::file file, uint64_t size) {
      text_.clear();
      shared_.reset();
      file_ = std::move(file);
      file_size_ = size;
      is_file_ = true;
    }
    void Clear() { SetText({}); }

    // The in-memory bytes; empty for a file body.
    std::string_view text() const { return shared_ ? std::string_view(*shared_) : text_; }
    std::string& mutable_text() { return text_; }
    bool is_file() const { return is_file_; }
    uint64_t size() const { return is_file_ ? file_size_ : text().size(); }

   private:
    friend struct ResponseBody;
    std::string text_;
    std::shared_ptr<const std::string> shared_;
    boost::beast::file file_;
    uint64_t file_size_ = 0;
    bool is_file_ = false;
  };

  static uint64_t size(const value_type& body) { return body.size(); }

  // Serializes the body: memory in one buffer, files in chunks of kFileChunkBytes.
  class writer {
   public:
    using const_buffers_type = boost::asio::const_buffer;

    template <bool isRequest, class Fields>
    writer(const boost::beast::http::header<isRequest, Fields>&, value_type& body) : body_(body) {}

    void init(boost::beast::error_code& ec) {
      ec = {};
      remaining_ = body_.size();
      if (body_.is_file_) {
        body_.file_.seek(0, ec);
        chunk_.resize(remaining_ < kFileChunkBytes ? remaining_ : kFileChunkBytes);
      }
    }

    boost::optional<std::pair<const_buffers_type, bool>> get(boost::beast::error_code& ec) {
      ec = {};
      if (remaining_ == 0) return boost::none;
      if (!body_.is_file_) {
        std::string_view bytes = body_.text();
        remaining_ = 0;
        return {{const_buffers_type(bytes.data(), bytes.size()), false}};
      }
      size_t want = remaining_ < chunk_.size() ? remaining_ : chunk_.size();
      size_t got = body_.file_.read(chunk_.data(), want, ec);
      if (ec) return boost::none;
      if (got == 0) {
        // The file shrank after it was opened; the Content-Length can no longer be met.
        ec = boost::beast::http::error::partial_message;
        return boost::none;
      }
      remaining_ -= got;
      return {{const_buffers_type(chunk_.data(), got), remaining_ > 0}};
    }

   private:
    static constexpr size_t kFileChunkBytes = 64 * 1024;
    value_type& body_;
    uint64_t remaining_ = 0;
    std::vector<char> chunk_;
  };
};

}  // namespace mingjing::http
