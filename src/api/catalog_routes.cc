// The service-item catalogue: public reads for the citizen portal, and platform administrators'
// changes to limits, fees, steps and the review flag.
#include <fmt/format.h>

#include <boost/json.hpp>
#include <charconv>

#include "api/guard.h"
#include "api/routes.h"
#include "catalog/item_store.h"
#include "org/department.h"

namespace mingjing::api {
namespace {

using auth::Role;
using boost::beast::http::status;

constexpr size_t kMaxKeywordBytes = 200;

// 400 with the first error in the usual shape and every error under "errors".
http::Response FieldErrorsResponse(const std::vector<Error>& errors) {
  boost::json::value body = http::ErrorBody(errors.front());
  boost::json::array list;
  for (const Error& e : errors) list.push_back({{"field", e.field}, {"message", e.message}});
  body.as_object()["error"].as_object()["errors"] = std::move(list);
  return http::Json(body, status::bad_request);
}

Result<int> QueryInt(const http::Request& request, std::string_view name, int fallback, int min,
                     int max) {
  auto text = request.Query(name);
  if (!text || text->empty()) return fallback;
  int value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value < min || value > max) {
    return Error::InvalidField(
        std::string(name), fmt::format("{} must be a whole number from {} to {}", name, min, max));
  }
  return value;
}

boost::json::object ItemSummaryJson(const catalog::ServiceItem& item) {
  return {{"id", item.id},
          {"code", item.code},
          {"name", item.name},
          {"department_id", item.department_id},
          {"division_code", item.division_code},
          {"type", catalog::ItemTypeName(item.type)},
          {"group_name", item.group_name},
          {"statutory_limit", catalog::TimeLimitToJson(item.statutory_limit)},
          {"promised_limit", catalog::TimeLimitToJson(item.promised_limit)},
          {"fee_free", item.fee.free},
          {"needs_review", item.needs_review}};
}

Result<catalog::ItemQuery> ParseItemQuery(const http::Request& request) {
  catalog::ItemQuery query;
  query.division_scope = std::string(request.Query("division").value_or(""));
  if (query.division_scope.size() > 12) {
    return Error::InvalidField("division", "division must be a division code");
  }
  auto department = QueryInt(request, "department_id", 0, 0, INT32_MAX);
  if (!department) return department.error();
  query.department_id = *department;
  if (auto type = request.Query("type"); type && !type->empty()) {
    query.type = catalog::ParseItemType(*type);
    if (!query.type) {
      return Error::InvalidField("type",
                                 fmt::format("unknown item type '{}': use licensing, penalty, "
                                             "confirmation, payment, public_service or other",
                                             *type));
    }
  }
  if (auto review = request.Query("needs_review"); review && !review->empty()) {
    if (*review != "true" && *review != "false") {
      return Error::InvalidField("needs_review", "needs_review must be true or false");
    }
    query.needs_review = *review == "true";
  }
  query.keyword = std::string(request.Query("q").value_or(""));
  if (query.keyword.size() > kMaxKeywordBytes) {
    return Error::InvalidField("q", "q is longer than 200 bytes");
  }
  auto page = QueryInt(request, "page", 1, 1, 100'000);
  if (!page) return page.error();
  auto page_size = QueryInt(request, "page_size", 20, 1, 100);
  if (!page_size) return page_size.error();
  query.page = *page;
  query.page_size = *page_size;
  return query;
}

http::Response ListItems(ApiContext& ctx, http::Request& request) {
  auto query = ParseItemQuery(request);
  if (!query) return http::ErrorResponse(query.error());
  catalog::ItemPage page = catalog::SearchItems(ctx.db, *query);
  boost::json::array items;
  for (const auto& item : page.items) items.push_back(ItemSummaryJson(item));
  return http::Json(boost::json::object{{"items", std::move(items)},
                                        {"total", page.total},
                                        {"page", query->page},
                                        {"page_size", query->page_size}});
}

// The item with everything an applicant needs, including where to apply.
http::Response GetItem(ApiContext& ctx, http::Request& request) {
  auto id = PathId(request, "id");
  if (!id) return http::ErrorResponse(id.error());
  auto item = catalog::FindItem(ctx.db, *id);
  if (!item) return http::ErrorResponse(Error::NotFound("service item not found"));

  boost::json::object out = catalog::ItemToJson(*item);
  boost::json::object department{{"id", item->department_id}};
  if (auto d = org::FindDepartment(ctx.db, item->department_id)) {
    department["name"] = d->name;
    department["code"] = d->code;
    department["division_code"] = d->division_code;
  }
  boost::json::array windows;
  for (const auto& w : org::ListServiceWindows(ctx.db, item->department_id)) {
    windows.push_back({{"id", w.id}, {"name", w.name}, {"address", w.address}, {"phone", w.phone}});
  }
  department["windows"] = std::move(windows);
  out["department"] = std::move(department);
  return http::Json(out);
}

http::Response ListDepartmentCounts(ApiContext& ctx, http::Request& request) {
  std::string scope(request.Query("division").value_or(""));
  if (scope.size() > 12) {
    return http::ErrorResponse(Error::InvalidField("division", "division must be a division code"));
  }
  boost::json::array items;
  for (const auto& d : catalog::CountItemsByDepartment(ctx.db, scope)) {
    items.push_back({{"id", d.department_id},
                     {"name", d.department_name},
                     {"division_code", d.division_code},
                     {"items", d.items}});
  }
  return http::Json(boost::json::object{{"items", std::move(items)}});
}

// Reads the members of a change. With `complete` (PUT) it requires the limits, fee, steps and
// review flag. Every problem found is added to `errors`.
catalog::ItemChange ParseItemChange(const boost::json::object& body, bool complete,
                                    std::vector<Error>& errors) {
  catalog::ItemChange change;
  auto member = [&](std::string_view key) -> const boost::json::value* {
    const boost::json::value* value = body.if_contains(key);
    if (value == nullptr && complete) {
      errors.push_back(Error::InvalidField(std::string(key), fmt::format("{} is required", key)));
    }
    return value;
  };
  auto collect = [&](auto result, auto& target) {
    if (result) {
      target = *result;
    } else {
      errors.push_back(result.error());
    }
  };

  if (const auto* v = member("statutory_limit")) {
    collect(catalog::TimeLimitFromJson(*v, "statutory_limit"), change.statutory_limit);
  }
  if (const auto* v = member("promised_limit")) {
    collect(catalog::TimeLimitFromJson(*v, "promised_limit"), change.promised_limit);
  }
  if (const auto* v = member("fee")) collect(catalog::FeeFromJson(*v, "fee"), change.fee);
  if (const auto* v = member("steps")) collect(catalog::StepsFromJson(*v, "steps"), change.steps);
  if (const auto* v = member("needs_review")) {
    if (v->is_bool()) {
      change.needs_review = v->as_bool();
    } else {
      errors.push_back(Error::InvalidField("needs_review", "needs_review must be true or false"));
    }
  }
  for (std::string_view key : {"legal_basis", "conditions"}) {
    const boost::json::value* v = body.if_contains(key);
    if (v == nullptr) continue;
    if (!v->is_string()) {
      errors.push_back(
          Error::InvalidField(std::string(key), fmt::format("{} must be a string", key)));
      continue;
    }
    (key == "legal_basis" ? change.legal_basis : change.conditions) = std::string(v->as_string());
  }
  if (const auto* v = body.if_contains("materials")) {
    collect(catalog::MaterialsFromJson(*v, "materials"), change.materials);
  }
  return change;
}

http::Response ChangeItem(ApiContext& ctx, http::Request& request, bool complete) {
  if (auto ok = RequireRole(request, {Role::kPlatformAdmin}); !ok) {
    return http::ErrorResponse(ok.error());
  }
  auto id = PathId(request, "id");
  if (!id) return http::ErrorResponse(id.error());
  auto item = catalog::FindItem(ctx.db, *id);
  if (!item || !RequireInRegion(request, item->division_code, "service item")) {
    return http::ErrorResponse(Error::NotFound("service item not found"));
  }
  auto body = http::ParseJsonObjectBody(request);
  if (!body) return http::ErrorResponse(body.error());

  std::vector<Error> errors;
  catalog::ItemChange change = ParseItemChange(*body, complete, errors);
  int64_t expected_version = 0;
  if (const auto* v = body->if_contains("version")) {
    if (v->is_int64() && v->as_int64() > 0 && v->as_int64() <= INT32_MAX) {
      expected_version = v->as_int64();
    } else {
      errors.push_back(Error::InvalidField("version", "version must be a positive whole number"));
    }
  }
  if (!errors.empty()) return FieldErrorsResponse(errors);

  auto updated = catalog::UpdateItem(ctx.db, ctx.ledger, ActorOf(request), *id, change,
                                     int(expected_version), ctx.clock, &errors);
  if (!updated) {
    if (!errors.empty()) return FieldErrorsResponse(errors);
    return http::ErrorResponse(updated.error());
  }
  return http::Json(catalog::ItemToJson(*updated));
}

http::Response GetItemHistory(ApiContext& ctx, http::Request& request) {
  if (auto ok = RequireRole(request, {Role::kPlatformAdmin, Role::kAuditAdmin, Role::kSupervisor});
      !ok) {
    return http::ErrorResponse(ok.error());
  }
  auto id = PathId(request, "id");
  if (!id) return http::ErrorResponse(id.error());
  auto item = catalog::FindItem(ctx.db, *id);
  if (!item || !RequireInRegion(request, item->division_code, "service item")) {
    return http::ErrorResponse(Error::NotFound("service item not found"));
  }
  boost::json::array versions;
  for (const auto& v : catalog::ItemHistory(ctx.db, *id)) {
    versions.push_back({{"version", v.version},
                        {"changed_by", v.changed_by},
                        {"changed_at", v.changed_at},
                        {"reason", v.reason},
                        {"item", v.snapshot}});
  }
  return http::Json(boost::json::object{{"versions", std::move(versions)}});
}

}  // namespace

void RegisterCatalogRoutes(http::Router& router, ApiContext& ctx) {
  router.Get("/api/v1/catalog/items", [&ctx](http::Request& r) { return ListItems(ctx, r); },
             {.summary = "Search service items by department_id, type, needs_review and q (name or "
                         "code), paged",
              .tag = "catalogue",
              .auth = http::AuthRequirement::kPublic});
  router.Get("/api/v1/catalog/items/{id}", [&ctx](http::Request& r) { return GetItem(ctx, r); },
             {.summary = "A service item with its department and service windows",
              .tag = "catalogue",
              .auth = http::AuthRequirement::kPublic});
  router.Get("/api/v1/catalog/departments",
             [&ctx](http::Request& r) { return ListDepartmentCounts(ctx, r); },
             {.summary = "Departments with their number of service items",
              .tag = "catalogue",
              .auth = http::AuthRequirement::kPublic});
  router.Put("/api/v1/catalog/items/{id}",
             [&ctx](http::Request& r) { return ChangeItem(ctx, r, true); },
             {.summary = "Replace an item's limits, fee, steps and review flag (platform "
                         "administrator)",
              .tag = "catalogue"});
  router.Patch("/api/v1/catalog/items/{id}",
               [&ctx](http::Request& r) { return ChangeItem(ctx, r, false); },
               {.summary = "Change some of an item's limits, fee, steps, review flag, legal "
                           "basis, conditions or materials (platform administrator)",
                .tag = "catalogue"});
  router.Get("/api/v1/catalog/items/{id}/history",
             [&ctx](http::Request& r) { return GetItemHistory(ctx, r); },
             {.summary = "Every version of a service item (administrators and supervisors)",
              .tag = "catalogue"});
}

}  // namespace mingjing::api
