// Appending and reading: expected versions, validation, idempotency, paging, restart.
#include <gtest/gtest.h>

#include "eventstore/ledger.hpp"
#include "tests/eventstore/ledger_test_support.hpp"

namespace ctom::eventstore {
namespace {

using testing::MakeEvent;
using testing::MakeRequest;
using testing::OpenOrDie;
using testing::ReadEverything;
using testing::TempDir;
using testing::TestOptions;

TEST(LedgerEmpty, HeadIsZeroAndVerifies) {
  TempDir dir;
  auto ledger = OpenOrDie(TestOptions(dir.path()));
  EXPECT_EQ(ledger->GetHead().position, 0u);
  EXPECT_EQ(ledger->GetHead().hash, Hash{});
  auto report = ledger->Verify(0);
  ASSERT_TRUE(report.has_value());
  EXPECT_TRUE(report->ok);
  EXPECT_EQ(report->position, 0u);
  EXPECT_TRUE(ReadEverything(*ledger).empty());
  EXPECT_EQ(ledger->StreamVersion("nothing"), 0u);
}

TEST(LedgerAppend, AssignsDensePositionsVersionsAndChainsHashes) {
  TempDir dir;
  auto ledger = OpenOrDie(TestOptions(dir.path()));
  auto first = ledger->Append(MakeRequest("a", ExpectedVersion::NoStream(), 2));
  auto second = ledger->Append(MakeRequest("b", ExpectedVersion::Any(), 1));
  auto third = ledger->Append(MakeRequest("a", ExpectedVersion::Exact(2), 3));
  ASSERT_TRUE(first && second && third);
  EXPECT_EQ((std::tuple{first->first_position, first->last_position, first->stream_version}),
            (std::tuple{1u, 2u, 2u}));
  EXPECT_EQ((std::tuple{second->first_position, second->last_position, second->stream_version}),
            (std::tuple{3u, 3u, 1u}));
  EXPECT_EQ((std::tuple{third->first_position, third->last_position, third->stream_version}),
            (std::tuple{4u, 6u, 5u}));
  EXPECT_FALSE(first->replayed);

  auto all = ReadEverything(*ledger);
  ASSERT_EQ(all.size(), 6u);
  Hash previous{};
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].position, i + 1);
    EXPECT_EQ(all[i].previous_hash, previous);
    EXPECT_EQ(RecordHash(all[i]), all[i].hash);
    previous = all[i].hash;
  }
  EXPECT_EQ(all[4].stream, "a");
  EXPECT_EQ(all[4].stream_version, 4u);
  EXPECT_EQ(all[4].payload, "a#1");
  EXPECT_EQ(all[4].actor.role, "mentor");
  // One clock reading per batch, and the fake clock ticks per reading.
  EXPECT_LT(all[0].recorded_at_us, all[5].recorded_at_us);
  EXPECT_EQ(all[0].recorded_at_us, all[1].recorded_at_us);
  EXPECT_EQ(ledger->GetHead().position, 6u);
  EXPECT_EQ(ledger->GetHead().hash, all[5].hash);
  EXPECT_EQ(ledger->StreamVersion("a"), 5u);
  EXPECT_EQ(ledger->StreamVersion("b"), 1u);
}

struct ExpectedVersionCase {
  const char* name;
  ExpectedVersion expected;
  bool accepted;
};

// Given a stream at version 2 and another stream that does not exist.
TEST(LedgerAppend, ExpectedVersionRules) {
  const ExpectedVersionCase existing[] = {
      {"any", ExpectedVersion::Any(), true},
      {"exact current", ExpectedVersion::Exact(2), true},
      {"exact behind", ExpectedVersion::Exact(1), false},
      {"exact ahead", ExpectedVersion::Exact(3), false},
      {"no stream", ExpectedVersion::NoStream(), false},
  };
  const ExpectedVersionCase missing[] = {
      {"any", ExpectedVersion::Any(), true},
      {"exact 0", ExpectedVersion::Exact(0), true},
      {"exact 1", ExpectedVersion::Exact(1), false},
      {"no stream", ExpectedVersion::NoStream(), true},
  };
  auto check = [](const ExpectedVersionCase& c, std::uint64_t version, bool stream_exists) {
    TempDir dir;
    auto ledger = OpenOrDie(TestOptions(dir.path()));
    if (stream_exists) {
      ASSERT_TRUE(ledger->Append(MakeRequest("s", ExpectedVersion::Any(), 2)));
    }
    auto result = ledger->Append(MakeRequest("s", c.expected, 1));
    EXPECT_EQ(result.has_value(), c.accepted) << c.name;
    if (!c.accepted && !result) {
      EXPECT_EQ(result.error().code, ErrorCode::version_conflict) << c.name;
      EXPECT_EQ(result.error().actual_version, version) << c.name;
      EXPECT_EQ(ledger->GetHead().position, version) << c.name;
    }
  };
  for (const auto& c : existing) check(c, 2, true);
  for (const auto& c : missing) check(c, 0, false);
}

