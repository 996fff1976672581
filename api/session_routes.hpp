// Sign-in for browsers (API.md): POST /v1/sessions, GET and DELETE /v1/sessions/current.
#pragma once

#include <boost/json/object.hpp>
#include <functional>
#include <optional>

#include "api/http.hpp"
#include "api/server_context.hpp"

namespace ctom::api {

// The user a session answers with, {id, name, role, candidate_id?, mentor_id?}, read from the
// program's views at each answer (a session holds no name).
using UserJsonOf = std::function<boost::json::object(const Principal&)>;

// Registers the three session routes. Makes context.sessions and context.sign_in_limiter when
// they are null (contexts without a browser-facing router).
//   POST /v1/sessions          public: {token} -> 201 {user, csrf} + Set-Cookie; 401 for an
//                              unknown or revoked token (counted against the client address);
//                              429 too_many_requests with Retry-After past the limit
//   GET /v1/sessions/current   {user, csrf} of the request's session cookie; 404 not_found for a
//                              request authenticated by a bearer token
//   DELETE /v1/sessions/current  204, the session ends and the cookie is cleared (Max-Age=0)
void RegisterSessionRoutes(Router& router, ServerContext& context, UserJsonOf user_json);

}  // namespace ctom::api
