// The limit on failed sign-ins per client address (API.md: 10 a minute, then 429).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace ctom::server {

inline constexpr std::size_t kSignInFailuresMax = 10;  // per address within kSignInWindow
inline constexpr std::chrono::seconds kSignInWindow{60};
// Addresses remembered at most; past it, those whose failures are all older than the window go
// first, then the one whose last failure is oldest.
inline constexpr std::size_t kSignInAddressesMax = 10'000;

// A sliding window of failed sign-ins per address. Thread-safe.
class SignInLimiter {
 public:
  using Clock = std::function<std::int64_t()>;  // UTC microseconds

  explicit SignInLimiter(Clock clock);

  // How long the address must wait before it may try again (at least one second), or nullopt
  // when it may try now: it has failed fewer than kSignInFailuresMax times in the last window.
  [[nodiscard]] std::optional<std::chrono::seconds> RetryAfter(std::string_view address) const;
  // Counts one failed sign-in from the address.
  void RecordFailure(std::string_view address);

 private:
  void MakeRoom(std::int64_t now_us);  // REQUIRES: mutex_ held

  Clock clock_;
  mutable std::mutex mutex_;
  // Each address's failures within the window, oldest first, at most kSignInFailuresMax.
  std::unordered_map<std::string, std::deque<std::int64_t>> failures_;
};

}  // namespace ctom::server