TEST(LedgerAppend, InvalidRequestsAreRefusedAndNothingIsAppended) {
  TempDir dir;
  auto ledger = OpenOrDie(TestOptions(dir.path()));
  std::vector<std::pair<const char*, AppendRequest>> cases;
  cases.emplace_back("empty stream", MakeRequest("", ExpectedVersion::Any(), 1));
  cases.emplace_back("no events", MakeRequest("s", ExpectedVersion::Any(), 0));
  cases.emplace_back("too many events",
                     MakeRequest("s", ExpectedVersion::Any(), kAppendEventsMax + 1));
  cases.emplace_back("stream id too long", MakeRequest(std::string(kStreamIdBytesMax + 1, 's'),
                                                       ExpectedVersion::Any(), 1));
  cases.emplace_back("key too long", MakeRequest("s", ExpectedVersion::Any(), 1,
                                                 std::string(kIdempotencyKeyBytesMax + 1, 'k')));
  AppendRequest big_payload = MakeRequest("s", ExpectedVersion::Any(), 1);
  big_payload.events[0].payload.assign(kPayloadBytesMax + 1, 'p');
  cases.emplace_back("payload too large", std::move(big_payload));
  AppendRequest no_type = MakeRequest("s", ExpectedVersion::Any(), 2);
  no_type.events[1].type.clear();
  cases.emplace_back("empty event type", std::move(no_type));
  AppendRequest long_field = MakeRequest("s", ExpectedVersion::Any(), 1);
  long_field.events[0].actor.role.assign(kEventFieldBytesMax + 1, 'r');
  cases.emplace_back("field too long", std::move(long_field));
  AppendRequest schema_zero = MakeRequest("s", ExpectedVersion::Any(), 1);
  schema_zero.events[0].schema_version = 0;
  cases.emplace_back("schema version 0", std::move(schema_zero));
  for (auto& [name, request] : cases) {
    auto result = ledger->Append(std::move(request));
    ASSERT_FALSE(result.has_value()) << name;
    EXPECT_EQ(result.error().code, ErrorCode::invalid_request) << name;
  }
  EXPECT_EQ(ledger->GetHead().position, 0u);
  EXPECT_EQ(ledger->StreamVersion("s"), 0u);
  // The limits themselves are accepted.
  EXPECT_TRUE(ledger->Append(MakeRequest("s", ExpectedVersion::Any(), kAppendEventsMax,
                                         std::string(kIdempotencyKeyBytesMax, 'k'))));
}

TEST(LedgerIdempotency, SameKeySameRequestReturnsOriginalResultAndWritesNothing) {
  TempDir dir;
  auto ledger = OpenOrDie(TestOptions(dir.path()));
  auto original = ledger->Append(MakeRequest("s", ExpectedVersion::NoStream(), 2, "key-1"));
  ASSERT_TRUE(original);
  ASSERT_TRUE(ledger->Append(MakeRequest("other", ExpectedVersion::Any(), 1)));
  const Head head = ledger->GetHead();
  // The retry's expected version no longer holds; the original result still comes back.
  auto retry = ledger->Append(MakeRequest("s", ExpectedVersion::NoStream(), 2, "key-1"));
  ASSERT_TRUE(retry.has_value()) << retry.error().detail;
  EXPECT_TRUE(retry->replayed);
  EXPECT_EQ(retry->first_position, original->first_position);
  EXPECT_EQ(retry->last_position, original->last_position);
  EXPECT_EQ(retry->stream_version, original->stream_version);
  EXPECT_EQ(ledger->GetHead().position, head.position);
  EXPECT_EQ(ledger->GetHead().hash, head.hash);
  EXPECT_EQ(ledger->GetGroupCommitStats().commands, 2u);
}

