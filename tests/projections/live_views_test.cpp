// Folding a real ledger: incremental catch-up equals a rebuild, and every bitemporal bound
// (as_of, known_at, position) gives the state the history had then.
#include "projections/live_views.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "projections/fold.hpp"
#include "projections/program_report.hpp"
#include "tests/support/history_append.hpp"
#include "tests/support/program_history.hpp"

namespace ctom::projections {
namespace {

using testing::At;

// A deterministic rendering of what views show, to compare two folds.
std::string Fingerprint(const domain::Program& p) {
  std::ostringstream out;
  out << "position " << p.position << "\n";
  for (const auto& [id, c] : p.candidates) {
    out << id << " " << c.status << " v" << c.version << " m" << c.mentor_id << " paid"
        << c.paid_cents << " att" << c.attendance.size() << " asg" << c.assignments.size()
        << " cert" << c.certification.state << c.certification.certificate
        << c.certification.expires_on.days << " ceu" << c.ceus.size() << " promo"
        << c.promotions.size() << "\n";
  }
  for (const auto& [year, cohort] : p.cohorts) {
    out << "cohort " << year << " v" << cohort.version << " n" << cohort.candidate_ids.size()
        << "\n";
  }
  for (const auto& [id, m] : p.mentors)
    out << "mentor " << id << " " << m.approval << m.mentee_ids.size() << "\n";
  return out.str();
}

// Appends a built history to a real ledger, one command per event, with recorded_at from a
// clock that follows each event's occurred_at (an import of earlier years).
struct LedgerWithHistory {
  testing::ScratchFolder folder;
  std::int64_t now = 0;
  std::unique_ptr<eventstore::Ledger> ledger;

  explicit LedgerWithHistory(const testing::HistoryBuilder& history) {
    eventstore::OpenOptions options;
    options.path = folder.path() + "/data";
    options.clock = [this] { return now; };
    options.sync_writes = false;  // durability is the ledger tests' business; these fold
    ledger = std::move(*eventstore::Ledger::Open(options));
    for (const domain::Recorded& recorded : history.history()) Append(recorded);
  }

