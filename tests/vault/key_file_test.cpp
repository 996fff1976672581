// Key files: created whole, owner-only and never over another; read back with clear refusals.
#include "vault/key_file.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "tests/vault/vault_test_support.hpp"
#include "vault/default_key_file.hpp"

namespace ctom::vault {
namespace {

namespace fs = std::filesystem;
using testing::ReadWholeFile;
using testing::TempDir;

void WriteFile(const fs::path& path, const std::string& contents) {
  std::ofstream(path, std::ios::binary) << contents;
}

TEST(KeyFile, ACreatedKeyFileIsTheOwnersAloneWhateverTheUmask) {
  TempDir dir;
  const mode_t previous = ::umask(0);
  auto key = CreateKeyFile(dir.Sub("master.key"));
  ::umask(previous);
  ASSERT_TRUE(key.has_value()) << key.error().detail;
  EXPECT_EQ(fs::status(dir.Sub("master.key")).permissions(),
            fs::perms::owner_read | fs::perms::owner_write);
}

TEST(KeyFile, ACreatedKeyFileHoldsSixtyFourHexDigitsAndANewlineAndLoadsToTheSameKey) {
  TempDir dir;
  auto created = CreateKeyFile(dir.Sub("master.key"));
  ASSERT_TRUE(created.has_value());
  const std::string text = ReadWholeFile(dir.Sub("master.key"));
  ASSERT_EQ(text.size(), 65u);
  EXPECT_EQ(text.find_first_not_of("0123456789abcdef"), 64u);
  EXPECT_EQ(text.back(), '\n');
  auto loaded = LoadKeyFile(dir.Sub("master.key"));
  ASSERT_TRUE(loaded.has_value()) << loaded.error().detail;
  EXPECT_TRUE(loaded->key.SameAs(*created));
  EXPECT_TRUE(loaded->warnings.empty());
}

TEST(KeyFile, CreatingNeverReplacesAnExistingFileAndLeavesNoTemporaryFile) {
  TempDir dir;
  WriteFile(dir.Sub("master.key"), "keep me");
  auto created = CreateKeyFile(dir.Sub("master.key"));
  ASSERT_FALSE(created.has_value());
  EXPECT_EQ(created.error().code, VaultErrorCode::key_file_exists);
  EXPECT_EQ(ReadWholeFile(dir.Sub("master.key")), "keep me");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 1);
}

TEST(KeyFile, AMissingKeyFileIsRefusedAsMissing) {
  TempDir dir;
  auto loaded = LoadKeyFile(dir.Sub("nothing.key"));
  ASSERT_FALSE(loaded.has_value());
  EXPECT_EQ(loaded.error().code, VaultErrorCode::key_file_missing);
  EXPECT_NE(loaded.error().detail.find("nothing.key"), std::string::npos);
}

TEST(KeyFile, AnUnreadableKeyFileIsRefusedAsUnreadable) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads every file";
  TempDir dir;
  WriteFile(dir.Sub("master.key"), std::string(64, 'a'));
  fs::permissions(dir.Sub("master.key"), fs::perms::none);
  auto loaded = LoadKeyFile(dir.Sub("master.key"));
  ASSERT_FALSE(loaded.has_value());
  EXPECT_EQ(loaded.error().code, VaultErrorCode::key_file_unreadable);
}

TEST(KeyFile, APathThroughAFileIsRefusedAsUnreadableNotMissing) {
  TempDir dir;
  WriteFile(dir.Sub("file"), "x");
  auto loaded = LoadKeyFile(dir.Sub("file") / "master.key");
  ASSERT_FALSE(loaded.has_value());
  EXPECT_EQ(loaded.error().code, VaultErrorCode::key_file_unreadable);
}

TEST(KeyFile, AFolderGivenAsKeyFileIsRefusedAsUnreadable) {
  TempDir dir;
  auto loaded = LoadKeyFile(dir.path());
  ASSERT_FALSE(loaded.has_value());
  EXPECT_EQ(loaded.error().code, VaultErrorCode::key_file_unreadable);
}

