// The routing table: (method, path pattern, who may call, handler). Matches requests, checks the
// bearer token and the role, and runs the handler. Knows nothing of sockets.
#pragma once

#include <cstddef>
#include <expected>
#include <functional>
#include <initializer_list>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "server/auth.hpp"
#include "server/browser_sessions.hpp"
#include "server/http_message.hpp"
#include "server/limits.hpp"
#include "server/reply.hpp"
#include "server/request_route.hpp"

namespace ctom::server {

// A route's path parameters by name ("id" for "/v1/candidates/{id}"), percent-decoded.
using PathParameters = std::map<std::string, std::string, std::less<>>;

// What a handler is given.
struct RouteContext {
  const HttpRequest& request;  // path and query already parsed
  const PathParameters& params;
  // The caller. Never null on a route with roles; on a public route, null unless the request
  // carried a valid token.
  const Principal* principal;
  std::string_view route;  // the matched pattern, e.g. "/v1/candidates/{id}"

  // The value of a path parameter. REQUIRES: the route's pattern names it.
  [[nodiscard]] const std::string& Param(std::string_view name) const;
};

// Answers one request. Must not throw (the router answers a stray exception with 500 and logs
// it, but that is a bug). May block (e.g. on a ledger append): it runs on a worker thread.
using Handler = std::function<HttpResponse(const RouteContext&)>;

// Answers one request through reply, now or later and from any thread: a command answers once the
// ledger writer has synced its events. The same rules as a Handler otherwise; dropping reply
// without an answer sends 500.
using DeferredHandler = std::function<void(const RouteContext&, Reply)>;

// Who may call a route: anyone (no token needed), or holders of a token with one of the roles.
// There is no "no roles" value, so a forgotten role list cannot make a route public.
class Access {
 public:
  static Access Public();
  // REQUIRES: at least one role, each IsKnownRole.
  static Access Roles(std::initializer_list<std::string_view> roles);
  // The same, from a list held elsewhere (e.g. a table of routes).
  static Access RolesFrom(std::span<const std::string_view> roles);

  [[nodiscard]] bool is_public() const { return public_; }
  [[nodiscard]] const std::vector<std::string>& roles() const { return roles_; }
  [[nodiscard]] bool Allows(std::string_view role) const;

 private:
  Access() = default;
  bool public_ = false;
  std::vector<std::string> roles_;
};

struct RouteOptions {
  // The largest request body the server reads for this route; larger is 413.
  std::size_t body_bytes_max = kJsonBodyBytesMax;
  // The handler reads only what is in memory (the live views, the head) when the request has no
  // query: no bitemporal fold, no page of the log; it waits at most for a catch-up to apply
  // events in memory (LiveViews::CatchUp reads the disk before it takes the lock). Such requests
  // are answered on the connection's I/O thread, without the hand-off to a worker and back.
  bool quick_without_query = false;
};

// What the request log and metrics record of a request besides its status.
struct RouteLabel {
  std::string route;          // the matched pattern, or kUnmatchedRoute
  std::string actor_user_id;  // empty when no valid token was given
};

// Makes the reply a request's answer goes to, given its label: the router calls it once, as soon
// as it knows the route and the caller, before any handler runs.
using RoutedReply = std::move_only_function<Reply(RouteLabel)>;

// A handled request: the response and what the request log and metrics record.
struct RoutedResponse {
  HttpResponse response;
  std::string route;          // the matched pattern, or kUnmatchedRoute
  std::string actor_user_id;  // empty when no valid token was given
};

// The route label of requests that matched no pattern (404, malformed targets).
inline constexpr std::string_view kUnmatchedRoute = "(unmatched)";

// A route as registered, for listings (OpenAPI checks, docs).
struct RouteInfo {
  std::string method;
  std::string pattern;
  Access access;
  RouteOptions options;
};

// Register every route before serving; afterwards the router is read-only and Handle may run on
// any number of threads at once.
class Router {
 public:
  // tokens (and sessions, when given) must outlive the router. Without sessions the router
  // knows bearer tokens only; with them, a request without an Authorization header may be
  // authenticated by its session cookie (kSessionCookieName).
  explicit Router(const TokenDirectory& tokens, SessionStore* sessions = nullptr);

