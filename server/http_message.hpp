// Socket-free HTTP request and response types: what handlers see and return.
#pragma once

#include <chrono>
#include <expected>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ctom::server {

// Query parameters, percent-decoded ('+' is a space). A parameter given twice is refused by
// ParseTarget, so each key has one value.
using QueryParameters = std::map<std::string, std::string, std::less<>>;

// Header fields by lower-case name. A field sent several times holds its values joined by ", ".
using HeaderFields = std::map<std::string, std::string, std::less<>>;

struct HttpRequest {
  std::string method;  // as sent, e.g. "GET"
  std::string target;  // the raw request-target, e.g. "/v1/events?after=3"
  // Filled from target by the router (see ParseTarget) before a handler runs.
  std::string path;  // the raw path, without the query, still percent-encoded
  QueryParameters query;
  HeaderFields headers;
  std::string body;
  // The connection's peer, canonical (CanonicalIpAddress): "127.0.0.1", "::1". Empty for requests
  // that came from no socket (ctom import, tests).
  std::string peer_address;
  // When the server finished reading the request; the request log measures from here.
  std::chrono::steady_clock::time_point received_at = std::chrono::steady_clock::now();

  // The value of a header field (name in lower case), or nullopt.
  [[nodiscard]] std::optional<std::string_view> Header(std::string_view lower_case_name) const;
  // The value of a query parameter, or nullopt.
  [[nodiscard]] std::optional<std::string_view> Query(std::string_view key) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type;  // empty: no Content-Type (e.g. 204)
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra fields, e.g. ETag, Allow
};

// A request target split into its path and decoded query.
struct RequestTarget {
  std::string path;                   // raw, percent-encoded, never empty, starts with '/'
  std::vector<std::string> segments;  // the path's segments, each percent-decoded
  QueryParameters query;
};

// Splits an origin-form target ("/a/b?x=1&y=2"). Fails, with a sentence saying why, on a target
// that does not start with '/', bad percent-encoding, an encoded NUL, a segment, parameter name
// or value that does not decode to UTF-8 (answers quote them in JSON), "." or ".." segments, more
// than kQueryParametersMax parameters, or a parameter given twice.
[[nodiscard]] std::expected<RequestTarget, std::string> ParseTarget(std::string_view target);

// Decodes %XX escapes (and, when plus_is_space, '+' as a space). nullopt on a malformed escape
// or an encoded NUL.
[[nodiscard]] std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space);

// Whether text is well-formed UTF-8 (RFC 3629: no overlong forms, surrogates or code points
// beyond U+10FFFF).
[[nodiscard]] bool IsUtf8(std::string_view text);

// A response with the given status, content type and body.
[[nodiscard]] HttpResponse TextResponse(int status, std::string content_type, std::string body);

// Lower-cases ASCII letters.
[[nodiscard]] std::string AsciiLower(std::string_view text);

}  // namespace ctom::server
