// Route matching, bearer-token authentication and role checks.
#include "server/router.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <expected>
#include <set>

#include "server/cookies.hpp"
#include "server/problem.hpp"

namespace ctom::server {
namespace {

// Registration mistakes are programming errors, found at start-up: say which and stop.
[[noreturn]] void RouteDefinitionError(std::string_view pattern, std::string_view why) {
  std::fprintf(stderr, "ctom: route %.*s: %.*s\n", static_cast<int>(pattern.size()), pattern.data(),
               static_cast<int>(why.size()), why.data());
  std::abort();
}

bool IsToken68Char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~' || c == '+' || c == '/' || c == '=';
}

// The token of "Authorization: Bearer <token>", or why there is none.
std::expected<std::string_view, std::string> BearerToken(const HttpRequest& request) {
  const auto header = request.Header("authorization");
  if (!header) return std::unexpected("A bearer token is required");
  std::string_view value = *header;
  const std::size_t space = value.find(' ');
  if (space == std::string_view::npos || AsciiLower(value.substr(0, space)) != "bearer") {
    return std::unexpected("The Authorization header must be 'Bearer <token>'");
  }
  std::string_view token = value.substr(space + 1);
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
  if (token.empty() || token.size() > kBearerTokenBytesMax ||
      !std::all_of(token.begin(), token.end(), IsToken68Char)) {
    return std::unexpected("The bearer token is malformed");
  }
  return token;
}

HttpResponse Unauthorized(std::string detail) {
  return ProblemResponse({.status = 401,
                          .code = std::string(problem_code::kUnauthorized),
                          .detail = std::move(detail),
                          .headers = {{"WWW-Authenticate", "Bearer"}}});
}

std::string JoinRoles(const std::vector<std::string>& roles) {
  std::string joined;
  for (const auto& role_name : roles) joined += (joined.empty() ? "" : ", ") + role_name;
  return joined;
}

}  // namespace

const std::string& RouteContext::Param(std::string_view name) const {
  const auto it = params.find(name);
  if (it == params.end()) RouteDefinitionError(route, "no such path parameter");
  return it->second;
}

Access Access::Public() {
  Access access;
  access.public_ = true;
  return access;
}

Access Access::Roles(std::initializer_list<std::string_view> roles) {
  return RolesFrom(std::span<const std::string_view>(roles.begin(), roles.size()));
}

Access Access::RolesFrom(std::span<const std::string_view> roles) {
  Access access;
  for (const std::string_view role_name : roles) {
    if (!IsKnownRole(role_name)) RouteDefinitionError(role_name, "unknown role");
    access.roles_.emplace_back(role_name);
  }
  if (access.roles_.empty()) RouteDefinitionError("(roles)", "a route needs at least one role");
  return access;
}

bool Access::Allows(std::string_view role_name) const {
  return public_ || std::find(roles_.begin(), roles_.end(), role_name) != roles_.end();
}

Router::Router(const TokenDirectory& tokens, SessionStore* sessions)
    : tokens_(tokens), sessions_(sessions) {}

void Router::Add(std::string_view method, std::string_view pattern, Access access, Handler handler,
                 RouteOptions options) {
  if (!handler) RouteDefinitionError(pattern, "no handler");
  AddDeferred(
      method, pattern, std::move(access),
      [handler = std::move(handler)](const RouteContext& context, Reply reply) {
        std::move(reply).Send(handler(context));
      },
      options);
}

void Router::AddDeferred(std::string_view method, std::string_view pattern, Access access,
                         DeferredHandler handler, RouteOptions options) {
  if (method.empty() || AsciiLower(method) == method) {
    RouteDefinitionError(pattern, "the method must be upper case");
  }
  if (!handler) RouteDefinitionError(pattern, "no handler");
  auto target = ParseTarget(pattern);
  if (!target || !target->query.empty() || target->path != pattern) {
    RouteDefinitionError(pattern, "malformed pattern");
  }
  Route route{std::string(method), std::string(pattern), {},
              std::move(access),   std::move(handler),   options};
  std::set<std::string, std::less<>> names;
  for (const std::string& text : target->segments) {
    if (text.empty()) RouteDefinitionError(pattern, "empty segment");
    const bool is_parameter = text.size() > 2 && text.front() == '{' && text.back() == '}';
    if (!is_parameter &&
        (text.find('{') != std::string::npos || text.find('}') != std::string::npos)) {
      RouteDefinitionError(pattern, "braces outside a whole {parameter} segment");
    }
    std::string name = is_parameter ? text.substr(1, text.size() - 2) : text;
    if (is_parameter && !names.insert(name).second) {
      RouteDefinitionError(pattern, "parameter named twice");
    }
    route.segments.push_back(Segment{std::move(name), is_parameter});
  }
  for (const Route& existing : routes_) {
    const bool same_shape = std::equal(
        existing.segments.begin(), existing.segments.end(), route.segments.begin(),
        route.segments.end(), [](const Segment& a, const Segment& b) {
          return a.is_parameter == b.is_parameter && (a.is_parameter || a.text == b.text);
        });
    if (same_shape && existing.method == route.method) {
      RouteDefinitionError(pattern, "registered twice (as " + existing.pattern + ")");
    }
  }
  routes_.push_back(std::move(route));
}

