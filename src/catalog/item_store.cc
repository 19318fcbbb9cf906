#include "catalog/item_store.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>

#include "store/row.h"
#include "store/transaction.h"

namespace mingjing::catalog {
namespace {

constexpr const char* kItemColumns =
    "SELECT id, code, name, department_id, division_code, item_type, task_type, group_name, "
    "legal_basis, conditions, materials, fee_free, fee_amount_fen, fee_basis, statutory_unit, "
    "statutory_amount, promised_unit, promised_amount, steps, needs_review, version, created_at, "
    "updated_at FROM service_items";

// Reads a stored limit unit. Units are validated on the way in, so an unknown name means the
// row was edited outside the platform, and it reads as immediate.
calendar::LimitUnit StoredUnit(const std::string& name) {
  return ValueOr(calendar::ParseLimitUnit(name), calendar::LimitUnit::kImmediate);
}

boost::json::value ParseStored(const std::string& text) {
  boost::system::error_code ec;
  auto value = boost::json::parse(text, ec);
  return ec ? boost::json::value(boost::json::array()) : value;
}

ServiceItem ItemFromRow(const soci::row& r) {
  ServiceItem item;
  item.id = store::Int64(r, 0);
  item.code = store::Text(r, 1);
  item.name = store::Text(r, 2);
  item.department_id = store::Int64(r, 3);
  item.division_code = store::Text(r, 4);
  item.type = ParseItemType(store::Text(r, 5)).value_or(ItemType::kOther);
  item.task_type = store::Text(r, 6);
  item.group_name = store::Text(r, 7);
  item.legal_basis = store::Text(r, 8);
  item.conditions = store::Text(r, 9);
  item.materials = ValueOr(MaterialsFromJson(ParseStored(store::Text(r, 10)), "materials"),
                           std::vector<Material>{});
  item.fee = {store::Int64(r, 11) != 0, store::Int64(r, 12), store::Text(r, 13)};
  item.statutory_limit = {StoredUnit(store::Text(r, 14)), int(store::Int64(r, 15))};
  item.promised_limit = {StoredUnit(store::Text(r, 16)), int(store::Int64(r, 17))};
  item.steps =
      ValueOr(StepsFromJson(ParseStored(store::Text(r, 18)), "steps"), std::vector<Step>{});
  item.needs_review = store::Int64(r, 19) != 0;
  item.version = int(store::Int64(r, 20));
  item.created_at = store::Int64(r, 21);
  item.updated_at = store::Int64(r, 22);
  return item;
}

std::optional<ServiceItem> FindItemById(soci::session& session, int64_t id, bool for_update) {
  long long key = id;
  std::string sql = std::string(kItemColumns) + " WHERE id = :id";
  if (for_update) sql += " FOR UPDATE";
  soci::rowset<soci::row> rows = (session.prepare << sql, soci::use(key));
  for (const soci::row& r : rows) return ItemFromRow(r);
  return std::nullopt;
}

// Escapes LIKE wildcards with '!' so that a keyword such as "100%" matches itself.
std::string LikePattern(const std::string& keyword) {
  std::string out = "%";
  for (char c : keyword) {
    if (c == '%' || c == '_' || c == '!') out += '!';
    out += c;
  }
  return out + "%";
}

std::string MaterialsText(const std::vector<Material>& materials) {
  boost::json::array out;
  for (const Material& m : materials) {
    out.push_back({{"name", m.name}, {"copies", m.copies}, {"note", m.note}});
  }
  return boost::json::serialize(out);
}

std::string StepsText(const std::vector<Step>& steps) {
  boost::json::array out;
  for (const Step& s : steps) {
    out.push_back({{"name", s.name}, {"limit", TimeLimitToJson(s.limit)}});
  }
  return boost::json::serialize(out);
}

}  // namespace

ItemPage SearchItems(store::Database& db, const ItemQuery& query) {
  std::string scope = query.division_scope + "%";
  long long department = query.department_id;
  std::string type = query.type ? std::string(ItemTypeName(*query.type)) : std::string();
  std::string pattern = query.keyword.empty() ? std::string() : LikePattern(query.keyword);
  int review = query.needs_review ? (*query.needs_review ? 1 : 0) : -1;  // -1 matches both
  int page_size = std::clamp(query.page_size, 1, 100);
  long long offset = (long long)(std::max(query.page, 1) - 1) * page_size;

  // Every placeholder has its own name and binding, so both backends see plain positional
  // parameters.
  const std::string where =
      " WHERE division_code LIKE :scope"
      " AND (:dep1 = 0 OR department_id = :dep2)"
      " AND (:type1 = '' OR item_type = :type2)"
      " AND (:kw1 = '' OR name LIKE :kw2 ESCAPE '!' OR code LIKE :kw3 ESCAPE '!')"
      " AND (:rv1 < 0 OR needs_review = :rv2)";

  auto lease = db.Acquire();
  ItemPage page;
  long long total = 0;
  *lease << "SELECT COUNT(*) FROM service_items" + where, soci::use(scope, "scope"),
      soci::use(department, "dep1"), soci::use(department, "dep2"), soci::use(type, "type1"),
      soci::use(type, "type2"), soci::use(pattern, "kw1"), soci::use(pattern, "kw2"),
      soci::use(pattern, "kw3"), soci::use(review, "rv1"), soci::use(review, "rv2"),
      soci::into(total);
  page.total = total;

  long long limit = page_size;
  soci::rowset<soci::row> rows =
      (lease->prepare << std::string(kItemColumns) + where +
                             " ORDER BY department_id, name, id LIMIT :lim OFFSET :off",
       soci::use(scope, "scope"), soci::use(department, "dep1"), soci::use(department, "dep2"),
       soci::use(type, "type1"), soci::use(type, "type2"), soci::use(pattern, "kw1"),
       soci::use(pattern, "kw2"), soci::use(pattern, "kw3"), soci::use(review, "rv1"),
       soci::use(review, "rv2"), soci::use(limit, "lim"), soci::use(offset, "off"));
  for (const soci::row& r : rows) page.items.push_back(ItemFromRow(r));
  return page;
}

std::optional<ServiceItem> FindItem(store::Database& db, int64_t id) {
  auto lease = db.Acquire();
  return FindItemById(*lease, id, false);
}

std::optional<ServiceItem> FindItemByCode(soci::session& session, const std::string& code) {
  soci::rowset<soci::row> rows =
      (session.prepare << std::string(kItemColumns) + " WHERE code = :c", soci::use(code));
  for (const soci::row& r : rows) return ItemFromRow(r);
  return std::nullopt;
}

std::vector<DepartmentItemCount> CountItemsByDepartment(store::Database& db,
                                                        const std::string& division_scope) {
  auto lease = db.Acquire();
  std::string scope = division_scope + "%";
  std::vector<DepartmentItemCount> out;
  soci::rowset<soci::row> rows =
      (lease->prepare << "SELECT d.id, d.name, d.division_code, COUNT(i.id) FROM departments d "
                         "LEFT JOIN service_items i ON i.department_id = d.id "
                         "WHERE d.division_code LIKE :p "
                         "GROUP BY d.id, d.name, d.division_code ORDER BY d.division_code, d.name",
       soci::use(scope));
  for (const soci::row& r : rows) {
    out.push_back({store::Int64(r, 0), store::Text(r, 1), store::Text(r, 2), store::Int64(r, 3)});
  }
  return out;
}

void SaveItemVersion(soci::session& session, ServiceItem& item, const ledger::Actor& actor,
                     const std::string& reason) {
  std::string type(ItemTypeName(item.type));
  std::string materials = MaterialsText(item.materials);
  std::string steps = StepsText(item.steps);
  std::string statutory_unit(calendar::LimitUnitName(item.statutory_limit.unit));
  std::string promised_unit(calendar::LimitUnitName(item.promised_limit.unit));
  int fee_free = item.fee.free ? 1 : 0;
  long long fee_amount = item.fee.amount_fen;
  int needs_review = item.needs_review ? 1 : 0;
  long long department = item.department_id;
  long long created = item.created_at;
  long long updated = item.updated_at;

  if (item.id == 0) {
    long long id = 0;
    session << "INSERT INTO service_items (code, name, department_id, division_code, item_type, "
               "task_type, group_name, legal_basis, conditions, materials, fee_free, "
               "fee_amount_fen, fee_basis, statutory_unit, statutory_amount, promised_unit, "
               "promised_amount, steps, needs_review, version, created_at, updated_at) VALUES "
               "(:code, :name, :dep, :div, :type, :task, :grp, :basis, :cond, :mat, :free, "
               ":amount, :feebasis, :sunit, :samount, :punit, :pamount, :steps, :review, :ver, "
               ":created, :updated) RETURNING id",
        soci::use(item.code), soci::use(item.name), soci::use(department),
        soci::use(item.division_code), soci::use(type), soci::use(item.task_type),
        soci::use(item.group_name), soci::use(item.legal_basis), soci::use(item.conditions),
        soci::use(materials), soci::use(fee_free), soci::use(fee_amount), soci::use(item.fee.basis),
        soci::use(statutory_unit), soci::use(item.statutory_limit.amount), soci::use(promised_unit),
        soci::use(item.promised_limit.amount), soci::use(steps), soci::use(needs_review),
        soci::use(item.version), soci::use(created), soci::use(updated), soci::into(id);
    item.id = id;
  } else {
    long long id = item.id;
    session << "UPDATE service_items SET name = :name, department_id = :dep, "
               "division_code = :div, item_type = :type, task_type = :task, group_name = :grp, "
               "legal_basis = :basis, conditions = :cond, materials = :mat, fee_free = :free, "
               "fee_amount_fen = :amount, fee_basis = :feebasis, statutory_unit = :sunit, "
               "statutory_amount = :samount, promised_unit = :punit, promised_amount = :pamount, "
               "steps = :steps, needs_review = :review, version = :ver, updated_at = :updated "
               "WHERE id = :id",
        soci::use(item.name), soci::use(department), soci::use(item.division_code), soci::use(type),
        soci::use(item.task_type), soci::use(item.group_name), soci::use(item.legal_basis),
        soci::use(item.conditions), soci::use(materials), soci::use(fee_free),
        soci::use(fee_amount), soci::use(item.fee.basis), soci::use(statutory_unit),
        soci::use(item.statutory_limit.amount), soci::use(promised_unit),
        soci::use(item.promised_limit.amount), soci::use(steps), soci::use(needs_review),
        soci::use(item.version), soci::use(updated), soci::use(id);
  }

  long long id = item.id;
  std::string snapshot = boost::json::serialize(ItemToJson(item));
  session << "INSERT INTO service_item_versions (item_id, version, snapshot, changed_by, "
             "changed_at, reason) VALUES (:id, :ver, :snap, :by, :at, :reason)",
      soci::use(id), soci::use(item.version), soci::use(snapshot), soci::use(actor.name),
      soci::use(updated), soci::use(reason);
}

Result<ServiceItem> UpdateItem(store::Database& db, ledger::Ledger& ledger,
                               const ledger::Actor& actor, int64_t id, const ItemChange& change,
                               int expected_version, const Clock& clock,
                               std::vector<Error>* field_errors) {
  auto lease = db.Acquire();
  store::WriteTransaction tx(lease);
  // SQLite's BEGIN IMMEDIATE already serialises writers, but PostgreSQL needs the row lock.
  auto current = FindItemById(*lease, id, lease.backend() == store::Backend::kPostgres);
  if (!current) return Error::NotFound(fmt::format("service item {} not found", id));
  if (expected_version != 0 && expected_version != current->version) {
    return Error::Conflict(fmt::format(
        "service item {} is at version {}, not {}: reload it and apply the change again", id,
        current->version, expected_version));
  }

  ServiceItem changed = ApplyChange(*current, change);
  std::vector<Error> errors = ValidateItem(changed);
  if (!errors.empty()) {
    Error first = errors.front();
    if (field_errors != nullptr) *field_errors = std::move(errors);
    return first;
  }

  changed.version = current->version + 1;
  changed.updated_at = clock.NowSeconds();
  SaveItemVersion(*lease, changed, actor, "update");
  ledger.Append(*lease, actor,
                ledger::Entry{.action = "service_item.update",
                              .object_type = "service_item",
                              .object_id = std::to_string(changed.id),
                              .division_code = changed.division_code,
                              .detail = {{"code", changed.code},
                                         {"version", changed.version},
                                         {"before", ItemToJson(*current)},
                                         {"after", ItemToJson(changed)}}});
  tx.Commit();
  return changed;
}

std::vector<ItemVersion> ItemHistory(store::Database& db, int64_t id) {
  auto lease = db.Acquire();
  long long key = id;
  std::vector<ItemVersion> out;
  soci::rowset<soci::row> rows =
      (lease->prepare << "SELECT version, snapshot, changed_by, changed_at, reason "
                         "FROM service_item_versions WHERE item_id = :id ORDER BY version",
       soci::use(key));
  for (const soci::row& r : rows) {
    boost::json::value snapshot = ParseStored(store::Text(r, 1));
    out.push_back({int(store::Int64(r, 0)),
                   snapshot.is_object() ? snapshot.as_object() : boost::json::object(),
                   store::Text(r, 2), store::Int64(r, 3), store::Text(r, 4)});
  }
  return out;
}

}  // namespace mingjing::catalog
