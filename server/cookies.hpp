// The session cookie of browser sign-in: reading it from a request, setting and clearing it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "server/http_message.hpp"

namespace ctom::server {

// The cookie that carries a browser session (API.md, "Sign-in for browsers").
inline constexpr std::string_view kSessionCookieName = "ctom_session";

// The value of the named cookie among the request's Cookie headers, or nullopt. The first of
// several with that name wins.
[[nodiscard]] std::optional<std::string_view> CookieValue(const HttpRequest& request,
                                                          std::string_view name);

// The Set-Cookie value that gives the browser a session: HttpOnly, SameSite=Strict, Path=/, and
// Secure when the public URL is https. No Max-Age: the server ends the session after 12 hours.
[[nodiscard]] std::string SessionCookie(std::string_view session_id, bool secure);

// The Set-Cookie value that makes the browser forget its session at once (Max-Age=0).
[[nodiscard]] std::string ClearedSessionCookie(bool secure);

}  // namespace ctom::server
