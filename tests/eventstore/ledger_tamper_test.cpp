// Tampering with stored records directly through RocksDB: Verify names exactly the position.
#include <gtest/gtest.h>
#include <rocksdb/db.h>

#include <functional>

#include "eventstore/keys.hpp"
#include "eventstore/ledger.hpp"
#include "tests/eventstore/ledger_test_support.hpp"

namespace ctom::eventstore {
namespace {

using testing::MakeRequest;
using testing::OpenOrDie;
using testing::TempDir;
using testing::TestOptions;

constexpr std::uint64_t kEvents = 12;

using EventsEdit = std::function<void(rocksdb::DB&, rocksdb::ColumnFamilyHandle&)>;

// Opens the ledger's database as a plain RocksDB, with its column families, and edits the events.
void EditEvents(const std::string& path, const EventsEdit& edit) {
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (std::string_view name : {std::string_view(rocksdb::kDefaultColumnFamilyName), kEventsFamily,
                                kStreamsFamily, kIdempotencyFamily, kHeadFamily}) {
    families.emplace_back(std::string(name), rocksdb::ColumnFamilyOptions());
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* db = nullptr;
  ASSERT_TRUE(rocksdb::DB::Open(rocksdb::DBOptions(), path, families, &handles, &db).ok());
  edit(*db, *handles[1]);
  for (auto* handle : handles) ASSERT_TRUE(db->DestroyColumnFamilyHandle(handle).ok());
  ASSERT_TRUE(db->Close().ok());
  delete db;
}

std::string ReadValue(rocksdb::DB& db, rocksdb::ColumnFamilyHandle& events, std::uint64_t p) {
  std::string value;
  EXPECT_TRUE(db.Get(rocksdb::ReadOptions(), &events, EventKey(p), &value).ok());
  return value;
}

void WriteValue(rocksdb::DB& db, rocksdb::ColumnFamilyHandle& events, std::uint64_t p,
                const std::string& value) {
  rocksdb::WriteOptions options;
  options.sync = true;
  ASSERT_TRUE(db.Put(options, &events, EventKey(p), value).ok());
}

class LedgerTamper : public ::testing::Test {
 protected:
  void SetUp() override {
    auto ledger = OpenOrDie(TestOptions(dir_.path()));
    for (std::uint64_t i = 0; i < kEvents; i += 3) {
      ASSERT_TRUE(ledger->Append(MakeRequest("s" + std::to_string(i), ExpectedVersion::Any(), 3)));
    }
  }

  // Verify's report after the edit; expects exactly `bad` named.
  void ExpectVerifyNames(std::uint64_t bad, const std::string& what) {
    auto ledger = OpenOrDie(TestOptions(dir_.path()));
    auto report = ledger->Verify(0);
    ASSERT_TRUE(report.has_value()) << what;
    EXPECT_FALSE(report->ok) << what;
    EXPECT_EQ(report->first_bad_position, bad) << what << ": " << report->detail;
    EXPECT_EQ(report->position, bad - 1) << what;
    // Verifying only up to the record before stays clean.
    if (bad > 1) {
      auto before = ledger->Verify(bad - 1);
      ASSERT_TRUE(before.has_value());
      EXPECT_TRUE(before->ok) << what;
    }
  }

  TempDir dir_;
};

TEST_F(LedgerTamper, OneChangedByteIsNamedWhereverItIs) {
  constexpr std::uint64_t kTampered = 5;
  std::string original;
  EditEvents(dir_.path(), [&](rocksdb::DB& db, rocksdb::ColumnFamilyHandle& events) {
    original = ReadValue(db, events, kTampered);
  });
  ASSERT_GT(original.size(), 70u);
  // The encoding byte, the position, a length prefix, the stream id, the payload, the previous
  // hash and the hash.
  const std::size_t size = original.size();
  for (std::size_t offset : {std::size_t{0}, std::size_t{8}, std::size_t{12}, std::size_t{14},
                             size - 66, size - 40, size - 1}) {
    EditEvents(dir_.path(), [&](rocksdb::DB& db, rocksdb::ColumnFamilyHandle& events) {
      std::string changed = original;
      changed[offset] = static_cast<char>(changed[offset] ^ 0x01);
      WriteValue(db, events, kTampered, changed);
    });
    ExpectVerifyNames(kTampered, "byte " + std::to_string(offset));
  }
  EditEvents(dir_.path(), [&](rocksdb::DB& db, rocksdb::ColumnFamilyHandle& events) {
    WriteValue(db, events, kTampered, original);
  });
  auto ledger = OpenOrDie(TestOptions(dir_.path()));
  auto report = ledger->Verify(0);
  ASSERT_TRUE(report.has_value());
  EXPECT_TRUE(report->ok) << report->detail;
}

TEST_F(LedgerTamper, TruncatedValueIsNamedAndReadsReportCorruption) {
  EditEvents(dir_.path(), [&](rocksdb::DB& db, rocksdb::ColumnFamilyHandle& events) {
    std::string value = ReadValue(db, events, 7);
    WriteValue(db, events, 7, value.substr(0, value.size() - 10));
  });
  ExpectVerifyNames(7, "truncated");
  auto ledger = OpenOrDie(TestOptions(dir_.path()));
  auto read = ledger->ReadAll(1, 100);
  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().code, ErrorCode::corruption);
  auto scan = ledger->ScanAll(1, UINT64_MAX, [](const RecordedEventView&) { return true; });
  ASSERT_FALSE(scan.has_value());
  EXPECT_EQ(scan.error().code, ErrorCode::corruption);
  EXPECT_NE(scan.error().detail.find("7"), std::string::npos) << scan.error().detail;
}

TEST_F(LedgerTamper, DeletedRecordIsNamedAsAGapAndScansReportCorruption) {
  EditEvents(dir_.path(), [&](rocksdb::DB& db, rocksdb::ColumnFamilyHandle& events) {
    rocksdb::WriteOptions options;
    options.sync = true;
    ASSERT_TRUE(db.Delete(options, &events, EventKey(4)).ok());
  });
  ExpectVerifyNames(4, "deleted");
  auto ledger = OpenOrDie(TestOptions(dir_.path()));
  auto scan = ledger->ScanAll(1, UINT64_MAX, [](const RecordedEventView&) { return true; });
  ASSERT_FALSE(scan.has_value());
  EXPECT_EQ(scan.error().code, ErrorCode::corruption);
}

TEST_F(LedgerTamper, DeletedLastRecordIsNamed) {
  EditEvents(dir_.path(), [&](rocksdb::DB& db, rocksdb::ColumnFamilyHandle& events) {
    rocksdb::WriteOptions options;
    options.sync = true;
    ASSERT_TRUE(db.Delete(options, &events, EventKey(kEvents)).ok());
  });
  ExpectVerifyNames(kEvents, "deleted last");
}

TEST_F(LedgerTamper, RecordMovedToAnotherPositionIsNamed) {
  EditEvents(dir_.path(), [&](rocksdb::DB& db, rocksdb::ColumnFamilyHandle& events) {
    WriteValue(db, events, 9, ReadValue(db, events, 8));
  });
  ExpectVerifyNames(9, "moved");
}

}  // namespace
}  // namespace ctom::eventstore
