// The answers to commands: ledger errors and domain rejections as problem responses.
#include "api/command_answer.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace ctom::api {
namespace {

boost::json::object Body(const HttpResponse& response) {
  return boost::json::parse(response.body).as_object();
}

TEST(LedgerProblem, MapsEachLedgerErrorToItsAnswer) {
  using eventstore::ErrorCode;
  const auto status_and_code = [](ErrorCode code) {
    const HttpResponse response = LedgerProblem(eventstore::Error{code, "/secret/path", 3});
    EXPECT_EQ(response.body.find("/secret/path"), std::string::npos) << "leaks the ledger detail";
    return std::make_pair(response.status, std::string(Body(response).at("code").as_string()));
  };
  EXPECT_EQ(status_and_code(ErrorCode::version_conflict),
            std::make_pair(409, std::string("version_conflict")));
  EXPECT_EQ(status_and_code(ErrorCode::idempotency_key_reused),
            std::make_pair(422, std::string("idempotency_key_reused")));
  EXPECT_EQ(status_and_code(ErrorCode::invalid_request),
            std::make_pair(400, std::string("validation")));
  EXPECT_EQ(status_and_code(ErrorCode::not_found), std::make_pair(404, std::string("not_found")));
  EXPECT_EQ(status_and_code(ErrorCode::io_error),
            std::make_pair(503, std::string("service_unavailable")));
  EXPECT_EQ(status_and_code(ErrorCode::corruption),
            std::make_pair(503, std::string("service_unavailable")));
  EXPECT_EQ(status_and_code(ErrorCode::closed),
            std::make_pair(503, std::string("service_unavailable")));
}

TEST(CommandAnswer, IsTheRecordsIdStreamVersionAndPositionWithAnETag) {
  const HttpResponse created = CommandAnswer({"c-1", "candidate-c-1", 1, 7, true, false});
  EXPECT_EQ(created.status, 201);
  EXPECT_EQ(Body(created).at("position"), 7);
  ASSERT_EQ(created.headers.size(), 1u);
  EXPECT_EQ(created.headers[0], std::make_pair(std::string("ETag"), std::string("\"1\"")));
  EXPECT_EQ(CommandAnswer({"c-1", "candidate-c-1", 2, 8, false, false}).status, 200);
}

TEST(CommandProblem, AnswersARejectionByItsCodeAndALedgerErrorByItsKind) {
  const command::CommandError rejected =
      domain::Rejection{domain::RejectionCode::cohort_full, "no seat", {}, {}};
  EXPECT_EQ(CommandProblem(rejected).status, 422);
  EXPECT_EQ(Body(CommandProblem(rejected)).at("code"), "cohort_full");
  const command::CommandError conflict =
      eventstore::Error{eventstore::ErrorCode::version_conflict, "", 3};
  EXPECT_EQ(CommandProblem(conflict).status, 409);
}

TEST(RejectionProblem, AValidationNamesEveryFieldTheDomainRefusedByItsJsonPath) {
  domain::Rejection rejection{domain::RejectionCode::validation, "payer.name is required", {}, {}};
  rejection.errors = {{"payer.name", "is required for an employer sponsor"},
                      {"payer.funding_source", "is required for an employer sponsor"}};
  const HttpResponse answer = RejectionProblem(rejection);
  EXPECT_EQ(answer.status, 400);
  const boost::json::value body = Body(answer);
  ASSERT_EQ(body.at("errors").as_array().size(), 2u);
  EXPECT_EQ(body.at("errors").at(0).at("field"), "payer.name");
  EXPECT_EQ(body.at("errors").at(1).at("field"), "payer.funding_source");
  EXPECT_EQ(body.at("errors").at(1).at("message"), "is required for an employer sponsor");
}

}  // namespace
}  // namespace ctom::api
