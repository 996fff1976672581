// Reading and writing the session cookie.
#include "server/cookies.hpp"

namespace ctom::server {
namespace {

std::string_view Trimmed(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

std::string CookieAttributes(bool secure) {
  return std::string("; HttpOnly; SameSite=Strict; Path=/") + (secure ? "; Secure" : "");
}

}  // namespace

std::optional<std::string_view> CookieValue(const HttpRequest& request, std::string_view name) {
  const auto header = request.Header("cookie");
  if (!header) return std::nullopt;
  // Several Cookie fields arrive joined by ", " (HttpRequest::headers); pairs are split by ';'.
  std::string_view rest = *header;
  while (!rest.empty()) {
    const std::size_t end = rest.find_first_of(";,");
    const std::string_view pair = Trimmed(rest.substr(0, end));
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    const std::size_t equals = pair.find('=');
    if (equals == std::string_view::npos) continue;
    if (Trimmed(pair.substr(0, equals)) != name) continue;
    std::string_view value = Trimmed(pair.substr(equals + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    return value;
  }
  return std::nullopt;
}

std::string SessionCookie(std::string_view session_id, bool secure) {
  return std::string(kSessionCookieName) + "=" + std::string(session_id) + CookieAttributes(secure);
}

std::string ClearedSessionCookie(bool secure) {
  return std::string(kSessionCookieName) + "=" + CookieAttributes(secure) + "; Max-Age=0";
}

}  // namespace ctom::server
