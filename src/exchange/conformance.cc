#include "exchange/conformance.h"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <functional>
#include <random>

#include "exchange/event.h"

namespace mingjing::exchange {
namespace {

namespace json = boost::json;

std::string AsString(const json::value* v) {
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

int64_t AsInt(const json::value* v) {
  if (v && v->is_int64()) return v->get_int64();
  if (v && v->is_uint64()) return static_cast<int64_t>(v->get_uint64());
  return 0;
}

// What a check found: empty when it passed, else what was expected and what came back.
using Finding = std::string;

Finding Unexpected(std::string_view expected, const Result<ClientResponse>& response) {
  if (!response) return fmt::format("expected {}, but {}", expected, response.error().message);
  std::string body =
      response->body.size() > 300 ? response->body.substr(0, 300) + "…" : response->body;
  return fmt::format("expected {}, got HTTP {}: {}", expected, response->status, body);
}

// The status of event `index` in a batch answer, or "" when the answer has none.
std::string EventStatus(const ClientResponse& r, size_t index) {
  if (!r.json.is_object()) return "";
  const json::value* events = r.json.get_object().if_contains("events");
  if (!events || !events->is_array() || index >= events->get_array().size()) return "";
  const json::value& e = events->get_array()[index];
  return e.is_object() ? AsString(e.get_object().if_contains("status")) : "";
}

const json::object* EventResult(const ClientResponse& r, size_t index) {
  if (!r.json.is_object()) return nullptr;
  const json::value* events = r.json.get_object().if_contains("events");
  if (!events || !events->is_array() || index >= events->get_array().size()) return nullptr;
  const json::value& e = events->get_array()[index];
  return e.is_object() ? &e.get_object() : nullptr;
}

// True when event `index` has an error whose field is `field`.
bool HasFieldError(const ClientResponse& r, size_t index, std::string_view field) {
  const json::object* e = EventResult(r, index);
  const json::value* errors = e ? e->if_contains("errors") : nullptr;
  if (!errors || !errors->is_array()) return false;
  for (const auto& error : errors->get_array()) {
    if (error.is_object() && AsString(error.get_object().if_contains("field")) == field) {
      return true;
    }
  }
  return false;
}

std::string ErrorCodeOf(const ClientResponse& r) {
  if (!r.json.is_object()) return "";
  const json::value* error = r.json.get_object().if_contains("error");
  return error && error->is_object() ? AsString(error->get_object().if_contains("code")) : "";
}

// The item, division and department that the kit's events name.
struct Subject {
  std::string item_code = "CONFORMANCE-ITEM";
  std::string item_type = "licensing";
  std::string division_code;
  int64_t department_id = 0;
};

class Kit {
 public:
  Kit(SignedClient& client, const Clock& clock) : client_(client), clock_(clock) {
    std::random_device device;
    run_ = fmt::format("{:x}{:04x}", clock_.NowSeconds(), device() & 0xffff);
  }

  std::vector<ConformanceCheck> Run() {
    Check("signed ping is accepted", [this] { return SignedPing(); });
    Check("valid event is accepted", [this] { return ValidEvent(); });
    Check("identical resend is a duplicate", [this] { return DuplicateResend(); });
    Check("altered resend is a new version with an alarm", [this] { return AlteredResend(); });
    Check("invalid event is rejected with field paths", [this] { return InvalidEvent(); });
    Check("bad event does not block good ones", [this] { return MixedBatch(); });
    Check("out-of-order events give the right state", [this] { return OutOfOrder(); });
    Check("wrong query code gets 404", [this] { return WrongQueryCode(); });
    Check("NDJSON batch is read line by line", [this] { return Ndjson(); });
    Check("oversized batch is rejected whole", [this] { return OversizedBatch(); });
    Check("bad signature is rejected", [this] { return BadSignature(); });
    Check("replayed nonce is rejected", [this] { return ReplayedNonce(); });
    Check("stale timestamp is rejected", [this] { return StaleTimestamp(); });
    return std::move(checks_);
  }

 private:
  void Check(std::string name, const std::function<Finding()>& body) {
    Finding finding = body();
    checks_.push_back({std::move(name), finding.empty(), std::move(finding)});
  }

  std::string NewCaseNumber() { return fmt::format("CONF-{}-{}", run_, ++cases_); }

  // Event number `n` of `case_number`, of `type`, dated `hours_ago` hours back.
  json::object Event(const std::string& case_number, std::string_view type, int n,
                     int64_t hours_ago, json::object extra = {}) {
    json::object e{{"event_id", fmt::format("{}-{}", case_number, n)},
                   {"event_type", type},
                   {"case_number", case_number},
                   {"item_code", subject_.item_code},
                   {"item_type", subject_.item_type},
                   {"division_code", subject_.division_code},
                   {"occurred_at", FormatRfc3339(clock_.Now() - std::chrono::hours(hours_ago))},
                   {"operator", "conformance-kit"}};
    if (subject_.department_id > 0) {
      e["department_id"] = subject_.department_id;
    } else {
      e["department_code"] = "CONFORMANCE";
    }
    for (auto& [key, value] : extra) e[key] = value;
    return e;
  }

  Result<ClientResponse> Post(const json::value& body) {
    return client_.PostEvents(json::serialize(body));
  }

  // Finds an item of the key's division and item types in the catalogue, so that the events
  // pass the catalogue check. Without one the kit's own item code is used, which a server with
  // an empty catalogue accepts.
  void ChooseSubject(const json::object& ping) {
    subject_.division_code = AsString(ping.if_contains("division_code"));
    std::vector<std::string> allowed;
    if (const auto* t = ping.if_contains("item_types"); t && t->is_array()) {
      for (const auto& v : t->get_array()) allowed.push_back(AsString(&v));
    }
    if (!allowed.empty()) subject_.item_type = allowed.front();
    auto list = client_.GetPublic(
        fmt::format("/api/v1/catalog/items?division={}&page_size=100", subject_.division_code));
    if (!list || list->status != 200 || !list->json.is_object()) return;
    const json::value* items = list->json.get_object().if_contains("items");
    if (!items || !items->is_array()) return;
    for (const auto& item : items->get_array()) {
      if (!item.is_object()) continue;
      const json::object& o = item.get_object();
      std::string type = AsString(o.if_contains("type"));
      if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), type) == allowed.end()) {
        continue;
      }
      subject_.item_code = AsString(o.if_contains("code"));
      subject_.item_type = type;
      subject_.division_code = AsString(o.if_contains("division_code"));
      subject_.department_id = AsInt(o.if_contains("department_id"));
      return;
    }
  }

