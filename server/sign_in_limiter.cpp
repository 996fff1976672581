// The sliding window of failed sign-ins.
#include "server/sign_in_limiter.hpp"

#include <algorithm>

namespace ctom::server {
namespace {

constexpr std::int64_t kWindowUs =
    std::chrono::duration_cast<std::chrono::microseconds>(kSignInWindow).count();

}  // namespace

SignInLimiter::SignInLimiter(Clock clock) : clock_(std::move(clock)) {}

std::optional<std::chrono::seconds> SignInLimiter::RetryAfter(std::string_view address) const {
  const std::int64_t now_us = clock_();
  std::lock_guard lock(mutex_);
  const auto found = failures_.find(std::string(address));
  if (found == failures_.end()) return std::nullopt;
  const std::deque<std::int64_t>& times = found->second;
  const auto recent = std::count_if(times.begin(), times.end(),
                                    [now_us](std::int64_t at) { return at > now_us - kWindowUs; });
  if (static_cast<std::size_t>(recent) < kSignInFailuresMax) return std::nullopt;
  // Full: the oldest of the last kSignInFailuresMax failures leaves the window first.
  const std::int64_t wait_us = times.front() + kWindowUs - now_us;
  const std::int64_t seconds = (wait_us + 999'999) / 1'000'000;
  return std::chrono::seconds(std::max<std::int64_t>(seconds, 1));
}

void SignInLimiter::RecordFailure(std::string_view address) {
  const std::int64_t now_us = clock_();
  std::lock_guard lock(mutex_);
  auto found = failures_.find(std::string(address));
  if (found == failures_.end()) {
    if (failures_.size() >= kSignInAddressesMax) MakeRoom(now_us);
    found = failures_.emplace(std::string(address), std::deque<std::int64_t>{}).first;
  }
  std::deque<std::int64_t>& times = found->second;
  while (!times.empty() && times.front() <= now_us - kWindowUs) times.pop_front();
  times.push_back(now_us);
  while (times.size() > kSignInFailuresMax) times.pop_front();
}

void SignInLimiter::MakeRoom(std::int64_t now_us) {
  std::erase_if(failures_, [now_us](const auto& entry) {
    return entry.second.empty() || entry.second.back() <= now_us - kWindowUs;
  });
  if (failures_.size() < kSignInAddressesMax) return;
  const auto oldest = std::min_element(
      failures_.begin(), failures_.end(),
      [](const auto& a, const auto& b) { return a.second.back() < b.second.back(); });
  failures_.erase(oldest);
}

}  // namespace ctom::server
