// Browser sessions: a random cookie exchanged once for a token, kept in memory for 12 hours.
// docs/console-server.md describes sign-in as a whole.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace ctom::server {

// How long a session lasts from sign-in, and how many the server keeps at most.
inline constexpr std::chrono::hours kSessionLifetime{12};
inline constexpr std::size_t kSessionsMax = 10'000;

// What a session holds: whose it is, its CSRF token and when it ends. No personal data.
struct BrowserSession {
  std::string user_id;
  std::string csrf;                // 64 hex digits, sent back as X-CSRF-Token on writes
  std::int64_t expires_at_us = 0;  // UTC microseconds
};

// A session just opened: the cookie's value (shown to the browser once, never stored) and the
// session.
struct OpenedSession {
  std::string session_id;  // 64 hex digits: 256 random bits
  BrowserSession session;
};

// The sessions in memory, keyed by the SHA-256 of their cookie value (as tokens are), so the
// store holds no cookie a memory dump could replay. Thread-safe.
class SessionStore {
 public:
  using Clock = std::function<std::int64_t()>;  // UTC microseconds

  explicit SessionStore(Clock clock);

  // Opens a session for the user, ending at now + kSessionLifetime. At kSessionsMax sessions the
  // ended ones are forgotten first, then the one that ends soonest. nullopt only when the random
  // generator fails.
  [[nodiscard]] std::optional<OpenedSession> Open(std::string user_id);
  // The session of a cookie value, or nullopt when it is unknown or has ended (an ended one is
  // forgotten). Whether its user is still allowed in is the caller's check.
  [[nodiscard]] std::optional<BrowserSession> Find(std::string_view session_id);
  // Ends a session at once; false when there was none.
  bool End(std::string_view session_id);
  // Ends every session of a user (a new token was issued: whoever held the old one is out).
  std::size_t EndUser(std::string_view user_id);
  [[nodiscard]] std::size_t size() const;

 private:
  struct HashOfHash {
    std::size_t operator()(const std::string& hash) const;
  };
  struct ConstantTimeEqual {
    bool operator()(const std::string& a, const std::string& b) const;
  };
  // Makes room for one more session. REQUIRES: mutex_ held.
  void MakeRoom(std::int64_t now_us);

  Clock clock_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, BrowserSession, HashOfHash, ConstantTimeEqual> sessions_;
};

// Whether a request's X-CSRF-Token matches the session's, compared in constant time.
[[nodiscard]] bool CsrfMatches(std::string_view sent, std::string_view expected);

}  // namespace ctom::server
