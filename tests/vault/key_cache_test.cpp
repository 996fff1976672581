// The cache of unwrapped keys: never keeps a key read before an erasure, and stays bounded.
#include "vault/key_cache.hpp"

#include <gtest/gtest.h>

#include "tests/vault/vault_test_support.hpp"

namespace ctom::vault {
namespace {

using testing::NewKey;

TEST(KeyCache, AKeyReadBeforeAnErasureIsNotCachedAfterIt) {
  KeyCache cache;
  const std::uint64_t before = cache.Generation();  // a reader starts
  const std::string forgotten[] = {"p/candidate-1"};
  cache.Forget(forgotten);  // an erasure finishes its write meanwhile
  cache.Insert("p/candidate-1", NewKey(), before);
  EXPECT_FALSE(cache.Find("p/candidate-1").has_value());
}

TEST(KeyCache, ForgettingWipesOnlyTheNamedKeys) {
  KeyCache cache;
  const SecretKey kept = NewKey();
  cache.Insert("p/candidate-1", NewKey(), cache.Generation());
  cache.Insert("p/candidate-2", kept, cache.Generation());
  const std::string forgotten[] = {"p/candidate-1"};
  cache.Forget(forgotten);
  EXPECT_FALSE(cache.Find("p/candidate-1").has_value());
  ASSERT_TRUE(cache.Find("p/candidate-2").has_value());
  EXPECT_TRUE(cache.Find("p/candidate-2")->SameAs(kept));
}

TEST(KeyCache, AFullCacheEmptiesAndFillsAgain) {
  KeyCache cache;
  const SecretKey key = NewKey();
  for (std::size_t i = 0; i <= kCachedKeysMax; ++i) {
    cache.Insert("p/" + std::to_string(i), key, cache.Generation());
  }
  EXPECT_FALSE(cache.Find("p/0").has_value());
  EXPECT_TRUE(cache.Find("p/" + std::to_string(kCachedKeysMax)).has_value());
}

}  // namespace
}  // namespace ctom::vault
