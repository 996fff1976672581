// The failed sign-in limit: ten failures a minute per address, then a wait, on an injected clock.
#include "server/sign_in_limiter.hpp"

#include <gtest/gtest.h>

namespace ctom::server {
namespace {

constexpr std::int64_t kSecondUs = 1'000'000;

class SignInLimiterTest : public ::testing::Test {
 protected:
  std::int64_t now_us_ = 1'700'000'000'000'000;
  SignInLimiter limiter_{[this] { return now_us_; }};
};

TEST_F(SignInLimiterTest, TenFailuresInAMinuteAreAllowedTheEleventhTryWaits) {
  for (int i = 0; i < 10; ++i) {
    EXPECT_FALSE(limiter_.RetryAfter("192.0.2.1")) << i;
    limiter_.RecordFailure("192.0.2.1");
    now_us_ += kSecondUs;
  }
  const auto wait = limiter_.RetryAfter("192.0.2.1");
  ASSERT_TRUE(wait);
  // The first failure was 10 s ago: it leaves the window in 50 s.
  EXPECT_EQ(wait->count(), 50);
}

TEST_F(SignInLimiterTest, TheWindowSlidesSoAnAddressMayTryAgainAMinuteAfterItsOldestFailure) {
  for (int i = 0; i < 10; ++i) limiter_.RecordFailure("192.0.2.1");
  EXPECT_TRUE(limiter_.RetryAfter("192.0.2.1"));
  now_us_ += 60 * kSecondUs - 1;
  EXPECT_TRUE(limiter_.RetryAfter("192.0.2.1"));
  EXPECT_EQ(limiter_.RetryAfter("192.0.2.1")->count(), 1) << "never less than a second";
  now_us_ += 1;
  EXPECT_FALSE(limiter_.RetryAfter("192.0.2.1"));
}

TEST_F(SignInLimiterTest, EachAddressHasItsOwnCount) {
  for (int i = 0; i < 10; ++i) limiter_.RecordFailure("192.0.2.1");
  EXPECT_TRUE(limiter_.RetryAfter("192.0.2.1"));
  EXPECT_FALSE(limiter_.RetryAfter("192.0.2.2"));
  EXPECT_FALSE(limiter_.RetryAfter("::1"));
}

TEST_F(SignInLimiterTest, FailuresOlderThanAMinuteDoNotCount) {
  for (int i = 0; i < 9; ++i) limiter_.RecordFailure("192.0.2.1");
  now_us_ += 61 * kSecondUs;
  limiter_.RecordFailure("192.0.2.1");
  EXPECT_FALSE(limiter_.RetryAfter("192.0.2.1"));
}

TEST_F(SignInLimiterTest, RemembersABoundedNumberOfAddresses) {
  for (std::size_t i = 0; i <= kSignInAddressesMax; ++i) {
    limiter_.RecordFailure("a-" + std::to_string(i));
  }
  for (int i = 0; i < 10; ++i) limiter_.RecordFailure("busy");
  EXPECT_TRUE(limiter_.RetryAfter("busy"));
}

}  // namespace
}  // namespace ctom::server
