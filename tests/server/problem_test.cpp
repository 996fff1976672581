// Problem responses: one shape for every error, with the codes of API.md.
#include "server/problem.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace ctom::server {
namespace {

boost::json::object Body(const HttpResponse& response) {
  return boost::json::parse(response.body).as_object();
}

TEST(ProblemResponse, HasTypeTitleStatusDetailAndCodeAsProblemJson) {
  const HttpResponse response = ProblemResponse(
      {.status = 404, .code = std::string(problem_code::kNotFound), .detail = "No such cohort"});
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.content_type, "application/problem+json");
  const auto body = Body(response);
  EXPECT_EQ(body.at("type"), "urn:ctom:problem:not_found");
  EXPECT_EQ(body.at("title"), "Not Found");
  EXPECT_EQ(body.at("status"), 404);
  EXPECT_EQ(body.at("detail"), "No such cohort");
  EXPECT_EQ(body.at("code"), "not_found");
  EXPECT_FALSE(body.contains("unmet"));
  EXPECT_FALSE(body.contains("errors"));
}

TEST(ProblemResponse, RuleRefusalListsUnmetRequirements) {
  const HttpResponse response =
      RuleProblem("requirements_unmet", "Not all requirements are met", {"attendance", "tuition"});
  EXPECT_EQ(response.status, 422);
  const auto body = Body(response);
  EXPECT_EQ(body.at("code"), "requirements_unmet");
  EXPECT_EQ(body.at("title"), "Unprocessable Content");
  EXPECT_EQ(body.at("unmet"), (boost::json::array{"attendance", "tuition"}));
}

TEST(ProblemResponse, ValidationListsFieldErrors) {
  const HttpResponse response =
      ValidationProblem({{"name", "is required"}, {"employer.kind", "must be one of: district"}});
  EXPECT_EQ(response.status, 400);
  const auto body = Body(response);
  EXPECT_EQ(body.at("code"), "validation");
  const auto& errors = body.at("errors").as_array();
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].at("field"), "name");
  EXPECT_EQ(errors[0].at("message"), "is required");
  EXPECT_EQ(errors[1].at("field"), "employer.kind");
}

TEST(ProblemResponse, CarriesExtraHeaders) {
  const HttpResponse response =
      ProblemResponse({.status = 405,
                       .code = std::string(problem_code::kMethodNotAllowed),
                       .detail = "x",
                       .headers = {{"Allow", "GET"}}});
  ASSERT_EQ(response.headers.size(), 1u);
  EXPECT_EQ(response.headers[0].first, "Allow");
}

}  // namespace
}  // namespace ctom::server
