// Token hashing and the in-memory token directory.
#include "server/auth.hpp"

#include <gtest/gtest.h>

#include <set>
#include <thread>
#include <vector>

namespace ctom::server {
namespace {

Principal Staff(std::string user_id) {
  return Principal{
      .user_id = std::move(user_id), .role = "staff", .candidate_id = {}, .mentor_id = {}};
}

TEST(HashToken, IsSha256InLowerCaseHex) {
  EXPECT_EQ(HashToken("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(HashToken("").size(), 64u);
}

TEST(GenerateToken, Gives256RandomBitsAsHex) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const auto token = GenerateToken();
    ASSERT_TRUE(token.has_value());
    EXPECT_EQ(token->size(), 64u);
    EXPECT_EQ(token->find_first_not_of("0123456789abcdef"), std::string::npos);
    seen.insert(*token);
  }
  EXPECT_EQ(seen.size(), 100u);
}

TEST(InMemoryTokenDirectory, FindsAPrincipalByTheRawTokenWhileStoringOnlyItsHash) {
  InMemoryTokenDirectory tokens;
  ASSERT_TRUE(tokens.Put(HashToken("t-1"), Staff("u-1")));
  EXPECT_EQ(tokens.Find("t-1"), Staff("u-1"));
  EXPECT_FALSE(tokens.Find("t-2").has_value());
  // The stored key is the hash: presenting the hash itself is not the token.
  EXPECT_FALSE(tokens.Find(HashToken("t-1")).has_value());
}

TEST(InMemoryTokenDirectory, RefusesMalformedHashesAndUnknownRoles) {
  InMemoryTokenDirectory tokens;
  EXPECT_FALSE(tokens.Put("abc", Staff("u-1")));
  EXPECT_FALSE(tokens.Put(std::string(64, 'G'), Staff("u-1")));
  EXPECT_FALSE(tokens.Put(std::string(64, 'A'), Staff("u-1")));  // hashes are lower case
  Principal superuser = Staff("u-2");
  superuser.role = "root";
  EXPECT_FALSE(tokens.Put(HashToken("t"), superuser));
  EXPECT_EQ(tokens.size(), 0u);
}

TEST(InMemoryTokenDirectory, RevokingAUserRemovesAllItsTokensAtOnce) {
  InMemoryTokenDirectory tokens;
  ASSERT_TRUE(tokens.Put(HashToken("a"), Staff("u-1")));
  ASSERT_TRUE(tokens.Put(HashToken("b"), Staff("u-1")));
  ASSERT_TRUE(tokens.Put(HashToken("c"), Staff("u-2")));
  EXPECT_EQ(tokens.RemoveUser("u-1"), 2u);
  EXPECT_FALSE(tokens.Find("a").has_value());
  EXPECT_FALSE(tokens.Find("b").has_value());
  EXPECT_TRUE(tokens.Find("c").has_value());
  EXPECT_TRUE(tokens.Remove(HashToken("c")));
  EXPECT_FALSE(tokens.Remove(HashToken("c")));
  EXPECT_EQ(tokens.size(), 0u);
}

TEST(InMemoryTokenDirectory, ConcurrentLookupsAndUpdatesAreSafe) {
  InMemoryTokenDirectory tokens;
  ASSERT_TRUE(tokens.Put(HashToken("stable"), Staff("u-0")));
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&tokens, t] {
      for (int i = 0; i < 500; ++i) {
        const std::string token = "t-" + std::to_string(t) + "-" + std::to_string(i);
        EXPECT_TRUE(tokens.Put(HashToken(token), Staff("u-" + std::to_string(t))));
        EXPECT_TRUE(tokens.Find("stable").has_value());
        if (i % 2 == 0) tokens.Remove(HashToken(token));
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(tokens.size(), 1u + 4u * 250u);
}

}  // namespace
}  // namespace ctom::server
