// What-if under a draft rule set: which candidates' outcomes change, before and after, with
// nothing published and no granted certificate revoked.
#include "projections/what_if.hpp"

#include <gtest/gtest.h>

#include "tests/support/program_history.hpp"

namespace ctom::projections {
namespace {

using namespace domain;
using testing::At;
using testing::On;

// The slide's history plus one 2011 graduate ("c80") who logged 7.0 CEUs and documented 2012-2014.
testing::HistoryBuilder GraduateWithSevenCeus() {
  testing::HistoryBuilder b = testing::SlideHistory();
  for (int month = 1; month <= 7; ++month) {
    const Instant at = At("2012-0" + std::to_string(month) + "-10T12:00:00Z");
    b.Do(On("c80", CeuRecorded{"Workshop", "CETPA", DateOf(at), 1000, ""}), at, "candidate");
  }
  for (int year = 2012; year <= 2014; ++year) {
    b.Do(On("c80", AnnualDocumentationSubmitted{year, ""}),
         At(std::to_string(year) + "-03-01T00:00:00Z"), "candidate");
  }
  return b;
}

TEST(WhatIf, RaisingMinimumCeusShowsRecertificationNoLongerMet) {
  const testing::HistoryBuilder b = GraduateWithSevenCeus();
  RuleParameters draft = b.program().rules.Latest().parameters;
  draft.min_ceus_per_cycle_hundredths = 800;
  const Instant at = At("2014-09-01T00:00:00Z");
  const WhatIfResult result = WhatIf(b.program(), draft, At("2014-01-01T00:00:00Z"), at);
  bool found = false;
  for (const OutcomeChange& change : result.changed) {
    if (change.candidate == "c80" && change.what == "recertification") {
      found = true;
      EXPECT_EQ(change.before, "met");
      EXPECT_EQ(change.after, "unmet: ceus");
    }
  }
  EXPECT_TRUE(found);
  // Certificates are facts: the certified count does not move.
  EXPECT_EQ(result.report_before.program.certified, result.report_after.program.certified);
}

TEST(WhatIf, DraftTakingEffectLaterChangesNothingNow) {
  const testing::HistoryBuilder b = GraduateWithSevenCeus();
  RuleParameters draft = b.program().rules.Latest().parameters;
  draft.min_ceus_per_cycle_hundredths = 800;
  const WhatIfResult result =
      WhatIf(b.program(), draft, At("2015-01-01T00:00:00Z"), At("2014-09-01T00:00:00Z"));
  for (const OutcomeChange& change : result.changed) {
    EXPECT_NE(change.what, "recertification") << change.candidate;
  }
}

TEST(WhatIf, StricterMeetingRuleShowsGrantedCertificationAsChangedNotRevoked) {
  testing::HistoryBuilder b = testing::SlideHistory();
  RuleParameters draft = b.program().rules.Latest().parameters;
  draft.min_portfolio_reviews = 3;  // every graduate had two
  // Judged at decision time: a draft effective before 2007 applies to every decision.
  const WhatIfResult result =
      WhatIf(b.program(), draft, At("2000-01-01T00:00:00Z"), At(testing::kSlideInstant));
  int certification_changes = 0;
  for (const OutcomeChange& change : result.changed) {
    if (change.what == "certification") ++certification_changes;
  }
  EXPECT_GE(certification_changes, 92);
  EXPECT_EQ(result.report_after.program.certified, 92);
  EXPECT_EQ(b.program().rules.All().size(), 1u);  // nothing published
}

}  // namespace
}  // namespace ctom::projections
