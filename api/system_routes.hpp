// The routes that need no domain: GET /healthz, /metrics, /v1/program, /openapi.json.
#pragma once

#include <string_view>

#include "api/http.hpp"
#include "api/server_context.hpp"

namespace ctom::api {

// Registers (all public):
//   GET /healthz       {"status":"ok","position":N}
//   GET /metrics       Prometheus text (Metrics::Render with the ledger's head and group commits)
//   GET /v1/program   {"time_zone","public_url"}: what clients need to show times and links
//   GET /openapi.json  the OpenAPI 3.1 document api/openapi.json, embedded at build time
void RegisterSystemRoutes(Router& router, ServerContext& context);

// The text of api/openapi.json (generated into the build by api/embed_text.cmake, which also
// refuses to build when the file is not valid JSON).
[[nodiscard]] std::string_view OpenApiDocumentText();

}  // namespace ctom::api
