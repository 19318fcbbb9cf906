#include "demo/simulator.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <thread>

#include "exchange/event.h"

namespace mingjing::demo {
namespace {

namespace json = boost::json;

constexpr int64_t kHour = 3600;
constexpr int64_t kDay = 86400;
// China Standard Time, the zone of the demo city's office hours.
constexpr int64_t kBeijingOffset = 8 * kHour;
// Items read in full at start-up: enough variety for the demo without a long start.
constexpr size_t kMaxDetailedItems = 40;
constexpr std::string_view kQueryCodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

std::string Rfc3339(int64_t seconds) {
  return FormatRfc3339(TimePoint(std::chrono::seconds(seconds)));
}

// "2026-03-02T10:00:00": local wall time in China Standard Time, without an offset, which the
// calendar's deadline route reads as the platform's local time.
std::string LocalWallTime(int64_t seconds) {
  int64_t local = seconds + kBeijingOffset;
  std::chrono::sys_days day{std::chrono::days{local / kDay - (local % kDay < 0 ? 1 : 0)}};
  std::chrono::year_month_day date{day};
  int64_t of_day = local - day.time_since_epoch().count() * kDay;
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", int(date.year()),
                     unsigned(date.month()), unsigned(date.day()), of_day / kHour,
                     of_day % kHour / 60, of_day % 60);
}

// The steps between acceptance (受理) and completion (办结), which step events report.
std::vector<std::string> MiddleSteps(const SimItem& item) {
  std::vector<std::string> out;
  for (const std::string& s : item.steps) {
    if (s != "受理" && s != "办结") out.push_back(s);
  }
  return out;
}

int64_t UniformInt(std::mt19937_64& rng, int64_t low, int64_t high) {
  return std::uniform_int_distribution<int64_t>(low, high)(rng);
}

std::string QueryCode(std::mt19937_64& rng) {
  std::string code;
  for (int i = 0; i < 8; ++i) {
    code += kQueryCodeAlphabet[UniformInt(rng, 0, kQueryCodeAlphabet.size() - 1)];
  }
  return code;
}

// Builds a case's events in order; times are set afterwards.
class CaseBuilder {
 public:
  CaseBuilder(const SimItem& item, const std::string& case_number)
      : item_(item), case_number_(case_number) {}

  json::object& Add(std::string_view type, json::object fields = {}) {
    json::object e{{"event_id", fmt::format("{}-{}", case_number_, events_.size() + 1)},
                   {"event_type", type},
                   {"case_number", case_number_},
                   {"item_code", item_.code},
                   {"item_type", item_.type},
                   {"division_code", item_.division_code},
                   {"department_id", item_.department_id},
                   {"operator", "window-03"}};
    for (auto& [key, value] : fields) e[key] = value;
    events_.push_back(std::move(e));
    return events_.back();
  }

  void AddStep(const std::string& step) {
    Add("step_started", {{"step_code", step}, {"step_name", step}, {"handler", "reviewer-07"}});
    Add("step_finished", {{"step_code", step},
                          {"step_name", step},
                          {"handler", "reviewer-07"},
                          {"opinion", "材料齐全，符合法定条件，同意。"}});
  }

  // Spreads the events after the first evenly over [accepted_at, end]. The first event, the
  // submission, is half an hour before acceptance.
  std::vector<json::object> Finish(int64_t accepted_at, int64_t end) {
    size_t n = events_.size();
    for (size_t i = 0; i < n; ++i) {
      int64_t t = i == 0 ? accepted_at - kHour / 2
                         : accepted_at +
                               (n <= 2 ? 0 : (end - accepted_at) * int64_t(i - 1) / int64_t(n - 2));
      events_[i]["occurred_at"] = Rfc3339(t);
    }
    return std::move(events_);
  }