TEST(KeyFile, AnythingButOneKeyInHexIsRefusedAsMalformed) {
  TempDir dir;
  for (const std::string& contents :
       {std::string(), std::string(63, 'a'), std::string(65, 'a'), std::string(62, 'a') + "zz",
        std::string(32, 'k'), std::string(64, 'a') + " " + std::string(64, 'b'),
        std::string(kKeyFileBytesMax + 10, 'a')}) {
    WriteFile(dir.Sub("bad.key"), contents);
    auto loaded = LoadKeyFile(dir.Sub("bad.key"));
    ASSERT_FALSE(loaded.has_value()) << contents;
    EXPECT_EQ(loaded.error().code, VaultErrorCode::key_file_malformed) << contents;
    if (!contents.empty()) {
      EXPECT_EQ(loaded.error().detail.find(contents.substr(0, 8)), std::string::npos)
          << "the detail must not quote the file";
    }
  }
}

TEST(KeyFile, UpperCaseHexAndSurroundingWhiteSpaceAreAccepted) {
  TempDir dir;
  WriteFile(dir.Sub("key"), "  " + std::string(64, 'A') + "\r\n\n");
  auto loaded = LoadKeyFile(dir.Sub("key"));
  ASSERT_TRUE(loaded.has_value()) << loaded.error().detail;
  EXPECT_EQ(loaded->key.bytes()[0], 0xaa);
}

TEST(KeyFile, AKeyFileOthersMayReadLoadsWithAWarningNotAnError) {
  TempDir dir;
  ASSERT_TRUE(CreateKeyFile(dir.Sub("master.key")).has_value());
  fs::permissions(dir.Sub("master.key"), fs::perms::owner_read | fs::perms::owner_write |
                                             fs::perms::group_read | fs::perms::others_read);
  auto loaded = LoadKeyFile(dir.Sub("master.key"));
  ASSERT_TRUE(loaded.has_value());
  ASSERT_EQ(loaded->warnings.size(), 1u);
  EXPECT_NE(loaded->warnings[0].find("0644"), std::string::npos) << loaded->warnings[0];
}

TEST(DefaultKeyFile, AnEmptyVaultGetsANewKeyFileWithAWarning) {
  TempDir dir;
  auto loaded = LoadOrCreateDefaultKeyFile(dir.Sub("master.key"), dir.Sub("vault"));
  ASSERT_TRUE(loaded.has_value()) << loaded.error().detail;
  EXPECT_FALSE(loaded->warnings.empty());
  EXPECT_TRUE(fs::exists(dir.Sub("master.key")));
  auto vault = Vault::Open(dir.Sub("vault"), loaded->key);
  EXPECT_TRUE(vault.has_value());
}

TEST(DefaultKeyFile, AnExistingDefaultKeyFileIsLoadedNotReplaced) {
  TempDir dir;
  auto created = CreateKeyFile(dir.Sub("master.key"));
  ASSERT_TRUE(created.has_value());
  auto loaded = LoadOrCreateDefaultKeyFile(dir.Sub("master.key"), dir.Sub("vault"));
  ASSERT_TRUE(loaded.has_value());
  EXPECT_TRUE(loaded->key.SameAs(*created));
  EXPECT_FALSE(loaded->warnings.empty());  // beside the data it protects
}

TEST(DefaultKeyFile, AVaultWithKeysAndNoKeyFileRefusesToMakeOne) {
  TempDir dir;
  {
    auto vault = testing::OpenOrDie(dir.Sub("vault"), testing::NewKey());
    ASSERT_TRUE(vault->EnsurePersonKey("candidate-1").has_value());
  }
  auto loaded = LoadOrCreateDefaultKeyFile(dir.Sub("master.key"), dir.Sub("vault"));
  ASSERT_FALSE(loaded.has_value());
  EXPECT_EQ(loaded.error().code, VaultErrorCode::key_file_required);
  EXPECT_FALSE(fs::exists(dir.Sub("master.key")));
}

}  // namespace
}  // namespace ctom::vault
