// What the read endpoints share: bitemporal bounds and list paging from the query string.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cstddef>
#include <expected>
#include <functional>
#include <string>

#include "api/http.hpp"
#include "projections/fold.hpp"
#include "projections/live_views.hpp"

namespace ctom::api {

// ?as_of=, ?known_at= (RFC 3339) and ?position= (a log position); 400 when malformed.
std::expected<projections::Bounds, HttpResponse> ReadBounds(const HttpRequest& request);

struct PageRequest {
  std::size_t limit = 100;
  std::string after;  // the last key of the previous page; empty for the first
};

// ?limit= (1..1000, default 100) and ?after=; 400 when malformed.
std::expected<PageRequest, HttpResponse> ReadPage(const HttpRequest& request);

// {"items": items, "next": cursor or null}.
HttpResponse ListResponse(boost::json::array items, const std::string& next);

// A 200 JSON answer.
HttpResponse JsonOk(const boost::json::value& body);

// The answer when the log cannot be folded (a record that does not decode): 503.
HttpResponse FoldProblem(const std::string& detail);

// Runs render(program, judged_at) on the live views, or on a fresh fold of the log under the
// request's bounds; answers 400 for malformed bounds.
template <typename Render>
HttpResponse WithProgram(const HttpRequest& request, const eventstore::Ledger& ledger,
                         const projections::LiveViews& views,
                         const std::function<std::int64_t()>& clock, Render&& render) {
  auto bounds = ReadBounds(request);
  if (!bounds) return bounds.error();
  const domain::Instant at = bounds->JudgedAt(clock());
  if (bounds->IsLive()) return views.Read([&](const domain::Program& p) { return render(p, at); });
  auto program = projections::FoldLog(ledger, views.unsealer(), *bounds);
  if (!program) return FoldProblem(program.error());
  return render(*program, at);
}

}  // namespace ctom::api
