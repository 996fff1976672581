// Health, metrics, the program's public settings and the OpenAPI document.
#include "api/system_routes.hpp"

#include <boost/json/object.hpp>

#include "api/json_body.hpp"

namespace ctom::api {

void RegisterSystemRoutes(Router& router, ServerContext& context) {
  // All answer from memory: on the I/O thread (RouteOptions).
  const RouteOptions from_memory{.quick_without_query = true};
  router.Add(
      "GET", "/healthz", Access::Public(),
      [&context](const RouteContext&) {
        const eventstore::Head head = context.ledger.GetHead();
        return JsonResponse(200,
                            boost::json::object{{"status", "ok"}, {"position", head.position}});
      },
      from_memory);

  router.Add(
      "GET", "/metrics", Access::Public(),
      [&context](const RouteContext&) {
        const eventstore::GroupCommitStats commits = context.ledger.GetGroupCommitStats();
        const server::LedgerGauges gauges{context.ledger.GetHead().position, commits.batches,
                                          commits.events, commits.commands};
        return TextResponse(200, std::string(server::kPrometheusContentType),
                            context.metrics.Render(gauges));
      },
      from_memory);

  router.Add(
      "GET", "/v1/program", Access::Public(),
      [&context](const RouteContext&) {
        return JsonResponse(200, boost::json::object{{"time_zone", context.settings.time_zone},
                                                     {"public_url", context.settings.public_url}});
      },
      from_memory);

  router.Add(
      "GET", "/openapi.json", Access::Public(),
      [](const RouteContext&) {
        return TextResponse(200, "application/json", std::string(OpenApiDocumentText()));
      },
      from_memory);
}

}  // namespace ctom::api
