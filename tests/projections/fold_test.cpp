// The fold of the whole log in one scan: progress lines end at the head, and a payload that does
// not decode stops the fold and names its position.
#include "projections/fold.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "domain/event_codec.hpp"
#include "tests/support/history_append.hpp"
#include "tests/support/program_history.hpp"

namespace ctom::projections {
namespace {

std::unique_ptr<eventstore::Ledger> OpenScratchLedger(const testing::ScratchFolder& folder) {
  eventstore::OpenOptions options;
  options.path = folder.path() + "/data";
  options.sync_writes = false;  // these tests fold; durability is the ledger tests' business
  return std::move(*eventstore::Ledger::Open(options));
}

void AppendPayload(eventstore::Ledger& ledger, std::string type, std::string payload) {
  eventstore::AppendRequest request;
  request.stream = "program";
  eventstore::NewEvent event;
  event.type = std::move(type);
  event.actor = {"u-admin", "admin"};
  event.payload = std::move(payload);
  request.events.push_back(std::move(event));
  ASSERT_TRUE(ledger.Append(std::move(request)).has_value());
}

void AppendHistory(eventstore::Ledger& ledger, const testing::HistoryBuilder& history) {
  for (const domain::Recorded& recorded : history.history()) {
    ASSERT_TRUE(ledger.Append(testing::AppendRequestOf(recorded)).has_value());
  }
}

TEST(FoldLog, ProgressIsReportedEveryPageAndLastAtTheHead) {
  testing::ScratchFolder folder;
  auto ledger = OpenScratchLedger(folder);
  testing::HistoryBuilder history;
  testing::GenerateHistory(history, eventstore::kReadPageEventsMax + 500);
  AppendHistory(*ledger, history);
  const std::uint64_t head = ledger->GetHead().position;
  ASSERT_GT(head, eventstore::kReadPageEventsMax);
  std::vector<std::uint64_t> reported;
  auto program = FoldLog(*ledger, projections::Unsealer::NoKeys(), Bounds{},
                         [&](std::uint64_t p) { reported.push_back(p); });
  ASSERT_TRUE(program.has_value()) << program.error();
  EXPECT_EQ(program->position, head);
  ASSERT_FALSE(reported.empty());
  EXPECT_EQ(reported.front(), eventstore::kReadPageEventsMax);
  EXPECT_EQ(reported.back(), head);
  EXPECT_TRUE(std::ranges::is_sorted(reported, std::ranges::less_equal{}) &&
              std::ranges::adjacent_find(reported) == reported.end())
      << "each position is reported once, in order";
}

TEST(FoldLog, ALogEndingOnAPageBoundaryReportsItsLastPositionOnce) {
  testing::ScratchFolder folder;
  auto ledger = OpenScratchLedger(folder);
  for (std::size_t i = 0; i < eventstore::kReadPageEventsMax; ++i) {
    AppendPayload(*ledger, std::string(domain::UserRevoked::kType),
                  domain::Encode(domain::UserRevoked{"u-" + std::to_string(i)}).payload);
  }
  std::vector<std::uint64_t> reported;
  auto program = FoldLog(*ledger, projections::Unsealer::NoKeys(), Bounds{},
                         [&](std::uint64_t p) { reported.push_back(p); });
  ASSERT_TRUE(program.has_value()) << program.error();
  EXPECT_EQ(reported, std::vector<std::uint64_t>{eventstore::kReadPageEventsMax});
}

TEST(FoldLog, APayloadThatDoesNotDecodeStopsTheFoldNamingItsPosition) {
  testing::ScratchFolder folder;
  auto ledger = OpenScratchLedger(folder);
  testing::HistoryBuilder history;
  testing::GenerateHistory(history, 50);
  AppendHistory(*ledger, history);
  AppendPayload(*ledger, std::string(domain::UserRevoked::kType), "\x01\x02 not cereal");
  const std::uint64_t bad = ledger->GetHead().position;
  auto program = FoldLog(*ledger, projections::Unsealer::NoKeys(), Bounds{});
  ASSERT_FALSE(program.has_value());
  EXPECT_NE(program.error().find("position " + std::to_string(bad)), std::string::npos)
      << program.error();
}

TEST(FoldLog, AnEmptyLogFoldsToTheEmptyProgram) {
  testing::ScratchFolder folder;
  auto ledger = OpenScratchLedger(folder);
  bool reported = false;
  auto program = FoldLog(*ledger, projections::Unsealer::NoKeys(), Bounds{},
                         [&](std::uint64_t) { reported = true; });
  ASSERT_TRUE(program.has_value());
  EXPECT_EQ(program->position, 0u);
  EXPECT_TRUE(program->candidates.empty());
  EXPECT_FALSE(reported);
}

}  // namespace
}  // namespace ctom::projections