void Router::AddPrefix(std::string_view method, std::string_view prefix, Access access,
                       Handler handler, RouteOptions options) {
  const auto target = ParseTarget(prefix);
  if (!target || !target->query.empty() || target->path != prefix || target->segments.empty()) {
    RouteDefinitionError(prefix, "malformed prefix");
  }
  for (const std::string& text : target->segments) {
    if (text.empty() || text.find_first_of("{}") != std::string::npos) {
      RouteDefinitionError(prefix, "a prefix is literal segments only");
    }
  }
  if (!handler) RouteDefinitionError(prefix, "no handler");
  Route route{std::string(method),
              std::string(prefix) + "/*",
              {},
              std::move(access),
              [handler = std::move(handler)](const RouteContext& context, Reply reply) {
                std::move(reply).Send(handler(context));
              },
              options,
              true};
  for (const std::string& text : target->segments) route.segments.push_back(Segment{text, false});
  routes_.push_back(std::move(route));
}

void Router::FindPrefix(std::string_view method, const std::vector<std::string>& segments,
                        Match& match) const {
  for (const Route& route : routes_) {
    if (!route.prefix || segments.size() < route.segments.size()) continue;
    if (!std::equal(route.segments.begin(), route.segments.end(), segments.begin(),
                    [](const Segment& a, const std::string& b) { return a.text == b; })) {
      continue;
    }
    match.path_matches.push_back(&route);
    if (route.method != method || match.route != nullptr) continue;
    match.route = &route;
    std::string rest;
    for (std::size_t i = route.segments.size(); i < segments.size(); ++i) {
      rest += (i == route.segments.size() ? "" : "/") + segments[i];
    }
    match.params.emplace("path", std::move(rest));
  }
}

Router::Match Router::Find(std::string_view method,
                           const std::vector<std::string>& segments) const {
  Match match;
  for (const Route& route : routes_) {
    if (route.prefix || route.segments.size() != segments.size()) continue;
    bool matches = true;
    for (std::size_t i = 0; i < segments.size() && matches; ++i) {
      const Segment& segment = route.segments[i];
      matches = segment.is_parameter ? !segments[i].empty() : segment.text == segments[i];
    }
    if (!matches) continue;
    match.path_matches.push_back(&route);
    if (route.method != method) continue;
    // Prefer the route whose first differing segment is a literal.
    if (match.route != nullptr) {
      bool more_specific = false;
      for (std::size_t i = 0; i < segments.size(); ++i) {
        const bool mine = !route.segments[i].is_parameter;
        const bool theirs = !match.route->segments[i].is_parameter;
        if (mine != theirs) {
          more_specific = mine;
          break;
        }
      }
      if (!more_specific) continue;
    }
    match.route = &route;
  }
  if (match.route != nullptr) {
    for (std::size_t i = 0; i < segments.size(); ++i) {
      if (match.route->segments[i].is_parameter) {
        match.params.emplace(match.route->segments[i].text, segments[i]);
      }
    }
  }
  if (match.path_matches.empty()) FindPrefix(method, segments, match);
  return match;
}

RequestRoute Router::Resolve(std::string_view method, std::string_view target) const {
  Resolved resolved{ParseTarget(target), {}};
  RequestRoute route;
  if (resolved.target) {
    resolved.match = Find(method, resolved.target->segments);
    if (const Route* found = resolved.match.route) {
      route.body_bytes_max = found->options.body_bytes_max;
      route.quick =
          found->options.quick_without_query && target.find('?') == std::string_view::npos;
    }
  }
  route.match = std::move(resolved);
  return route;
}

