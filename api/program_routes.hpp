// The domain's endpoints: every route of API.md beyond health, metrics, OpenAPI and the ledger.
#pragma once

#include "api/http.hpp"
#include "api/server_context.hpp"

namespace ctom::api {

// Folds the ledger into live views (failing start-up on an undecodable record), feeds the token
// directory from the users recorded, and adds every program route.
void RegisterProgramRoutes(Router& router, ServerContext& context);

}  // namespace ctom::api
