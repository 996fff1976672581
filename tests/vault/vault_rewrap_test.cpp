// Moving a vault to a new key file: the same keys under a new wrapping, the old one gone.
#include <gtest/gtest.h>

#include "tests/vault/vault_test_support.hpp"
#include "vault/vault.hpp"
#include "vault/vault_database.hpp"
#include "vault/vault_keys.hpp"

namespace ctom::vault {
namespace {

using testing::NewKey;
using testing::OpenOrDie;
using testing::TempDir;

std::string StoredRecord(const std::filesystem::path& folder, std::string_view record_key) {
  auto database = VaultDatabase::OpenReadOnly(folder);
  EXPECT_TRUE(database.has_value());
  return (*database)->Get(record_key).value().value_or("");
}

TEST(Rewrap, TheNewKeyFileOpensTheSameKeysAndTheOldOneNoLonger) {
  TempDir dir;
  const std::filesystem::path folder = dir.Sub("vault");
  const SecretKey old_key = NewKey();
  const SecretKey new_key = NewKey();
  SecretKey person;
  SecretKey document;
  std::string email_hash;
  {
    auto vault = OpenOrDie(folder, old_key);
    person = vault->EnsurePersonKey("candidate-1").value();
    document = vault->EnsureDocumentKey("resume").value();
    ASSERT_TRUE(vault->EnsurePersonKey("candidate-2").has_value());
    ASSERT_TRUE(vault->ErasePerson("candidate-2").has_value());
    email_hash = vault->EmailHash("ada@example.org");
  }
  const std::string old_record = StoredRecord(folder, KeyRecordKey(KeyKind::person, "candidate-1"));

  ASSERT_FALSE(testing::FilesContaining(folder, old_record.substr(1)).empty());

  ASSERT_TRUE(Vault::Rewrap(folder, old_key, new_key).has_value());

  EXPECT_EQ(Vault::Open(folder, old_key).error().code, VaultErrorCode::wrong_key_file);
  auto vault = OpenOrDie(folder, new_key);
  EXPECT_TRUE(vault->PersonKey("candidate-1")->key.SameAs(person));
  EXPECT_TRUE(vault->DocumentKey("resume")->key.SameAs(document));
  EXPECT_EQ(vault->PersonKey("candidate-2")->state, KeyState::erased);
  EXPECT_EQ(vault->EmailHash("ada@example.org"), email_hash);
  EXPECT_EQ(testing::Joined(testing::FilesContaining(folder, old_record.substr(1))), "")
      << "the key wrapped by the old key file survives";
}

TEST(Rewrap, AWrongOldKeyFileMovesNothing) {
  TempDir dir;
  const SecretKey key = NewKey();
  { ASSERT_TRUE(OpenOrDie(dir.Sub("vault"), key)->EnsurePersonKey("candidate-1").has_value()); }
  auto moved = Vault::Rewrap(dir.Sub("vault"), NewKey(), NewKey());
  ASSERT_FALSE(moved.has_value());
  EXPECT_EQ(moved.error().code, VaultErrorCode::wrong_key_file);
  EXPECT_TRUE(Vault::Open(dir.Sub("vault"), key).has_value());
}

}  // namespace
}  // namespace ctom::vault
