// Parsing bounds and pages from query strings; list answers.
#include "api/query_support.hpp"

#include <charconv>

#include "api/command_answer.hpp"
#include "api/formats.hpp"
#include "api/http.hpp"
#include "api/json_text.hpp"
#include "domain/time.hpp"

namespace ctom::api {
namespace {

std::optional<std::uint64_t> Unsigned(std::string_view text) {
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

}  // namespace

std::expected<projections::Bounds, HttpResponse> ReadBounds(const HttpRequest& request) {
  projections::Bounds bounds;
  std::vector<FieldError> errors;
  if (auto text = request.Query("as_of")) {
    bounds.as_of = domain::ParseInstant(*text);
    if (!bounds.as_of) errors.push_back({"as_of", "must be an RFC 3339 instant"});
  }
  if (auto text = request.Query("known_at")) {
    bounds.known_at = domain::ParseInstant(*text);
    if (!bounds.known_at) errors.push_back({"known_at", "must be an RFC 3339 instant"});
  }
  if (auto text = request.Query("position")) {
    bounds.position = Unsigned(*text);
    if (!bounds.position) errors.push_back({"position", "must be a log position"});
  }
  if (!errors.empty()) return std::unexpected(ValidationProblem(std::move(errors)));
  return bounds;
}

std::expected<PageRequest, HttpResponse> ReadPage(const HttpRequest& request) {
  PageRequest page;
  page.limit = kListLimitDefault;
  if (auto text = request.Query("limit")) {
    auto limit = Unsigned(*text);
    if (!limit || *limit < 1 || *limit > kListLimitMax) {
      return std::unexpected(ValidationProblem("limit", "must be 1..1000"));
    }
    page.limit = *limit;
  }
  if (auto text = request.Query("after")) page.after = std::string(*text);
  return page;
}

HttpResponse ListResponse(boost::json::array items, const std::string& next) {
  boost::json::object body{{"items", std::move(items)}};
  body["next"] = next.empty() ? boost::json::value(nullptr) : boost::json::value(next);
  return JsonOk(body);
}

HttpResponse FoldProblem(const std::string& detail) {
  return LedgerProblem(eventstore::Error{eventstore::ErrorCode::corruption, detail, 0});
}

HttpResponse JsonOk(const boost::json::value& body) {
  return HttpResponse{200, "application/json", JsonText(body), {}};
}

}  // namespace ctom::api
