// GET /v1/ledger/digest, /v1/ledger/verify and /v1/events.
#include "api/ledger_routes.hpp"

#include <algorithm>
#include <boost/json/array.hpp>
#include <charconv>
#include <optional>
#include <vector>

#include "api/command_answer.hpp"
#include "api/formats.hpp"
#include "api/http.hpp"
#include "api/json_body.hpp"
#include "api/view_json.hpp"
#include "domain/time.hpp"
#include "eventstore/hex.hpp"

namespace ctom::api {
namespace {

// A query parameter holding a non-negative integer; default_value when absent. Records a
// FieldError and returns nullopt when malformed or above max.
std::optional<std::uint64_t> UnsignedQuery(const HttpRequest& request, std::string_view name,
                                           std::uint64_t default_value, std::uint64_t min,
                                           std::uint64_t max, std::vector<FieldError>& errors) {
  const auto text = request.Query(name);
  if (!text) return default_value;
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (text->empty() || error != std::errc{} || end != text->data() + text->size() || value < min ||
      value > max) {
    errors.push_back({std::string(name), "must be an integer from " + std::to_string(min) + " to " +
                                             std::to_string(max)});
    return std::nullopt;
  }
  return value;
}

std::string HashHex(const eventstore::Hash& hash) { return eventstore::ToHex(hash); }

HttpResponse Digest(const ServerContext& context) {
  const eventstore::Head head = context.ledger.GetHead();
  return JsonResponse(
      200, boost::json::object{{"position", head.position}, {"hash", HashHex(head.hash)}});
}

HttpResponse Verify(const ServerContext& context, const HttpRequest& request) {
  std::vector<FieldError> errors;
  const auto to = UnsignedQuery(request, "to", 0, 0, UINT64_MAX, errors);
  if (!errors.empty()) return ValidationProblem(std::move(errors));
  const auto report = context.ledger.Verify(*to);
  if (!report) return LedgerProblem(report.error());
  if (!report->ok) {
    return JsonResponse(
        200,
        boost::json::object{{"ok", false}, {"first_bad_position", report->first_bad_position}});
  }
  return JsonResponse(
      200, boost::json::object{
               {"ok", true}, {"position", report->position}, {"hash", HashHex(report->hash)}});
}

HttpResponse Events(const ServerContext& context, const HttpRequest& request) {
  std::vector<FieldError> errors;
  const auto after = UnsignedQuery(request, "after", 0, 0, UINT64_MAX - 1, errors);
  const auto limit = UnsignedQuery(request, "limit", kListLimitDefault, 1, kListLimitMax, errors);
  if (!errors.empty()) return ValidationProblem(std::move(errors));

  boost::json::array items;
  std::size_t payload_bytes = 0;
  std::uint64_t from = *after + 1;
  bool more = false;  // the page ends before the log does
  for (;;) {
    if (items.size() == *limit) {
      const auto probe = context.ledger.ReadAll(from, 1);
      if (!probe) return LedgerProblem(probe.error());
      more = !probe->empty();
      break;
    }
    const std::size_t chunk = std::min<std::size_t>(*limit - items.size(), kEventsReadChunkMax);
    const auto records = context.ledger.ReadAll(from, chunk);
    if (!records) return LedgerProblem(records.error());
    for (const auto& record : *records) {
      // A page holds at least one record, however large, and otherwise stays within the budget.
      if (!items.empty() && payload_bytes + record.payload.size() > kEventsPagePayloadBytesMax) {
        more = true;
        break;
      }
      payload_bytes += record.payload.size();
      items.push_back(RecordJson(record, context.unsealer));
      from = record.position + 1;
    }
    if (more || records->size() < chunk) break;  // over budget, or the end of the log
  }
  boost::json::object body;
  body["items"] = std::move(items);
  if (more) {
    body["next"] = from - 1;  // the last position on this page: pass it as ?after=
  } else {
    body["next"] = nullptr;
  }
  return JsonResponse(200, body);
}

}  // namespace

void RegisterLedgerRoutes(Router& router, ServerContext& context) {
  const auto staff_of_record = [] { return Access::Roles({role::kAdmin, role::kAuditor}); };
  router.Add("GET", "/v1/ledger/digest", staff_of_record(),
             [&context](const RouteContext&) { return Digest(context); });
  router.Add("GET", "/v1/ledger/verify", staff_of_record(),
             [&context](const RouteContext& route) { return Verify(context, route.request); });
  router.Add("GET", "/v1/events", staff_of_record(),
             [&context](const RouteContext& route) { return Events(context, route.request); });
}

}  // namespace ctom::api