 private:
  const SimItem& item_;
  const std::string& case_number_;
  std::vector<json::object> events_;
};

int64_t AsInt(const json::value* v) {
  if (!v) return 0;
  if (v->is_int64()) return v->get_int64();
  if (v->is_uint64()) return static_cast<int64_t>(v->get_uint64());
  return 0;
}

std::string AsString(const json::value* v) {
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

// An item's limit from its JSON form; immediate when it is missing or unreadable.
calendar::TimeLimit LimitFromJson(const json::value* limit) {
  if (limit == nullptr || !limit->is_object()) return {calendar::LimitUnit::kImmediate, 0};
  auto unit = calendar::ParseLimitUnit(AsString(limit->get_object().if_contains("unit")));
  return {unit ? *unit : calendar::LimitUnit::kImmediate,
          static_cast<int>(AsInt(limit->get_object().if_contains("amount")))};
}

std::optional<SimItem> ItemFromJson(const json::value& value) {
  if (!value.is_object()) return std::nullopt;
  const json::object& o = value.get_object();
  SimItem item;
  item.code = AsString(o.if_contains("code"));
  item.type = AsString(o.if_contains("type"));
  item.department_id = AsInt(o.if_contains("department_id"));
  item.division_code = AsString(o.if_contains("division_code"));
  item.promised_limit = LimitFromJson(o.if_contains("promised_limit"));
  item.statutory_limit = LimitFromJson(o.if_contains("statutory_limit"));
  if (const auto* fee = o.if_contains("fee"); fee && fee->is_object()) {
    const json::value* free = fee->get_object().if_contains("free");
    item.fee_free = !free || !free->is_bool() || free->get_bool();
    item.fee_fen = AsInt(fee->get_object().if_contains("amount_fen"));
  }
  if (const auto* steps = o.if_contains("steps"); steps && steps->is_array()) {
    for (const auto& s : steps->get_array()) {
      if (s.is_object()) item.steps.push_back(AsString(s.get_object().if_contains("name")));
    }
  }
  if (item.code.empty() || item.type.empty() || item.department_id == 0) return std::nullopt;
  return item;
}

// Calendar days to go back so that a limit has surely run out, with room for holidays.
int64_t DaysToOverrun(const calendar::TimeLimit& limit) {
  switch (limit.unit) {
    case calendar::LimitUnit::kWorkingDays:
      return limit.amount * 7 / 5 + 5;
    case calendar::LimitUnit::kCalendarDays:
      return limit.amount + 3;
    case calendar::LimitUnit::kMonths:
      return limit.amount * 31 + 3;
    case calendar::LimitUnit::kYears:
      return limit.amount * 366 + 3;
    case calendar::LimitUnit::kWorkingHours:
      return limit.amount / 8 * 2 + 4;
    case calendar::LimitUnit::kImmediate:
      break;
  }
  return 2;
}

}  // namespace

std::string_view CaseKindName(CaseKind kind) {
  switch (kind) {
    case CaseKind::kOnTime:
      return "on_time";
    case CaseKind::kLate:
      return "late";
    case CaseKind::kPastStatutory:
      return "past_statutory";
    case CaseKind::kSkippedStep:
      return "skipped_step";
    case CaseKind::kFeeOnFreeItem:
      return "fee_on_free_item";
    case CaseKind::kFeeAboveStandard:
      return "fee_above_standard";
    case CaseKind::kRepeatedCorrection:
      return "repeated_correction";
    case CaseKind::kReturnedTwice:
      return "returned_twice";
    case CaseKind::kRefusedShortReason:
      return "refused_short_reason";
    case CaseKind::kAlteredAfterCompletion:
      return "altered_after_completion";
    case CaseKind::kReceiptReused:
      return "receipt_reused";
  }
  return "on_time";
}

const std::vector<CaseKind>& AllCaseKinds() {
  static const std::vector<CaseKind> kinds = {CaseKind::kOnTime,
                                              CaseKind::kLate,
                                              CaseKind::kPastStatutory,
                                              CaseKind::kSkippedStep,
                                              CaseKind::kFeeOnFreeItem,
                                              CaseKind::kFeeAboveStandard,
                                              CaseKind::kRepeatedCorrection,
                                              CaseKind::kReturnedTwice,
                                              CaseKind::kRefusedShortReason,
                                              CaseKind::kAlteredAfterCompletion,
                                              CaseKind::kReceiptReused};
  return kinds;
}

bool ItemSuits(const SimItem& item, CaseKind kind) {
  switch (kind) {
    case CaseKind::kLate:
      return item.promised_limit.unit != calendar::LimitUnit::kImmediate;
    case CaseKind::kPastStatutory:
      return item.statutory_limit.unit != calendar::LimitUnit::kImmediate &&
             item.statutory_limit.amount > 0;
    case CaseKind::kSkippedStep:
      return !MiddleSteps(item).empty();
    case CaseKind::kFeeOnFreeItem:
      return item.fee_free;
    case CaseKind::kFeeAboveStandard:
    case CaseKind::kReceiptReused:
      return !item.fee_free && item.fee_fen > 0;
    default:
      return true;
  }
}

PlannedCase PlanCase(CaseKind kind, const SimItem& item, const CaseTimes& times,
                     const std::string& case_number, std::mt19937_64& rng,
                     const std::string& shared_receipt) {
  PlannedCase plan;
  plan.kind = kind;
  plan.case_number = case_number;
  plan.query_code = QueryCode(rng);

  CaseBuilder b(item, case_number);
  b.Add("submitted", {{"applicant_name", fmt::format("模拟申请人{}", UniformInt(rng, 1, 999))},
                      {"query_code", plan.query_code}});

  // A late case, or one past the statutory limit, ends a day after its deadline; the others end
  // well before it.
  int64_t end = times.now - 60;
  if (kind == CaseKind::kLate || kind == CaseKind::kPastStatutory) {
    end = std::min(times.deadline + kDay, end);
  } else {
    int64_t limit_end = times.deadline > 0 ? std::min(times.deadline, end) : end;
    end = times.accepted_at + (limit_end - times.accepted_at) * 7 / 10;
  }

  if (kind == CaseKind::kRefusedShortReason) {
    b.Add("not_accepted", {{"reason", "材料不全"}});  // four characters: too short a reason
    plan.first = b.Finish(times.accepted_at, times.accepted_at);
    return plan;
  }

  b.Add("accepted");
  int64_t fee = 0;
  if (kind == CaseKind::kFeeOnFreeItem) fee = UniformInt(rng, 10, 50) * 100;
  if (kind == CaseKind::kFeeAboveStandard)
    fee = item.fee_fen + std::max<int64_t>(1000, item.fee_fen / 2);
  if (kind == CaseKind::kReceiptReused) fee = item.fee_fen;
  if (fee > 0) {
    std::string receipt = kind == CaseKind::kReceiptReused && !shared_receipt.empty()
                              ? shared_receipt
                              : fmt::format("SF-{}", case_number);
    b.Add("fee_charged", {{"amount_fen", fee}, {"receipt_number", receipt}});
  }
  if (kind == CaseKind::kRepeatedCorrection) {
    for (std::string_view materials : {"身份证明复印件", "营业执照副本"}) {
      b.Add("suspended", {{"reason_code", "correction"},
                          {"days", 5},
                          {"note", fmt::format("一次性告知补正材料：{}", materials)}});
      b.Add("resumed", {{"reason_code", "correction"}});
    }
  }

  std::vector<std::string> steps = MiddleSteps(item);
  if (kind == CaseKind::kSkippedStep && !steps.empty()) steps.erase(steps.begin());
  std::string returned_to = steps.empty() ? "受理" : steps.front();
  for (size_t i = 0; i < steps.size(); ++i) {
    b.AddStep(steps[i]);
    if (kind == CaseKind::kReturnedTwice && i == 0) {
      for (int round = 0; round < 2; ++round) {
        b.Add("returned", {{"to_step", returned_to}, {"reason", "申请材料与原件不一致，退回重审"}});
        b.AddStep(steps[i]);
      }
    }
  }
  if (kind == CaseKind::kReturnedTwice && steps.empty()) {
    for (int round = 0; round < 2; ++round) {
      b.Add("returned", {{"to_step", returned_to}, {"reason", "申请材料与原件不一致，退回重审"}});
    }
  }

  std::string document = fmt::format("广安区审〔2026〕{}号", UniformInt(rng, 100, 9999));
  b.Add("completed", {{"outcome", "approved"}, {"result_document_number", document}});
  plan.first = b.Finish(times.accepted_at, end);

  if (kind == CaseKind::kAlteredAfterCompletion) {
    // The same completed event sent again with another document number, then a correction of
    // the last opinion, both after completion: what a tamper alarm exists to catch.
    json::object altered = plan.first.back();
    altered["result_document_number"] = document + "（补）";
    plan.follow_up.push_back(altered);

    json::object correction = plan.first.front();
    correction["event_id"] = fmt::format("{}-{}", case_number, plan.first.size() + 1);
    correction["event_type"] = "correction";
    correction.erase("applicant_name");
    correction.erase("query_code");
    correction["occurred_at"] = Rfc3339(times.now - 30);
    correction["corrects_event_id"] = AsString(plan.first[1].if_contains("event_id"));
    correction["values"] = json::object{{"note", "受理时材料已核验（事后补录）"}};
    plan.follow_up.push_back(correction);
  }
  return plan;
}

Simulator::Simulator(exchange::SignedClient& client, SimulatorOptions options, const Clock& clock)
    : client_(client), options_(std::move(options)), clock_(clock), rng_(options_.seed) {
  if (options_.run_id.empty()) {
    std::random_device device;
    options_.run_id = fmt::format("{:x}{:04x}", clock_.NowSeconds(), device() & 0xffff);
  }
}

Result<void> Simulator::LoadCatalogue() {
  auto ping = client_.Send("GET", "/api/v1/exchange/ping", "", "");
  if (!ping) return ping.error();
  if (ping->status != 200 || !ping->json.is_object()) {
    return Error{ErrorCode::kUnauthenticated,
                 fmt::format("the server refused the key (HTTP {}): {}", ping->status, ping->body),
                 "key_id"};
  }
  std::string division = AsString(ping->json.get_object().if_contains("division_code"));
  std::vector<std::string> allowed;
  if (const auto* t = ping->json.get_object().if_contains("item_types"); t && t->is_array()) {
    for (const auto& v : t->get_array()) allowed.push_back(AsString(&v));
  }

  // Items with a standard fee are rare and the only ones that suit fee_above_standard cases, so
  // they are read first; the rest are a random sample.
  std::vector<int64_t> ids;
  std::vector<int64_t> others;
  for (int page = 1; page <= 20; ++page) {
    auto list = GetPublic(
        fmt::format("/api/v1/catalog/items?division={}&page_size=100&page={}", division, page));
    if (!list) return list.error();
    if (list->status != 200 || !list->json.is_object()) {
      return Error::Internal(fmt::format("listing the catalogue failed (HTTP {})", list->status));
    }
    const json::value* items = list->json.get_object().if_contains("items");
    if (!items || !items->is_array() || items->get_array().empty()) break;
    for (const auto& item : items->get_array()) {
      if (!item.is_object()) continue;
      const json::object& o = item.get_object();
      std::string type = AsString(o.if_contains("type"));
      if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), type) == allowed.end()) {
        continue;
      }
      const json::value* free = o.if_contains("fee_free");
      bool charged = free && free->is_bool() && !free->get_bool();
      (charged && ids.size() < kMaxDetailedItems / 4 ? ids : others)
          .push_back(AsInt(o.if_contains("id")));
    }
  }
  std::shuffle(others.begin(), others.end(), rng_);
  for (int64_t id : others) {
    if (ids.size() >= kMaxDetailedItems) break;
    ids.push_back(id);
  }

  for (int64_t id : ids) {
    auto detail = GetPublic(fmt::format("/api/v1/catalog/items/{}", id));
    if (!detail) return detail.error();
    if (detail->status != 200) continue;
    if (auto item = ItemFromJson(detail->json)) items_.push_back(std::move(*item));
  }
  if (items_.empty()) {
    return Error::NotFound(fmt::format(
        "the catalogue has no item in division {} that the key may send; import the items "
        "first (mingjing import items)",
        division));
  }
  spdlog::info("simulator: {} items of division {} loaded", items_.size(), division);
  return {};
}

