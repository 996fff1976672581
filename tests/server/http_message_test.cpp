// Request-target parsing: paths, segments and query parameters.
#include "server/http_message.hpp"

#include <gtest/gtest.h>

namespace ctom::server {
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

// Answers quote path segments and query parameters in JSON text, which must be UTF-8. Found by
// the http_request fuzz target: GET /v1/candidates/c<0xB1> was answered 404 with a detail that
// made the JSON body invalid (tests/fuzz/regressions/http_request/).
TEST(ParseTarget, RefusesAPathOrQueryThatDoesNotDecodeToUtf8) {
  for (const std::string target :
       {"/v1/candidates/c\xB1", "/v1/candidates/c%B1", "/v1/a/%C0%AF", "/v1/a/%ED%A0%80",
        "/v1/a?x=%C3", "/v1/a?%FF=1", "/v1/a?x=\xF4\x90\x80\x80"}) {
    auto parsed = ParseTarget(target);
    ASSERT_FALSE(parsed.has_value()) << target;
    EXPECT_NE(parsed.error().find("UTF-8"), std::string::npos) << parsed.error();
  }
  auto accented = ParseTarget("/v1/candidates/%C3%A9?q=%F0%9F%98%80&r=\xC3\xA9");
  ASSERT_TRUE(accented.has_value()) << accented.error();
  EXPECT_EQ(accented->segments.back(), "\xC3\xA9");
  EXPECT_EQ(accented->query.at("q"), "\xF0\x9F\x98\x80");
}

TEST(ParseTarget, QuotesARepeatedParameterDecoded) {
  // Raw, "%C3\xA9" is a lone continuation byte after an escape; decoded it is "\xC3\xA9".
  auto parsed = ParseTarget("/v1/a?%C3\xA9=1&%C3%A9=2");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_NE(parsed.error().find("'\xC3\xA9'"), std::string::npos) << parsed.error();
  EXPECT_TRUE(IsUtf8(parsed.error()));
}

TEST(IsUtf8, AcceptsWellFormedSequencesOnly) {
  for (const std::string_view text : {"", "ascii", "\xC3\xA9", "\xE2\x82\xAC", "\xED\x9F\xBF",
                                      "\xEE\x80\x80", "\xF0\x90\x80\x80", "\xF4\x8F\xBF\xBF"}) {
    EXPECT_TRUE(IsUtf8(text)) << text;
  }
  for (const std::string_view text :
       {"\x80", "\xBF", "\xC0\x80", "\xC1\xBF", "\xC3", "\xC3\x28", "\xE0\x80\x80", "\xE0\x9F\xBF",
        "\xED\xA0\x80", "\xE2\x82", "\xF0\x80\x80\x80", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80",
        "\xFF", "a\xE2\x82\x28"}) {
    EXPECT_FALSE(IsUtf8(text)) << text;
  }
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
}  // namespace ctom::server
