// Base64url without padding (RFC 4648 section 5), the alphabet of JWS and JWK members.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace ctom::credentials {

// The base64url text of bytes, without '=' padding. Uses libcrypto's base64 and swaps the two
// characters the URL alphabet changes.
[[nodiscard]] std::string Base64Url(std::string_view bytes);
[[nodiscard]] std::string Base64Url(std::span<const std::uint8_t> bytes);

}  // namespace ctom::credentials
