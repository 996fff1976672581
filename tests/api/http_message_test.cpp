// Request-target parsing: paths, segments and query parameters.
#include "api/http_message.hpp"

#include <gtest/gtest.h>

namespace ctom::api {
namespace {

TEST(ParseTarget, SplitsPathSegmentsAndDecodedQuery) {
  auto target = ParseTarget("/v1/candidates/c-1/grades?after=a%20b&limit=5&q=x+y");
  ASSERT_TRUE(target.has_value()) << target.error();
  EXPECT_EQ(target->path, "/v1/candidates/c-1/grades");
  EXPECT_EQ(target->segments, (std::vector<std::string>{"v1", "candidates", "c-1", "grades"}));
  EXPECT_EQ(target->query.at("after"), "a b");
  EXPECT_EQ(target->query.at("limit"), "5");
  EXPECT_EQ(target->query.at("q"), "x y");
}

TEST(ParseTarget, RootHasNoSegments) {
  auto target = ParseTarget("/");
  ASSERT_TRUE(target.has_value());
  EXPECT_TRUE(target->segments.empty());
}

TEST(ParseTarget, DecodesEachSegmentSoAnEncodedSlashStaysInItsSegment) {
  auto target = ParseTarget("/v1/documents/sha256%3Aab%2Fcd");
  ASSERT_TRUE(target.has_value());
  EXPECT_EQ(target->segments, (std::vector<std::string>{"v1", "documents", "sha256:ab/cd"}));
}

TEST(ParseTarget, KeepsEmptySegmentsSoNoRouteMatchesThem) {
  auto target = ParseTarget("/v1/cohorts/");
  ASSERT_TRUE(target.has_value());
  EXPECT_EQ(target->segments, (std::vector<std::string>{"v1", "cohorts", ""}));
}

TEST(ParseTarget, RefusesWhatIsNotAnOriginFormPath) {
  EXPECT_FALSE(ParseTarget("").has_value());
  EXPECT_FALSE(ParseTarget("*").has_value());
  EXPECT_FALSE(ParseTarget("http://example.com/healthz").has_value());
}

TEST(ParseTarget, RefusesBadPercentEncodingAndEncodedNul) {
  EXPECT_FALSE(ParseTarget("/v1/a%zz").has_value());
  EXPECT_FALSE(ParseTarget("/v1/a%2").has_value());
  EXPECT_FALSE(ParseTarget("/v1/a%00b").has_value());
  EXPECT_FALSE(ParseTarget("/v1/a?x=%G1").has_value());
}

TEST(ParseTarget, RefusesDotSegments) {
  EXPECT_FALSE(ParseTarget("/v1/../healthz").has_value());
  EXPECT_FALSE(ParseTarget("/v1/%2E%2E/healthz").has_value());
}

TEST(ParseTarget, RefusesAQueryParameterGivenTwice) {
  auto target = ParseTarget("/v1/events?limit=1&limit=2");
  ASSERT_FALSE(target.has_value());
  EXPECT_NE(target.error().find("limit"), std::string::npos);
}

TEST(HttpRequest, LooksUpHeadersAndQueryByName) {
  HttpRequest request;
  request.headers["content-type"] = "application/json";
  request.query["limit"] = "5";
  EXPECT_EQ(request.Header("content-type"), "application/json");
  EXPECT_FALSE(request.Header("authorization").has_value());
  EXPECT_EQ(request.Query("limit"), "5");
  EXPECT_FALSE(request.Query("after").has_value());
}

}  // namespace
}  // namespace ctom::api
