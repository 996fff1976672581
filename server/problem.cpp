// Renders problem responses.
#include "server/problem.hpp"

#include <boost/json.hpp>

namespace ctom::server {

std::string_view ReasonPhrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No Content";
    case 302:
      return "Found";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 410:
      return "Gone";
    case 413:
      return "Content Too Large";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Content";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return "Unknown";
  }
}

HttpResponse ProblemResponse(const Problem& problem) {
  boost::json::object body;
  body["type"] = "urn:ctom:problem:" + problem.code;
  body["title"] = ReasonPhrase(problem.status);
  body["status"] = problem.status;
  body["detail"] = problem.detail;
  body["code"] = problem.code;
  if (!problem.unmet.empty()) {
    boost::json::array unmet;
    for (const auto& code : problem.unmet) unmet.emplace_back(code);
    body["unmet"] = std::move(unmet);
  }
  if (!problem.errors.empty()) {
    boost::json::array errors;
    for (const auto& error : problem.errors) {
      errors.emplace_back(boost::json::object{{"field", error.field}, {"message", error.message}});
    }
    body["errors"] = std::move(errors);
  }
  HttpResponse response;
  response.status = problem.status;
  response.content_type = "application/problem+json";
  response.body = boost::json::serialize(body);
  response.headers = problem.headers;
  return response;
}

HttpResponse ValidationProblem(std::vector<FieldError> errors) {
  std::string detail = "The request is invalid";
  if (errors.size() == 1) {
    detail = errors.front().field + ": " + errors.front().message;
  } else if (!errors.empty()) {
    detail += ": " + std::to_string(errors.size()) + " fields are refused";
  }
  return ProblemResponse({.status = 400,
                          .code = std::string(problem_code::kValidation),
                          .detail = std::move(detail),
                          .errors = std::move(errors)});
}

HttpResponse ValidationProblem(std::string field, std::string message) {
  std::vector<FieldError> errors;
  errors.push_back({std::move(field), std::move(message)});
  return ValidationProblem(std::move(errors));
}

HttpResponse NotFoundProblem(std::string detail) {
  return ProblemResponse(
      {.status = 404, .code = std::string(problem_code::kNotFound), .detail = std::move(detail)});
}

HttpResponse ForbiddenProblem(std::string detail) {
  return ProblemResponse(
      {.status = 403, .code = std::string(problem_code::kForbidden), .detail = std::move(detail)});
}

HttpResponse RuleProblem(std::string code, std::string detail, std::vector<std::string> unmet) {
  return ProblemResponse({.status = 422,
                          .code = std::move(code),
                          .detail = std::move(detail),
                          .unmet = std::move(unmet)});
}

}  // namespace ctom::server
