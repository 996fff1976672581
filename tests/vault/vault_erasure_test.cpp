// Erasure: a person's keys and their documents' keys destroyed, and gone from every file.
#include <gtest/gtest.h>

#include "tests/vault/vault_test_support.hpp"
#include "vault/vault.hpp"
#include "vault/vault_database.hpp"
#include "vault/vault_keys.hpp"

namespace ctom::vault {
namespace {

namespace fs = std::filesystem;
using testing::FilesContaining;
using testing::Joined;
using testing::KeyBytes;
using testing::NewKey;
using testing::OpenOrDie;
using testing::TempDir;

// The wrapped key stored for kind and id, read beside the open vault.
std::string WrappedKey(const fs::path& folder, KeyKind kind, std::string_view id) {
  auto database = VaultDatabase::OpenReadOnly(folder);
  EXPECT_TRUE(database.has_value());
  auto value = (*database)->Get(KeyRecordKey(kind, id));
  EXPECT_TRUE(value.has_value() && value->has_value());
  auto record = DecodeKeyRecord(**value);
  EXPECT_TRUE(record.has_value() && record->state == RecordState::present);
  return record->wrapped_key;
}

// Whether any record, read back through RocksDB, holds needle in its key or value.
bool AnyRecordHolds(const fs::path& folder, const std::string& needle) {
  auto database = VaultDatabase::OpenReadOnly(folder);
  EXPECT_TRUE(database.has_value());
  auto records = (*database)->Scan("", 1'000'000);
  EXPECT_TRUE(records.has_value());
  for (const auto& [key, value] : *records) {
    if (key.find(needle) != std::string::npos || value.find(needle) != std::string::npos) {
      return true;
    }
  }
  return false;
}

// The raw and the wrapped key must both be gone: with the key file, the wrapped one gives the raw.
void ExpectGoneFromEveryFile(const fs::path& folder, const SecretKey& key,
                             const std::string& wrapped) {
  EXPECT_EQ(Joined(FilesContaining(folder, KeyBytes(key))), "");
  EXPECT_EQ(Joined(FilesContaining(folder, wrapped)), "") << "the wrapped key survives";
  EXPECT_FALSE(AnyRecordHolds(folder, wrapped));
}

TEST(Erasure, AKeyStillInTheWriteAheadLogIsGoneFromEveryFileAfterErasure) {
  TempDir dir;
  const fs::path folder = dir.Sub("vault");
  auto vault = OpenOrDie(folder, NewKey());
  const SecretKey key = vault->EnsurePersonKey("candidate-1").value();
  const std::string wrapped = WrappedKey(folder, KeyKind::person, "candidate-1");
  ASSERT_FALSE(FilesContaining(folder, wrapped).empty()) << "the scan must see the stored key";
  ASSERT_TRUE(vault->ErasePerson("candidate-1").has_value());
  ExpectGoneFromEveryFile(folder, key, wrapped);
}

TEST(Erasure, AKeyAlreadyInTableFilesIsGoneFromEveryFileAfterErasure) {
  TempDir dir;
  const fs::path folder = dir.Sub("vault");
  const SecretKey key_file_key = NewKey();
  SecretKey key;
  // Each reopening writes the log into a table file, so the key ends up in several of them among
  // other persons' keys.
  for (int round = 0; round < 4; ++round) {
    auto vault = OpenOrDie(folder, key_file_key);
    for (int i = 0; i < 50; ++i) {
      ASSERT_TRUE(vault->EnsurePersonKey("mentor-" + std::to_string(round * 50 + i)).has_value());
    }
    key = vault->EnsurePersonKey("candidate-1").value();
  }
  const std::string wrapped = WrappedKey(folder, KeyKind::person, "candidate-1");
  ASSERT_FALSE(FilesContaining(folder, wrapped).empty());
  auto vault = OpenOrDie(folder, key_file_key);
  ASSERT_TRUE(vault->ErasePerson("candidate-1").has_value());
  ExpectGoneFromEveryFile(folder, key, wrapped);
  vault.reset();
  ExpectGoneFromEveryFile(folder, key, wrapped);  // closing writes nothing back
}

TEST(Erasure, AnErasedPersonLooksUpAsErasedNotAbsentAndGetsNoNewKey) {
  TempDir dir;
  const SecretKey key_file_key = NewKey();
  {
    auto vault = OpenOrDie(dir.Sub("vault"), key_file_key);
    ASSERT_TRUE(vault->EnsurePersonKey("candidate-1").has_value());
    ASSERT_TRUE(vault->ErasePerson("candidate-1").has_value());
    EXPECT_EQ(vault->PersonKey("candidate-1")->state, KeyState::erased);
  }
  auto vault = OpenOrDie(dir.Sub("vault"), key_file_key);
  EXPECT_EQ(vault->PersonKey("candidate-1")->state, KeyState::erased);
  auto again = vault->EnsurePersonKey("candidate-1");
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, VaultErrorCode::erased);
}

TEST(Erasure, OtherPersonsKeysAreUnchanged) {
  TempDir dir;
  auto vault = OpenOrDie(dir.Sub("vault"), NewKey());
  const SecretKey other = vault->EnsurePersonKey("candidate-2").value();
  ASSERT_TRUE(vault->EnsurePersonKey("candidate-1").has_value());
  ASSERT_TRUE(vault->ErasePerson("candidate-1").has_value());
  auto looked_up = vault->PersonKey("candidate-2");
  ASSERT_EQ(looked_up->state, KeyState::present);
  EXPECT_TRUE(looked_up->key.SameAs(other));
}

TEST(Erasure, ErasingTwiceOrErasingAnUnknownPersonSucceedsAndMarksThemErased) {
  TempDir dir;
  auto vault = OpenOrDie(dir.Sub("vault"), NewKey());
  ASSERT_TRUE(vault->EnsurePersonKey("candidate-1").has_value());
  EXPECT_TRUE(vault->ErasePerson("candidate-1").has_value());
  EXPECT_TRUE(vault->ErasePerson("candidate-1").has_value());
  EXPECT_TRUE(vault->ErasePerson("never-seen").has_value());
  EXPECT_EQ(vault->PersonKey("never-seen")->state, KeyState::erased);
}

TEST(Erasure, AnErasureInterruptedBeforeItsPurgeIsFinishedAtOpen) {
  TempDir dir;
  const fs::path folder = dir.Sub("vault");
  const SecretKey key_file_key = NewKey();
  SecretKey key;
  { key = OpenOrDie(folder, key_file_key)->EnsurePersonKey("candidate-1").value(); }
  const std::string wrapped = WrappedKey(folder, KeyKind::person, "candidate-1");
  {
    // What ErasePerson writes before it purges, as a process stopped right after the write.
    auto database = VaultDatabase::Open(folder).value();
    const VaultWrite writes[] = {
        {KeyRecordKey(KeyKind::person, "candidate-1"), EncodeKeyRecord({RecordState::erased, {}})},
        {std::string(kPurgePendingKey), std::string()}};
    ASSERT_TRUE(database->Write(writes).has_value());
  }
  ASSERT_FALSE(FilesContaining(folder, wrapped).empty());
  auto vault = OpenOrDie(folder, key_file_key);
  ExpectGoneFromEveryFile(folder, key, wrapped);
  EXPECT_EQ(vault->PersonKey("candidate-1")->state, KeyState::erased);
}

TEST(Documents, ADocumentsKeyIsMadeOnceAndSurvivesReopening) {
  TempDir dir;
  const SecretKey key_file_key = NewKey();
  SecretKey key;
  { key = OpenOrDie(dir.Sub("vault"), key_file_key)->EnsureDocumentKey("document-1").value(); }
  auto vault = OpenOrDie(dir.Sub("vault"), key_file_key);
  EXPECT_TRUE(vault->EnsureDocumentKey("document-1")->SameAs(key));
  EXPECT_EQ(vault->DocumentKey("document-1")->state, KeyState::present);
  EXPECT_EQ(vault->DocumentKey("document-2")->state, KeyState::absent);
}

TEST(Documents, APersonsDocumentKeysAreDestroyedWithThemAndGoneFromEveryFile) {
  TempDir dir;
  const fs::path folder = dir.Sub("vault");
  auto vault = OpenOrDie(folder, NewKey());
  ASSERT_TRUE(vault->EnsurePersonKey("candidate-1").has_value());
  const SecretKey resume = vault->EnsureDocumentKey("resume").value();
  const SecretKey letter = vault->EnsureDocumentKey("letter").value();
  const SecretKey someone_elses = vault->EnsureDocumentKey("other").value();
  ASSERT_TRUE(vault->AttachDocumentToPerson("resume", "candidate-1").has_value());
  ASSERT_TRUE(vault->AttachDocumentToPerson("letter", "candidate-1").has_value());
  ASSERT_TRUE(vault->AttachDocumentToPerson("letter", "candidate-1").has_value());  // again
  ASSERT_TRUE(vault->AttachDocumentToPerson("other", "candidate-2").has_value());
  EXPECT_EQ(vault->PersonDocuments("candidate-1").value(),
            (std::vector<std::string>{"letter", "resume"}));
  const std::string wrapped_resume = WrappedKey(folder, KeyKind::document, "resume");
  const std::string wrapped_letter = WrappedKey(folder, KeyKind::document, "letter");

  ASSERT_TRUE(vault->ErasePerson("candidate-1").has_value());
  EXPECT_EQ(vault->DocumentKey("resume")->state, KeyState::erased);
  EXPECT_EQ(vault->DocumentKey("letter")->state, KeyState::erased);
  EXPECT_TRUE(vault->DocumentKey("other")->key.SameAs(someone_elses));
  EXPECT_TRUE(vault->PersonDocuments("candidate-1")->empty());
  ExpectGoneFromEveryFile(folder, resume, wrapped_resume);
  ExpectGoneFromEveryFile(folder, letter, wrapped_letter);
  EXPECT_EQ(vault->EnsureDocumentKey("resume").error().code, VaultErrorCode::erased);
}

TEST(Documents, ADocumentOfTwoPersonsIsDestroyedWithEither) {
  TempDir dir;
  auto vault = OpenOrDie(dir.Sub("vault"), NewKey());
  ASSERT_TRUE(vault->EnsureDocumentKey("assessment").has_value());
  ASSERT_TRUE(vault->AttachDocumentToPerson("assessment", "candidate-1").has_value());
  ASSERT_TRUE(vault->AttachDocumentToPerson("assessment", "mentor-1").has_value());
  ASSERT_TRUE(vault->ErasePerson("mentor-1").has_value());
  EXPECT_EQ(vault->DocumentKey("assessment")->state, KeyState::erased);
}

TEST(Documents, NothingCanBeAttachedToAnErasedPersonNorCanAnErasedDocumentBeAttached) {
  TempDir dir;
  auto vault = OpenOrDie(dir.Sub("vault"), NewKey());
  ASSERT_TRUE(vault->EnsureDocumentKey("resume").has_value());
  ASSERT_TRUE(vault->AttachDocumentToPerson("resume", "candidate-1").has_value());
  ASSERT_TRUE(vault->ErasePerson("candidate-1").has_value());
  ASSERT_TRUE(vault->EnsureDocumentKey("letter").has_value());
  EXPECT_EQ(vault->AttachDocumentToPerson("letter", "candidate-1").error().code,
            VaultErrorCode::erased);
  EXPECT_EQ(vault->AttachDocumentToPerson("resume", "candidate-2").error().code,
            VaultErrorCode::erased);
}

}  // namespace
}  // namespace ctom::vault
