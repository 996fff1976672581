// The console's pages: GET / and /console redirect to /console/, which serves the embedded files.
#pragma once

#include "api/http.hpp"
#include "api/server_context.hpp"

namespace ctom::api {

// Registers (public, outside the API: not in /openapi.json):
//   GET /              302 to /console/
//   GET /console/*     the embedded console (server::ConsoleResponse over server::ConsoleFiles);
//                      GET /console itself redirects to /console/
void RegisterConsoleRoutes(Router& router, ServerContext& context);

}  // namespace ctom::api