Result<exchange::ClientResponse> Simulator::GetPublic(const std::string& target) {
  // The server's per-address rate limit answers 429 when the catalogue is read in a burst, so
  // the read waits and tries again for up to 30 seconds.
  for (int attempt = 0;; ++attempt) {
    auto response = client_.GetPublic(target);
    if (!response || response->status != 429 || attempt == 30) return response;
    std::this_thread::sleep_for(std::chrono::seconds(1));
  }
}

Result<int64_t> Simulator::DeadlineOf(const SimItem& item, const calendar::TimeLimit& limit,
                                      int64_t accepted_at) {
  if (limit.unit == calendar::LimitUnit::kImmediate) return int64_t{0};
  auto response = GetPublic(fmt::format("/api/v1/calendar/deadline?start={}&unit={}&limit={}",
                                        LocalWallTime(accepted_at),
                                        calendar::LimitUnitName(limit.unit), limit.amount));
  if (!response) return response.error();
  const json::value* deadline =
      response->json.is_object() ? response->json.get_object().if_contains("deadline") : nullptr;
  auto parsed = exchange::ParseRfc3339(AsString(deadline));
  if (response->status != 200 || !parsed) {
    return Error::Internal(fmt::format("the calendar gave no deadline for item {} (HTTP {}): {}",
                                       item.code, response->status, response->body));
  }
  return *parsed;
}

