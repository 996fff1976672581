// The router's cookie sign-in: a session authenticates like a token, ends with its 12 hours or
// its user's revocation, cookie-authenticated writes need the session's CSRF token, and a bearer
// token is heard over a cookie. Also prefix routes (the console's files).
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "server/cookies.hpp"
#include "server/router.hpp"

namespace ctom::server {
namespace {

constexpr std::string_view kAdminToken = "admin-token";
constexpr std::int64_t kHourUs = 3'600'000'000;

class RouterCookieTest : public ::testing::Test {
 protected:
  RouterCookieTest() {
    EXPECT_TRUE(tokens_.Put(HashToken(kAdminToken), Principal{"u-admin", "admin", "", ""}));
    EXPECT_TRUE(tokens_.Put(HashToken("mentor-token"), Principal{"u-mentor", "mentor", "", "m-1"}));
    const Handler echo = [](const RouteContext& context) {
      return TextResponse(200, "text/plain",
                          context.principal ? "by " + context.principal->user_id : "anonymous");
    };
    router_.Add("GET", "/v1/things", Access::Roles({"admin", "mentor"}), echo);
    router_.Add("POST", "/v1/things", Access::Roles({"admin", "mentor"}), echo);
    router_.Add("DELETE", "/v1/things", Access::Roles({"admin"}), echo);
    router_.Add("POST", "/v1/open", Access::Public(), echo);
  }

  OpenedSession SignIn(std::string user_id) { return *sessions_.Open(std::move(user_id)); }

  RoutedResponse Send(std::string method, const OpenedSession* session,
                      std::optional<std::string> csrf = std::nullopt, std::string_view token = {},
                      std::string target = "/v1/things") {
    HttpRequest request;
    request.method = std::move(method);
    request.target = std::move(target);
    if (session != nullptr) request.headers["cookie"] = "ctom_session=" + session->session_id;
    if (csrf) request.headers["x-csrf-token"] = *csrf;
    if (!token.empty()) request.headers["authorization"] = "Bearer " + std::string(token);
    return router_.Handle(std::move(request));
  }

  static std::string Code(const RoutedResponse& routed) {
    return std::string(boost::json::parse(routed.response.body).at("code").as_string());
  }

