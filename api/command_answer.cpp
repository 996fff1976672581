// The HTTP answers to commands and to what the domain or the ledger refused.
#include "api/command_answer.hpp"

#include <boost/json/object.hpp>

#include "api/json_text.hpp"

namespace ctom::api {

HttpResponse CommandAnswer(const command::CommandOutcome& outcome) {
  boost::json::object body{{"id", outcome.id},
                           {"stream", outcome.stream},
                           {"version", outcome.version},
                           {"position", outcome.position}};
  HttpResponse response{outcome.created ? 201 : 200, "application/json", JsonText(body), {}};
  response.headers.emplace_back("ETag", "\"" + std::to_string(outcome.version) + "\"");
  return response;
}

HttpResponse CommandProblem(const command::CommandError& error) {
  if (const auto* rejection = std::get_if<domain::Rejection>(&error)) {
    return RejectionProblem(*rejection);
  }
  return LedgerProblem(std::get<eventstore::Error>(error));
}

HttpResponse RejectionProblem(const domain::Rejection& rejection) {
  Problem problem;
  problem.code = std::string(domain::RejectionCodeName(rejection.code));
  problem.detail = rejection.detail;
  problem.unmet = rejection.unmet;
  if (rejection.code == domain::RejectionCode::validation) {
    problem.status = 400;
    for (const domain::FieldProblem& error : rejection.errors)
      problem.errors.push_back(FieldError{error.field, error.message});
    // Every validation the domain refuses names its fields; a bare detail still names the body.
    if (problem.errors.empty()) problem.errors.push_back(FieldError{"body", rejection.detail});
  } else if (rejection.code == domain::RejectionCode::not_found) {
    problem.status = 404;
  } else if (rejection.code == domain::RejectionCode::already_exists) {
    problem.status = 409;
  } else {
    problem.status = 422;
  }
  return ProblemResponse(problem);
}

HttpResponse LedgerProblem(const eventstore::Error& error) {
  using eventstore::ErrorCode;
  switch (error.code) {
    case ErrorCode::version_conflict:
      return ProblemResponse({.status = 409,
                              .code = std::string(problem_code::kVersionConflict),
                              .detail = "The record is at version " +
                                        std::to_string(error.actual_version) +
                                        ", not the version the request expected"});
    case ErrorCode::idempotency_key_reused:
      return RuleProblem(std::string(problem_code::kIdempotencyKeyReused),
                         "The Idempotency-Key was used before with another request");
    case ErrorCode::invalid_request:
      return ProblemResponse({.status = 400,
                              .code = std::string(problem_code::kValidation),
                              .detail = "The ledger refused the request as malformed"});
    case ErrorCode::not_found:
      return NotFoundProblem("No such record in the ledger");
    case ErrorCode::io_error:
    case ErrorCode::corruption:
    case ErrorCode::closed:
      break;
  }
  return ProblemResponse(
      {.status = 503,
       .code = std::string(problem_code::kServiceUnavailable),
       .detail = "The ledger is unavailable (a storage fault or a shutdown); try again later",
       .headers = {{"Retry-After", "5"}}});
}

}  // namespace ctom::api
