// SHA-256 (OpenSSL EVP), and hashes read from hex.
#include "eventstore/sha256.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "eventstore/hex.hpp"

namespace ctom::eventstore {
namespace {

// The EVP calls fail only when OpenSSL cannot allocate; there is no sensible way to go on.
void CheckOpenSsl(int result, const char* what) {
  if (result != 1) {
    std::fprintf(stderr, "ctom eventstore: OpenSSL %s failed\n", what);
    std::abort();
  }
}

// Fetched once: an explicit fetch saves OpenSSL 3 a lookup on every digest.
const EVP_MD* Sha256Algorithm() {
  static EVP_MD* const algorithm = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  CheckOpenSsl(algorithm != nullptr ? 1 : 0, "EVP_MD_fetch(SHA256)");
  return algorithm;
}

}  // namespace

Sha256Hasher::Sha256Hasher() : context_(EVP_MD_CTX_new()) {
  CheckOpenSsl(context_ != nullptr ? 1 : 0, "EVP_MD_CTX_new");
  Start();
}

Sha256Hasher::~Sha256Hasher() { EVP_MD_CTX_free(context_); }

void Sha256Hasher::Start() {
  CheckOpenSsl(EVP_DigestInit_ex(context_, Sha256Algorithm(), nullptr), "EVP_DigestInit_ex");
}

void Sha256Hasher::Update(std::string_view bytes) {
  CheckOpenSsl(EVP_DigestUpdate(context_, bytes.data(), bytes.size()), "EVP_DigestUpdate");
}

void Sha256Hasher::Update(std::span<const std::uint8_t> bytes) {
  CheckOpenSsl(EVP_DigestUpdate(context_, bytes.data(), bytes.size()), "EVP_DigestUpdate");
}

Hash Sha256Hasher::Finish() {
  Hash digest{};
  unsigned int size = 0;
  CheckOpenSsl(EVP_DigestFinal_ex(context_, digest.data(), &size), "EVP_DigestFinal_ex");
  CheckOpenSsl(size == digest.size() ? 1 : 0, "SHA-256 digest size");
  Start();
  return digest;
}

Hash Sha256(std::string_view bytes) {
  Sha256Hasher hasher;
  hasher.Update(bytes);
  return hasher.Finish();
}

std::optional<Hash> HashFromHex(std::string_view hex) {
  Hash hash{};
  if (hex.size() != hash.size() * 2) return std::nullopt;
  const std::optional<std::string> bytes = FromHex(hex);
  if (!bytes) return std::nullopt;
  std::copy(bytes->begin(), bytes->end(), hash.begin());
  return hash;
}

}  // namespace ctom::eventstore
