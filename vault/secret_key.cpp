// Keys that wipe themselves, and random keys.
#include "vault/secret_key.hpp"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <climits>

namespace ctom::vault {

SecretKey::SecretKey(std::span<const std::uint8_t, kKeyBytes> bytes) {
  std::copy(bytes.begin(), bytes.end(), bytes_.begin());
}

SecretKey::~SecretKey() { OPENSSL_cleanse(bytes_.data(), bytes_.size()); }

SecretKey::SecretKey(const SecretKey& other) : bytes_(other.bytes_) {}

SecretKey& SecretKey::operator=(const SecretKey& other) {
  if (this != &other) {
    OPENSSL_cleanse(bytes_.data(), bytes_.size());
    bytes_ = other.bytes_;
  }
  return *this;
}

bool SecretKey::SameAs(const SecretKey& other) const {
  return CRYPTO_memcmp(bytes_.data(), other.bytes_.data(), bytes_.size()) == 0;
}

bool FillRandom(std::span<std::uint8_t> bytes) {
  if (bytes.size() > static_cast<std::size_t>(INT_MAX)) return false;
  return RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) == 1;
}

VaultResult<SecretKey> RandomKey() {
  std::array<std::uint8_t, kKeyBytes> bytes{};
  const bool filled = FillRandom(bytes);
  SecretKey key(bytes);
  OPENSSL_cleanse(bytes.data(), bytes.size());
  if (!filled) return Fail(VaultErrorCode::randomness_unavailable, "RAND_bytes failed");
  return key;
}

}  // namespace ctom::vault
