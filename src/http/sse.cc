#include "http/sse.h"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <boost/json/serialize.hpp>
#include <unordered_map>

namespace mingjing::http {

namespace detail {

struct SseHubState {
  explicit SseHubState(SseHubOptions hub_options) : options(hub_options) {}

  SseHubOptions options;
  mutable std::mutex mutex;
  std::unordered_map<std::string, std::vector<std::weak_ptr<EventStream>>> by_key;
  std::vector<std::weak_ptr<EventStream>> all;

  // Adds `stream` unless `limit_key` already has `max_streams` live streams; checking and
  // adding under one lock keeps two simultaneous requests from both taking the last slot.
  bool AddWithin(const std::shared_ptr<EventStream>& stream, const std::string& limit_key,
                 size_t max_streams) {
    std::lock_guard lock(mutex);
    if (!limit_key.empty() && CountLocked(limit_key) >= max_streams) return false;
    for (const std::string& key : stream->keys()) by_key[key].push_back(stream);
    all.push_back(stream);
    return true;
  }

  size_t CountLocked(const std::string& key) const {
    auto it = by_key.find(key);
    if (it == by_key.end()) return 0;
    return std::count_if(it->second.begin(), it->second.end(),
                         [](const auto& weak) { return !weak.expired(); });
  }

