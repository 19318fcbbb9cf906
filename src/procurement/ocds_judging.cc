#include "procurement/ocds_judging.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <map>

#include "procurement/flag_alerts.h"
#include "procurement/ocds_store.h"
#include "store/transaction.h"
#include "supervision/rule_set.h"

namespace mingjing::procurement {
namespace {

namespace json = boost::json;

struct StoredProcess {
  std::string division_code;
  std::string date;  // the compiled release's `date`
};

// Issues the alerts of one flag. `spans_processes` marks a flag from BuyerRiskRules::Finish(),
// whose subject already identifies it within the buyer; a per-process flag is identified by its
// ocid and subject.
int64_t IssueBuyerFlag(soci::session& session, const supervision::AlertService& alerts,
                       const supervision::RuleSet& rules, const std::string& buyer_id,
                       int64_t department_id,
                       const std::map<std::string, StoredProcess>& processes,
                       const ProcurementFlag& flag, bool spans_processes, int64_t now) {
  auto process = processes.find(flag.ocid);
  if (process == processes.end()) return 0;

  FlagForAlert for_alert{"procurement." + flag.rule, flag.level,
                         spans_processes ? flag.subject
                                         : fmt::format("ocid:{}|{}", flag.ocid, flag.subject),
                         flag.evidence};
  for_alert.evidence["buyer_id"] = buyer_id;
  for_alert.evidence["ocid"] = flag.ocid;
  if (!spans_processes) for_alert.evidence["release_date"] = process->second.date;
  FlagAlertTarget target{fmt::format("buyer:{}", buyer_id), flag.ocid, "",
                         process->second.division_code, department_id};
  auto ids = IssueFlagAlerts(session, alerts, rules, target, {for_alert}, now);
  return ids.front() != 0 ? 1 : 0;
}

int64_t JudgeBuyer(soci::session& session, const supervision::AlertService& alerts,
                   const std::string& buyer_id, int64_t department_id,
                   const BuyerRiskSettings& settings, int64_t now) {
  supervision::RuleSet rules = supervision::LoadRuleSet(session);
  BuyerRiskRules judge(settings);
  std::map<std::string, StoredProcess> processes;
  std::vector<ProcurementFlag> per_process;
  for (const CompiledReleaseRow& row : ListBuyerCompiledReleases(session, buyer_id)) {
    const json::value* date = row.compiled.if_contains("date");
    processes[row.ocid] = {row.division_code,
                           date != nullptr && date->is_string() ? std::string(date->get_string())
                                                                : std::string()};
    for (auto& flag : judge.Add(row.compiled)) per_process.push_back(std::move(flag));
  }

  int64_t issued = 0;
  for (const auto& flag : per_process) {
    issued += IssueBuyerFlag(session, alerts, rules, buyer_id, department_id, processes, flag,
                             false, now);
  }
  for (const auto& flag : judge.Finish()) {
    issued += IssueBuyerFlag(session, alerts, rules, buyer_id, department_id, processes, flag,
                             true, now);
  }
  return issued;
}

}  // namespace

int64_t JudgeBuyers(store::Database& db, const supervision::AlertService& alerts,
                    const std::vector<std::string>& buyer_ids, int64_t department_id,
                    const Clock& clock, const BuyerRiskSettings& settings) {
  int64_t issued = 0;
  for (const std::string& buyer_id : buyer_ids) {
    try {
      auto lease = db.Acquire();
      store::WriteTransaction transaction(lease);
      int64_t alerts_issued =
          JudgeBuyer(*lease, alerts, buyer_id, department_id, settings, clock.NowSeconds());
      transaction.Commit();
      issued += alerts_issued;
    } catch (const std::exception& e) {
      spdlog::error("buyer risk judging failed buyer_id={} error={}", buyer_id, e.what());
    }
  }
  return issued;
}

}  // namespace mingjing::procurement