Result<CaseTimes> Simulator::TimesFor(CaseKind kind, const SimItem& item) {
  CaseTimes times;
  times.now = clock_.NowSeconds();
  bool overrun = kind == CaseKind::kLate || kind == CaseKind::kPastStatutory;
  const calendar::TimeLimit& limit =
      kind == CaseKind::kPastStatutory ? item.statutory_limit : item.promised_limit;
  if (!overrun) {
    times.accepted_at = times.now - UniformInt(rng_, 2 * kHour, 30 * kHour);
    auto deadline = DeadlineOf(item, limit, times.accepted_at);
    if (!deadline) return deadline.error();
    times.deadline = *deadline;
    return times;
  }

  // Go back far enough that the deadline and the day after it have both passed.
  int64_t days_back = DaysToOverrun(limit);
  for (int attempt = 0; attempt < 6; ++attempt, days_back = days_back * 2 + 7) {
    times.accepted_at = times.now - days_back * kDay;
    auto deadline = DeadlineOf(item, limit, times.accepted_at);
    if (!deadline) return deadline.error();
    times.deadline = *deadline;
    if (times.deadline + kDay < times.now - kHour) return times;
  }
  return Error::Internal(fmt::format("no past deadline found for item {}", item.code));
}

void Simulator::Send(const std::vector<json::object>& events, SimulationSummary& summary) {
  json::array batch;
  for (const auto& e : events) batch.push_back(e);
  ++summary.requests;
  auto response = client_.PostEvents(json::serialize(batch));
  if (!response || response->status != 200 || !response->json.is_object()) {
    ++summary.failed_requests;
    if (logged_failures_++ < 20 || logged_failures_ % 100 == 0) {
      spdlog::warn("simulator: a batch was not stored ({} so far): {}", summary.failed_requests,
                   response ? fmt::format("HTTP {} {}", response->status, response->body)
                            : response.error().message);
    }
    return;
  }

  const json::object& body = response->json.get_object();
  summary.accepted += AsInt(body.if_contains("accepted"));
  summary.duplicates += AsInt(body.if_contains("duplicates"));
  summary.new_versions += AsInt(body.if_contains("new_versions"));
  summary.rejected += AsInt(body.if_contains("rejected"));
  summary.alarms += AsInt(body.if_contains("alarms"));

  std::FILE* ack = options_.ack_log.empty() ? nullptr : std::fopen(options_.ack_log.c_str(), "a");
  if (const auto* results = body.if_contains("events"); results && results->is_array()) {
    for (const auto& r : results->get_array()) {
      if (!r.is_object()) continue;
      std::string status = AsString(r.get_object().if_contains("status"));
      std::string event_id = AsString(r.get_object().if_contains("event_id"));
      if (status == "rejected") {
        spdlog::warn("simulator: event {} rejected: {}", event_id,
                     json::serialize(r.get_object().contains("errors") ? r.get_object().at("errors")
                                                                       : json::value(nullptr)));
      } else if (ack) {
        std::fprintf(ack, "%s\n", event_id.c_str());
      }
    }
  }
  if (ack) std::fclose(ack);
}

