#include "api/routes.h"

#include "api/authentication.h"

namespace mingjing::api {

void RegisterApi(http::Router& router, ApiContext& ctx) {
  router.UseBeforeBody(AuthenticationBeforeBody(ctx));
  router.Use(AuthenticationMiddleware(ctx));
  RegisterAuthRoutes(router, ctx);
  RegisterOrgRoutes(router, ctx);
  RegisterApiKeyRoutes(router, ctx);
  RegisterLedgerRoutes(router, ctx);
  RegisterCatalogRoutes(router, ctx);
  RegisterCalendarRoutes(router, ctx);
  RegisterExchangeRoutes(router, ctx);
  RegisterStreamRoutes(router, ctx);
  RegisterSmsReportRoutes(router, ctx);
  RegisterDashboardRoutes(router, ctx);
  RegisterRuleRoutes(router, ctx);
  RegisterProgressRoutes(router, ctx);
  RegisterAlertRoutes(router, ctx);
  RegisterProcurementRoutes(router, ctx);
  RegisterOcdsRoutes(router, ctx);
}

}  // namespace mingjing::api
