// Counters, gauges and histograms rendered in the Prometheus text exposition format (version
// 0.0.4) at GET /metrics. The server registers its own; app/ registers those of other modules
// through Server::metrics(), since domain folders do not include http/.
//
//   auto& sent = server.metrics().GetCounter("mingjing_sms_sent_total", "SMS messages sent");
//   sent.Increment();
//   server.metrics().AddGaugeCallback("mingjing_outbox_pending", "Outbox rows not yet sent",
//                                     [&outbox] { return double(outbox.PendingCount()); });
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mingjing::http {

using MetricLabels = std::vector<std::pair<std::string, std::string>>;

class Counter {
 public:
  void Increment(uint64_t amount = 1) { value_.fetch_add(amount, std::memory_order_relaxed); }
  uint64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<uint64_t> value_{0};
};

class Gauge {
 public:
  void Set(double value) { value_.store(value, std::memory_order_relaxed); }
  void Add(double amount) { value_.fetch_add(amount, std::memory_order_relaxed); }
  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

class Histogram {
 public:
  // `bounds` are the upper bounds of the buckets, ascending; +Inf is implied.
  explicit Histogram(std::vector<double> bounds);

  void Observe(double value);

  const std::vector<double>& bounds() const { return bounds_; }
  // Count of observations <= bounds()[i]; i == bounds().size() gives the total count.
  uint64_t CumulativeCount(size_t i) const;
  double sum() const { return sum_.load(std::memory_order_relaxed); }

 private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<uint64_t>[]> counts_;  // per bucket, not cumulative; last is +Inf
  std::atomic<double> sum_{0};
};

// Upper bounds in seconds for request durations, from 1 ms to 10 s.
std::vector<double> DefaultDurationBounds();

class MetricsRegistry {
 public:
  MetricsRegistry() = default;
  MetricsRegistry(const MetricsRegistry&) = delete;
  MetricsRegistry& operator=(const MetricsRegistry&) = delete;

  // Each Get* returns the series of `name` and `labels`, creating it on first use; the reference
  // stays valid for the registry's lifetime, so keep it rather than looking it up per event.
  // Throws std::invalid_argument for a name or label that Prometheus rejects, or for a name
  // already registered with another type.
  Counter& GetCounter(std::string_view name, std::string_view help,
                      const MetricLabels& labels = {});
  Gauge& GetGauge(std::string_view name, std::string_view help, const MetricLabels& labels = {});
  Histogram& GetHistogram(std::string_view name, std::string_view help, std::vector<double> bounds,
                          const MetricLabels& labels = {});
  // A gauge whose value `read` computes at each scrape; `read` must be thread-safe and quick.
  void AddGaugeCallback(std::string_view name, std::string_view help, std::function<double()> read,
                        const MetricLabels& labels = {});

  // Every family in name order, in the text exposition format.
  std::string Render() const;

 private:
  enum class Type { kCounter, kGauge, kHistogram };
  struct Series {
    std::string labels;  // rendered, e.g. `method="GET",code="200"`, or empty
    std::unique_ptr<Counter> counter;
    std::unique_ptr<Gauge> gauge;
    std::unique_ptr<Histogram> histogram;
    std::function<double()> read;
  };
  struct Family {
    Type type;
    std::string help;
    std::map<std::string, Series> series;  // by rendered labels
  };

  Series& FindOrAdd(std::string_view name, std::string_view help, Type type,
                    const MetricLabels& labels);

  mutable std::mutex mutex_;
  std::map<std::string, Family, std::less<>> families_;
};

// Resident set size of this process in bytes, from /proc/self/statm; 0 when unreadable.
double ProcessResidentMemoryBytes();

}  // namespace mingjing::http
