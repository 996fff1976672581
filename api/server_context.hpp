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
#include "eventstore/ledger.hpp"
#include "server/metrics.hpp"

namespace ctom::api {

using server::Metrics;

class Router;

// Turns an event's payload into the "data" of /v1/events. Must not throw.
using EventDataRenderer = std::function<boost::json::value(
    std::string_view type, std::uint32_t schema_version, std::string_view payload)>;

// The default renderer: the payload as a base64 string.
[[nodiscard]] boost::json::value Base64EventData(std::string_view type,
                                                 std::uint32_t schema_version,
                                                 std::string_view payload);

// Everything a Register*Routes function may capture. It outlives the router and the server.
struct ServerContext {
  eventstore::Ledger& ledger;
  Metrics& metrics;
  InMemoryTokenDirectory& tokens;
  std::string data_directory;  // --data DIR
  EventDataRenderer event_data = Base64EventData;
  // Renders a whole record for /v1/events; when set it replaces the default rendering, so the
  // API and `ctom export` can share one (the domain's registration sets it).
  std::function<boost::json::object(const eventstore::RecordedEvent&)> event_record;
  std::function<std::int64_t()> clock;  // UTC microseconds now; the only clock handlers read
  // Objects a registration creates for its handlers (views, services). They live until the
  // server has stopped, and are destroyed in reverse order, before the ledger.
  std::vector<std::shared_ptr<void>> owned;
};

// Adds routes (and whatever they need, kept in context.owned) to the router.
using RouteRegistration = void (*)(Router& router, ServerContext& context);

}  // namespace ctom::api