TEST(LedgerIdempotency, SameKeyAnotherRequestIsRefused) {
  TempDir dir;
  auto ledger = OpenOrDie(TestOptions(dir.path()));
  ASSERT_TRUE(ledger->Append(MakeRequest("s", ExpectedVersion::Any(), 1, "key-1")));
  auto other_stream = ledger->Append(MakeRequest("t", ExpectedVersion::Any(), 1, "key-1"));
  AppendRequest other_payload = MakeRequest("s", ExpectedVersion::Any(), 1, "key-1");
  other_payload.events[0].payload = "changed";
  auto changed = ledger->Append(std::move(other_payload));
  for (const auto& result : {other_stream, changed}) {
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code, ErrorCode::idempotency_key_reused);
  }
  EXPECT_EQ(ledger->GetHead().position, 1u);
}

TEST(LedgerIdempotency, CallerDigestDefinesTheSameRequest) {
  TempDir dir;
  auto ledger = OpenOrDie(TestOptions(dir.path()));
  AppendRequest request = MakeRequest("s", ExpectedVersion::Any(), 1, "key-1");
  request.request_digest = "command-digest";
  ASSERT_TRUE(ledger->Append(request));
  // Different events (e.g. a fresh event id and instant) but the same command: a replay.
  request.events[0] = MakeEvent("Tested", "regenerated");
  auto retry = ledger->Append(request);
  ASSERT_TRUE(retry.has_value());
  EXPECT_TRUE(retry->replayed);
  request.request_digest = "another-command";
  auto refused = ledger->Append(request);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::idempotency_key_reused);
}

TEST(LedgerIdempotency, CheckIdempotencyKeyAnswersWithoutAppending) {
  TempDir dir;
  auto ledger = OpenOrDie(TestOptions(dir.path()));
  const AppendRequest request = MakeRequest("s", ExpectedVersion::Any(), 2, "key-1");
  auto fresh = ledger->CheckIdempotencyKey(request);
  ASSERT_TRUE(fresh.has_value());
  EXPECT_FALSE(fresh->has_value());
  auto unkeyed = ledger->CheckIdempotencyKey(MakeRequest("s", ExpectedVersion::Any(), 1));
  ASSERT_TRUE(unkeyed.has_value());
  EXPECT_FALSE(unkeyed->has_value());

  auto original = ledger->Append(request);
  ASSERT_TRUE(original);
  auto same = ledger->CheckIdempotencyKey(request);
  ASSERT_TRUE(same.has_value() && same->has_value());
  EXPECT_TRUE((*same)->replayed);
  EXPECT_EQ((*same)->last_position, original->last_position);
  EXPECT_EQ((*same)->stream_version, original->stream_version);
  auto other = ledger->CheckIdempotencyKey(MakeRequest("t", ExpectedVersion::Any(), 2, "key-1"));
  ASSERT_FALSE(other.has_value());
  EXPECT_EQ(other.error().code, ErrorCode::idempotency_key_reused);
  EXPECT_EQ(ledger->GetHead().position, 2u);
}

TEST(LedgerIdempotency, KeysSurviveRestart) {
  TempDir dir;
  AppendResult original;
  {
    auto ledger = OpenOrDie(TestOptions(dir.path()));
    auto result = ledger->Append(MakeRequest("s", ExpectedVersion::Any(), 3, "key-1"));
    ASSERT_TRUE(result);
    original = *result;
  }
  auto ledger = OpenOrDie(TestOptions(dir.path()));
  auto retry = ledger->Append(MakeRequest("s", ExpectedVersion::Any(), 3, "key-1"));
  ASSERT_TRUE(retry.has_value());
  EXPECT_TRUE(retry->replayed);
  EXPECT_EQ(retry->last_position, original.last_position);
  EXPECT_EQ(ledger->GetHead().position, 3u);
}

TEST(LedgerRestart, KeepsPositionsStreamVersionsAndHeadHash) {
  TempDir dir;
  Head head;
  {
    auto ledger = OpenOrDie(TestOptions(dir.path()));
    for (int i = 0; i < 5; ++i) {
      ASSERT_TRUE(
          ledger->Append(MakeRequest("s" + std::to_string(i % 2), ExpectedVersion::Any(), i + 1)));
    }
    head = ledger->GetHead();
  }
  auto ledger = OpenOrDie(TestOptions(dir.path()));
  EXPECT_EQ(ledger->GetHead().position, head.position);
  EXPECT_EQ(ledger->GetHead().hash, head.hash);
  EXPECT_EQ(ledger->StreamVersion("s0"), 1u + 3u + 5u);
  EXPECT_EQ(ledger->StreamVersion("s1"), 2u + 4u);
  auto next = ledger->Append(MakeRequest("s1", ExpectedVersion::Exact(6), 1));
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->first_position, head.position + 1);
  auto report = ledger->Verify(0);
  ASSERT_TRUE(report.has_value());
  EXPECT_TRUE(report->ok);
  EXPECT_EQ(report->position, head.position + 1);
}