  // Called from ~EventStream, when the weak pointers to `stream` have already expired.
  void Remove(const std::vector<std::string>& keys) {
    auto expired = [](const std::weak_ptr<EventStream>& weak) { return weak.expired(); };
    std::lock_guard lock(mutex);
    for (const std::string& key : keys) {
      auto it = by_key.find(key);
      if (it == by_key.end()) continue;
      std::erase_if(it->second, expired);
      if (it->second.empty()) by_key.erase(it);
    }
    std::erase_if(all, expired);
  }
};

}  // namespace detail

namespace {

void AppendField(std::string& out, std::string_view name, std::string_view value) {
  out += name;
  out += ": ";
  for (char c : value) {
    if (c != '\r' && c != '\n') out += c;
  }
  out += '\n';
}

}  // namespace

std::string FormatSseEvent(const SseEvent& event) {
  std::string out;
  out.reserve(event.data.size() + event.name.size() + event.id.size() + 24);
  if (!event.id.empty()) AppendField(out, "id", event.id);
  if (!event.name.empty()) AppendField(out, "event", event.name);

  // A data value with line breaks becomes one "data:" line per line, as the format requires.
  std::string_view data = event.data;
  while (true) {
    size_t end = data.find('\n');
    std::string_view line = data.substr(0, end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out += "data: ";
    out += line;
    out += '\n';
    if (end == std::string_view::npos) break;
    data.remove_prefix(end + 1);
  }
  out += '\n';
  return out;
}

EventStream::EventStream(std::shared_ptr<detail::SseHubState> hub, std::vector<std::string> keys)
    : hub_(std::move(hub)),
      keys_(std::move(keys)),
      heartbeat_interval_(hub_->options.heartbeat_interval),
      max_queued_(hub_->options.max_queued_events) {}

EventStream::~EventStream() { hub_->Remove(keys_); }

void EventStream::Push(std::shared_ptr<const std::string> frame) {
  std::lock_guard lock(mutex_);
  if (closed_ || overflowed_) return;
  if (queue_.size() >= max_queued_) {
    overflowed_ = true;
    queue_.clear();
    WakeLocked(true);
    return;
  }
  queue_.push_back(std::move(frame));
  WakeLocked(false);
}

void EventStream::Prepend(std::vector<std::shared_ptr<const std::string>> frames) {
  std::lock_guard lock(mutex_);
  queue_.insert(queue_.begin(), std::make_move_iterator(frames.begin()),
                std::make_move_iterator(frames.end()));
  WakeLocked(false);
}

void EventStream::Close() {
  std::lock_guard lock(mutex_);
  closed_ = true;
  WakeLocked(true);
}

void EventStream::Attach(boost::asio::any_io_executor executor,
                         std::function<void(bool abort)> wake) {
  std::lock_guard lock(mutex_);
  executor_ = std::move(executor);
  wake_ = std::make_shared<std::function<void(bool)>>(std::move(wake));
  wake_pending_ = false;
}

void EventStream::Detach() {
  std::lock_guard lock(mutex_);
  wake_.reset();
  executor_ = {};
}

bool EventStream::TakeFrames(std::vector<std::shared_ptr<const std::string>>& out) {
  std::lock_guard lock(mutex_);
  wake_pending_ = false;
  if (closed_ || overflowed_) return false;
  out.insert(out.end(), std::make_move_iterator(queue_.begin()),
             std::make_move_iterator(queue_.end()));
  queue_.clear();
  return true;
}

void EventStream::WakeLocked(bool abort) {
  if (!wake_ || (wake_pending_ && !abort)) return;
  wake_pending_ = true;

  // The wake function touches the connection's timer and socket, which belong to its executor;
  // it runs there, and only while the connection is still attached.
  boost::asio::post(executor_, [self = shared_from_this(), abort] {
    std::shared_ptr<std::function<void(bool)>> wake;
    {
      std::lock_guard lock(self->mutex_);
      wake = self->wake_;
    }
    if (wake) (*wake)(abort);
  });
}

SseHub::SseHub(SseHubOptions options) : state_(std::make_shared<detail::SseHubState>(options)) {}

SseHub::~SseHub() { CloseAll(); }

void SseHub::Publish(std::string_view key, std::string_view event, const boost::json::value& data,
                     std::string_view id) {
  Publish(std::vector<std::string>{std::string(key)}, event, data, id);
}

void SseHub::Publish(const std::vector<std::string>& keys, std::string_view event,
                     const boost::json::value& data, std::string_view id) {
  auto frame = std::make_shared<const std::string>(
      FormatSseEvent(SseEvent{std::string(event), boost::json::serialize(data), std::string(id)}));

  std::vector<std::shared_ptr<EventStream>> targets;
  {
    std::lock_guard lock(state_->mutex);
    for (const std::string& key : keys) {
      auto it = state_->by_key.find(key);
      if (it == state_->by_key.end()) continue;
      for (const auto& weak : it->second) {
        auto stream = weak.lock();
        if (stream && std::find(targets.begin(), targets.end(), stream) == targets.end()) {
          targets.push_back(std::move(stream));
        }
      }
    }
  }
  // Pushing outside the hub lock keeps a slow subscriber lock from delaying other publishers.
  for (const auto& stream : targets) stream->Push(frame);
}

void SseHub::CloseAll() {
  std::vector<std::shared_ptr<EventStream>> streams;
  {
    std::lock_guard lock(state_->mutex);
    for (const auto& weak : state_->all) {
      if (auto stream = weak.lock()) streams.push_back(std::move(stream));
    }
  }
  for (const auto& stream : streams) stream->Close();
}

size_t SseHub::subscriber_count() const {
  std::lock_guard lock(state_->mutex);
  return std::count_if(state_->all.begin(), state_->all.end(),
                       [](const auto& weak) { return !weak.expired(); });
}

size_t SseHub::subscriber_count(std::string_view key) const {
  std::lock_guard lock(state_->mutex);
  return state_->CountLocked(std::string(key));
}

const SseHubOptions& SseHub::options() const { return state_->options; }

Response StartEventStream(SseHub& hub, const Request& request, std::vector<std::string> keys,
                          SseReplay replay, const SseStreamLimit& limit) {
  auto stream = std::make_shared<EventStream>(hub.state_, std::move(keys));
  if (!hub.state_->AddWithin(stream, limit.key, limit.max_streams)) {
    return ErrorResponse(Error{ErrorCode::kRateLimited, limit.message, {}});
  }

  std::string_view last_event_id = request.Header("Last-Event-ID");
  if (replay && !last_event_id.empty()) {
    std::vector<std::shared_ptr<const std::string>> frames;
    for (const SseEvent& event : replay(last_event_id)) {
      frames.push_back(std::make_shared<const std::string>(FormatSseEvent(event)));
    }
    stream->Prepend(std::move(frames));
  }

  Response response(boost::beast::http::status::ok);
  response.SetHeader(boost::beast::http::field::content_type, "text/event-stream; charset=utf-8");
  response.SetHeader(boost::beast::http::field::cache_control, "no-cache");
  // Tells nginx not to buffer the stream.
  response.SetHeader("X-Accel-Buffering", "no");
  response.event_stream = std::move(stream);
  return response;
}

}  // namespace mingjing::http
