// Deadline queries per second: the prefix-sum WorkingCalendar against the day-by-day
// ReferenceCalendar. The prefix-sum cost should stay flat as the limit grows, while the loop's
// grows with the number of days walked.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <random>
#include <stdexcept>
#include <string>

#include "calendar/calendar_loader.h"
#include "calendar/deadline.h"
#include "calendar/reference_calendar.h"

namespace mingjing::calendar {
namespace {

// The shared holiday data, from MINGJING_SHARED_DATA or ../shared/data beside the checkout.
const WorkingCalendar& Calendar() {
  static const WorkingCalendar calendar = [] {
    const char* root = std::getenv("MINGJING_SHARED_DATA");
    std::string folder = std::string(root != nullptr ? root : "../shared/data") + "/calendar-cn";
    auto schedules = LoadScheduleFolder(folder);
    if (!schedules) throw std::runtime_error(schedules.error().message);
    return WorkingCalendar::Build(std::move(*schedules));
  }();
  return calendar;
}

// 1,024 acceptance instants spread over 2015-2025, so the deadlines stay inside published years.
std::vector<TimePoint> StartInstants() {
  std::mt19937 random(7);
  std::uniform_int_distribution<int> day(0, 11 * 365);
  std::uniform_int_distribution<int> second(0, 86'399);
  LocalDate first{std::chrono::year(2015) / 1 / 1};
  std::vector<TimePoint> starts;
  for (int i = 0; i < 1024; ++i) {
    starts.push_back(
        FromLocal(first + std::chrono::days(day(random)), std::chrono::seconds(second(random))));
  }
  return starts;
}

// Runs `query` on each start instant in turn and reports queries per second.
template <class Query>
void RunQueries(benchmark::State& state, Query query) {
  std::vector<TimePoint> starts = StartInstants();
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(query(starts[i++ % starts.size()]));
  state.SetItemsProcessed(state.iterations());
}

void BM_DeadlinePrefixSums(benchmark::State& state) {
  DeadlineRequest request{{}, TimeLimit::WorkingDays(int(state.range(0))), {}, {}};
  RunQueries(state, [&](TimePoint start) {
    request.start = start;
    return ComputeDeadline(Calendar(), request);
  });
}

void BM_DeadlineDayByDay(benchmark::State& state) {
  ReferenceCalendar reference(Calendar().schedules(), Calendar().hours());
  DeadlineRequest request{{}, TimeLimit::WorkingDays(int(state.range(0))), {}, {}};
  RunQueries(state, [&](TimePoint start) {
    request.start = start;
    return reference.Deadline(request);
  });
}

void BM_WorkingTimeBetweenPrefixSums(benchmark::State& state) {
  auto span = std::chrono::days(state.range(0));
  RunQueries(state,
             [&](TimePoint from) { return Calendar().WorkingTimeBetween(from, from + span); });
}

void BM_WorkingTimeBetweenDayByDay(benchmark::State& state) {
  ReferenceCalendar reference(Calendar().schedules(), Calendar().hours());
  auto span = std::chrono::days(state.range(0));
  RunQueries(state,
             [&](TimePoint from) { return reference.WorkingTimeBetween(from, from + span); });
}

// Limits of 5, 20, 60 and 250 working days; spans of 7, 30, 90 and 365 calendar days.
BENCHMARK(BM_DeadlinePrefixSums)->Arg(5)->Arg(20)->Arg(60)->Arg(250);
BENCHMARK(BM_DeadlineDayByDay)->Arg(5)->Arg(20)->Arg(60)->Arg(250);
BENCHMARK(BM_WorkingTimeBetweenPrefixSums)->Arg(7)->Arg(30)->Arg(90)->Arg(365);
BENCHMARK(BM_WorkingTimeBetweenDayByDay)->Arg(7)->Arg(30)->Arg(90)->Arg(365);

}  // namespace
}  // namespace mingjing::calendar

BENCHMARK_MAIN();
