// The group-commit planner on its own: a refused group leaves the plan exactly as it was before
// the group, for the commands planned after it.
#include "eventstore/batch_plan.hpp"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "eventstore/append_request.hpp"
#include "eventstore/record_codec.hpp"
#include "tests/eventstore/ledger_test_support.hpp"

namespace ctom::eventstore {
namespace {

using testing::MakeRequest;

std::unique_ptr<PendingAppend> Pending(AppendRequest request, std::size_t group_members = 0) {
  auto command = std::make_unique<PendingAppend>();
  if (!request.idempotency_key.empty()) command->digest = AppendRequestDigest(request);
  command->payload_bytes = AppendPayloadBytes(request);
  command->request = std::move(request);
  command->group_members = group_members;
  return command;
}

TEST(BatchPlan, ARefusedGroupLeavesNoRecordVersionKeyOrHashForTheCommandsAfterIt) {
  std::vector<std::unique_ptr<PendingAppend>> commands;
  commands.push_back(Pending(MakeRequest("x", ExpectedVersion::NoStream(), 1)));
  // The group: its first member is accepted on its own (x goes to 3, key-x is taken), then the
  // second is refused, which must undo the first.
  commands.push_back(Pending(MakeRequest("x", ExpectedVersion::Exact(1), 2, "key-x"), 2));
  commands.push_back(Pending(MakeRequest("a", ExpectedVersion::Exact(7), 1)));
  AppendRequest other_request = MakeRequest("x", ExpectedVersion::Exact(1), 1, "key-x");
  other_request.events[0].payload = "another request";
  commands.push_back(Pending(std::move(other_request)));
  commands.push_back(Pending(MakeRequest("a", ExpectedVersion::NoStream(), 1)));

  const PlanContext context{
      .head = Head{},
      .recorded_at_us = 1,
      .committed_version = [](std::string_view) { return std::uint64_t{0}; },
      .find_idempotency =
          [](std::string_view) { return Result<std::optional<IdempotencyEntry>>(std::nullopt); },
  };
  Sha256Hasher hasher;
  BatchPlan plan = PlanBatch(commands, context, hasher);

  ASSERT_EQ(plan.outcomes.size(), 5u);
  ASSERT_TRUE(plan.outcomes[0].has_value());
  for (std::size_t member : {1, 2}) {
    ASSERT_FALSE(plan.outcomes[member].has_value()) << member;
    EXPECT_EQ(plan.outcomes[member].error().code, ErrorCode::version_conflict);
    EXPECT_NE(plan.outcomes[member].error().detail.find("group member 1"), std::string::npos);
  }
  // x is back at 1 (not 3, not gone), key-x is free, and positions go on from 1.
  ASSERT_TRUE(plan.outcomes[3].has_value()) << plan.outcomes[3].error().detail;
  EXPECT_EQ(plan.outcomes[3]->first_position, 2u);
  EXPECT_EQ(plan.outcomes[3]->stream_version, 2u);
  ASSERT_TRUE(plan.outcomes[4].has_value()) << plan.outcomes[4].error().detail;
  EXPECT_EQ(plan.outcomes[4]->first_position, 3u);

  ASSERT_EQ(plan.records.size(), 3u);
  Hash previous{};
  for (std::size_t i = 0; i < plan.records.size(); ++i) {
    auto record = DecodeRecord(plan.records[i].value);
    ASSERT_TRUE(record.has_value());
    EXPECT_EQ(record->position, i + 1);
    EXPECT_EQ(record->previous_hash, previous) << "the chain continues from the record before";
    EXPECT_EQ(RecordHash(*record), record->hash);
    previous = record->hash;
  }
  EXPECT_EQ(plan.head.position, 3u);
  EXPECT_EQ(plan.head.hash, previous);
  const std::map<std::string_view, std::uint64_t> versions(plan.stream_versions.begin(),
                                                           plan.stream_versions.end());
  EXPECT_EQ(versions, (std::map<std::string_view, std::uint64_t>{{"a", 1}, {"x", 2}}));
  ASSERT_EQ(plan.idempotency_entries.size(), 1u);
  EXPECT_EQ(plan.idempotency_entries[0].first, "key-x");
  EXPECT_EQ(plan.idempotency_entries[0].second.request_digest, commands[3]->digest);
}

}  // namespace
}  // namespace ctom::eventstore
