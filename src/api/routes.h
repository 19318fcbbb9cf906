// Registration of every API route on the router, one function per area.
#pragma once

#include "api/api_context.h"
#include "http/router.h"

namespace mingjing::api {

void RegisterAuthRoutes(http::Router& router, ApiContext& ctx);
void RegisterOrgRoutes(http::Router& router, ApiContext& ctx);
void RegisterApiKeyRoutes(http::Router& router, ApiContext& ctx);
void RegisterLedgerRoutes(http::Router& router, ApiContext& ctx);
void RegisterCatalogRoutes(http::Router& router, ApiContext& ctx);
void RegisterCalendarRoutes(http::Router& router, ApiContext& ctx);
void RegisterExchangeRoutes(http::Router& router, ApiContext& ctx);
void RegisterStreamRoutes(http::Router& router, ApiContext& ctx);
void RegisterSmsReportRoutes(http::Router& router, ApiContext& ctx);
void RegisterDashboardRoutes(http::Router& router, ApiContext& ctx);
void RegisterRuleRoutes(http::Router& router, ApiContext& ctx);
void RegisterProgressRoutes(http::Router& router, ApiContext& ctx);
void RegisterAlertRoutes(http::Router& router, ApiContext& ctx);
void RegisterProcurementRoutes(http::Router& router, ApiContext& ctx);
void RegisterOcdsRoutes(http::Router& router, ApiContext& ctx);

// All of the above plus the authentication middleware.
void RegisterApi(http::Router& router, ApiContext& ctx);

}  // namespace mingjing::api
