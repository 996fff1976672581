// A credential as a VC-JWT: a compact JWS (RFC 7515) of its JSON, signed RS256 by the issuer.
#pragma once

#include <expected>
#include <string>
#include <string_view>

#include "credentials/issuer_keys.hpp"

namespace ctom::credentials {

// The media type of a VC-JWT answer.
inline constexpr std::string_view kVcJwtContentType = "application/vc+jwt";

// BASE64URL(header) "." BASE64URL(payload) "." BASE64URL(signature), the header being
// {"alg":"RS256","kid":<the current key's kid>,"typ":"JWT"} as Open Badges 3.0 writes it.
// payload_json is the credential with its JWT claims, as JSON text. Fails only when libcrypto
// cannot sign.
[[nodiscard]] std::expected<std::string, std::string> SignVcJwt(const IssuerKeys& keys,
                                                                std::string_view payload_json);

}  // namespace ctom::credentials
