// SHA-256 (OpenSSL EVP) and the hex rendering of hashes and ids.
#include "eventstore/sha256.hpp"

#include <openssl/evp.h>

#include <cstdio>
#include <cstdlib>

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

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
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

std::string ToHex(std::span<const std::uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(bytes.size() * 2);
  for (std::uint8_t byte : bytes) {
    hex.push_back(kDigits[byte >> 4]);
    hex.push_back(kDigits[byte & 0x0F]);
  }
  return hex;
}

std::optional<Hash> HashFromHex(std::string_view hex) {
  Hash hash{};
  if (hex.size() != hash.size() * 2) return std::nullopt;
  for (std::size_t i = 0; i < hash.size(); ++i) {
    int high = HexDigit(hex[2 * i]);
    int low = HexDigit(hex[2 * i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    hash[i] = static_cast<std::uint8_t>(high * 16 + low);
  }
  return hash;
}

}  // namespace ctom::eventstore
