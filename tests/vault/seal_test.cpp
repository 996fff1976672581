// Sealing with AES-256-GCM: round trips, and every alteration refused.
#include "vault/seal.hpp"

#include <gtest/gtest.h>

#include "tests/vault/vault_test_support.hpp"

namespace ctom::vault {
namespace {

using testing::NewKey;

TEST(Seal, ASealedTextOpensToItsPlaintextUnderTheSameKeyAndAssociatedData) {
  const SecretKey key = NewKey();
  for (const std::string& plaintext : {std::string(), std::string("Ada Lovelace"),
                                       std::string(100000, 'x'), std::string("\0\1\2", 3)}) {
    auto sealed = Seal(key, plaintext, "candidate-7/3/applied");
    ASSERT_TRUE(sealed.has_value());
    EXPECT_EQ(sealed->size(), plaintext.size() + kSealOverheadBytes);
    EXPECT_EQ(static_cast<std::uint8_t>((*sealed)[0]), kSealVersion);
    auto opened = Unseal(key, *sealed, "candidate-7/3/applied");
    ASSERT_TRUE(opened.has_value()) << opened.error().detail;
    EXPECT_EQ(*opened, plaintext);
  }
}

TEST(Seal, TheSamePlaintextSealsDifferentlyEachTimeAndDoesNotAppearInTheSealedBytes) {
  const SecretKey key = NewKey();
  auto first = Seal(key, "ada@example.org", "");
  auto second = Seal(key, "ada@example.org", "");
  ASSERT_TRUE(first && second);
  EXPECT_NE(*first, *second);  // a fresh nonce each time
  EXPECT_EQ(first->find("ada@example.org"), std::string::npos);
}

TEST(Seal, EveryFlippedByteOfASealedTextIsRefused) {
  const SecretKey key = NewKey();
  auto sealed = Seal(key, "a note about the candidate", "ad");
  ASSERT_TRUE(sealed.has_value());
  for (std::size_t i = 0; i < sealed->size(); ++i) {
    std::string altered = *sealed;
    altered[i] = static_cast<char>(altered[i] ^ 0x01);
    auto opened = Unseal(key, altered, "ad");
    ASSERT_FALSE(opened.has_value()) << "byte " << i;
    EXPECT_EQ(opened.error().code, VaultErrorCode::refused);
  }
}

TEST(Seal, ATruncatedOrExtendedSealedTextIsRefused) {
  const SecretKey key = NewKey();
  auto sealed = Seal(key, "text", "ad");
  ASSERT_TRUE(sealed.has_value());
  for (std::size_t size = 0; size < sealed->size(); ++size) {
    EXPECT_FALSE(Unseal(key, sealed->substr(0, size), "ad").has_value()) << size;
  }
  EXPECT_FALSE(Unseal(key, *sealed + "x", "ad").has_value());
}

TEST(Seal, OtherAssociatedDataIsRefused) {
  const SecretKey key = NewKey();
  auto sealed = Seal(key, "Ada", "candidate-7/3/applied");
  ASSERT_TRUE(sealed.has_value());
  for (const char* other :
       {"candidate-7/4/applied", "candidate-8/3/applied", "", "candidate-7/3/"}) {
    auto opened = Unseal(key, *sealed, other);
    ASSERT_FALSE(opened.has_value()) << other;
    EXPECT_EQ(opened.error().code, VaultErrorCode::refused);
  }
}

TEST(Seal, AnotherKeyIsRefused) {
  auto sealed = Seal(NewKey(), "Ada", "ad");
  ASSERT_TRUE(sealed.has_value());
  auto opened = Unseal(NewKey(), *sealed, "ad");
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().code, VaultErrorCode::refused);
}

TEST(Seal, AnUnknownVersionIsRefused) {
  const SecretKey key = NewKey();
  auto sealed = Seal(key, "Ada", "ad");
  ASSERT_TRUE(sealed.has_value());
  (*sealed)[0] = 2;
  EXPECT_FALSE(Unseal(key, *sealed, "ad").has_value());
}

TEST(Seal, APlaintextOverTheLimitIsRefusedUnsealed) {
  const std::string huge(kSealPlaintextBytesMax + 1, 'x');
  auto sealed = Seal(NewKey(), huge, "");
  ASSERT_FALSE(sealed.has_value());
  EXPECT_EQ(sealed.error().code, VaultErrorCode::invalid_argument);
}

}  // namespace
}  // namespace ctom::vault