  void Append(const domain::Recorded& recorded) {
    now = std::max(now, recorded.occurred_at);
    ASSERT_TRUE(ledger->Append(testing::AppendRequestOf(recorded)).has_value());
  }
};

const testing::HistoryBuilder& Slide() {
  static const testing::HistoryBuilder history = testing::SlideHistory();
  return history;
}

TEST(LiveViews, CatchingUpEventByEventEqualsOneRebuild) {
  testing::ScratchFolder folder;
  eventstore::OpenOptions options;
  options.path = folder.path() + "/data";
  options.sync_writes = false;
  auto ledger = std::move(*eventstore::Ledger::Open(options));
  LiveViews incremental(*ledger, projections::Unsealer::NoKeys());
  for (const domain::Recorded& recorded : Slide().history()) {
    ASSERT_TRUE(ledger->Append(testing::AppendRequestOf(recorded)).has_value());
    ASSERT_TRUE(incremental.CatchUp().has_value());
  }
  LiveViews rebuilt(*ledger, projections::Unsealer::NoKeys());
  auto report = rebuilt.Rebuild();
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->events, Slide().history().size());
  const std::string a = incremental.Read([](const domain::Program& p) { return Fingerprint(p); });
  const std::string b = rebuilt.Read([](const domain::Program& p) { return Fingerprint(p); });
  EXPECT_EQ(a, b);
  EXPECT_EQ(a, Fingerprint(Slide().program()));
}

TEST(LiveViews, CatchingUpATailLongerThanAPageEqualsOneRebuild) {
  testing::HistoryBuilder history;
  testing::GenerateHistory(history, eventstore::kReadPageEventsMax + 500);
  LedgerWithHistory built(history);
  LiveViews caught_up(*built.ledger, projections::Unsealer::NoKeys());
  auto folded = caught_up.CatchUp();
  ASSERT_TRUE(folded.has_value()) << folded.error();
  EXPECT_EQ(*folded, built.ledger->GetHead().position);
  LiveViews rebuilt(*built.ledger, projections::Unsealer::NoKeys());
  ASSERT_TRUE(rebuilt.Rebuild().has_value());
  EXPECT_EQ(caught_up.Read([](const domain::Program& p) { return Fingerprint(p); }),
            rebuilt.Read([](const domain::Program& p) { return Fingerprint(p); }));
  auto nothing_new = caught_up.CatchUp();
  ASSERT_TRUE(nothing_new.has_value());
  EXPECT_EQ(*nothing_new, 0u);
}

TEST(LiveViews, EveryRebuildIsCountedSoStateDerivedFromTheOldOneCanTellItIsGone) {
  testing::HistoryBuilder history;
  testing::GenerateHistory(history, 50);
  LedgerWithHistory built(history);
  LiveViews views(*built.ledger, projections::Unsealer::NoKeys());
  ASSERT_TRUE(views.CatchUp().has_value());
  EXPECT_EQ(views.Rebuilds(), 0u);
  const std::uint64_t position = views.Position();
  ASSERT_TRUE(views.Rebuild().has_value());
  ASSERT_TRUE(views.Rebuild().has_value());
  EXPECT_EQ(views.Rebuilds(), 2u);
  EXPECT_EQ(views.Position(), position);  // the same position: the count tells the states apart
}

TEST(Bounds, PositionKeepsTheLogPrefix) {
  LedgerWithHistory store(Slide());
  const std::uint64_t half = Slide().history().size() / 2;
  auto bounded = FoldLog(*store.ledger, projections::Unsealer::NoKeys(),
                         Bounds{std::nullopt, std::nullopt, half});
  ASSERT_TRUE(bounded.has_value());
  domain::Program expected;
  for (std::uint64_t i = 0; i < half; ++i) domain::Evolve(expected, Slide().history()[i]);
  EXPECT_EQ(Fingerprint(*bounded), Fingerprint(expected));
}

TEST(Bounds, AsOfKeepsEventsThatHadHappenedByThen) {
  LedgerWithHistory store(Slide());
  const domain::Instant as_of = At("2009-06-01T00:00:00Z");
  auto bounded = FoldLog(*store.ledger, projections::Unsealer::NoKeys(),
                         Bounds{as_of, std::nullopt, std::nullopt});
  ASSERT_TRUE(bounded.has_value());
  domain::Program expected;
  for (const domain::Recorded& r : Slide().history()) {
    if (r.occurred_at <= as_of) domain::Evolve(expected, r);
  }
  // The view has read the whole log: its position is the head, whatever the bound left out.
  EXPECT_EQ(bounded->position, Slide().history().size());
  expected.position = bounded->position;
  EXPECT_EQ(Fingerprint(*bounded), Fingerprint(expected));
  const ProgramReport report = BuildReport(*bounded, as_of, bounded->rules);
  EXPECT_EQ(report.cohorts.at(2009).currently_enrolled, 19);  // one was dropped in February
  EXPECT_EQ(report.cohorts.at(2009).dropped, 1);
  EXPECT_EQ(report.cohorts.at(2008).certified, 18);
  EXPECT_FALSE(report.cohorts.contains(2010));  // opened in August 2009
}

TEST(Bounds, KnownAtKeepsOnlyWhatWasRecordedByThen) {
  LedgerWithHistory store(Slide());
  // Recorded instants follow the history's occurred_at high-water mark, so a known_at bound is a
  // prefix of the log: everything appended once the clock had passed it is left out.
  const domain::Instant known_at = At("2008-01-01T00:00:00Z");
  auto bounded = FoldLog(*store.ledger, projections::Unsealer::NoKeys(),
                         Bounds{std::nullopt, known_at, std::nullopt});
  ASSERT_TRUE(bounded.has_value());
  domain::Program expected;
  domain::Instant high_water = 0;
  for (const domain::Recorded& r : Slide().history()) {
    high_water = std::max(high_water, r.occurred_at);
    if (high_water <= known_at) domain::Evolve(expected, r);
  }
  expected.position = bounded->position;
  EXPECT_EQ(Fingerprint(*bounded), Fingerprint(expected));
}

TEST(Bounds, OneCandidateFoldedFromItsStreamsEqualsTheWholeLogFold) {
  LedgerWithHistory store(Slide());
  const domain::Candidate& c = *Slide().program().FindCandidate("c40");
  const Bounds bounds{At("2009-03-01T00:00:00Z"), std::nullopt, std::nullopt};
  auto from_streams =
      FoldStreams(*store.ledger, projections::Unsealer::NoKeys(), CandidateStreams(c), bounds);
  auto from_log = FoldLog(*store.ledger, projections::Unsealer::NoKeys(), bounds);
  ASSERT_TRUE(from_streams.has_value() && from_log.has_value());
  const domain::Candidate* a = from_streams->FindCandidate("c40");
  const domain::Candidate* b = from_log->FindCandidate("c40");
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(a->status, b->status);
  EXPECT_EQ(a->version, b->version);
  EXPECT_EQ(a->attendance.size(), b->attendance.size());
  EXPECT_EQ(a->paid_cents, b->paid_cents);
}

}  // namespace
}  // namespace ctom::projections
