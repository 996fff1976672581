// Who is calling: bearer tokens, looked up by their SHA-256 so raw tokens are never stored.
#pragma once

#include <cstddef>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace ctom::server {

// The roles of API.md.
namespace role {
inline constexpr std::string_view kAdmin = "admin";
inline constexpr std::string_view kStaff = "staff";
inline constexpr std::string_view kInstructor = "instructor";
inline constexpr std::string_view kMentor = "mentor";
inline constexpr std::string_view kCandidate = "candidate";
inline constexpr std::string_view kAuditor = "auditor";
}  // namespace role

// True for the six roles above.
[[nodiscard]] bool IsKnownRole(std::string_view role);

// The user a token belongs to.
struct Principal {
  std::string user_id;
  std::string role;          // one of role::k*
  std::string candidate_id;  // for role candidate: the candidate record the user is
  std::string mentor_id;     // for role mentor: the mentor record the user is

  friend bool operator==(const Principal&, const Principal&) = default;
};

// SHA-256 of the token's bytes, as 64 lower-case hex digits: the only form a token is kept in.
[[nodiscard]] std::string HashToken(std::string_view token);

// A new token: 256 random bits (OpenSSL RAND_bytes) as 64 lower-case hex digits. nullopt only
// when the random generator fails.
[[nodiscard]] std::optional<std::string> GenerateToken();

// Finds who a token belongs to. Implementations are thread-safe.
class TokenDirectory {
 public:
  virtual ~TokenDirectory() = default;
  // The principal of a raw bearer token, or nullopt when the token is unknown or revoked.
  [[nodiscard]] virtual std::optional<Principal> Find(std::string_view token) const = 0;
  // The principal of a user who holds at least one token that works, or nullopt (unknown or
  // revoked): a browser session asks this at each use, so it ends when its user is revoked.
  [[nodiscard]] virtual std::optional<Principal> FindUser(std::string_view user_id) const = 0;
};

// The tokens in memory, keyed by HashToken(token), fed from the ledger's user and token events
// (and the first admin at start-up). Lookups compare hashes in constant time (CRYPTO_memcmp).
// Thread-safe: any number of Find calls run concurrently with updates.
class InMemoryTokenDirectory final : public TokenDirectory {
 public:
  [[nodiscard]] std::optional<Principal> Find(std::string_view token) const override;
  [[nodiscard]] std::optional<Principal> FindUser(std::string_view user_id) const override;

  // Adds or replaces the principal of a token hash (64 hex digits, as HashToken returns).
  // Returns false, changing nothing, for a malformed hash or an unknown role.
  bool Put(std::string_view token_hash_hex, Principal principal);
  // Makes token_hash_hex the user's only token, in one step (a new token for a user who lost
  // theirs: the old ones stop working, and no request in between finds the user without one).
  // Returns false, changing nothing, as Put does.
  bool ReplaceUserTokens(std::string_view token_hash_hex, Principal principal);
  // Forgets one token hash; false when it was not there.
  bool Remove(std::string_view token_hash_hex);
  // Forgets every token of a user (revocation); returns how many there were.
  std::size_t RemoveUser(std::string_view user_id);
  // Forgets every token (before a rebuild refeeds them).
  void Clear();
  [[nodiscard]] std::size_t size() const;

 private:
  struct HashOfHash {
    std::size_t operator()(const std::string& token_hash_hex) const;
  };
  struct ConstantTimeEqual {
    bool operator()(const std::string& a, const std::string& b) const;
  };

  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, Principal, HashOfHash, ConstantTimeEqual> principals_;
};

}  // namespace ctom::server