  Finding SignedPing() {
    auto r = client_.Send("GET", "/api/v1/exchange/ping", "", "");
    if (!r || r->status != 200 || !r->json.is_object()) {
      return Unexpected("200 with the key's scope", r);
    }
    ChooseSubject(r->json.get_object());
    return "";
  }

  Finding ValidEvent() {
    first_case_ = NewCaseNumber();
    first_event_ = Event(first_case_, "submitted", 1, 3, {{"note", "conformance: original"}});
    auto r = Post(first_event_);
    if (!r || r->status != 200 || EventStatus(*r, 0) != "accepted") {
      return Unexpected("200 with status accepted", r);
    }
    return "";
  }

  Finding DuplicateResend() {
    auto r = Post(first_event_);
    if (!r || r->status != 200 || EventStatus(*r, 0) != "duplicate") {
      return Unexpected("200 with status duplicate", r);
    }
    return "";
  }

  Finding AlteredResend() {
    json::object altered = first_event_;
    altered["note"] = "conformance: altered";
    auto r = Post(altered);
    if (!r || r->status != 200 || EventStatus(*r, 0) != "new_version") {
      return Unexpected("200 with status new_version", r);
    }
    const json::object* e = EventResult(*r, 0);
    const json::value* alarms = e ? e->if_contains("alarms") : nullptr;
    bool alarmed = false;
    if (alarms && alarms->is_array()) {
      for (const auto& a : alarms->get_array()) {
        alarmed = alarmed || AsString(&a) == "resend_with_different_content";
      }
    }
    if (AsInt(e->if_contains("version")) != 2 || !alarmed) {
      return Unexpected("version 2 and the alarm resend_with_different_content", r);
    }
    return "";
  }

  Finding InvalidEvent() {
    json::object bad = Event(NewCaseNumber(), "submitted", 1, 1);
    bad["occurred_at"] = "2026-13-40 25:00";
    bad.erase("operator");
    auto r = Post(json::array{bad});
    if (!r || r->status != 200 || EventStatus(*r, 0) != "rejected" ||
        !HasFieldError(*r, 0, "events[0].occurred_at") ||
        !HasFieldError(*r, 0, "events[0].operator")) {
      return Unexpected(
          "200, status rejected, errors for events[0].occurred_at and events[0].operator", r);
    }
    return "";
  }

  Finding MixedBatch() {
    std::string number = NewCaseNumber();
    json::object bad = Event(number, "fee_charged", 2, 2, {{"amount_fen", -5}});
    auto r =
        Post(json::array{Event(number, "submitted", 1, 3), bad, Event(number, "accepted", 3, 2)});
    if (!r || r->status != 200 || EventStatus(*r, 0) != "accepted" ||
        EventStatus(*r, 1) != "rejected" || EventStatus(*r, 2) != "accepted" ||
        !HasFieldError(*r, 1, "events[1].amount_fen") ||
        !HasFieldError(*r, 1, "events[1].receipt_number")) {
      return Unexpected("accepted, rejected (amount_fen, receipt_number), accepted", r);
    }
    return "";
  }

