// Keyed hashes of e-mail addresses, so that "one application per e-mail per cohort" can be checked
// without the address itself.
#pragma once

#include <string>
#include <string_view>

#include "vault/secret_key.hpp"

namespace ctom::vault {

// The address as it is compared: surrounding white space removed, ASCII letters lower-cased.
// Other bytes (UTF-8 included) are kept as they are.
[[nodiscard]] std::string NormalizeEmail(std::string_view email);

// HMAC-SHA-256 under program_key of NormalizeEmail(email), as 64 lower-case hex digits.
[[nodiscard]] std::string EmailHash(const SecretKey& program_key, std::string_view email);

}  // namespace ctom::vault
