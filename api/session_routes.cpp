// Browser sign-in: a token exchanged once for a session cookie and its CSRF token.
#include "api/session_routes.hpp"

#include <string>

#include "api/json_body.hpp"
#include "server/client_address.hpp"
#include "server/cookies.hpp"

namespace ctom::api {
namespace {

using server::BrowserSession;
using server::SessionStore;
using server::SignInLimiter;

// Every API role: any signed-in user may read or end their own session.
const Access& AnyRole() {
  static const Access any = Access::Roles({role::kAdmin, role::kStaff, role::kInstructor,
                                           role::kMentor, role::kCandidate, role::kAuditor});
  return any;
}

bool SecureCookies(const ServerContext& context) {
  return AsciiLower(context.settings.public_url).starts_with("https://");
}

HttpResponse SessionAnswer(int status, const boost::json::object& user, const std::string& csrf) {
  HttpResponse answer = JsonResponse(status, boost::json::object{{"user", user}, {"csrf", csrf}});
  // The answer holds the CSRF token: no cache keeps it.
  answer.headers.emplace_back("Cache-Control", "no-store");
  return answer;
}

struct SignInParts {
  SessionStore& sessions;
  SignInLimiter& limiter;
  const InMemoryTokenDirectory& tokens;
  const ServerContext& context;
  UserJsonOf user_json;
};

HttpResponse SignIn(const SignInParts& parts, const HttpRequest& request) {
  const std::string address = server::ClientAddress(request, parts.context.settings.trusted_proxy);
  if (const auto wait = parts.limiter.RetryAfter(address)) {
    return ProblemResponse({.status = 429,
                            .code = std::string(problem_code::kTooManyRequests),
                            .detail = "Too many failed sign-ins from this address; try later",
                            .headers = {{"Retry-After", std::to_string(wait->count())}}});
  }
  auto object = ParseJsonBody(request);
  if (!object) return object.error();
  BodyReader body(*object);
  const std::string token = body.RequiredString("token", server::kBearerTokenBytesMax);
  if (!body.Finish()) return body.Problem();
  const auto principal = parts.tokens.Find(token);
  if (!principal) {
    parts.limiter.RecordFailure(address);
    return ProblemResponse({.status = 401,
                            .code = std::string(problem_code::kUnauthorized),
                            .detail = "The token is unknown or revoked"});
  }
  auto opened = parts.sessions.Open(principal->user_id);
  if (!opened) {
    return ProblemResponse({.status = 503,
                            .code = std::string(problem_code::kServiceUnavailable),
                            .detail = "No randomness for a session; try again"});
  }
  HttpResponse answer = SessionAnswer(201, parts.user_json(*principal), opened->session.csrf);
  answer.headers.emplace_back(
      "Set-Cookie", server::SessionCookie(opened->session_id, SecureCookies(parts.context)));
  return answer;
}

// The session a request's cookie names, when the request was authenticated by it (the router
// checked it already; a request with a bearer token was authenticated by the token).
std::optional<BrowserSession> CookieSession(SessionStore& sessions, const HttpRequest& request) {
  if (request.Header("authorization")) return std::nullopt;
  const auto session_id = server::CookieValue(request, server::kSessionCookieName);
  if (!session_id) return std::nullopt;
  return sessions.Find(*session_id);
}

HttpResponse NoSession() {
  return NotFoundProblem(
      "This request has no session: it was authenticated by a bearer token, not the cookie");
}

}  // namespace

void RegisterSessionRoutes(Router& router, ServerContext& context, UserJsonOf user_json) {
  if (!context.sessions) context.sessions = std::make_shared<SessionStore>(context.clock);
  if (!context.sign_in_limiter) {
    context.sign_in_limiter = std::make_shared<SignInLimiter>(context.clock);
  }
  SessionStore& sessions = *context.sessions;
  auto parts = std::make_shared<SignInParts>(SignInParts{
      sessions, *context.sign_in_limiter, context.tokens, context, std::move(user_json)});
  context.owned.push_back(parts);
  router.Add("POST", "/v1/sessions", Access::Public(),
             [&parts = *parts](const RouteContext& r) { return SignIn(parts, r.request); });
  router.Add("GET", "/v1/sessions/current", AnyRole(), [&parts = *parts](const RouteContext& r) {
    const auto session = CookieSession(parts.sessions, r.request);
    if (!session) return NoSession();
    return SessionAnswer(200, parts.user_json(*r.principal), session->csrf);
  });
  router.Add("DELETE", "/v1/sessions/current", AnyRole(), [&parts = *parts](const RouteContext& r) {
    const auto session_id = server::CookieValue(r.request, server::kSessionCookieName);
    if (r.request.Header("authorization") || !session_id) return NoSession();
    parts.sessions.End(*session_id);
    HttpResponse answer{204, "", "", {}};
    answer.headers.emplace_back("Set-Cookie",
                                server::ClearedSessionCookie(SecureCookies(parts.context)));
    return answer;
  });
}

}  // namespace ctom::api
