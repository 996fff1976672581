// The vault's keys: made once, kept across restarts, opened only with the right key file.
#include "vault/vault.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "tests/vault/vault_test_support.hpp"
#include "vault/seal.hpp"

namespace ctom::vault {
namespace {

using testing::NewKey;
using testing::OpenOrDie;
using testing::TempDir;

TEST(Vault, APersonsKeyIsMadeOnceAndReturnedAgain) {
  TempDir dir;
  auto vault = OpenOrDie(dir.Sub("vault"), NewKey());
  auto first = vault->EnsurePersonKey("candidate-1");
  auto again = vault->EnsurePersonKey("candidate-1");
  auto other = vault->EnsurePersonKey("candidate-2");
  ASSERT_TRUE(first && again && other);
  EXPECT_TRUE(first->SameAs(*again));
  EXPECT_FALSE(first->SameAs(*other));
  auto looked_up = vault->PersonKey("candidate-1");
  ASSERT_TRUE(looked_up.has_value());
  EXPECT_EQ(looked_up->state, KeyState::present);
  EXPECT_TRUE(looked_up->key.SameAs(*first));
}

TEST(Vault, APersonWithoutAKeyIsAbsentAndLookingDoesNotMakeOne) {
  TempDir dir;
  auto vault = OpenOrDie(dir.Sub("vault"), NewKey());
  auto looked_up = vault->PersonKey("mentor-9");
  ASSERT_TRUE(looked_up.has_value());
  EXPECT_EQ(looked_up->state, KeyState::absent);
  EXPECT_EQ(vault->PersonKey("mentor-9")->state, KeyState::absent);
}

TEST(Vault, APersonsKeySurvivesReopeningAndOpensWhatItSealed) {
  TempDir dir;
  const SecretKey key_file_key = NewKey();
  std::string sealed;
  {
    auto vault = OpenOrDie(dir.Sub("vault"), key_file_key);
    auto key = vault->EnsurePersonKey("candidate-1");
    ASSERT_TRUE(key.has_value());
    sealed = Seal(*key, "Ada Lovelace", "candidate-1/1/applied").value();
  }
  auto vault = OpenOrDie(dir.Sub("vault"), key_file_key);
  auto looked_up = vault->PersonKey("candidate-1");
  ASSERT_TRUE(looked_up.has_value());
  ASSERT_EQ(looked_up->state, KeyState::present);
  EXPECT_EQ(Unseal(looked_up->key, sealed, "candidate-1/1/applied").value(), "Ada Lovelace");
}

TEST(Vault, AWrongKeyFileRefusesToOpen) {
  TempDir dir;
  { OpenOrDie(dir.Sub("vault"), NewKey()); }
  auto vault = Vault::Open(dir.Sub("vault"), NewKey());
  ASSERT_FALSE(vault.has_value());
  EXPECT_EQ(vault.error().code, VaultErrorCode::wrong_key_file);
}

TEST(Vault, AnEmptyVaultAcceptsAnyKeyFileAndHoldsKeysAfterwards) {
  TempDir dir;
  EXPECT_FALSE(Vault::HoldsKeys(dir.Sub("vault")).value());
  { OpenOrDie(dir.Sub("vault"), NewKey()); }
  EXPECT_TRUE(Vault::HoldsKeys(dir.Sub("vault")).value());
}

TEST(Vault, HoldsKeysAnswersWhileTheVaultIsOpen) {
  TempDir dir;
  auto vault = OpenOrDie(dir.Sub("vault"), NewKey());
  auto holds = Vault::HoldsKeys(dir.Sub("vault"));
  ASSERT_TRUE(holds.has_value()) << holds.error().detail;
  EXPECT_TRUE(*holds);
}

TEST(Vault, ASecondOpenOfTheSameFolderIsRefusedNotShared) {
  TempDir dir;
  const SecretKey key = NewKey();
  auto vault = OpenOrDie(dir.Sub("vault"), key);
  auto second = Vault::Open(dir.Sub("vault"), key);
  ASSERT_FALSE(second.has_value());
  EXPECT_EQ(second.error().code, VaultErrorCode::io_error);
}

TEST(Vault, AVaultFolderCreatedHereIsTheOwnersAlone) {
  TempDir dir;
  auto vault = OpenOrDie(dir.Sub("vault"), NewKey());
  EXPECT_EQ(std::filesystem::status(dir.Sub("vault")).permissions(),
            std::filesystem::perms::owner_all);
}

TEST(Vault, NoFileOfTheVaultHoldsARawKey) {
  TempDir dir;
  const SecretKey key_file_key = NewKey();
  std::vector<SecretKey> keys{key_file_key};
  {
    auto vault = OpenOrDie(dir.Sub("vault"), key_file_key);
    keys.push_back(vault->EnsurePersonKey("candidate-1").value());
    keys.push_back(vault->EnsureDocumentKey("document-1").value());
  }
  { OpenOrDie(dir.Sub("vault"), key_file_key); }  // recovery writes the log into a table file
  for (const SecretKey& key : keys) {
    EXPECT_TRUE(testing::FilesContaining(dir.path(), testing::KeyBytes(key)).empty());
  }
}

TEST(Vault, IdsAreOneToTwoHundredBytes) {
  TempDir dir;
  auto vault = OpenOrDie(dir.Sub("vault"), NewKey());
  EXPECT_EQ(vault->EnsurePersonKey("").error().code, VaultErrorCode::invalid_argument);
  EXPECT_EQ(vault->EnsurePersonKey(std::string(201, 'x')).error().code,
            VaultErrorCode::invalid_argument);
  EXPECT_TRUE(vault->EnsurePersonKey(std::string(200, 'x')).has_value());
  EXPECT_TRUE(vault->EnsurePersonKey(std::string("a\0b", 3)).has_value());
}

TEST(Vault, ConcurrentFirstRequestsForAPersonsKeyAllGetTheSameKey) {
  TempDir dir;
  auto vault = OpenOrDie(dir.Sub("vault"), NewKey());
  constexpr int kThreads = 8;
  std::vector<SecretKey> keys(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] { keys[i] = vault->EnsurePersonKey("candidate-1").value(); });
  }
  for (std::thread& thread : threads) thread.join();
  for (const SecretKey& key : keys) EXPECT_TRUE(key.SameAs(keys[0]));
}

TEST(EmailHash, IsTheSameWhateverTheCaseAndSurroundingSpaces) {
  TempDir dir;
  auto vault = OpenOrDie(dir.Sub("vault"), NewKey());
  const std::string hash = vault->EmailHash("ada@example.org");
  EXPECT_EQ(hash.size(), 64u);
  EXPECT_EQ(hash.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(vault->EmailHash("  Ada@Example.ORG\t\n"), hash);
  EXPECT_NE(vault->EmailHash("ada@example.com"), hash);
  EXPECT_NE(vault->EmailHash("a da@example.org"), hash);
}

TEST(EmailHash, DiffersUnderAnotherProgramKeyAndSurvivesReopening) {
  TempDir dir;
  const SecretKey key_file_key = NewKey();
  std::string hash;
  { hash = OpenOrDie(dir.Sub("vault"), key_file_key)->EmailHash("ada@example.org"); }
  EXPECT_EQ(OpenOrDie(dir.Sub("vault"), key_file_key)->EmailHash("ada@example.org"), hash);
  EXPECT_NE(OpenOrDie(dir.Sub("other"), key_file_key)->EmailHash("ada@example.org"), hash);
}

}  // namespace
}  // namespace ctom::vault