SimulationSummary Simulator::Run(const std::atomic<bool>& stop) {
  SimulationSummary summary;
  std::map<CaseKind, std::vector<const SimItem*>> suited;
  for (CaseKind kind : AllCaseKinds()) {
    for (const SimItem& item : items_) {
      if (ItemSuits(item, kind)) suited[kind].push_back(&item);
    }
    if (suited[kind].empty()) {
      summary.skipped_kinds.push_back(kind);
      spdlog::warn("simulator: no catalogue item suits {} cases; they are not sent",
                   CaseKindName(kind));
    }
  }

  using steady = std::chrono::steady_clock;
  auto started = steady::now();
  auto interval = std::chrono::duration_cast<steady::duration>(
      std::chrono::duration<double>(1.0 / std::max(options_.cases_per_second, 0.001)));
  auto next = started;
  int64_t sequence = 0;
  int64_t tried = 0;
  size_t kind_index = 0;

  bool any_suited = summary.skipped_kinds.size() < AllCaseKinds().size();
  while (!stop.load() && any_suited) {
    if (options_.duration_seconds > 0 &&
        steady::now() - started >= std::chrono::seconds(options_.duration_seconds)) {
      break;
    }
    if (options_.max_cases > 0 && tried >= options_.max_cases) break;
    CaseKind kind = AllCaseKinds()[kind_index++ % AllCaseKinds().size()];
    const auto& candidates = suited[kind];
    if (candidates.empty()) continue;
    ++tried;
    const SimItem& item = *candidates[UniformInt(rng_, 0, int64_t(candidates.size()) - 1)];

    auto times = TimesFor(kind, item);
    if (!times) {
      ++summary.failed_requests;
      spdlog::warn("simulator: {} case skipped: {}", CaseKindName(kind), times.error().message);
    } else {
      std::string number = fmt::format("SIM-{}-{:05}", options_.run_id, ++sequence);
      // Every receipt_reused case of a department in this run carries the same receipt number.
      std::string shared_receipt = fmt::format("SF-{}-D{}", options_.run_id, item.department_id);
      PlannedCase plan = PlanCase(kind, item, *times, number, rng_, shared_receipt);
      int64_t failed_before = summary.failed_requests;
      Send(plan.first, summary);
      if (summary.failed_requests == failed_before) {
        ++summary.cases[kind];
        if (!plan.follow_up.empty()) Send(plan.follow_up, summary);
        if (summary.samples.size() < 3 && kind != CaseKind::kRefusedShortReason) {
          summary.samples.emplace_back(plan.case_number, plan.query_code);
        }
      }
    }

    next += interval;
    while (!stop.load() && steady::now() < next) {
      std::this_thread::sleep_for(
          std::min<steady::duration>(next - steady::now(), std::chrono::milliseconds(100)));
    }
  }
  return summary;
}

}  // namespace mingjing::demo
