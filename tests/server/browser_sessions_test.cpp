// Browser sessions: 256-bit ids, 12 hours from sign-in on an injected clock, ended at once, the
// CSRF comparison, and the limit on how many are kept.
#include "server/browser_sessions.hpp"

#include <gtest/gtest.h>

namespace ctom::server {
namespace {

constexpr std::int64_t kHourUs = 3'600'000'000;

bool IsHex256(const std::string& text) {
  return text.size() == 64 && text.find_first_not_of("0123456789abcdef") == std::string::npos;
}

class SessionStoreTest : public ::testing::Test {
 protected:
  std::int64_t now_us_ = 1'700'000'000'000'000;
  SessionStore store_{[this] { return now_us_; }};
};

TEST_F(SessionStoreTest, ASessionIsARandom256BitIdWithItsOwnCsrfTokenAndNoPersonalData) {
  const auto first = store_.Open("u-1");
  const auto second = store_.Open("u-1");
  ASSERT_TRUE(first && second);
  EXPECT_TRUE(IsHex256(first->session_id));
  EXPECT_TRUE(IsHex256(first->session.csrf));
  EXPECT_NE(first->session_id, second->session_id);
  EXPECT_NE(first->session.csrf, second->session.csrf);
  EXPECT_NE(first->session_id, first->session.csrf);
  EXPECT_EQ(first->session.user_id, "u-1");
}

TEST_F(SessionStoreTest, ASessionLastsTwelveHoursFromSignIn) {
  const auto opened = store_.Open("u-1");
  ASSERT_TRUE(opened);
  EXPECT_EQ(opened->session.expires_at_us, now_us_ + 12 * kHourUs);
  now_us_ += 12 * kHourUs - 1;
  const auto found = store_.Find(opened->session_id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->csrf, opened->session.csrf);
  now_us_ += 1;
  EXPECT_FALSE(store_.Find(opened->session_id));
  EXPECT_EQ(store_.size(), 0u) << "an ended session is forgotten";
}

TEST_F(SessionStoreTest, EndingASessionEndsItAtOnceAndOnlyIt) {
  const auto mine = store_.Open("u-1");
  const auto other = store_.Open("u-2");
  ASSERT_TRUE(mine && other);
  EXPECT_TRUE(store_.End(mine->session_id));
  EXPECT_FALSE(store_.Find(mine->session_id));
  EXPECT_FALSE(store_.End(mine->session_id));
  EXPECT_TRUE(store_.Find(other->session_id));
}

TEST_F(SessionStoreTest, EndingAUsersSessionsLeavesOtherUsersSignedIn) {
  const auto a = store_.Open("u-1");
  const auto b = store_.Open("u-1");
  const auto c = store_.Open("u-2");
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(store_.EndUser("u-1"), 2u);
  EXPECT_FALSE(store_.Find(a->session_id));
  EXPECT_FALSE(store_.Find(b->session_id));
  EXPECT_TRUE(store_.Find(c->session_id));
}

TEST_F(SessionStoreTest, UnknownOrEmptySessionIdsFindNothing) {
  ASSERT_TRUE(store_.Open("u-1"));
  EXPECT_FALSE(store_.Find(""));
  EXPECT_FALSE(store_.Find(std::string(64, 'a')));
}

TEST_F(SessionStoreTest, AtTheLimitEndedSessionsAndThenTheOneEndingSoonestMakeRoom) {
  const auto oldest = store_.Open("u-old");
  ASSERT_TRUE(oldest);
  now_us_ += 1;
  for (std::size_t i = 1; i < kSessionsMax; ++i) ASSERT_TRUE(store_.Open("u-" + std::to_string(i)));
  EXPECT_EQ(store_.size(), kSessionsMax);
  const auto newest = store_.Open("u-new");
  ASSERT_TRUE(newest);
  EXPECT_EQ(store_.size(), kSessionsMax);
  EXPECT_FALSE(store_.Find(oldest->session_id));
  EXPECT_TRUE(store_.Find(newest->session_id));
}

TEST(CsrfMatches, OnlyTheSameNonEmptyTokenMatches) {
  const std::string csrf(64, 'b');
  EXPECT_TRUE(CsrfMatches(csrf, csrf));
  EXPECT_FALSE(CsrfMatches(std::string(64, 'c'), csrf));
  EXPECT_FALSE(CsrfMatches(csrf.substr(1), csrf));
  EXPECT_FALSE(CsrfMatches("", csrf));
  EXPECT_FALSE(CsrfMatches("", ""));
}

}  // namespace
}  // namespace ctom::server