  std::int64_t now_us_ = 1'700'000'000'000'000;
  InMemoryTokenDirectory tokens_;
  SessionStore sessions_{[this] { return now_us_; }};
  Router router_{tokens_, &sessions_};
};

TEST_F(RouterCookieTest, ASessionCookieAuthenticatesAReadAsItsUser) {
  const OpenedSession session = SignIn("u-admin");
  const auto routed = Send("GET", &session);
  EXPECT_EQ(routed.response.status, 200);
  EXPECT_EQ(routed.response.body, "by u-admin");
  EXPECT_EQ(routed.actor_user_id, "u-admin");
}

TEST_F(RouterCookieTest, ACookieAuthenticatedWriteWithoutTheCsrfTokenIsForbidden) {
  const OpenedSession session = SignIn("u-admin");
  for (const auto& csrf : {std::optional<std::string>{}, std::optional<std::string>{""},
                           std::optional<std::string>{std::string(64, '0')}}) {
    for (const char* method : {"POST", "DELETE"}) {
      const auto routed = Send(method, &session, csrf);
      EXPECT_EQ(routed.response.status, 403) << method;
      EXPECT_EQ(Code(routed), "csrf") << method;
    }
  }
}

TEST_F(RouterCookieTest, ACookieAuthenticatedWriteWithTheSessionsCsrfTokenGoesThrough) {
  const OpenedSession session = SignIn("u-admin");
  EXPECT_EQ(Send("POST", &session, session.session.csrf).response.status, 200);
  EXPECT_EQ(Send("DELETE", &session, session.session.csrf).response.status, 200);
}

TEST_F(RouterCookieTest, AnotherSessionsCsrfTokenDoesNotDo) {
  const OpenedSession mine = SignIn("u-admin");
  const OpenedSession other = SignIn("u-admin");
  EXPECT_EQ(Code(Send("POST", &mine, other.session.csrf)), "csrf");
}

TEST_F(RouterCookieTest, ABearerTokenIsHeardOverACookieAndNeedsNoCsrfToken) {
  const OpenedSession mentor = SignIn("u-mentor");
  const auto routed = Send("DELETE", &mentor, std::nullopt, kAdminToken);
  EXPECT_EQ(routed.response.status, 200);
  EXPECT_EQ(routed.response.body, "by u-admin");
}

TEST_F(RouterCookieTest, ASessionEndsTwelveHoursAfterSignIn) {
  const OpenedSession session = SignIn("u-admin");
  now_us_ += 12 * kHourUs - 1;
  EXPECT_EQ(Send("GET", &session).response.status, 200);
  now_us_ += 1;
  const auto routed = Send("GET", &session);
  EXPECT_EQ(routed.response.status, 401);
  EXPECT_EQ(Code(routed), "unauthorized");
}

TEST_F(RouterCookieTest, ASessionEndsAtOnceWhenItsUserIsRevoked) {
  const OpenedSession session = SignIn("u-admin");
  EXPECT_EQ(Send("GET", &session).response.status, 200);
  tokens_.RemoveUser("u-admin");
  EXPECT_EQ(Send("GET", &session).response.status, 401);
  EXPECT_EQ(sessions_.size(), 0u) << "the revoked user's session is ended, not just refused";
}

TEST_F(RouterCookieTest, AnUnknownOrEndedSessionIsUnauthorized) {
  OpenedSession forged{std::string(64, 'f'), {}};
  EXPECT_EQ(Code(Send("GET", &forged)), "unauthorized");
  const OpenedSession session = SignIn("u-admin");
  sessions_.End(session.session_id);
  EXPECT_EQ(Code(Send("GET", &session)), "unauthorized");
}

TEST_F(RouterCookieTest, TheRolesOfARouteApplyToTheSessionsUser) {
  const OpenedSession mentor = SignIn("u-mentor");
  const auto routed = Send("DELETE", &mentor, mentor.session.csrf);
  EXPECT_EQ(routed.response.status, 403);
  EXPECT_EQ(Code(routed), "forbidden");
}

TEST_F(RouterCookieTest, APublicRouteIgnoresACookieWriteWithoutCsrfRatherThanRefuseIt) {
  const OpenedSession session = SignIn("u-admin");
  EXPECT_EQ(Send("POST", &session, std::nullopt, {}, "/v1/open").response.body, "anonymous");
  EXPECT_EQ(Send("POST", &session, session.session.csrf, {}, "/v1/open").response.body,
            "by u-admin");
}

TEST_F(RouterCookieTest, WithoutASessionStoreTheCookieIsNotHeard) {
  Router bearer_only(tokens_);
  bearer_only.Add("GET", "/v1/things", Access::Roles({"admin"}),
                  [](const RouteContext&) { return TextResponse(200, "text/plain", "ok"); });
  const OpenedSession session = SignIn("u-admin");
  HttpRequest request;
  request.method = "GET";
  request.target = "/v1/things";
  request.headers["cookie"] = "ctom_session=" + session.session_id;
  EXPECT_EQ(bearer_only.Handle(std::move(request)).response.status, 401);
}

class PrefixRouteTest : public ::testing::Test {
 protected:
  PrefixRouteTest() {
    router_.AddPrefix("GET", "/console", Access::Public(), [](const RouteContext& context) {
      return TextResponse(200, "text/plain", "console:" + context.Param("path"));
    });
    router_.Add("GET", "/console/special", Access::Public(),
                [](const RouteContext&) { return TextResponse(200, "text/plain", "special"); });
  }

  RoutedResponse Get(std::string target, std::string method = "GET") {
    HttpRequest request;
    request.method = std::move(method);
    request.target = std::move(target);
    return router_.Handle(std::move(request));
  }

  InMemoryTokenDirectory tokens_;
  Router router_{tokens_};
};

TEST_F(PrefixRouteTest, APrefixRouteMatchesEveryPathBelowItWithTheRestDecoded) {
  EXPECT_EQ(Get("/console/").response.body, "console:");
  EXPECT_EQ(Get("/console").response.body, "console:");
  EXPECT_EQ(Get("/console/cohorts/2018").response.body, "console:cohorts/2018");
  EXPECT_EQ(Get("/console/assets/a%2Db.js").response.body, "console:assets/a-b.js");
  EXPECT_EQ(Get("/console/x").route, "/console/*");
}

TEST_F(PrefixRouteTest, AnExactRouteWinsOverAPrefix) {
  EXPECT_EQ(Get("/console/special").response.body, "special");
}

TEST_F(PrefixRouteTest, APrefixMatchesWholeSegmentsOnlyAndItsMethod) {
  EXPECT_EQ(Get("/consoles").response.status, 404);
  EXPECT_EQ(Get("/console/x", "POST").response.status, 405);
  EXPECT_EQ(Get("/console/../etc").response.status, 400);
}

}  // namespace
}  // namespace ctom::server
