// The import's line parser: what it hands the router is what the server's own JSON reader takes.
#include <gtest/gtest.h>

#include "api/json_body.hpp"
#include "cli/import_command.hpp"

namespace ctom::cli {
namespace {

TEST(ImportLineRequest, ALineBecomesAPostWithTheTokenAndAStrictJsonBody) {
  auto request = ImportLineRequest(
      R"({"command":"POST /v1/cohorts","occurred_at":"2010-08-01T00:00:00Z","body":{"year":2011}})",
      "secret");
  ASSERT_TRUE(request.has_value()) << request.error();
  EXPECT_EQ(request->method, "POST");
  EXPECT_EQ(request->target, "/v1/cohorts");
  EXPECT_EQ(request->Header("authorization"), "Bearer secret");
  EXPECT_EQ(request->Header("content-type"), "application/json");
  auto body = api::ParseStrictJson(request->body);
  ASSERT_TRUE(body.has_value());
  EXPECT_EQ(body->at("year").as_int64(), 2011);
  EXPECT_EQ(body->at("occurred_at").as_string(), "2010-08-01T00:00:00Z");
}

TEST(ImportLineRequest, ANumberJsonCannotCarryIsRefusedByTheParserItself) {
  // Boost.JSON reads 0e410 as NaN and would write it back as a bare NaN, which is not JSON
  // (found by fuzz_import_line; tests/fuzz/regressions/import_line).
  auto request = ImportLineRequest(R"({"command":"POST /v1/cohorts","body":{"year":0e410}})", "t");
  ASSERT_FALSE(request.has_value()) << request->body;
  EXPECT_NE(request.error().find("number"), std::string::npos) << request.error();
}

TEST(ImportLineRequest, ALineThatIsNotJsonSaysTheColumnWhereReadingStopped) {
  auto bad = ImportLineRequest(R"({"command":"POST /v1/cohorts","body":{"year":20x1}})", "t");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error(), "not JSON at column 48: syntax error");
  auto unfinished = ImportLineRequest(R"({"command":"POST /v1/cohorts")", "t");
  ASSERT_FALSE(unfinished.has_value());
  EXPECT_EQ(unfinished.error(), "not JSON at column 30: incomplete JSON");
  auto extra = ImportLineRequest(R"({"command":"POST /v1/cohorts"} x)", "t");
  ASSERT_FALSE(extra.has_value());
  EXPECT_EQ(extra.error(), "not JSON at column 32: extra data");
  auto array = ImportLineRequest("[1,2]", "t");
  ASSERT_FALSE(array.has_value());
  EXPECT_EQ(array.error(), "not a JSON object");
}

}  // namespace
}  // namespace ctom::cli