  Finding OutOfOrder() {
    std::string number = NewCaseNumber();
    out_of_order_case_ = number;
    // Sent newest first, each on its own; the state must still follow occurred_at.
    std::vector<json::object> events = {
        Event(number, "completed", 3, 1,
              {{"outcome", "approved"}, {"result_document_number", "CONF-DOC-1"}}),
        Event(number, "accepted", 2, 2),
        Event(number, "submitted", 1, 3, {{"query_code", query_code_}}),
    };
    for (const auto& e : events) {
      auto r = Post(e);
      if (!r || r->status != 200 || EventStatus(*r, 0) != "accepted") {
        return Unexpected("each event accepted", r);
      }
    }
    auto r = client_.GetPublic(
        fmt::format("/api/v1/public/progress?case_number={}&query_code={}", number, query_code_));
    if (!r || r->status != 200 || !r->json.is_object()) {
      return Unexpected("the progress lookup to find the case", r);
    }
    const json::object& p = r->json.get_object();
    std::vector<std::string> order;
    if (const auto* steps = p.if_contains("steps"); steps && steps->is_array()) {
      for (const auto& s : steps->get_array()) {
        if (s.is_object()) order.push_back(AsString(s.get_object().if_contains("event_type")));
      }
    }
    std::vector<std::string> expected = {"submitted", "accepted", "completed"};
    if (AsString(p.if_contains("state")) != "completed" || order != expected) {
      return Unexpected("state completed with steps submitted, accepted, completed", r);
    }
    return "";
  }

  Finding WrongQueryCode() {
    auto r = client_.GetPublic(fmt::format(
        "/api/v1/public/progress?case_number={}&query_code=WRONG-CODE-1", out_of_order_case_));
    if (!r || r->status != 404) return Unexpected("404", r);
    return "";
  }

  Finding Ndjson() {
    std::string number = NewCaseNumber();
    std::string body = json::serialize(Event(number, "submitted", 1, 3)) + "\n\n" +
                       "{\"event_id\": \n" + json::serialize(Event(number, "accepted", 2, 2)) +
                       "\n";
    auto r = client_.PostEvents(body, /*ndjson=*/true);
    if (!r || r->status != 200 || EventStatus(*r, 0) != "accepted" ||
        EventStatus(*r, 1) != "rejected" || EventStatus(*r, 2) != "accepted") {
      return Unexpected("accepted, rejected (the broken line), accepted", r);
    }
    return "";
  }

  Finding OversizedBatch() {
    std::string number = NewCaseNumber();
    json::array batch;
    for (size_t i = 0; i <= kMaxEventsPerBatch; ++i) {
      batch.push_back(Event(number, "step_started", int(i) + 1, 1,
                            {{"step_code", "审查"}, {"handler", "conformance-kit"}}));
    }
    auto r = Post(batch);
    if (!r || r->status != 413 || ErrorCodeOf(*r) != "too_large") {
      return Unexpected("413 with error code too_large", r);
    }
    // Nothing of the refused batch may have been stored: its first event is new afterwards.
    auto again = Post(json::array{Event(number, "submitted", 1, 1)});
    if (!again || again->status != 200 || EventStatus(*again, 0) != "accepted") {
      return Unexpected("the refused batch's event id to be unused afterwards", again);
    }
    return "";
  }

  Finding BadSignature() {
    SigningOverrides overrides;
    overrides.signature = std::string(64, '0');
    auto r = client_.Send("GET", "/api/v1/exchange/ping", "", "", overrides);
    if (!r || r->status != 401) return Unexpected("401", r);
    return "";
  }

  Finding ReplayedNonce() {
    auto first = client_.Send("GET", "/api/v1/exchange/ping", "", "");
    if (!first || first->status != 200) return Unexpected("200 for the first use", first);
    SigningOverrides overrides;
    overrides.nonce = client_.last_nonce();
    auto r = client_.Send("GET", "/api/v1/exchange/ping", "", "", overrides);
    if (!r || r->status != 401) return Unexpected("401 for the replay", r);
    return "";
  }

  Finding StaleTimestamp() {
    SigningOverrides overrides;
    overrides.timestamp = std::to_string(clock_.NowSeconds() - 3600);
    auto r = client_.Send("GET", "/api/v1/exchange/ping", "", "", overrides);
    if (!r || r->status != 401) return Unexpected("401", r);
    return "";
  }

  SignedClient& client_;
  const Clock& clock_;
  std::string run_;
  int cases_ = 0;
  Subject subject_;
  std::string first_case_;
  json::object first_event_;
  std::string out_of_order_case_;
  std::string query_code_ = "CONF-QUERY-7";
  std::vector<ConformanceCheck> checks_;
};

}  // namespace

std::vector<ConformanceCheck> RunConformance(SignedClient& client, const Clock& clock) {
  return Kit(client, clock).Run();
}

}  // namespace mingjing::exchange
