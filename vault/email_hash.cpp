// HMAC-SHA-256 of normalised e-mail addresses (OpenSSL's one-shot HMAC).
#include "vault/email_hash.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>

#include "eventstore/hex.hpp"

namespace ctom::vault {
namespace {

bool IsWhiteSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

std::string NormalizeEmail(std::string_view email) {
  while (!email.empty() && IsWhiteSpace(email.front())) email.remove_prefix(1);
  while (!email.empty() && IsWhiteSpace(email.back())) email.remove_suffix(1);
  std::string normalized(email);
  std::transform(normalized.begin(), normalized.end(), normalized.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return normalized;
}

std::string EmailHash(const SecretKey& program_key, std::string_view email) {
  const std::string normalized = NormalizeEmail(email);
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int digest_bytes = 0;
  const unsigned char* result =
      HMAC(EVP_sha256(), program_key.bytes().data(), static_cast<int>(program_key.bytes().size()),
           reinterpret_cast<const unsigned char*>(normalized.data()), normalized.size(),
           digest.data(), &digest_bytes);
  // HMAC fails only when OpenSSL cannot allocate; as for hashing the ledger, there is no going on.
  if (result == nullptr || digest_bytes != 32) {
    std::fprintf(stderr, "ctom vault: OpenSSL HMAC-SHA-256 failed\n");
    std::abort();
  }
  return eventstore::ToHex(std::span<const std::uint8_t>(digest.data(), digest_bytes));
}

}  // namespace ctom::vault
