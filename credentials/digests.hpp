// SHA-256 and HMAC-SHA-256 of short texts over libcrypto: the e-mail hash of a credential and the
// values derived from the issuer secret.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

namespace ctom::credentials {

using Digest = std::array<std::uint8_t, 32>;

// SHA-256 of bytes. libcrypto failing to hash (only when out of memory) aborts the process.
[[nodiscard]] Digest Sha256(std::string_view bytes);

// HMAC-SHA-256 of message under key. Aborts as Sha256 does.
[[nodiscard]] Digest HmacSha256(std::span<const std::uint8_t> key, std::string_view message);

}  // namespace ctom::credentials
