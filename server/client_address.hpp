// Who is on the other end of a request: the socket's peer, or the client a trusted proxy names.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "server/http_message.hpp"

namespace ctom::server {

// The canonical text of an IPv4 or IPv6 address literal ("127.0.0.1", "::1"; an IPv4-mapped IPv6
// address as plain IPv4), or nullopt when text is not one. Brackets ("[::1]") are accepted.
[[nodiscard]] std::optional<std::string> CanonicalIpAddress(std::string_view text);

// The client a request comes from: its peer address, or, when the peer is trusted_proxy (a
// canonical address; empty: no proxy is trusted), the last address of its X-Forwarded-For (the
// one the proxy itself added). A proxy's header that names no address leaves the peer's.
[[nodiscard]] std::string ClientAddress(const HttpRequest& request, std::string_view trusted_proxy);

}  // namespace ctom::server
