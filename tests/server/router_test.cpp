// Routing: matching and path parameters, 404/405, 401/403, and the router's own safety nets.
#include "server/router.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <stdexcept>
#include <thread>

namespace ctom::server {
namespace {

constexpr std::string_view kAdminToken = "admin-token";
constexpr std::string_view kMentorToken = "mentor-token";

class RouterTest : public ::testing::Test {
 protected:
  RouterTest() : router_(tokens_) {
    EXPECT_TRUE(tokens_.Put(
        HashToken(kAdminToken),
        Principal{.user_id = "u-admin", .role = "admin", .candidate_id = {}, .mentor_id = {}}));
    EXPECT_TRUE(tokens_.Put(
        HashToken(kMentorToken),
        Principal{
            .user_id = "u-mentor", .role = "mentor", .candidate_id = {}, .mentor_id = "m-1"}));
  }

  static Handler Echo(std::string name) {
    return [name](const RouteContext& context) {
      std::string body = name;
      for (const auto& [key, value] : context.params) body += " " + key + "=" + value;
      if (context.principal != nullptr) body += " by " + context.principal->user_id;
      return TextResponse(200, "text/plain", body);
    };
  }

  RoutedResponse Send(std::string method, std::string target, std::string_view token = {}) {
    HttpRequest request;
    request.method = std::move(method);
    request.target = std::move(target);
    if (!token.empty()) request.headers["authorization"] = "Bearer " + std::string(token);
    return router_.Handle(std::move(request));
  }

  static std::string Code(const RoutedResponse& routed) {
    return std::string(boost::json::parse(routed.response.body).at("code").as_string());
  }

