// Request-target parsing and small helpers for the socket-free HTTP types.
#include "server/http_message.hpp"

#include "server/limits.hpp"

namespace ctom::server {
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
    // Answers and logs quote what the client sent, and JSON text must be UTF-8.
    if (!IsUtf8(*key) || !IsUtf8(*value)) return std::unexpected("the query is not UTF-8");
    if (key->empty()) return std::unexpected("a query parameter without a name");
    if (query.size() >= kQueryParametersMax) return std::unexpected("too many query parameters");
    if (query.contains(*key)) {
      return std::unexpected("the query parameter '" + *key + "' is given more than once");
    }
    query.emplace(std::move(*key), std::move(*value));
  }
  return query;
}

// The byte after a lead byte is narrower than 80..BF for some leads (Unicode 15, table 3-7): no
// overlong forms, no surrogates, nothing beyond U+10FFFF.
struct Utf8Lead {
  std::size_t length = 0;  // 0: not a lead byte
  unsigned char second_min = 0x80;
  unsigned char second_max = 0xBF;
};

Utf8Lead LeadOf(unsigned char byte) {
  if (byte >= 0xC2 && byte <= 0xDF) return {2};
  if (byte == 0xE0) return {3, 0xA0};
  if ((byte >= 0xE1 && byte <= 0xEC) || byte == 0xEE || byte == 0xEF) return {3};
  if (byte == 0xED) return {3, 0x80, 0x9F};
  if (byte == 0xF0) return {4, 0x90};
  if (byte >= 0xF1 && byte <= 0xF3) return {4};
  if (byte == 0xF4) return {4, 0x80, 0x8F};
  return {};
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
    if (!IsUtf8(*segment)) return std::unexpected("the path is not UTF-8");
    if (*segment == "." || *segment == "..") return std::unexpected("the path has a dot segment");
    result.segments.push_back(std::move(*segment));
    if (slash == std::string_view::npos) break;
    rest = rest.substr(slash + 1);
    if (rest.empty()) result.segments.emplace_back();  // a trailing '/' is an empty segment
  }
  return result;
}

bool IsUtf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      ++i;
      continue;
    }
    const Utf8Lead lead = LeadOf(byte);
    if (lead.length == 0 || text.size() - i < lead.length) return false;
    const auto second = static_cast<unsigned char>(text[i + 1]);
    if (second < lead.second_min || second > lead.second_max) return false;
    for (std::size_t k = 2; k < lead.length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if (next < 0x80 || next > 0xBF) return false;
    }
    i += lead.length;
  }
  return true;
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

}  // namespace ctom::server
