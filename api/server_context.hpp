// What route registrations share: the ledger, the metrics, the tokens and the hooks the domain
// plugs in.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "api/http.hpp"
#include "domain/time.hpp"
#include "eventstore/ledger.hpp"
#include "projections/unsealer.hpp"
#include "server/browser_sessions.hpp"
#include "server/metrics.hpp"
#include "server/sign_in_limiter.hpp"

namespace ctom::vault {
class Vault;
}

namespace ctom::api {

using server::Metrics;

// What `ctom serve` was told about the program's public face (API.md, "Command line").
struct ServeSettings {
  std::string public_url;                         // --public-url; default http://<listen>
  std::string time_zone = "America/Los_Angeles";  // --time-zone: how instants are shown
  std::string trusted_proxy;                      // --trusted-proxy: a canonical address, or ""
};

// Everything a Register*Routes function may capture. It outlives the router and the server.
struct ServerContext {
  eventstore::Ledger& ledger;
  Metrics& metrics;
  InMemoryTokenDirectory& tokens;
  std::string data_directory;           // --data DIR
  std::function<std::int64_t()> clock;  // UTC microseconds now; the only clock handlers read
  // Objects a registration creates for its handlers (views, services). They live until the
  // server has stopped, and are destroyed in reverse order, before the ledger.
  std::vector<std::shared_ptr<void>> owned;
  ServeSettings settings{};
  // Browser sessions, which the router also reads (Router's sessions), and the limit on failed
  // sign-ins. Null in contexts without browsers (ctom import, some tests): the sign-in routes
  // then make their own.
  std::shared_ptr<server::SessionStore> sessions{};
  std::shared_ptr<server::SignInLimiter> sign_in_limiter{};
  // The zone refusal details write instants in (`--time-zone`); the program's Pacific when null.
  // Lives as long as the context.
  const domain::ZoneOffsets* time_zone = nullptr;
  // The vault: personal data keys (docs/privacy.md). Null only in tests of other things, which
  // then store events in clear; unsealer opens the log's sealed fields with it.
  vault::Vault* vault = nullptr;
  projections::Unsealer unsealer{};
};

// Adds routes (and whatever they need, kept in context.owned) to the router.
using RouteRegistration = void (*)(Router& router, ServerContext& context);

}  // namespace ctom::api
