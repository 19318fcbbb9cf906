// The organisation of OrgFixture plus the Guang'an District service items and the holiday
// schedules of the shared reference data.
#pragma once

#include <gtest/gtest.h>

#include "calendar/calendar_loader.h"
#include "calendar/calendar_store.h"
#include "catalog/item_import.h"
#include "catalog/item_store.h"
#include "org_fixture.h"

namespace mingjing::testing {

inline constexpr const char* kGuanganDistrict = "511602";

class CatalogFixture : public OrgFixture {
 protected:
  static std::vector<catalog::SourceDepartment> SharedItems() {
    auto items = catalog::LoadItemFile(std::string(MINGJING_SHARED_DATA) +
                                       "/service-items/guangan-district-items.json");
    EXPECT_TRUE(items.has_value()) << items.error().message;
    return ValueOr(std::move(items), std::vector<catalog::SourceDepartment>{});
  }

  catalog::ItemImportSummary ImportItems(const std::vector<catalog::SourceDepartment>& items) {
    auto summary = catalog::ImportItems(db(), ledger_, actor_, items, kGuanganDistrict, clock_);
    EXPECT_TRUE(summary.has_value()) << summary.error().message;
    return ValueOr(std::move(summary), catalog::ItemImportSummary{});
  }

  void ImportCalendar() {
    auto schedules =
        calendar::LoadScheduleFolder(std::string(MINGJING_SHARED_DATA) + "/calendar-cn");
    ASSERT_TRUE(schedules.has_value()) << schedules.error().message;
    auto stored = calendar::StoreSchedules(db(), ledger_, actor_, *schedules, clock_);
    ASSERT_TRUE(stored.has_value()) << stored.error().message;
  }

  // The stored item with `code`.
  catalog::ServiceItem ItemByCode(const std::string& code) {
    auto lease = db().Acquire();
    return catalog::FindItemByCode(*lease, code).value_or(catalog::ServiceItem{});
  }

  int64_t LedgerCount(const std::string& action) {
    auto lease = db().Acquire();
    long long n = 0;
    *lease << "SELECT COUNT(*) FROM ledger_entries WHERE action = :a", soci::use(action),
        soci::into(n);
    return n;
  }
};

}  // namespace mingjing::testing
