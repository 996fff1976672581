// /openapi.json stays true to the server: every route the program registers is documented with
// its method and whether it needs a token, and nothing documented is missing from the router.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <filesystem>
#include <set>

#include "api/formats.hpp"
#include "api/ledger_routes.hpp"
#include "api/program_routes.hpp"
#include "api/system_routes.hpp"
#include "server/auth.hpp"
#include "server/metrics.hpp"
#include "server/router.hpp"
#include "tests/support/program_history.hpp"

namespace ctom::api {
namespace {

TEST(OpenApiDocument, DescribesEveryRouteTheServerRegistersAndNoOther) {
  testing::ScratchFolder folder;
  eventstore::OpenOptions options;
  options.path = folder.path() + "/ledger";
  auto ledger = std::move(*eventstore::Ledger::Open(options));
  Metrics metrics;
  InMemoryTokenDirectory tokens;
  ServerContext context{*ledger, metrics, tokens, folder.path(), [] { return std::int64_t{0}; },
                        {}};
  Router router(tokens);
  RegisterSystemRoutes(router, context);
  RegisterLedgerRoutes(router, context);
  RegisterProgramRoutes(router, context);
  const auto document = boost::json::parse(OpenApiDocumentText());
  const auto& paths = document.at("paths").as_object();
  std::set<std::string> registered;
  for (const RouteInfo& route : router.Routes()) {
    const std::string method = AsciiLower(route.method);
    registered.insert(method + " " + route.pattern);
    const auto* path = paths.if_contains(route.pattern);
    ASSERT_NE(path, nullptr) << route.pattern << " is not in api/openapi.json";
    ASSERT_TRUE(path->as_object().contains(method)) << route.method << " " << route.pattern;
    const auto* security = path->at(method).as_object().if_contains("security");
    const bool documented_public = security != nullptr && security->as_array().empty();
    EXPECT_EQ(documented_public, route.access.is_public()) << route.pattern;
  }
  for (const auto& [pattern, operations] : paths) {
    for (const auto& [method, operation] : operations.as_object()) {
      EXPECT_TRUE(registered.contains(std::string(method) + " " + std::string(pattern)))
          << method << " " << pattern << " is documented but not served";
    }
  }
  while (!context.owned.empty()) context.owned.pop_back();
}

}  // namespace
}  // namespace ctom::api
