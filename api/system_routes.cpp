// Health, metrics and the OpenAPI document.
#include "api/system_routes.hpp"

#include <boost/json/object.hpp>

#include "api/json_body.hpp"

namespace ctom::api {

void RegisterSystemRoutes(Router& router, ServerContext& context) {
  router.Add("GET", "/healthz", Access::Public(), [&context](const RouteContext&) {
    const eventstore::Head head = context.ledger.GetHead();
    return JsonResponse(200, boost::json::object{{"status", "ok"}, {"position", head.position}});
  });

  router.Add("GET", "/metrics", Access::Public(), [&context](const RouteContext&) {
    const LedgerGauges gauges{context.ledger.GetHead().position,
                              context.ledger.GetGroupCommitStats()};
    return TextResponse(200, std::string(kPrometheusContentType), context.metrics.Render(gauges));
  });

  router.Add("GET", "/openapi.json", Access::Public(), [](const RouteContext&) {
    return TextResponse(200, "application/json", std::string(OpenApiDocumentText()));
  });
}

}  // namespace ctom::api