  InMemoryTokenDirectory tokens_;
  Router router_;
};

TEST_F(RouterTest, MatchesThePatternAndDecodesPathParameters) {
  router_.Add("POST", "/v1/candidates/{id}/grades", Access::Roles({"admin", "staff"}),
              Echo("grades"));
  const auto routed = Send("POST", "/v1/candidates/c%2D7/grades", kAdminToken);
  EXPECT_EQ(routed.response.status, 200);
  EXPECT_EQ(routed.response.body, "grades id=c-7 by u-admin");
  EXPECT_EQ(routed.route, "/v1/candidates/{id}/grades");
  EXPECT_EQ(routed.actor_user_id, "u-admin");
}

TEST_F(RouterTest, ALiteralSegmentWinsOverAParameter) {
  router_.Add("POST", "/v1/rulesets/{version}", Access::Public(), Echo("version"));
  router_.Add("POST", "/v1/rulesets/impact", Access::Public(), Echo("impact"));
  EXPECT_EQ(Send("POST", "/v1/rulesets/impact").response.body, "impact");
  EXPECT_EQ(Send("POST", "/v1/rulesets/3").response.body, "version version=3");
}

TEST_F(RouterTest, HandlersSeeTheParsedQuery) {
  router_.Add("GET", "/v1/events", Access::Public(), [](const RouteContext& context) {
    return TextResponse(200, "text/plain",
                        std::string(context.request.Query("after").value_or("")));
  });
  EXPECT_EQ(Send("GET", "/v1/events?after=41").response.body, "41");
}

TEST_F(RouterTest, UnknownPathIs404NotFound) {
  router_.Add("GET", "/healthz", Access::Public(), Echo("health"));
  for (const char* target : {"/nope", "/healthz/", "/healthz/x", "/"}) {
    const auto routed = Send("GET", target);
    EXPECT_EQ(routed.response.status, 404) << target;
    EXPECT_EQ(Code(routed), "not_found");
    EXPECT_EQ(routed.route, kUnmatchedRoute);
  }
}

TEST_F(RouterTest, KnownPathWithAnotherMethodIs405WithAllow) {
  router_.Add("GET", "/v1/cohorts", Access::Roles({"admin"}), Echo("list"));
  router_.Add("POST", "/v1/cohorts", Access::Roles({"admin"}), Echo("open"));
  const auto routed = Send("DELETE", "/v1/cohorts", kAdminToken);
  EXPECT_EQ(routed.response.status, 405);
  EXPECT_EQ(Code(routed), "method_not_allowed");
  ASSERT_EQ(routed.response.headers.size(), 1u);
  EXPECT_EQ(routed.response.headers[0],
            (std::pair<std::string, std::string>{"Allow", "GET, POST"}));
}

TEST_F(RouterTest, MissingTokenIs401WithWwwAuthenticate) {
  router_.Add("GET", "/v1/events", Access::Roles({"admin"}), Echo("events"));
  const auto routed = Send("GET", "/v1/events");
  EXPECT_EQ(routed.response.status, 401);
  EXPECT_EQ(Code(routed), "unauthorized");
  EXPECT_EQ(routed.response.headers.at(0).first, "WWW-Authenticate");
}

TEST_F(RouterTest, UnknownOrMalformedTokenIs401) {
  router_.Add("GET", "/v1/events", Access::Roles({"admin"}), Echo("events"));
  EXPECT_EQ(Send("GET", "/v1/events", "not-a-token").response.status, 401);
  for (const char* header : {"Basic YWxhZGRpbjpvcGVu", "Bearer", "Bearer ", "admin-token",
                             "Bearer admin token", "Bearer admin\x01token"}) {
    HttpRequest request;
    request.method = "GET";
    request.target = "/v1/events";
    request.headers["authorization"] = header;
    EXPECT_EQ(router_.Handle(std::move(request)).response.status, 401) << header;
  }
}

TEST_F(RouterTest, TheBearerSchemeIsCaseInsensitive) {
  router_.Add("GET", "/v1/events", Access::Roles({"admin"}), Echo("events"));
  HttpRequest request;
  request.method = "GET";
  request.target = "/v1/events";
  request.headers["authorization"] = "bearer " + std::string(kAdminToken);
  EXPECT_EQ(router_.Handle(std::move(request)).response.status, 200);
}

TEST_F(RouterTest, RoleNotAllowedIs403Forbidden) {
  router_.Add("GET", "/v1/events", Access::Roles({"admin", "auditor"}), Echo("events"));
  const auto routed = Send("GET", "/v1/events", kMentorToken);
  EXPECT_EQ(routed.response.status, 403);
  EXPECT_EQ(Code(routed), "forbidden");
  EXPECT_EQ(routed.actor_user_id, "u-mentor");
}

TEST_F(RouterTest, PublicRoutesNeedNoTokenButSeeAValidOne) {
  router_.Add("GET", "/v1/certificates/{number}", Access::Public(), Echo("certificate"));
  EXPECT_EQ(Send("GET", "/v1/certificates/7").response.body, "certificate number=7");
  EXPECT_EQ(Send("GET", "/v1/certificates/7", "bogus").response.body, "certificate number=7");
  EXPECT_EQ(Send("GET", "/v1/certificates/7", kMentorToken).response.body,
            "certificate number=7 by u-mentor");
}

TEST_F(RouterTest, MalformedTargetIs400Validation) {
  router_.Add("GET", "/v1/events", Access::Public(), Echo("events"));
  const auto routed = Send("GET", "/v1/events?limit=1&limit=2");
  EXPECT_EQ(routed.response.status, 400);
  EXPECT_EQ(Code(routed), "validation");
  EXPECT_EQ(Send("GET", "/v1/%zz").response.status, 400);
}

TEST_F(RouterTest, AThrowingHandlerIsAnswered500AndTheRouterKeepsServing) {
  router_.Add("GET", "/boom", Access::Public(),
              [](const RouteContext&) -> HttpResponse { throw std::runtime_error("bug"); });
  router_.Add("GET", "/ok", Access::Public(), Echo("ok"));
  const auto routed = Send("GET", "/boom");
  EXPECT_EQ(routed.response.status, 500);
  EXPECT_EQ(Code(routed), "internal");
  EXPECT_EQ(Send("GET", "/ok").response.status, 200);
}

TEST_F(RouterTest, ADeferredRouteAnswersLaterFromAnotherThreadWithItsRouteAndCaller) {
  std::thread answering;
  router_.AddDeferred(
      "POST", "/later/{id}", Access::Roles({"admin"}),
      [&answering](const RouteContext& context, Reply reply) {
        answering = std::thread([id = context.Param("id"), reply = std::move(reply)]() mutable {
          std::move(reply).SendFrom([id] { return TextResponse(201, "text/plain", "made " + id); });
        });
      });
  const auto routed = Send("POST", "/later/7", kAdminToken);
  answering.join();
  EXPECT_EQ(routed.response.status, 201);
  EXPECT_EQ(routed.response.body, "made 7");
  EXPECT_EQ(routed.route, "/later/{id}");
  EXPECT_EQ(routed.actor_user_id, "u-admin");
}

TEST_F(RouterTest, ADeferredRouteThatThrowsOrDropsItsReplyIsAnswered500) {
  router_.AddDeferred("GET", "/throws", Access::Public(),
                      [](const RouteContext&, Reply) { throw std::runtime_error("bug"); });
  router_.AddDeferred("GET", "/drops", Access::Public(), [](const RouteContext&, Reply) {});
  EXPECT_EQ(Code(Send("GET", "/throws")), "internal");
  EXPECT_EQ(Code(Send("GET", "/drops")), "internal");
}

TEST_F(RouterTest, BodyLimitIsTheMatchedRoutes) {
  router_.Add("POST", "/v1/documents", Access::Roles({"admin"}), Echo("upload"),
              RouteOptions{.body_bytes_max = kDocumentBodyBytesMax});
  router_.Add("POST", "/v1/cohorts", Access::Roles({"admin"}), Echo("open"));
  EXPECT_EQ(router_.Resolve("POST", "/v1/documents").body_bytes_max, kDocumentBodyBytesMax);
  EXPECT_EQ(router_.Resolve("POST", "/v1/cohorts").body_bytes_max, kJsonBodyBytesMax);
  EXPECT_EQ(router_.Resolve("GET", "/v1/documents").body_bytes_max, kJsonBodyBytesMax);
  EXPECT_EQ(router_.Resolve("POST", "/nowhere").body_bytes_max, kJsonBodyBytesMax);
}

TEST_F(RouterTest, OnlyAQuickRouteWithoutAQueryIsQuick) {
  router_.Add("GET", "/v1/candidates/{id}", Access::Roles({"admin"}), Echo("candidate"),
              RouteOptions{.quick_without_query = true});
  router_.Add("GET", "/v1/candidates/{id}/history", Access::Roles({"admin"}), Echo("history"));
  const auto quick = [this](std::string_view method, std::string_view target) {
    return router_.Resolve(method, target).quick;
  };
  EXPECT_TRUE(quick("GET", "/v1/candidates/c-1"));
  // A query may ask for a bitemporal fold: that is a worker's job.
  EXPECT_FALSE(quick("GET", "/v1/candidates/c-1?as_of=2020-01-01T00:00:00Z"));
  EXPECT_FALSE(quick("GET", "/v1/candidates/c-1?"));
  EXPECT_FALSE(quick("GET", "/v1/candidates/c-1/history"));
  EXPECT_FALSE(quick("POST", "/v1/candidates/c-1"));
  EXPECT_FALSE(quick("GET", "/nowhere"));
  EXPECT_FALSE(quick("GET", "/v1/candidates/%zz"));
}

TEST_F(RouterTest, ARequestIsAnsweredAsItsLineWasResolvedOnce) {
  router_.Add("GET", "/v1/cohorts/{year}", Access::Public(), Echo("cohort"));
  HttpRequest request;
  request.method = "GET";
  request.target = "/v1/cohorts/2018";
  RequestRoute route = router_.Resolve(request.method, request.target);
  // The match travels with the request: Handle does not look the route up again.
  HttpResponse answer = WaitForAnswer([&](Reply reply) {
    router_.Handle(std::move(request), std::move(route),
                   [reply = std::move(reply)](RouteLabel label) mutable {
                     EXPECT_EQ(label.route, "/v1/cohorts/{year}");
                     return std::move(reply);
                   });
  });
  EXPECT_EQ(answer.status, 200);
  EXPECT_NE(answer.body.find("cohort"), std::string::npos) << answer.body;
}

TEST_F(RouterTest, RoutesListsWhatWasRegistered) {
  router_.Add("GET", "/healthz", Access::Public(), Echo("health"));
  router_.Add("GET", "/v1/events", Access::Roles({"admin", "auditor"}), Echo("events"));
  const auto routes = router_.Routes();
  ASSERT_EQ(routes.size(), 2u);
  EXPECT_TRUE(routes[0].access.is_public());
  EXPECT_EQ(routes[1].access.roles(), (std::vector<std::string>{"admin", "auditor"}));
}

using RouterDeathTest = RouterTest;

TEST_F(RouterDeathTest, RegisteringTheSameRouteTwiceAborts) {
  router_.Add("GET", "/v1/candidates/{id}", Access::Public(), Echo("a"));
  EXPECT_DEATH(router_.Add("GET", "/v1/candidates/{other}", Access::Public(), Echo("b")),
               "registered twice");
}

TEST_F(RouterDeathTest, MalformedPatternsAndRolesAbort) {
  EXPECT_DEATH(router_.Add("GET", "v1/x", Access::Public(), Echo("a")), "malformed");
  EXPECT_DEATH(router_.Add("GET", "/v1/{id}/{id}", Access::Public(), Echo("a")), "twice");
  EXPECT_DEATH(router_.Add("get", "/v1/x", Access::Public(), Echo("a")), "upper case");
  EXPECT_DEATH((void)Access::Roles({"root"}), "unknown role");
  EXPECT_DEATH((void)Access::Roles({}), "at least one role");
}

}  // namespace
}  // namespace ctom::server
