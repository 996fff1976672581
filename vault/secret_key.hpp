// A 256-bit secret key (a key file's key, a person's or a document's data key, the program key)
// that wipes its bytes when it goes away.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "vault/vault_error.hpp"

namespace ctom::vault {

inline constexpr std::size_t kKeyBytes = 32;

// Holds the bytes by value and clears them with OPENSSL_cleanse on destruction and before being
// overwritten, so no freed memory keeps a key. Copies are allowed (each copy wipes itself), but
// pass by reference where you can. Never print or log bytes(). Not thread-safe to modify.
class SecretKey {
 public:
  SecretKey() = default;  // all zero: no key
  explicit SecretKey(std::span<const std::uint8_t, kKeyBytes> bytes);
  ~SecretKey();
  SecretKey(const SecretKey& other);
  SecretKey& operator=(const SecretKey& other);

  [[nodiscard]] std::span<const std::uint8_t, kKeyBytes> bytes() const { return bytes_; }

  // Compares in constant time, so a comparison does not tell where two keys differ.
  [[nodiscard]] bool SameAs(const SecretKey& other) const;

 private:
  std::array<std::uint8_t, kKeyBytes> bytes_{};
};

// A fresh key from OpenSSL's generator (RAND_bytes); randomness_unavailable when it fails.
[[nodiscard]] VaultResult<SecretKey> RandomKey();

// Fills bytes from OpenSSL's generator; false when it fails.
[[nodiscard]] bool FillRandom(std::span<std::uint8_t> bytes);

}  // namespace ctom::vault
