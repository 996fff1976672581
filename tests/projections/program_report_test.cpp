// The program report reproduces the seeds' slide from a history built to match it.
#include "projections/program_report.hpp"

#include <gtest/gtest.h>

#include "tests/support/program_history.hpp"

namespace ctom::projections {
namespace {

using testing::At;

const domain::Program& Slide() {
  static const testing::HistoryBuilder history = testing::SlideHistory();
  return history.program();
}

TEST(ProgramReport, ReproducesTheSeedsSlideOf2012) {
  const ProgramReport report = BuildReport(Slide(), At(testing::kSlideInstant), Slide().rules);
  EXPECT_EQ(report.program.enrolled, 121);
  EXPECT_EQ(report.program.completed, 97);
  EXPECT_EQ(report.program.currently_enrolled, 21);
  EXPECT_EQ(report.program.certified, 92);
  EXPECT_EQ(report.program.promoted, 12);
  EXPECT_EQ(report.program.districts, 93);
  EXPECT_EQ(report.program.county_offices, 19);
  EXPECT_EQ(report.program.dropped, 3);
}

TEST(ProgramReport, CountsEachCohortOnItsOwn) {
  const ProgramReport report = BuildReport(Slide(), At(testing::kSlideInstant), Slide().rules);
  ASSERT_EQ(report.cohorts.size(), 6u);
  EXPECT_EQ(report.cohorts.at(2007).enrolled, 20);
  EXPECT_EQ(report.cohorts.at(2007).dropped, 1);
  EXPECT_EQ(report.cohorts.at(2011).dropped, 0);
  EXPECT_EQ(report.cohorts.at(2012).currently_enrolled, 21);
  EXPECT_EQ(report.cohorts.at(2012).completed, 0);
  std::int64_t certified = 0;
  for (const auto& [year, counts] : report.cohorts) certified += counts.certified;
  EXPECT_EQ(certified, 92);
}

TEST(ProgramReport, RegistryJudgesCertificatesAtTheReportInstant) {
  // 2007's certificates (issued 2007-11-12, three-year cycle) lapsed in November 2010; 2009's
  // are due inside 90 days of 2012-11-12 only from mid-August 2012.
  const ProgramReport at_slide = BuildReport(Slide(), At(testing::kSlideInstant), Slide().rules);
  EXPECT_EQ(at_slide.cohorts.at(2007).certificates_lapsed, at_slide.cohorts.at(2007).certified);
  EXPECT_EQ(at_slide.cohorts.at(2009).certificates_active, at_slide.cohorts.at(2009).certified);
  const ProgramReport in_september =
      BuildReport(Slide(), At("2012-09-01T00:00:00Z"), Slide().rules);
  EXPECT_EQ(in_september.cohorts.at(2009).certificates_due,
            in_september.cohorts.at(2009).certified);
}

TEST(ProgramReport, EmployersMatchByCdsCodeElseByTrimmedCaseInsensitiveName) {
  EXPECT_EQ(domain::NormalizedName("  DISTRICT 4 UNIFIED "),
            domain::NormalizedName("District 4 Unified"));
  const ProgramReport report = BuildReport(Slide(), At(testing::kSlideInstant), Slide().rules);
  // 121 enrolled candidates, nine of whom share an employer with someone else.
  EXPECT_EQ(report.program.districts + report.program.county_offices, 112);
}

}  // namespace
}  // namespace ctom::projections
