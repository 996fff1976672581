// What the read endpoints share: bitemporal bounds and list paging from the query string.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cstddef>
#include <expected>
#include <string>

#include "api/http_message.hpp"
#include "projections/fold.hpp"

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

}  // namespace ctom::api
