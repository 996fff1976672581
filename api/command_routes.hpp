// The write endpoints of API.md as data: method, path, roles, whose record a mentor or candidate
// may touch, and how the JSON body becomes a domain command. The server's router and
// `ctom import` both read this one table.
#pragma once

#include <cstdint>
#include <expected>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/http.hpp"
#include "api/json_body.hpp"
#include "domain/decide.hpp"

namespace ctom::api {

// Who is calling, as the token says.
struct Caller {
  std::string user_id;
  std::string role;
  std::string candidate_id;  // for role candidate
  std::string mentor_id;     // for role mentor
};

// The caller a route's principal is (nobody for a public route).
Caller CallerOf(const RouteContext& route);

// Which records a mentor or candidate caller may write through a route.
enum class Ownership {
  none,                 // mentors and candidates are not among the route's roles
  candidate_or_mentor,  // a candidate its own record; a mentor the candidates it mentors
};

// Reads the body into a command; refusals are recorded in the reader (checked by Finish()).
using CommandParser = domain::Command (*)(BodyReader& body, const PathParameters& path,
                                          const Caller& caller);

struct CommandRoute {
  std::string_view method;
  std::string_view pattern;  // "/v1/candidates/{id}/attendance"
  std::vector<std::string_view> roles;
  Ownership ownership;
  CommandParser parse;
  EmptyBody empty_body = EmptyBody::refused;
};

const std::vector<CommandRoute>& CommandRoutes();

// A write endpoint's command as its body states it, and the instant the fact happened when the
// body backdates it ("occurred_at", which every command may carry).
struct ParsedCommand {
  domain::Command command;
  std::optional<std::int64_t> occurred_at;
};

// Reads the request's JSON body (ParseJsonBody, with the route's EmptyBody) into the route's
// command. Fails with the answer to send: 415 or 400 as ParseJsonBody, or 400 listing every field
// refused (unknown fields included). Decides nothing and reads no state.
[[nodiscard]] std::expected<ParsedCommand, HttpResponse> ParseCommand(const CommandRoute& route,
                                                                      const HttpRequest& request,
                                                                      const PathParameters& path,
                                                                      const Caller& caller);

// The same, for a body already read as a JSON object (a row of a CSV import).
[[nodiscard]] std::expected<ParsedCommand, HttpResponse> ParseCommandObject(
    const CommandRoute& route, const boost::json::object& object, const PathParameters& path,
    const Caller& caller);

// Generates the ids of new records: candidates "c-…", mentors "m-…", users "u-…" (random hex).
std::string NewRecordId(std::string_view prefix);

}  // namespace ctom::api
