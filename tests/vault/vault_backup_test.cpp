// Vault backups: wrapped keys only, restored only under the key file they were made with.
#include <gtest/gtest.h>

#include "tests/vault/vault_test_support.hpp"
#include "vault/vault.hpp"

namespace ctom::vault {
namespace {

namespace fs = std::filesystem;
using testing::NewKey;
using testing::OpenOrDie;
using testing::TempDir;

TEST(Backup, ARestoredVaultHoldsTheSameKeysUnderTheSameKeyFile) {
  TempDir dir;
  const SecretKey key_file_key = NewKey();
  SecretKey person;
  {
    auto vault = OpenOrDie(dir.Sub("vault"), key_file_key);
    person = vault->EnsurePersonKey("candidate-1").value();
    ASSERT_TRUE(vault->Backup(dir.Sub("backup")).has_value());
  }
  auto restored = Vault::Restore(dir.Sub("backup"), dir.Sub("restored"), key_file_key);
  ASSERT_TRUE(restored.has_value()) << restored.error().detail;
  EXPECT_TRUE((*restored)->PersonKey("candidate-1")->key.SameAs(person));
  EXPECT_TRUE(testing::FilesContaining(dir.path(), testing::KeyBytes(person)).empty());
}

TEST(Backup, ARestoreWithAnotherKeyFileFailsClearlyAndLeavesNothing) {
  TempDir dir;
  {
    auto vault = OpenOrDie(dir.Sub("vault"), NewKey());
    ASSERT_TRUE(vault->EnsurePersonKey("candidate-1").has_value());
    ASSERT_TRUE(vault->Backup(dir.Sub("backup")).has_value());
  }
  auto restored = Vault::Restore(dir.Sub("backup"), dir.Sub("restored"), NewKey());
  ASSERT_FALSE(restored.has_value());
  EXPECT_EQ(restored.error().code, VaultErrorCode::wrong_key_file);
  EXPECT_FALSE(fs::exists(dir.Sub("restored")));
}

TEST(Backup, ARestoreNeverOverwritesAVault) {
  TempDir dir;
  const SecretKey key_file_key = NewKey();
  {
    auto vault = OpenOrDie(dir.Sub("vault"), key_file_key);
    ASSERT_TRUE(vault->Backup(dir.Sub("backup")).has_value());
  }
  auto restored = Vault::Restore(dir.Sub("backup"), dir.Sub("vault"), key_file_key);
  ASSERT_FALSE(restored.has_value());
  EXPECT_EQ(restored.error().code, VaultErrorCode::invalid_argument);
}

TEST(Backup, ABackupMadeAfterAnErasureDoesNotHoldTheErasedKey) {
  TempDir dir;
  const SecretKey key_file_key = NewKey();
  auto vault = OpenOrDie(dir.Sub("vault"), key_file_key);
  ASSERT_TRUE(vault->EnsurePersonKey("candidate-1").has_value());
  ASSERT_TRUE(vault->ErasePerson("candidate-1").has_value());
  ASSERT_TRUE(vault->Backup(dir.Sub("backup")).has_value());
  auto restored = Vault::Restore(dir.Sub("backup"), dir.Sub("restored"), key_file_key);
  ASSERT_TRUE(restored.has_value());
  EXPECT_EQ((*restored)->PersonKey("candidate-1")->state, KeyState::erased);
}

}  // namespace
}  // namespace ctom::vault
