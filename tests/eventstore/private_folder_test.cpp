// Folders for ledgers and their copies: owner-only when created, left alone when they exist.
#include "eventstore/private_folder.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "tests/eventstore/ledger_test_support.hpp"

namespace ctom::eventstore {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

TEST(PrivateFolder, AFolderCreatedHereIsTheOwnersAloneWhateverTheUmask) {
  TempDir dir;
  const mode_t previous = ::umask(0);  // the most permissive umask: 0777 folders
  auto created = CreatePrivateFolder(dir.Sub("a/b"));
  ::umask(previous);
  ASSERT_TRUE(created.has_value()) << created.error();
  EXPECT_TRUE(*created);
  EXPECT_EQ(fs::status(dir.Sub("a/b")).permissions(), fs::perms::owner_all);
  EXPECT_FALSE(OpenToOthers(dir.Sub("a/b")));
}

TEST(PrivateFolder, AFolderThatExistsKeepsItsMode) {
  TempDir dir;
  fs::create_directory(dir.Sub("shared"));
  fs::permissions(dir.Sub("shared"),
                  fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec);
  auto created = CreatePrivateFolder(dir.Sub("shared"));
  ASSERT_TRUE(created.has_value());
  EXPECT_FALSE(*created);
  EXPECT_TRUE(OpenToOthers(dir.Sub("shared")));
}

TEST(PrivateFolder, APathThroughAFileIsRefusedSayingWhich) {
  TempDir dir;
  std::ofstream(dir.Sub("file")) << "x";
  auto created = CreatePrivateFolder(dir.Sub("file/ledger"));
  ASSERT_FALSE(created.has_value());
  EXPECT_NE(created.error().find("file/ledger"), std::string::npos) << created.error();
}

}  // namespace
}  // namespace ctom::eventstore