TEST(LedgerOpen, MissingLedgerWithoutCreateIsNotFound) {
  TempDir dir;
  OpenOptions options = TestOptions(dir.Sub("absent"));
  options.create_if_missing = false;
  auto ledger = Ledger::Open(options);
  ASSERT_FALSE(ledger.has_value());
  EXPECT_EQ(ledger.error().code, ErrorCode::not_found);
}

// A ledger of `total` events in one stream, written without syncs (the tests using it read).
std::unique_ptr<Ledger> OpenWithEvents(const TempDir& dir, std::size_t total) {
  OpenOptions options = TestOptions(dir.path());
  options.sync_writes = false;
  auto ledger = OpenOrDie(options);
  for (std::size_t appended = 0; appended < total;) {
    const std::size_t count = std::min(kAppendEventsMax, total - appended);
    EXPECT_TRUE(ledger->Append(MakeRequest("s", ExpectedVersion::Any(), count)));
    appended += count;
  }
  return ledger;
}

TEST(LedgerReadAll, PagingBounds) {
  TempDir dir;
  const std::size_t total = kReadPageEventsMax + 10;
  auto ledger = OpenWithEvents(dir, total);
  auto none = ledger->ReadAll(1, 0);
  ASSERT_TRUE(none.has_value());
  EXPECT_TRUE(none->empty());
  auto capped = ledger->ReadAll(1, kReadPageEventsMax * 2);
  ASSERT_TRUE(capped.has_value());
  EXPECT_EQ(capped->size(), kReadPageEventsMax);
  auto from_zero = ledger->ReadAll(0, 3);
  ASSERT_TRUE(from_zero.has_value());
  ASSERT_EQ(from_zero->size(), 3u);
  EXPECT_EQ(from_zero->front().position, 1u);
  auto tail = ledger->ReadAll(total - 2, 100);
  ASSERT_TRUE(tail.has_value());
  ASSERT_EQ(tail->size(), 3u);
  EXPECT_EQ(tail->back().position, total);
  auto past = ledger->ReadAll(total + 1, 100);
  ASSERT_TRUE(past.has_value());
  EXPECT_TRUE(past->empty());
  EXPECT_EQ(ReadEverything(*ledger).size(), total);
}

TEST(LedgerScanAll, VisitsTheSameRecordsAsReadAllInOrderWithinBoundsAndTheHead) {
  TempDir dir;
  auto ledger = OpenOrDie(TestOptions(dir.path()));
  ASSERT_TRUE(ledger->Append(MakeRequest("s", ExpectedVersion::Any(), 3)));
  ASSERT_TRUE(ledger->Append(MakeRequest("s-longer", ExpectedVersion::Any(), 2)));
  const std::vector<RecordedEvent> all = ReadEverything(*ledger);
  std::vector<std::uint64_t> positions;
  auto visited = ledger->ScanAll(0, UINT64_MAX, [&](const RecordedEventView& view) {
    const RecordedEvent& read = all.at(positions.size());
    EXPECT_EQ(view.position, read.position);
    EXPECT_EQ(view.stream, read.stream);
    EXPECT_EQ(view.stream_version, read.stream_version);
    EXPECT_EQ(view.type, read.type);
    EXPECT_EQ(view.schema_version, read.schema_version);
    EXPECT_EQ(view.occurred_at_us, read.occurred_at_us);
    EXPECT_EQ(view.recorded_at_us, read.recorded_at_us);
    EXPECT_EQ(view.actor_user_id, read.actor.user_id);
    EXPECT_EQ(view.actor_role, read.actor.role);
    EXPECT_EQ(view.payload, read.payload);
    positions.push_back(view.position);
    return true;
  });
  ASSERT_TRUE(visited.has_value());
  EXPECT_EQ(*visited, 5u);
  EXPECT_EQ(positions, (std::vector<std::uint64_t>{1, 2, 3, 4, 5}));

  positions.clear();
  auto bounded = ledger->ScanAll(2, 3, [&](const RecordedEventView& view) {
    positions.push_back(view.position);
    return true;
  });
  ASSERT_TRUE(bounded.has_value());
  EXPECT_EQ(positions, (std::vector<std::uint64_t>{2, 3}));

  auto past_head = ledger->ScanAll(6, UINT64_MAX, [](const RecordedEventView&) { return true; });
  ASSERT_TRUE(past_head.has_value());
  EXPECT_EQ(*past_head, 0u);
}