void Router::Handle(HttpRequest request, RequestRoute route, RoutedReply reply_for) const {
  RouteLabel label{std::string(kUnmatchedRoute), {}};
  auto* resolved = std::any_cast<Resolved>(&route.match);
  if (resolved == nullptr) {
    // A programming error: the route was made by another handler, or never resolved.
    spdlog::critical("invariant broken: {} {} reached the router unresolved", request.method,
                     route.quick ? "quick" : "");
    std::abort();
  }
  auto& target = resolved->target;
  if (!target) {
    return reply_for(std::move(label)).Send(ValidationProblem("target", target.error()));
  }
  request.path = std::move(target->path);
  request.query = std::move(target->query);
  Match& match = resolved->match;
  if (match.route == nullptr) {
    if (match.path_matches.empty()) {
      return reply_for(std::move(label)).Send(NotFoundProblem("No such resource"));
    }
    std::set<std::string> methods;
    for (const Route* route : match.path_matches) methods.insert(route->method);
    std::string allow;
    for (const auto& method : methods) allow += (allow.empty() ? "" : ", ") + method;
    label.route = match.path_matches.front()->pattern;
    return reply_for(std::move(label))
        .Send(ProblemResponse({.status = 405,
                               .code = std::string(problem_code::kMethodNotAllowed),
                               .detail = "The method must be one of: " + allow,
                               .headers = {{"Allow", allow}}}));
  }
  const Route& found = *match.route;
  label.route = found.pattern;

  auto authenticated = Authenticate(request, found);
  if (!authenticated) return reply_for(std::move(label)).Send(std::move(authenticated.error()));
  const std::optional<Principal>& principal = *authenticated;
  if (principal) label.actor_user_id = principal->user_id;
  if (!found.access.is_public() && !found.access.Allows(principal->role)) {
    return reply_for(std::move(label))
        .Send(ForbiddenProblem("Only these roles may do this: " + JoinRoles(found.access.roles())));
  }

  const RouteContext context{request, match.params, principal ? &*principal : nullptr,
                             found.pattern};
  Reply reply = reply_for(std::move(label));
  try {
    // A handler that throws drops its reply, which answers 500 internal.
    found.handler(context, std::move(reply));
  } catch (const std::exception& error) {
    spdlog::error("handler of {} {} threw: {}", found.method, found.pattern, error.what());
  } catch (...) {
    spdlog::error("handler of {} {} threw a non-standard exception", found.method, found.pattern);
  }
}

std::expected<std::optional<Principal>, HttpResponse> Router::Authenticate(
    const HttpRequest& request, const Route& route) const {
  const bool required = !route.access.is_public();
  // A browser sends its cookie with every request; a client that sends a bearer token is heard
  // by its token.
  if (sessions_ != nullptr && !request.Header("authorization")) {
    if (const auto session_id = CookieValue(request, kSessionCookieName)) {
      auto principal = FromCookie(request, *session_id);
      if (principal || required) return principal;
      return std::optional<Principal>{};
    }
  }
  auto token = BearerToken(request);
  std::optional<Principal> principal;
  if (token) principal = tokens_.Find(*token);
  if (!required) return principal;
  if (!token) return std::unexpected(Unauthorized(std::move(token.error())));
  if (!principal) return std::unexpected(Unauthorized("The token is unknown or revoked"));
  return principal;
}

std::expected<std::optional<Principal>, HttpResponse> Router::FromCookie(
    const HttpRequest& request, std::string_view session_id) const {
  const auto session = sessions_->Find(session_id);
  if (!session) return std::unexpected(Unauthorized("The session is unknown or has ended"));
  auto principal = tokens_.FindUser(session->user_id);
  if (!principal) {
    sessions_->End(session_id);
    return std::unexpected(Unauthorized("The session's user is revoked"));
  }
  if (request.method != "GET" && request.method != "HEAD") {
    const auto sent = request.Header("x-csrf-token");
    if (!sent || !CsrfMatches(*sent, session->csrf)) {
      return std::unexpected(ProblemResponse(
          {.status = 403,
           .code = std::string(problem_code::kCsrf),
           .detail = "A write with the session cookie needs the X-CSRF-Token of its sign-in"}));
    }
  }
  return principal;
}

RoutedResponse Router::Handle(HttpRequest request) const {
  RouteLabel label;  // set before any handler runs
  RequestRoute route = Resolve(request.method, request.target);
  HttpResponse response = WaitForAnswer([&](Reply reply) {
    Handle(std::move(request), std::move(route),
           [&label, reply = std::move(reply)](RouteLabel matched) mutable {
             label = std::move(matched);
             return std::move(reply);
           });
  });
  return RoutedResponse{std::move(response), std::move(label.route),
                        std::move(label.actor_user_id)};
}

std::vector<RouteInfo> Router::Routes() const {
  std::vector<RouteInfo> routes;
  routes.reserve(routes_.size());
  for (const Route& route : routes_) {
    routes.push_back(RouteInfo{route.method, route.pattern, route.access, route.options});
  }
  return routes;
}

}  // namespace ctom::server
