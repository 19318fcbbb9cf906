#include "http/metrics.h"

#include <gtest/gtest.h>

namespace mingjing::http {
namespace {

TEST(MetricsRegistry, RendersCountersGaugesAndCallbacks) {
  MetricsRegistry registry;
  registry.GetCounter("jobs_total", "Jobs run", {{"kind", "timer"}}).Increment(3);
  registry.GetCounter("jobs_total", "Jobs run", {{"kind", "import"}}).Increment();
  registry.GetGauge("queue_depth", "Queued items").Set(2.5);
  registry.AddGaugeCallback("answer", "Computed at scrape", [] { return 42.0; });

  std::string text = registry.Render();
  EXPECT_EQ(text,
            "# HELP answer Computed at scrape\n"
            "# TYPE answer gauge\n"
            "answer 42\n"
            "# HELP jobs_total Jobs run\n"
            "# TYPE jobs_total counter\n"
            "jobs_total{kind=\"import\"} 1\n"
            "jobs_total{kind=\"timer\"} 3\n"
            "# HELP queue_depth Queued items\n"
            "# TYPE queue_depth gauge\n"
            "queue_depth 2.5\n");
}

TEST(MetricsRegistry, SameSeriesReturnsSameObject) {
  MetricsRegistry registry;
  Counter& a = registry.GetCounter("x_total", "x", {{"k", "v"}});
  Counter& b = registry.GetCounter("x_total", "x", {{"k", "v"}});
  EXPECT_EQ(&a, &b);
}

TEST(MetricsRegistry, RendersHistogramCumulatively) {
  MetricsRegistry registry;
  Histogram& h = registry.GetHistogram("latency_seconds", "Latency", {0.1, 1});
  h.Observe(0.05);
  h.Observe(0.1);
  h.Observe(0.5);
  h.Observe(3);
  std::string text = registry.Render();
  EXPECT_NE(text.find("latency_seconds_bucket{le=\"0.1\"} 2\n"), std::string::npos) << text;
  EXPECT_NE(text.find("latency_seconds_bucket{le=\"1\"} 3\n"), std::string::npos);
  EXPECT_NE(text.find("latency_seconds_bucket{le=\"+Inf\"} 4\n"), std::string::npos);
  EXPECT_NE(text.find("latency_seconds_sum 3.65\n"), std::string::npos);
  EXPECT_NE(text.find("latency_seconds_count 4\n"), std::string::npos);
}

TEST(MetricsRegistry, EscapesLabelValues) {
  MetricsRegistry registry;
  registry.GetCounter("c_total", "c", {{"path", "a\"b\\c\nd"}}).Increment();
  EXPECT_NE(registry.Render().find("c_total{path=\"a\\\"b\\\\c\\nd\"} 1"), std::string::npos);
}

TEST(MetricsRegistry, RejectsBadNamesAndTypeClashes) {
  MetricsRegistry registry;
  EXPECT_THROW(registry.GetCounter("1bad", "x"), std::invalid_argument);
  EXPECT_THROW(registry.GetCounter("bad-name", "x"), std::invalid_argument);
  EXPECT_THROW(registry.GetCounter("ok_total", "x", {{"bad-label", "v"}}), std::invalid_argument);
  registry.GetCounter("ok_total", "x");
  EXPECT_THROW(registry.GetGauge("ok_total", "x"), std::invalid_argument);
}

TEST(ProcessResidentMemoryBytes, IsPositive) { EXPECT_GT(ProcessResidentMemoryBytes(), 0); }

}  // namespace
}  // namespace mingjing::http