  // Adds a route. method is upper case ("GET", "POST"); pattern is "/" or "/seg/{name}/...", each
  // segment a literal or a {parameter}; parameters are unique within a pattern. A literal segment
  // wins over a parameter at the same place ("/v1/rulesets/impact" over "/v1/rulesets/{version}").
  // Aborts on a malformed pattern or a route already registered with the same method and shape:
  // those are programming errors found at start-up.
  void Add(std::string_view method, std::string_view pattern, Access access, Handler handler,
           RouteOptions options = {});
  // The same, for a route that answers through a Reply.
  void AddDeferred(std::string_view method, std::string_view pattern, Access access,
                   DeferredHandler handler, RouteOptions options = {});

  // Adds a route for every path that starts with prefix (literal segments only, e.g. "/console"),
  // that no other route matches. The handler finds the rest of the path, its segments decoded and
  // joined by '/', as the parameter "path" ("" for the prefix itself). Its label and pattern in
  // Routes() are prefix + "/*".
  void AddPrefix(std::string_view method, std::string_view prefix, Access access, Handler handler,
                 RouteOptions options = {});

  // The route of a request line: its body limit, whether it is quick (a route marked
  // quick_without_query, asked without a query), and the match Handle answers with. A line that
  // matches nothing gets the default body limit, and Handle answers it 400, 404 or 405.
  [[nodiscard]] RequestRoute Resolve(std::string_view method, std::string_view target) const;

  // Answers a request, whose method, target, headers and body are set (path and query are filled
  // here from the target), routed as Resolve routed its line:
  //   400 validation   malformed target (bad percent-encoding, a query parameter given twice...)
  //   404 not_found    no pattern matches the path
  //   405 method_not_allowed  a pattern matches but not with this method (Allow lists the methods)
  //   401 unauthorized missing, malformed or unknown bearer token (WWW-Authenticate: Bearer), or,
  //                    without an Authorization header, a session cookie that is unknown, ended,
  //                    or whose user is revoked (the session then ends)
  //   403 csrf         a cookie-authenticated request, not GET or HEAD, without the session's
  //                    X-CSRF-Token
  //   403 forbidden    the caller's role is not among the route's roles
  // On a public route none of these refuse: a caller who is not authenticated is no principal.
  //   otherwise the handler's answer (500 internal if it throws, logged).
  // The answer goes to the reply that reply_for makes; a deferred route's may come later, from
  // another thread.
  // REQUIRES: route is what Resolve made of this request's method and target.
  void Handle(HttpRequest request, RequestRoute route, RoutedReply reply_for) const;
  // The same, routing the request first and waiting for the answer on this thread (ctom import,
  // tests).
  [[nodiscard]] RoutedResponse Handle(HttpRequest request) const;

  [[nodiscard]] std::vector<RouteInfo> Routes() const;

 private:
  struct Segment {
    std::string text;  // the literal, or the parameter's name
    bool is_parameter = false;
  };
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<Segment> segments;
    Access access;
    DeferredHandler handler;
    RouteOptions options;
    bool prefix = false;  // AddPrefix: matches every path that starts with segments
  };

  // The most specific route matching the segments with the given method (nullptr if none), and
  // the patterns matching the path with any method.
  struct Match {
    const Route* route = nullptr;
    PathParameters params;
    std::vector<const Route*> path_matches;
  };
  [[nodiscard]] Match Find(std::string_view method, const std::vector<std::string>& segments) const;
  // The prefix routes' match when no exact route matches the path at all.
  void FindPrefix(std::string_view method, const std::vector<std::string>& segments,
                  Match& match) const;

  // Who is calling: a principal, none (a public route without credentials), or the answer that
  // refuses the request (401, or 403 csrf).
  [[nodiscard]] std::expected<std::optional<Principal>, HttpResponse> Authenticate(
      const HttpRequest& request, const Route& route) const;
  [[nodiscard]] std::expected<std::optional<Principal>, HttpResponse> FromCookie(
      const HttpRequest& request, std::string_view session_id) const;

  // What Resolve keeps in RequestRoute::match: the parsed target (or why it is malformed) and the
  // routes it matched.
  struct Resolved {
    std::expected<RequestTarget, std::string> target;
    Match match;
  };

  const TokenDirectory& tokens_;
  SessionStore* sessions_;
  std::vector<Route> routes_;
};

}  // namespace ctom::server
