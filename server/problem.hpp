// Every error response: application/problem+json (RFC 9457) with the stable codes of API.md.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "server/http_message.hpp"

namespace ctom::server {

// The `code` values of API.md that are not business rules. A 422 takes its rule's own code.
namespace problem_code {
inline constexpr std::string_view kValidation = "validation";      // 400
inline constexpr std::string_view kUnauthorized = "unauthorized";  // 401
inline constexpr std::string_view kForbidden = "forbidden";        // 403
inline constexpr std::string_view kCsrf = "csrf";  // 403: a cookie-authenticated write without it
inline constexpr std::string_view kNotFound = "not_found";  // 404
inline constexpr std::string_view kErased = "erased";  // 410: a document erased with its person
inline constexpr std::string_view kMethodNotAllowed = "method_not_allowed";          // 405
inline constexpr std::string_view kVersionConflict = "version_conflict";             // 409
inline constexpr std::string_view kAlreadyExists = "already_exists";                 // 409
inline constexpr std::string_view kPayloadTooLarge = "payload_too_large";            // 413
inline constexpr std::string_view kUnsupportedMediaType = "unsupported_media_type";  // 415
inline constexpr std::string_view kIdempotencyKeyReused = "idempotency_key_reused";  // 422
inline constexpr std::string_view kTooManyRequests = "too_many_requests";            // 429
inline constexpr std::string_view kInternal = "internal";                            // 500
inline constexpr std::string_view kServiceUnavailable = "service_unavailable";       // 503
}  // namespace problem_code

// One refused field of a request: its path in the body ("employer.kind", "sessions[2].title")
// or the name of a query parameter, and what is wrong with it.
struct FieldError {
  std::string field;
  std::string message;

  friend bool operator==(const FieldError&, const FieldError&) = default;
};

struct Problem {
  int status = 400;
  std::string code{};                // a problem_code or a 422 rule code
  std::string detail{};              // one sentence for people; never a token or personal data
  std::vector<std::string> unmet{};  // requirement codes, for rule refusals; omitted when empty
  std::vector<FieldError> errors{};  // refused fields, for validation; omitted when empty
  std::vector<std::pair<std::string, std::string>> headers{};  // e.g. Allow, WWW-Authenticate
};

// The one function that renders an error response: status, Content-Type application/problem+json,
// and {"type","title","status","detail","code"} plus "unmet" and "errors" when they are not empty.
// "type" is "urn:ctom:problem:<code>"; "title" is the status's reason phrase.
[[nodiscard]] HttpResponse ProblemResponse(const Problem& problem);

// Shorthands that all call ProblemResponse.
[[nodiscard]] HttpResponse ValidationProblem(std::vector<FieldError> errors);
[[nodiscard]] HttpResponse ValidationProblem(std::string field, std::string message);
[[nodiscard]] HttpResponse NotFoundProblem(std::string detail);
[[nodiscard]] HttpResponse ForbiddenProblem(std::string detail);
[[nodiscard]] HttpResponse RuleProblem(std::string code, std::string detail,
                                       std::vector<std::string> unmet = {});

// The reason phrase of a status code ("Not Found"), "Unknown" for codes ctom does not use.
[[nodiscard]] std::string_view ReasonPhrase(int status);

}  // namespace ctom::server
