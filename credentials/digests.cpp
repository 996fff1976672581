// SHA-256 and HMAC-SHA-256 with libcrypto's one-shot EVP_Digest and HMAC.
#include "credentials/digests.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "domain/invariant.hpp"

namespace ctom::credentials {

Digest Sha256(std::string_view bytes) {
  Digest digest{};
  unsigned int length = 0;
  const int ok =
      EVP_Digest(bytes.data(), bytes.size(), digest.data(), &length, EVP_sha256(), nullptr);
  CTOM_INVARIANT(ok == 1 && length == digest.size(), "libcrypto hashes SHA-256");
  return digest;
}

Digest HmacSha256(std::span<const std::uint8_t> key, std::string_view message) {
  Digest digest{};
  unsigned int length = 0;
  const unsigned char* made = HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
                                   reinterpret_cast<const unsigned char*>(message.data()),
                                   message.size(), digest.data(), &length);
  CTOM_INVARIANT(made != nullptr && length == digest.size(), "libcrypto computes HMAC-SHA-256");
  return digest;
}

}  // namespace ctom::credentials