TEST(LedgerScanAll, ALongRangeHasNoGapsOrRepeats) {
  TempDir dir;
  const std::size_t total = kReadPageEventsMax + 10;
  auto ledger = OpenWithEvents(dir, total);
  std::uint64_t expected = 5;
  auto visited = ledger->ScanAll(5, UINT64_MAX, [&](const RecordedEventView& view) {
    EXPECT_EQ(view.position, expected);
    ++expected;
    return true;
  });
  ASSERT_TRUE(visited.has_value());
  EXPECT_EQ(*visited, total - 4);
  EXPECT_EQ(expected, total + 1);
  auto across = ledger->ScanAll(kReadPageEventsMax - 1, kReadPageEventsMax + 1,
                                [](const RecordedEventView&) { return true; });
  ASSERT_TRUE(across.has_value());
  EXPECT_EQ(*across, 3u);
}

TEST(LedgerScanAll, StopsWithoutErrorWhenTheVisitorSaysSo) {
  TempDir dir;
  auto ledger = OpenOrDie(TestOptions(dir.path()));
  ASSERT_TRUE(ledger->Append(MakeRequest("s", ExpectedVersion::Any(), 4)));
  auto visited = ledger->ScanAll(1, UINT64_MAX,
                                 [](const RecordedEventView& view) { return view.position < 2; });
  ASSERT_TRUE(visited.has_value());
  EXPECT_EQ(*visited, 2u);
}

TEST(LedgerReadStream, PagesOneStreamInVersionOrder) {
  TempDir dir;
  auto ledger = OpenOrDie(TestOptions(dir.path()));
  ASSERT_TRUE(ledger->Append(MakeRequest("s", ExpectedVersion::Any(), 3)));
  ASSERT_TRUE(ledger->Append(MakeRequest("s-longer", ExpectedVersion::Any(), 2)));
  ASSERT_TRUE(ledger->Append(MakeRequest("s", ExpectedVersion::Any(), 2)));
  auto page = ledger->ReadStream("s", 2, 3);
  ASSERT_TRUE(page.has_value());
  ASSERT_EQ(page->size(), 3u);
  EXPECT_EQ((*page)[0].stream_version, 2u);
  EXPECT_EQ((*page)[2].stream_version, 4u);
  EXPECT_EQ((*page)[2].position, 6u);
  auto from_zero = ledger->ReadStream("s", 0, 100);
  ASSERT_TRUE(from_zero.has_value());
  EXPECT_EQ(from_zero->size(), 5u);
  for (const auto& event : *from_zero) EXPECT_EQ(event.stream, "s");
  auto past = ledger->ReadStream("s", 6, 100);
  ASSERT_TRUE(past.has_value());
  EXPECT_TRUE(past->empty());
  auto none = ledger->ReadStream("s", 1, 0);
  ASSERT_TRUE(none.has_value());
  EXPECT_TRUE(none->empty());
  auto missing = ledger->ReadStream("absent", 1, 10);
  ASSERT_TRUE(missing.has_value());
  EXPECT_TRUE(missing->empty());
}

TEST(LedgerPositionOf, FindsStreamVersionsOnly) {
  TempDir dir;
  auto ledger = OpenOrDie(TestOptions(dir.path()));
  ASSERT_TRUE(ledger->Append(MakeRequest("a", ExpectedVersion::Any(), 1)));
  ASSERT_TRUE(ledger->Append(MakeRequest("b", ExpectedVersion::Any(), 2)));
  EXPECT_EQ(ledger->PositionOf("b", 2), 3u);
  EXPECT_EQ(ledger->PositionOf("a", 1), 1u);
  for (auto result : {ledger->PositionOf("a", 2), ledger->PositionOf("c", 1)}) {
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code, ErrorCode::not_found);
  }
}

TEST(LedgerVerify, StopsAtTheRequestedPosition) {
  TempDir dir;
  auto ledger = OpenOrDie(TestOptions(dir.path()));
  ASSERT_TRUE(ledger->Append(MakeRequest("a", ExpectedVersion::Any(), 4)));
  auto all = ReadEverything(*ledger);
  auto report = ledger->Verify(2);
  ASSERT_TRUE(report.has_value());
  EXPECT_TRUE(report->ok);
  EXPECT_EQ(report->position, 2u);
  EXPECT_EQ(report->hash, all[1].hash);
  auto beyond = ledger->Verify(100);
  ASSERT_TRUE(beyond.has_value());
  EXPECT_EQ(beyond->position, 4u);
}

}  // namespace
}  // namespace ctom::eventstore
