#include "http/metrics.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <stdexcept>

namespace mingjing::http {

namespace {

bool IsValidName(std::string_view name, bool allow_colon) {
  if (name.empty()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    bool digit = c >= '0' && c <= '9';
    if (!(letter || (allow_colon && c == ':') || (digit && i > 0))) return false;
  }
  return true;
}

void AppendEscaped(std::string& out, std::string_view text, bool escape_quotes) {
  for (char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '"' && escape_quotes) {
      out += "\\\"";
    } else {
      out += c;
    }
  }
}

std::string RenderLabels(const MetricLabels& labels) {
  std::string out;
  for (const auto& [key, value] : labels) {
    if (!IsValidName(key, false) || key.starts_with("__")) {
      throw std::invalid_argument(fmt::format("invalid metric label name '{}'", key));
    }
    if (!out.empty()) out += ',';
    out += key;
    out += "=\"";
    AppendEscaped(out, value, true);
    out += '"';
  }
  return out;
}

std::string FormatNumber(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  return fmt::format("{}", value);
}

// One sample line: name{labels,extra} value
void AppendSample(std::string& out, std::string_view name, std::string_view labels,
                  std::string_view extra_label, std::string_view value) {
  out += name;
  if (!labels.empty() || !extra_label.empty()) {
    out += '{';
    out += labels;
    if (!labels.empty() && !extra_label.empty()) out += ',';
    out += extra_label;
    out += '}';
  }
  out += ' ';
  out += value;
  out += '\n';
}

}  // namespace

Histogram::Histogram(std::vector<double> bounds)
    : bounds_(std::move(bounds)),
      counts_(std::make_unique<std::atomic<uint64_t>[]>(bounds_.size() + 1)) {
  if (!std::is_sorted(bounds_.begin(), bounds_.end())) {
    throw std::invalid_argument("histogram bucket bounds must be ascending");
  }
}

void Histogram::Observe(double value) {
  size_t bucket = std::lower_bound(bounds_.begin(), bounds_.end(), value) - bounds_.begin();
  counts_[bucket].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(value, std::memory_order_relaxed);
}

uint64_t Histogram::CumulativeCount(size_t i) const {
  uint64_t total = 0;
  for (size_t b = 0; b <= i && b <= bounds_.size(); ++b) {
    total += counts_[b].load(std::memory_order_relaxed);
  }
  return total;
}

std::vector<double> DefaultDurationBounds() {
  return {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

MetricsRegistry::Series& MetricsRegistry::FindOrAdd(std::string_view name, std::string_view help,
                                                    Type type, const MetricLabels& labels) {
  if (!IsValidName(name, true)) {
    throw std::invalid_argument(fmt::format("invalid metric name '{}'", name));
  }
  std::string rendered = RenderLabels(labels);

  auto family = families_.find(name);
  if (family == families_.end()) {
    family = families_.emplace(std::string(name), Family{type, std::string(help), {}}).first;
  } else if (family->second.type != type) {
    throw std::invalid_argument(
        fmt::format("metric '{}' is already registered with another type", name));
  }
  auto [series, added] = family->second.series.try_emplace(rendered);
  if (added) series->second.labels = std::move(rendered);
  return series->second;
}

Counter& MetricsRegistry::GetCounter(std::string_view name, std::string_view help,
                                     const MetricLabels& labels) {
  std::lock_guard lock(mutex_);
  Series& series = FindOrAdd(name, help, Type::kCounter, labels);
  if (!series.counter) series.counter = std::make_unique<Counter>();
  return *series.counter;
}

Gauge& MetricsRegistry::GetGauge(std::string_view name, std::string_view help,
                                 const MetricLabels& labels) {
  std::lock_guard lock(mutex_);
  Series& series = FindOrAdd(name, help, Type::kGauge, labels);
  if (series.read) {
    throw std::invalid_argument(fmt::format("gauge '{}' is already a callback gauge", name));
  }
  if (!series.gauge) series.gauge = std::make_unique<Gauge>();
  return *series.gauge;
}

Histogram& MetricsRegistry::GetHistogram(std::string_view name, std::string_view help,
                                         std::vector<double> bounds, const MetricLabels& labels) {
  std::lock_guard lock(mutex_);
  Series& series = FindOrAdd(name, help, Type::kHistogram, labels);
  if (!series.histogram) series.histogram = std::make_unique<Histogram>(std::move(bounds));
  return *series.histogram;
}

void MetricsRegistry::AddGaugeCallback(std::string_view name, std::string_view help,
                                       std::function<double()> read, const MetricLabels& labels) {
  std::lock_guard lock(mutex_);
  Series& series = FindOrAdd(name, help, Type::kGauge, labels);
  if (series.gauge) {
    throw std::invalid_argument(fmt::format("gauge '{}' is already a stored gauge", name));
  }
  series.read = std::move(read);
}

std::string MetricsRegistry::Render() const {
  static constexpr std::string_view kTypeNames[] = {"counter", "gauge", "histogram"};
  std::string out;
  out.reserve(8192);

  std::lock_guard lock(mutex_);
  for (const auto& [name, family] : families_) {
    out += "# HELP ";
    out += name;
    out += ' ';
    AppendEscaped(out, family.help, false);
    out += "\n# TYPE ";
    out += name;
    out += ' ';
    out += kTypeNames[static_cast<int>(family.type)];
    out += '\n';

    for (const auto& [key, series] : family.series) {
      if (series.counter) {
        AppendSample(out, name, series.labels, {}, fmt::format("{}", series.counter->value()));
      } else if (series.gauge) {
        AppendSample(out, name, series.labels, {}, FormatNumber(series.gauge->value()));
      } else if (series.read) {
        AppendSample(out, name, series.labels, {}, FormatNumber(series.read()));
      } else if (series.histogram) {
        const Histogram& histogram = *series.histogram;
        std::string bucket_name = name + "_bucket";
        const auto& bounds = histogram.bounds();
        for (size_t i = 0; i <= bounds.size(); ++i) {
          std::string le = i < bounds.size() ? FormatNumber(bounds[i]) : "+Inf";
          AppendSample(out, bucket_name, series.labels, fmt::format("le=\"{}\"", le),
                       fmt::format("{}", histogram.CumulativeCount(i)));
        }
        AppendSample(out, name + "_sum", series.labels, {}, FormatNumber(histogram.sum()));
        AppendSample(out, name + "_count", series.labels, {},
                     fmt::format("{}", histogram.CumulativeCount(bounds.size())));
      }
    }
  }
  return out;
}

double ProcessResidentMemoryBytes() {
  // statm fields are in pages: size resident shared text lib data dt.
  std::ifstream statm("/proc/self/statm");
  uint64_t size_pages = 0;
  uint64_t resident_pages = 0;
  if (!(statm >> size_pages >> resident_pages)) return 0;
  return static_cast<double>(resident_pages) * static_cast<double>(sysconf(_SC_PAGESIZE));
}

}  // namespace mingjing::http
