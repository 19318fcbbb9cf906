// An organisation with supervisors and department accounts, and a helper that writes alerts
// straight into the alerts table, for the outbox and dispatcher tests.
#pragma once

#include <gtest/gtest.h>

#include "integration/org_fixture.h"
#include "notify/outbox.h"
#include "store/transaction.h"

namespace mingjing::testing {

class NotifyFixture : public OrgFixture {
 protected:
  void SetUp() override {
    OrgFixture::SetUp();
    // 5116 is Guang'an City, 511602 its Guang'an District and 511621 Yuechi County.
    city_supervisor_ = MakeUser("city.sup", {org::Role::kSupervisor}, "5116");
    district_supervisor_ = MakeUser("district.sup", {org::Role::kSupervisor}, "511602");
    yuechi_supervisor_ = MakeUser("yuechi.sup", {org::Role::kSupervisor}, "511621");
    head_ = MakeUser("civil.head", {org::Role::kDepartmentHead}, "511602", civil_affairs_.id);
    staff_ = MakeUser("civil.staff", {org::Role::kDepartmentStaff}, "511602", civil_affairs_.id);
    yuechi_staff_ =
        MakeUser("yuechi.staff", {org::Role::kDepartmentStaff}, "511621", yuechi_affairs_.id);
    auto lease = db().Acquire();
    *lease << "UPDATE users SET phone = '' WHERE username = 'civil.staff'";
  }

  // Inserts an alert of the civil affairs department of 511602 and returns its id.
  int64_t InsertAlert(const std::string& level, const std::string& state, bool issued,
                      const std::string& dedupe_key = "time.promised|1||yellow") {
    auto lease = db().Acquire();
    long long issued_at = issued ? now() : 0;
    long long detected = now();
    long long department = civil_affairs_.id;
    long long id = 0;
    *lease << "INSERT INTO alerts (dedupe_key, rule_code, rule_version, level, state, "
              "case_number, division_code, department_id, message_zh, message_en, detected_at, "
              "issued_at, updated_at) VALUES (:key, 'time.promised', 1, :level, :state, "
              "'2026-0001', '511602', :department, '超过承诺时限', 'Past the promised limit', "
              ":detected, :issued, :updated) RETURNING id",
        soci::use(dedupe_key, "key"), soci::use(level, "level"), soci::use(state, "state"),
        soci::use(department, "department"), soci::use(detected, "detected"),
        soci::use(issued_at, "issued"), soci::use(detected, "updated"), soci::into(id);
    return id;
  }

  notify::AlertNotice Notice(int64_t alert_id, const std::string& level, const std::string& event,
                             const std::string& state) {
    notify::AlertNotice notice;
    notice.alert_id = alert_id;
    notice.level = level;
    notice.rule_code = "time.promised";
    notice.division_code = "511602";
    notice.department_id = civil_affairs_.id;
    notice.case_number = "2026-0001";
    notice.message_zh = "超过承诺时限";
    notice.event = event;
    notice.state = state;
    notice.handling = "prompt";
    return notice;
  }

  int Enqueue(const notify::AlertNotice& notice) {
    auto lease = db().Acquire();
    store::WriteTransaction tx(lease);
    int written = notify::EnqueueAlertNotice(*lease, notice, now());
    tx.Commit();
    return written;
  }

  std::vector<notify::OutboxRow> Rows(int64_t alert_id) {
    auto lease = db().Acquire();
    return notify::ListAlertOutbox(*lease, alert_id);
  }

  int64_t now() const { return clock_.NowSeconds(); }

  org::User city_supervisor_;
  org::User district_supervisor_;
  org::User yuechi_supervisor_;
  org::User head_;
  org::User staff_;  // has no phone
  org::User yuechi_staff_;
};

}  // namespace mingjing::testing
