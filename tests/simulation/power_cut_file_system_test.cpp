// The power-cut file system loses exactly what a power cut loses: bytes written but not synced,
// and directory changes (new files, renames, deletes) whose directory was not synced.
#include "tests/simulation/power_cut_file_system.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>

namespace ctom::simulation {
namespace {

namespace fs = std::filesystem;

class PowerCutFileSystemTest : public ::testing::Test {
 protected:
  PowerCutFileSystemTest() {
    std::string pattern = (fs::temp_directory_path() / "ctom-power-cut-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) ADD_FAILURE() << "mkdtemp failed";
    root_ = pattern;
    fs::create_directories(Folder());
    file_system_ =
        std::make_unique<PowerCutFileSystem>(rocksdb::FileSystem::Default(), root_ / "trash");
  }
  ~PowerCutFileSystemTest() override {
    std::error_code ignored;
    fs::remove_all(root_, ignored);
  }

  std::string Folder() const { return (root_ / "db").string(); }
  std::string PathOf(const std::string& name) const { return Folder() + "/" + name; }

  std::unique_ptr<rocksdb::FSWritableFile> Create(const std::string& name) {
    std::unique_ptr<rocksdb::FSWritableFile> file;
    EXPECT_TRUE(file_system_->NewWritableFile(PathOf(name), {}, &file, nullptr).ok());
    return file;
  }
  void Write(rocksdb::FSWritableFile& file, const std::string& bytes) {
    EXPECT_TRUE(file.Append(bytes, io_, nullptr).ok());
  }
  void SyncFolder() {
    std::unique_ptr<rocksdb::FSDirectory> folder;
    ASSERT_TRUE(file_system_->NewDirectory(Folder(), io_, &folder, nullptr).ok());
    ASSERT_TRUE(folder->Fsync(io_, nullptr).ok());
  }
  std::string Read(const std::string& name) const {
    std::ifstream in(PathOf(name), std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  bool Exists(const std::string& name) const { return fs::exists(PathOf(name)); }

  fs::path root_;
  std::unique_ptr<PowerCutFileSystem> file_system_;
  rocksdb::IOOptions io_;
};

TEST_F(PowerCutFileSystemTest, ACutKeepsASyncedFileUpToItsLastSyncAndDropsTheRest) {
  auto file = Create("log");
  SyncFolder();
  Write(*file, "synced ");
  ASSERT_TRUE(file->Sync(io_, nullptr).ok());
  Write(*file, "lost");
  EXPECT_EQ(Read("log"), "synced lost");
  file_system_->Cut();
  EXPECT_EQ(Read("log"), "synced ");
}

TEST_F(PowerCutFileSystemTest, ANewFileWhoseFolderWasNeverSyncedIsGoneAfterACut) {
  auto file = Create("new");
  Write(*file, "bytes");
  ASSERT_TRUE(file->Sync(io_, nullptr).ok());
  file_system_->Cut();
  EXPECT_FALSE(Exists("new"));
}

TEST_F(PowerCutFileSystemTest, ARenameNotMadeDurableIsUndoneAndTheReplacedFileComesBack) {
  auto current = Create("CURRENT");
  Write(*current, "old");
  ASSERT_TRUE(current->Sync(io_, nullptr).ok());
  auto next = Create("CURRENT.tmp");
  Write(*next, "new");
  ASSERT_TRUE(next->Sync(io_, nullptr).ok());
  SyncFolder();
  ASSERT_TRUE(
      file_system_->RenameFile(PathOf("CURRENT.tmp"), PathOf("CURRENT"), io_, nullptr).ok());
  EXPECT_EQ(Read("CURRENT"), "new");
  file_system_->Cut();
  EXPECT_EQ(Read("CURRENT"), "old");
  EXPECT_EQ(Read("CURRENT.tmp"), "new");
}

TEST_F(PowerCutFileSystemTest, ADeleteNotMadeDurableIsUndone) {
  auto file = Create("table");
  Write(*file, "kept");
  ASSERT_TRUE(file->Sync(io_, nullptr).ok());
  SyncFolder();
  ASSERT_TRUE(file_system_->DeleteFile(PathOf("table"), io_, nullptr).ok());
  EXPECT_FALSE(Exists("table"));
  file_system_->Cut();
  EXPECT_EQ(Read("table"), "kept");
}

TEST_F(PowerCutFileSystemTest, ChangesWhoseFolderWasSyncedSurviveACut) {
  auto file = Create("durable");
  Write(*file, "bytes");
  ASSERT_TRUE(file->Sync(io_, nullptr).ok());
  auto gone = Create("gone");
  SyncFolder();
  ASSERT_TRUE(file_system_->DeleteFile(PathOf("gone"), io_, nullptr).ok());
  SyncFolder();
  file_system_->Cut();
  EXPECT_EQ(Read("durable"), "bytes");
  EXPECT_FALSE(Exists("gone"));
}

TEST_F(PowerCutFileSystemTest, EveryChangeAfterTheCutFails) {
  auto file = Create("log");
  file_system_->CutAfter(2);
  Write(*file, "one");
  EXPECT_FALSE(file->Append("two", io_, nullptr).ok());
  EXPECT_TRUE(file_system_->IsCut());
  EXPECT_FALSE(file->Sync(io_, nullptr).ok());
  std::unique_ptr<rocksdb::FSWritableFile> another;
  EXPECT_FALSE(file_system_->NewWritableFile(PathOf("another"), {}, &another, nullptr).ok());
  EXPECT_FALSE(Exists("log"));
}

}  // namespace
}  // namespace ctom::simulation
