// Request-target parsing and small helpers for the socket-free HTTP types.
#include "api/http_message.hpp"

#include "api/limits.hpp"

namespace ctom::api {
namespace {

int HexDigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::expected<QueryParameters, std::string> ParseQuery(std::string_view text) {
  QueryParameters query;
  while (!text.empty()) {
    const std::size_t amp = text.find('&');
    const std::string_view pair = text.substr(0, amp);
    text = amp == std::string_view::npos ? std::string_view{} : text.substr(amp + 1);
    if (pair.empty()) continue;  // "a=1&&b=2" and a trailing '&' are harmless
    const std::size_t eq = pair.find('=');
    auto key = PercentDecode(pair.substr(0, eq), true);
    auto value = PercentDecode(eq == std::string_view::npos ? "" : pair.substr(eq + 1), true);
    if (!key || !value) return std::unexpected("malformed percent-encoding in the query");
    if (key->empty()) return std::unexpected("a query parameter without a name");
    if (query.size() >= kQueryParametersMax) return std::unexpected("too many query parameters");
    if (!query.emplace(std::move(*key), std::move(*value)).second) {
      return std::unexpected("the query parameter '" + std::string(pair.substr(0, eq)) +
                             "' is given more than once");
    }
  }
  return query;
}

}  // namespace

std::optional<std::string_view> HttpRequest::Header(std::string_view lower_case_name) const {
  const auto it = headers.find(lower_case_name);
  if (it == headers.end()) return std::nullopt;
  return std::string_view(it->second);
}

std::optional<std::string_view> HttpRequest::Query(std::string_view key) const {
  const auto it = query.find(key);
  if (it == query.end()) return std::nullopt;
  return std::string_view(it->second);
}

std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      const int high = HexDigitValue(text[i + 1]);
      const int low = HexDigitValue(text[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      const char decoded = static_cast<char>(high * 16 + low);
      if (decoded == '\0') return std::nullopt;
      out.push_back(decoded);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::expected<RequestTarget, std::string> ParseTarget(std::string_view target) {
  if (target.empty() || target.front() != '/') {
    return std::unexpected("the request target must be a path starting with '/'");
  }
  const std::size_t question = target.find('?');
  RequestTarget result;
  result.path = std::string(target.substr(0, question));
  if (question != std::string_view::npos) {
    auto query = ParseQuery(target.substr(question + 1));
    if (!query) return std::unexpected(std::move(query.error()));
    result.query = std::move(*query);
  }
  // "/" has no segments; "/a/b" has "a" and "b"; "/a/" and "/a//b" have empty segments, which no
  // route matches.
  std::string_view rest = std::string_view(result.path).substr(1);
  while (!rest.empty()) {
    const std::size_t slash = rest.find('/');
    const std::string_view raw = rest.substr(0, slash);
    auto segment = PercentDecode(raw, false);
    if (!segment) return std::unexpected("malformed percent-encoding in the path");
    if (*segment == "." || *segment == "..") return std::unexpected("the path has a dot segment");
    result.segments.push_back(std::move(*segment));
    if (slash == std::string_view::npos) break;
    rest = rest.substr(slash + 1);
    if (rest.empty()) result.segments.emplace_back();  // a trailing '/' is an empty segment
  }
  return result;
}

HttpResponse TextResponse(int status, std::string content_type, std::string body) {
  HttpResponse response;
  response.status = status;
  response.content_type = std::move(content_type);
  response.body = std::move(body);
  return response;
}

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace ctom::api
