// The server's vocabulary as the endpoints use it: requests, answers, routes, problems and
// principals are server/'s; the endpoints name them without the namespace.
#pragma once

#include "server/auth.hpp"
#include "server/http_message.hpp"
#include "server/limits.hpp"
#include "server/problem.hpp"
#include "server/reply.hpp"
#include "server/router.hpp"

namespace ctom::api {

using server::Access;
using server::AsciiLower;
using server::FieldError;
using server::ForbiddenProblem;
using server::GenerateToken;
using server::HashToken;
using server::HttpRequest;
using server::HttpResponse;
using server::InMemoryTokenDirectory;
using server::NotFoundProblem;
using server::PathParameters;
using server::Principal;
using server::Problem;
using server::ProblemResponse;
using server::Reply;
using server::RouteContext;
using server::RouteInfo;
using server::RouteOptions;
using server::Router;
using server::RuleProblem;
using server::TextResponse;
using server::ValidationProblem;
namespace problem_code = server::problem_code;
namespace role = server::role;

using server::kDocumentBodyBytesMax;
using server::kJsonBodyBytesMax;
using server::kJsonDepthMax;
using server::kListLimitDefault;
using server::kListLimitMax;
using server::kStringBytesMaxDefault;

}  // namespace ctom::api
