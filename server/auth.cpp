// Token hashing, generation and the in-memory token directory.
#include "server/auth.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <cstdint>
#include <functional>
#include <mutex>

#include "eventstore/hex.hpp"

namespace ctom::server {
namespace {

constexpr std::size_t kTokenHashHexBytes = 64;
constexpr std::size_t kGeneratedTokenBytes = 32;  // 256 bits

bool IsTokenHashHex(std::string_view text) {
  if (text.size() != kTokenHashHexBytes) return false;
  for (const char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

bool IsKnownRole(std::string_view role_name) {
  return role_name == role::kAdmin || role_name == role::kStaff || role_name == role::kInstructor ||
         role_name == role::kMentor || role_name == role::kCandidate || role_name == role::kAuditor;
}

std::string HashToken(std::string_view token) {
  std::array<std::uint8_t, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  // EVP_Digest with SHA-256 fails only when OpenSSL cannot allocate a context; a failed hash must
  // never match a stored one, so the result is then empty (and IsTokenHashHex refuses it).
  if (EVP_Digest(token.data(), token.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1) {
    return {};
  }
  return eventstore::ToHex(std::span<const std::uint8_t>(digest.data(), length));
}

std::optional<std::string> GenerateToken() {
  std::array<std::uint8_t, kGeneratedTokenBytes> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) return std::nullopt;
  return eventstore::ToHex(bytes);
}

std::size_t InMemoryTokenDirectory::HashOfHash::operator()(const std::string& hash) const {
  // The key is already a uniform hash; its first 16 hex digits spread buckets as well as any.
  return std::hash<std::string_view>{}(std::string_view(hash).substr(0, 16));
}

bool InMemoryTokenDirectory::ConstantTimeEqual::operator()(const std::string& a,
                                                           const std::string& b) const {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::optional<Principal> InMemoryTokenDirectory::Find(std::string_view token) const {
  const std::string hash = HashToken(token);
  if (!IsTokenHashHex(hash)) return std::nullopt;
  std::shared_lock lock(mutex_);
  const auto it = principals_.find(hash);
  if (it == principals_.end()) return std::nullopt;
  return it->second;
}

std::optional<Principal> InMemoryTokenDirectory::FindUser(std::string_view user_id) const {
  if (user_id.empty()) return std::nullopt;
  std::shared_lock lock(mutex_);
  for (const auto& [hash, principal] : principals_) {
    if (principal.user_id == user_id) return principal;
  }
  return std::nullopt;
}

bool InMemoryTokenDirectory::ReplaceUserTokens(std::string_view token_hash_hex,
                                               Principal principal) {
  if (!IsTokenHashHex(token_hash_hex) || !IsKnownRole(principal.role)) return false;
  std::unique_lock lock(mutex_);
  std::erase_if(principals_,
                [&](const auto& entry) { return entry.second.user_id == principal.user_id; });
  principals_.insert_or_assign(std::string(token_hash_hex), std::move(principal));
  return true;
}

bool InMemoryTokenDirectory::Put(std::string_view token_hash_hex, Principal principal) {
  if (!IsTokenHashHex(token_hash_hex) || !IsKnownRole(principal.role)) return false;
  std::unique_lock lock(mutex_);
  principals_.insert_or_assign(std::string(token_hash_hex), std::move(principal));
  return true;
}

bool InMemoryTokenDirectory::Remove(std::string_view token_hash_hex) {
  std::unique_lock lock(mutex_);
  return principals_.erase(std::string(token_hash_hex)) != 0;
}

std::size_t InMemoryTokenDirectory::RemoveUser(std::string_view user_id) {
  std::unique_lock lock(mutex_);
  return std::erase_if(principals_,
                       [&](const auto& entry) { return entry.second.user_id == user_id; });
}

void InMemoryTokenDirectory::Clear() {
  std::unique_lock lock(mutex_);
  principals_.clear();
}

std::size_t InMemoryTokenDirectory::size() const {
  std::shared_lock lock(mutex_);
  return principals_.size();
}

}  // namespace ctom::server
