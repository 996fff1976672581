// The CEU transcript: CEUs placed in the cycle they fall in (or in none, said why), the annual
// documentation of each cycle's years, and totals against the rule set in force.
#include "projections/transcript.hpp"

#include <gtest/gtest.h>

#include "domain/time.hpp"
#include "tests/support/program_history.hpp"

namespace ctom::projections {
namespace {

using namespace domain;
using testing::At;
using testing::On;

// A 2018 graduate certified at commencement, 2018-11-12 (the cycle runs to 2021-11-12).
testing::HistoryBuilder Graduate() {
  testing::HistoryBuilder b;
  const CohortOpened cohort = testing::SeedsCohort(2018);
  b.Do(On("", cohort), At("2017-08-01T12:00:00Z"));
  const auto mentors = testing::AddMentors(b, 1, At("2017-09-01T12:00:00Z"));
  testing::WalkCandidate(b,
                         {"c1", 2018, Employer{"District", "district", ""},
                          testing::CandidatePlan::Path::certified, false},
                         mentors, At("2019-01-01T00:00:00Z"));
  return b;
}

TEST(Transcript, PlacesEachCeuInItsCycleAndTotalsItAgainstTheRulesInForce) {
  testing::HistoryBuilder b = Graduate();
  b.Do(On("c1",
          CeuRecorded{"Summit", "CETPA", DateOf(At("2019-04-01T12:00:00Z")), 350, "sha256:resume"}),
       At("2019-04-02T12:00:00Z"), "candidate");
  b.Do(On("c1", AnnualDocumentationSubmitted{2019, ""}), At("2019-04-02T12:00:00Z"), "candidate");
  // A CEU completed before certification counts in no cycle, and says so.
  b.Do(On("c1", CeuRecorded{"Early course", "CUE", DateOf(At("2018-06-01T12:00:00Z")), 1000, ""}),
       At("2019-04-02T12:00:00Z"), "candidate");
  // Version 2, in force from 2019-05-01, asks for 3.00 CEUs a cycle.
  RuleParameters lighter;
  lighter.min_ceus_per_cycle_hundredths = 300;
  b.Do(On("", RuleSetPublished{0, At("2019-05-01T00:00:00Z"), lighter}), At("2019-04-20T12:00:00Z"),
       "admin");
  const Candidate& c = *b.program().FindCandidate("c1");
  const Transcript transcript = BuildTranscript(c, b.program().rules, At("2019-06-01T12:00:00Z"));
  ASSERT_EQ(transcript.cycles.size(), 1u);
  const TranscriptCycle& cycle = transcript.cycles[0];
  EXPECT_EQ(cycle.number, 1);
  EXPECT_EQ(FormatDate(cycle.from), "2018-11-12");
  EXPECT_EQ(FormatDate(cycle.until), "2021-11-12");
  EXPECT_TRUE(cycle.current);
  ASSERT_EQ(cycle.ceus.size(), 1u);
  EXPECT_EQ(cycle.ceus[0]->activity, "Summit");
  EXPECT_EQ(cycle.ceus[0]->document, "sha256:resume");
  EXPECT_EQ(cycle.ceus_thousandths, 350);  // 3.5 contact hours = 0.35 CEU
  EXPECT_EQ(cycle.rule_set_version, 2);
  EXPECT_EQ(cycle.ceus_needed_thousandths, 3000);
  EXPECT_FALSE(cycle.CeusMet());
  ASSERT_EQ(cycle.annual_documentation.size(), 3u);
  EXPECT_EQ(cycle.annual_documentation[0].year, 2019);
  EXPECT_TRUE(cycle.annual_documentation[0].position.has_value());
  EXPECT_FALSE(cycle.annual_documentation[1].position.has_value());
  EXPECT_FALSE(cycle.AnnualDocumentationMet());
  ASSERT_EQ(transcript.not_in_any_cycle.size(), 1u);
  EXPECT_EQ(transcript.not_in_any_cycle[0].ceu->activity, "Early course");
  EXPECT_EQ(transcript.not_in_any_cycle[0].where,
            "nowhere: completed before certification on 2018-11-12");
}

TEST(Transcript, APastCycleIsJudgedByTheRulesInForceWhenItEnded) {
  testing::HistoryBuilder b = Graduate();
  for (std::int64_t year : {2019, 2020, 2021}) {
    b.Do(On("c1", AnnualDocumentationSubmitted{year, ""}),
         At(std::to_string(year) + "-02-01T12:00:00Z"), "candidate");
  }
  b.Do(On("c1", CeuRecorded{"Institute", "ACSA", DateOf(At("2021-06-01T12:00:00Z")), 6000, ""}),
       At("2021-06-02T12:00:00Z"), "candidate");
  b.Do(domain::Command{"c1", Recertify{}}, At("2021-09-01T12:00:00Z"));
  RuleParameters stricter;
  stricter.min_ceus_per_cycle_hundredths = 900;
  b.Do(On("", RuleSetPublished{0, At("2022-01-01T00:00:00Z"), stricter}),
       At("2021-12-01T12:00:00Z"), "admin");
  const Candidate& c = *b.program().FindCandidate("c1");
  const Transcript transcript = BuildTranscript(c, b.program().rules, At("2022-06-01T12:00:00Z"));
  ASSERT_EQ(transcript.cycles.size(), 2u);
  const TranscriptCycle& first = transcript.cycles[0];
  EXPECT_FALSE(first.current);
  EXPECT_EQ(first.rule_set_version, 1);
  EXPECT_TRUE(first.CeusMet());
  EXPECT_TRUE(first.AnnualDocumentationMet());
  const TranscriptCycle& second = transcript.cycles[1];
  EXPECT_TRUE(second.current);
  EXPECT_EQ(FormatDate(second.from), "2021-11-12");
  EXPECT_EQ(FormatDate(second.until), "2024-11-12");
  EXPECT_EQ(second.rule_set_version, 2);
  EXPECT_EQ(second.ceus_needed_thousandths, 9000);
  EXPECT_TRUE(second.ceus.empty());
}

}  // namespace
}  // namespace ctom::projections
