// A failing disk: the batch gets io_error, nothing is half-applied, and appends work again once
// the disk recovers. Faults are injected with a RocksDB FileSystem wrapper.
#include <gtest/gtest.h>
#include <rocksdb/env.h>
#include <rocksdb/file_system.h>

#include <atomic>

#include "eventstore/ledger.hpp"
#include "eventstore/ledger_testing.hpp"
#include "tests/eventstore/ledger_test_support.hpp"

namespace ctom::eventstore {
namespace {

using testing::MakeRequest;
using testing::OpenOrDie;
using testing::ReadEverything;
using testing::TempDir;
using testing::TestOptions;

// The faults a disk shows: a transient I/O error (EIO), flagged retryable as RocksDB's own file
// systems flag them, or a file system the kernel turned read-only (EROFS), which is not.
enum class Fault { transient, read_only };

rocksdb::IOStatus Injected(Fault fault) {
  if (fault == Fault::read_only) return rocksdb::IOStatus::IOError("Read-only file system");
  rocksdb::IOStatus status = rocksdb::IOStatus::IOError("injected");
  status.SetRetryable(true);
  return status;
}

// Writes and syncs of files fail while the switch is on.
class FailingFile : public rocksdb::FSWritableFileOwnerWrapper {
 public:
  FailingFile(std::unique_ptr<rocksdb::FSWritableFile> file, const std::atomic<bool>& failing,
              Fault fault)
      : FSWritableFileOwnerWrapper(std::move(file)), failing_(failing), fault_(fault) {}

  rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& options,
                           rocksdb::IODebugContext* dbg) override {
    if (failing_) return Injected(fault_);
    return FSWritableFileOwnerWrapper::Append(data, options, dbg);
  }
  rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& options,
                           const rocksdb::DataVerificationInfo& info,
                           rocksdb::IODebugContext* dbg) override {
    if (failing_) return Injected(fault_);
    return FSWritableFileOwnerWrapper::Append(data, options, info, dbg);
  }
  rocksdb::IOStatus Sync(const rocksdb::IOOptions& options, rocksdb::IODebugContext* dbg) override {
    if (failing_) return Injected(fault_);
    return FSWritableFileOwnerWrapper::Sync(options, dbg);
  }
  rocksdb::IOStatus Fsync(const rocksdb::IOOptions& options,
                          rocksdb::IODebugContext* dbg) override {
    if (failing_) return Injected(fault_);
    return FSWritableFileOwnerWrapper::Fsync(options, dbg);
  }

 private:
  const std::atomic<bool>& failing_;
  const Fault fault_;
};

class FailingFileSystem : public rocksdb::FileSystemWrapper {
 public:
  FailingFileSystem(const std::shared_ptr<rocksdb::FileSystem>& target, Fault fault)
      : FileSystemWrapper(target), fault_(fault) {}
  const char* Name() const override { return "FailingFileSystem"; }

  rocksdb::IOStatus NewWritableFile(const std::string& name, const rocksdb::FileOptions& options,
                                    std::unique_ptr<rocksdb::FSWritableFile>* file,
                                    rocksdb::IODebugContext* dbg) override {
    if (failing) return Injected(fault_);
    rocksdb::IOStatus status = target()->NewWritableFile(name, options, file, dbg);
    if (status.ok()) *file = std::make_unique<FailingFile>(std::move(*file), failing, fault_);
    return status;
  }

  std::atomic<bool> failing{false};

 private:
  const Fault fault_;
};

class LedgerDiskError : public ::testing::TestWithParam<Fault> {};

TEST_P(LedgerDiskError, FailedBatchChangesNothingAndAppendsResumeAfterRecovery) {
  TempDir dir;
  auto file_system =
      std::make_shared<FailingFileSystem>(rocksdb::FileSystem::Default(), GetParam());
  std::unique_ptr<rocksdb::Env> env = rocksdb::NewCompositeEnv(file_system);
  Head before;
  {
    auto opened = OpenLedgerWithEnv(TestOptions(dir.path()), env.get());
    ASSERT_TRUE(opened.has_value()) << opened.error().detail;
    Ledger& ledger = **opened;
    ASSERT_TRUE(ledger.Append(MakeRequest("s", ExpectedVersion::Any(), 2)));
    before = ledger.GetHead();

    file_system->failing = true;
    for (int attempt = 0; attempt < 2; ++attempt) {
      auto failed = ledger.Append(MakeRequest("s", ExpectedVersion::Exact(2), 3, "key"));
      ASSERT_FALSE(failed.has_value());
      EXPECT_EQ(failed.error().code, ErrorCode::io_error) << failed.error().detail;
      EXPECT_EQ(ledger.GetHead().position, before.position);
      EXPECT_EQ(ledger.GetHead().hash, before.hash);
      EXPECT_EQ(ledger.StreamVersion("s"), 2u);
    }
    EXPECT_EQ(ledger.ReadAll(3, 10)->size(), 0u);
    auto read = ledger.ReadAll(1, 10);
    ASSERT_TRUE(read.has_value()) << "reads go on while the disk refuses writes";
    EXPECT_EQ(read->size(), 2u);

    file_system->failing = false;
    auto recovered = ledger.Append(MakeRequest("s", ExpectedVersion::Exact(2), 3, "key"));
    ASSERT_TRUE(recovered.has_value()) << recovered.error().detail;
    EXPECT_FALSE(recovered->replayed);
    EXPECT_EQ(recovered->first_position, before.position + 1);
    EXPECT_EQ(recovered->stream_version, 5u);
  }
  auto ledger = OpenOrDie(TestOptions(dir.path()));
  EXPECT_EQ(ledger->GetHead().position, 5u);
  EXPECT_EQ(ReadEverything(*ledger).size(), 5u);
  auto report = ledger->Verify(0);
  ASSERT_TRUE(report.has_value());
  EXPECT_TRUE(report->ok) << report->detail;
}

INSTANTIATE_TEST_SUITE_P(Faults, LedgerDiskError,
                         ::testing::Values(Fault::transient, Fault::read_only),
                         [](const ::testing::TestParamInfo<Fault>& info) {
                           return info.param == Fault::transient ? "TransientIoError"
                                                                 : "ReadOnlyFileSystem";
                         });

}  // namespace
}  // namespace ctom::eventstore
