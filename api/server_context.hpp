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
#include "server/metrics.hpp"

namespace ctom::api {

using server::Metrics;

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
  // The zone refusal details write instants in (`--time-zone`); the program's Pacific when null.
  // Lives as long as the context.
  const domain::ZoneOffsets* time_zone = nullptr;
};

// Adds routes (and whatever they need, kept in context.owned) to the router.
using RouteRegistration = void (*)(Router& router, ServerContext& context);

}  // namespace ctom::api
