// The catalogue fixture plus the stored rules, the alert service, a judgement runner over the
// real rules and calendar, an API server wired to them, and accounts for every handler.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <memory>
#include <string>

#include "calendar/calendar_store.h"
#include "catalog_fixture.h"
#include "store/transaction.h"
#include "supervision/alert_service.h"
#include "supervision/judgement_runner.h"
#include "supervision/rule_set.h"
#include "support/api_client.h"

namespace mingjing::testing {

class AlertFixture : public CatalogFixture {
 protected:
  void SetUp() override {
    CatalogFixture::SetUp();
    ImportCalendar();
    supervision::EnsureDefaultRules(db(), ledger_, clock_);
    calendars_ = std::make_unique<calendar::CalendarService>(db());
    auto calendar = [this] { return calendars_->Current(); };
    runner_ = std::make_unique<supervision::JudgementRunner>(
        db(), alerts_, supervision::StoredRulesJudgeFactory(db(), calendar), calendar, clock_);
    server_ = std::make_unique<ApiServer>(db(), ledger_, clock_);
    server_->context().supervision = runner_.get();

    supervisor_ = MakeUser("sup.guangan", {org::Role::kSupervisor}, "5116");
    other_supervisor_ = MakeUser("sup.yuechi", {org::Role::kSupervisor}, "511621");
    head_ = MakeUser("head.civil", {org::Role::kDepartmentHead}, "511602", civil_affairs_.id);
    staff_ = MakeUser("staff.civil", {org::Role::kDepartmentStaff}, "511602", civil_affairs_.id);
    other_staff_ =
        MakeUser("staff.yuechi", {org::Role::kDepartmentStaff}, "511621", yuechi_affairs_.id);
  }

  // An HTTP client signed in as `user`.
  ApiClient ClientAs(const org::User& user) {
    ApiClient client = server_->Client();
    client.SetSession(OpenTestSession(db(), user.id, clock_));
    return client;
  }

  // Issues one alert on the civil affairs bureau of Guang'an District, with no case.
  supervision::Alert IssueAlert(const std::string& rule_code, const std::string& subject,
                                bool needs_confirmation = false) {
    supervision::Finding finding;
    finding.rule_code = rule_code;
    finding.rule_version = 1;
    finding.level = supervision::Level::kYellow;
    finding.subject = subject;
    finding.vars = {{"case_number", "GA-ALERT-1"}};
    finding.needs_confirmation = needs_confirmation;
    supervision::AlertTarget target{0, "GA-ALERT-1", "", "511602", civil_affairs_.id};
    auto lease = db().Acquire();
    store::WriteTransaction tx(lease);
    auto applied = alerts_.IssueFindings(*lease, target, {finding}, clock_.NowSeconds());
    tx.Commit();
    EXPECT_EQ(applied.issued.size(), 1u);
    return applied.issued.empty() ? supervision::Alert{} : applied.issued.front();
  }

  // Ledger entries about alert `id`, oldest first, as their actions.
  std::vector<std::string> AlertLedger(int64_t id) {
    auto lease = db().Acquire();
    std::vector<std::string> actions;
    std::string object_id = std::to_string(id);
    soci::rowset<std::string> rows =
        (lease->prepare << "SELECT action FROM ledger_entries WHERE object_type = 'alert' AND "
                           "object_id = :i ORDER BY seq",
         soci::use(object_id));
    for (const std::string& a : rows) actions.push_back(a);
    return actions;
  }

  int64_t CountAlerts(const std::string& rule_code) {
    auto lease = db().Acquire();
    long long n = 0;
    *lease << "SELECT count(*) FROM alerts WHERE rule_code = :r", soci::use(rule_code),
        soci::into(n);
    return n;
  }

  // "rule_code level" of every alert, for failure messages.
  std::string AlertRules() {
    auto lease = db().Acquire();
    std::string out;
    soci::rowset<soci::row> rows = (lease->prepare << "SELECT rule_code, level FROM alerts");
    for (const soci::row& r : rows) {
      out += r.get<std::string>(0) + " " + r.get<std::string>(1) + "; ";
    }
    return out;
  }

  supervision::AlertService alerts_{ledger_};
  std::unique_ptr<calendar::CalendarService> calendars_;
  std::unique_ptr<supervision::JudgementRunner> runner_;
  std::unique_ptr<ApiServer> server_;
  org::User supervisor_;
  org::User other_supervisor_;
  org::User head_;
  org::User staff_;
  org::User other_staff_;
};

}  // namespace mingjing::testing
