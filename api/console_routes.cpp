// The console's routes over the files embedded in the program.
#include "api/console_routes.hpp"

#include "server/console_files.hpp"

namespace ctom::api {

void RegisterConsoleRoutes(Router& router, ServerContext&) {
  // The files are in memory: answered on the I/O thread.
  const RouteOptions from_memory{.quick_without_query = true};
  router.Add(
      "GET", "/", Access::Public(), [](const RouteContext&) { return server::ConsoleRedirect(); },
      from_memory);
  router.AddPrefix(
      "GET", "/console", Access::Public(),
      [](const RouteContext& r) {
        // "/console" alone has no rest and no trailing slash: the console's relative links need
        // the slash.
        if (r.request.path == "/console") return server::ConsoleRedirect();
        return server::ConsoleResponse(server::ConsoleFiles(), r.Param("path"));
      },
      from_memory);
}

}  // namespace ctom::api
