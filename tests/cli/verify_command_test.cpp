// ctom verify end to end: an intact chain exits 0, a byte changed in the database exits 1 naming
// the position, a digest taken earlier must still match, and bad usage exits 2.
#include <rocksdb/db.h>

#include <functional>

#include "eventstore/hex.hpp"
#include "eventstore/keys.hpp"
#include "tests/cli/cli_test_support.hpp"

namespace ctom::cli::testing {
namespace {

// Opens the ledger's database as a plain RocksDB, with its column families, and edits the
// events family. The primary must be closed.
void EditEvents(const std::string& path,
                const std::function<void(rocksdb::DB&, rocksdb::ColumnFamilyHandle&)>& edit) {
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (std::string_view name :
       {std::string_view(rocksdb::kDefaultColumnFamilyName), eventstore::kEventsFamily,
        eventstore::kStreamsFamily, eventstore::kIdempotencyFamily, eventstore::kHeadFamily}) {
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

// Flips one bit of the last payload byte of the stored record at `position`: the payload lies
// just before the two 32-byte hashes (docs/ledger.md).
void FlipPayloadByte(const std::string& path, std::uint64_t position) {
  EditEvents(path, [&](rocksdb::DB& db, rocksdb::ColumnFamilyHandle& events) {
    std::string value;
    ASSERT_TRUE(
        db.Get(rocksdb::ReadOptions(), &events, eventstore::EventKey(position), &value).ok());
    ASSERT_GT(value.size(), 65u);
    value[value.size() - 65] = static_cast<char>(value[value.size() - 65] ^ 0x01);
    rocksdb::WriteOptions options;
    options.sync = true;
    ASSERT_TRUE(db.Put(options, &events, eventstore::EventKey(position), value).ok());
  });
}

std::string DigestAt(eventstore::Ledger& ledger, std::uint64_t position) {
  auto report = ledger.Verify(position);
  EXPECT_TRUE(report.has_value() && report->ok);
  if (!report) return "";
  return std::to_string(position) + ":" + eventstore::ToHex(report->hash);
}

class VerifyCommand : public ::testing::Test {
 protected:
  void SetUp() override { folder_.AppendAll(SmallHistory()); }

  CtomRun Verify(std::vector<std::string> options = {}) {
    std::vector<std::string> arguments{"verify", "--data", folder_.data()};
    arguments.insert(arguments.end(), options.begin(), options.end());
    return RunCtom(arguments);
  }

  DataFolder folder_;
};

TEST_F(VerifyCommand, IntactChainExitsZeroAndPrintsTheHead) {
  const eventstore::Head head = folder_.ledger().GetHead();
  const CtomRun run = Verify();
  EXPECT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(run.out, "ok position " + std::to_string(head.position) + " hash " +
                         eventstore::ToHex(head.hash) + "\n");
  EXPECT_EQ(run.err, "");
}

TEST_F(VerifyCommand, FlippedPayloadByteExitsOneNamingThatPosition) {
  constexpr std::uint64_t kTampered = 17;
  folder_.Close();
  FlipPayloadByte(folder_.ledger_path(), kTampered);
  const CtomRun run = Verify();
  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(Lines(run.err).size(), 1u) << run.err;
  EXPECT_NE(run.err.find("position 17:"), std::string::npos) << run.err;
}

TEST_F(VerifyCommand, FlippedByteOfTheFirstRecordIsNamed) {
  folder_.Close();
  FlipPayloadByte(folder_.ledger_path(), 1);
  const CtomRun run = Verify();
  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_NE(run.err.find("position 1:"), std::string::npos) << run.err;
}

TEST_F(VerifyCommand, MatchingDigestTakenEarlierExitsZero) {
  const CtomRun run = Verify({"--digest", DigestAt(folder_.ledger(), 20)});
  EXPECT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(run.err, "");
  const eventstore::Head head = folder_.ledger().GetHead();
  const CtomRun at_head = Verify({"--digest=" + DigestAt(folder_.ledger(), head.position)});
  EXPECT_EQ(at_head.exit_code, 0) << at_head;
  // Hex digits in upper case name the same hash.
  std::string upper = std::to_string(head.position) + ":" + eventstore::ToHex(head.hash);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const CtomRun upper_case = Verify({"--digest", upper});
  EXPECT_EQ(upper_case.exit_code, 0) << upper_case;
  // The empty prefix of any ledger hashes to zeros.
  EXPECT_EQ(Verify({"--digest", "0:" + std::string(64, '0')}).exit_code, 0);
}

TEST_F(VerifyCommand, DigestOfARewrittenLedgerExitsOneNamingItsPosition) {
  // A ledger rewritten from its first record with a consistent chain verifies on its own; only
  // a digest taken before the rewrite tells.
  const HistoryBuilder history = SmallHistory();
  DataFolder rewritten;
  domain::Recorded first = history.history().front();
  first.occurred_at += 1;
  rewritten.Append(first);
  for (std::size_t i = 1; i < history.history().size(); ++i) rewritten.Append(history.history()[i]);
  const CtomRun intact = RunCtom({"verify", "--data", rewritten.data()});
  ASSERT_EQ(intact.exit_code, 0) << intact;
  const CtomRun run =
      RunCtom({"verify", "--data", rewritten.data(), "--digest", DigestAt(folder_.ledger(), 20)});
  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(Lines(run.err).size(), 1u) << run.err;
  EXPECT_NE(run.err.find("position 20"), std::string::npos) << run.err;
}

TEST_F(VerifyCommand, DigestWithAnotherHashExitsOne) {
  const CtomRun run = Verify({"--digest", "20:" + std::string(64, 'a')});
  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_EQ(Lines(run.err).size(), 1u) << run.err;
  EXPECT_NE(run.err.find("position 20"), std::string::npos) << run.err;
}

TEST_F(VerifyCommand, DigestBeyondTheHeadExitsOne) {
  const eventstore::Head head = folder_.ledger().GetHead();
  const CtomRun run =
      Verify({"--digest", std::to_string(head.position + 1) + ":" + eventstore::ToHex(head.hash)});
  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_EQ(Lines(run.err).size(), 1u) << run.err;
}

TEST_F(VerifyCommand, BadUsageExitsTwoWithOneLine) {
  for (const std::vector<std::string>& arguments : {
           std::vector<std::string>{"verify"},
           std::vector<std::string>{"verify", "--data"},
           std::vector<std::string>{"verify", "--data", folder_.data(), "--digest", "20"},
           std::vector<std::string>{"verify", "--data", folder_.data(), "--digest", "x:00"},
           std::vector<std::string>{"verify", "--data", folder_.data(), "--digest",
                                    "20:" + std::string(63, 'a')},
           std::vector<std::string>{"verify", "--data", folder_.data(), "--bogus"},
           std::vector<std::string>{"verify", "--data", folder_.data(), "extra"},
           std::vector<std::string>{"verify", "--data", folder_.data() + "/missing"},
       }) {
    const CtomRun run = RunCtom(arguments);
    EXPECT_EQ(run.exit_code, 2) << run;
    EXPECT_EQ(run.out, "");
    EXPECT_EQ(Lines(run.err).size(), 1u) << run.err;
  }
}

}  // namespace
}  // namespace ctom::cli::testing
