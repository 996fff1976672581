// The write endpoints of API.md as data: method, path, roles, whose record a mentor or candidate
// may touch, and how the JSON body becomes a domain command. The server's router and
// `ctom import` both read this one table.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

using PathParameters = std::map<std::string, std::string, std::less<>>;

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

// Generates the ids of new records: candidates "c-…", mentors "m-…", users "u-…" (random hex).
std::string NewRecordId(std::string_view prefix);

}  // namespace ctom::api
