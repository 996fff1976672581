// Sealing: AES-256-GCM authenticated encryption of personal fields, document bytes and wrapped
// keys. The sealed format is described in docs/vault.md, "Sealed bytes".
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "vault/secret_key.hpp"
#include "vault/vault_error.hpp"

namespace ctom::vault {

inline constexpr std::uint8_t kSealVersion = 1;
inline constexpr std::size_t kSealNonceBytes = 12;  // 96 bits, random for every seal
inline constexpr std::size_t kSealTagBytes = 16;
// The version byte, the nonce and the tag: a sealed text is this much longer than its plaintext.
inline constexpr std::size_t kSealOverheadBytes = 1 + kSealNonceBytes + kSealTagBytes;
// Anything larger is refused with invalid_argument: the biggest thing sealed is a document.
inline constexpr std::size_t kSealPlaintextBytesMax = 64 * 1024 * 1024;
inline constexpr std::size_t kSealAssociatedDataBytesMax = 64 * 1024;

// Encrypts plaintext under key with a fresh random nonce and binds associated_data (which is not
// stored: whoever opens must present the same bytes). Returns version || nonce || ciphertext ||
// tag. Errors: invalid_argument when plaintext or associated_data is over its limit,
// randomness_unavailable when no nonce can be drawn. Thread-safe.
[[nodiscard]] VaultResult<std::string> Seal(const SecretKey& key, std::string_view plaintext,
                                            std::string_view associated_data);

// The plaintext of Seal's output. Errors: refused when the bytes were altered, were sealed under
// another key or with other associated data (one code for all three: GCM cannot tell them apart),
// or are too short or of an unknown version; invalid_argument when over the limits. On error no
// byte of unauthenticated plaintext is returned. Thread-safe.
[[nodiscard]] VaultResult<std::string> Unseal(const SecretKey& key, std::string_view sealed,
                                              std::string_view associated_data);

}  // namespace ctom::vault
