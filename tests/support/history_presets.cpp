// The canned histories: the seeds' slide of 2012 and large generated ledgers.
#include <cstdio>

#include "domain/requirements.hpp"
#include "domain/time.hpp"
#include "tests/support/program_history.hpp"

namespace ctom::testing {
using namespace domain;

namespace {

constexpr Instant kDay = 86'400'000'000LL;
using Path = CandidatePlan::Path;

void OpenCohort(HistoryBuilder& b, std::int64_t year) {
  const CohortOpened cohort = SeedsCohort(year);
  b.Do(On("", cohort), cohort.application_opens - 20 * kDay);
  const Instant defined_at = cohort.application_opens - 19 * kDay;
  b.Do(On(std::to_string(year), AssignmentDefined{"homework-1", 1, "homework", "Strategic plan",
                                                  cohort.sessions[1].starts_at}),
       defined_at);
  b.Do(On(std::to_string(year),
          AssignmentDefined{"oral-8", 8, "oral_presentation", "Technology policy briefing",
                            cohort.sessions[8].starts_at}),
       defined_at);
}

std::string CdsCode(int district) {
  char text[16];
  std::snprintf(text, sizeof text, "34%012d", district);
  return text;
}

// Enrolled candidate i's employer when accepted: 93 districts and 19 county offices for the
// first 112, then nine who share an employer with an earlier candidate, matched by CDS code
// under another name or by name written in another case with extra spaces.
Employer SlideEmployer(int i) {
  auto district = [](int k) {
    return Employer{"District " + std::to_string(k) + " Unified", "district",
                    k % 3 == 0 ? CdsCode(k) : ""};
  };
  if (i < 93) return district(i);
  if (i < 112) return Employer{"County Office " + std::to_string(i - 93), "county_office", ""};
  const int j = i - 112;
  if (j % 2 == 0)
    return Employer{"Renamed District " + std::to_string(j), "district", CdsCode(3 * j)};
  Employer same = district(3 * j + 1);
  std::string shouted = "  ";
  for (char ch : same.name)
    shouted += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  same.name = shouted + " ";
  return same;
}

Path SlidePath(int i) {
  if (i >= 100) return Path::enrolled_now;
  const int year_index = i / 20;
  if (i % 20 == 19 && year_index < 3) return Path::dropped;
  if (i % 20 == 18) return Path::denied_completed;
  return Path::certified;
}

}  // namespace

HistoryBuilder SlideHistory() {
  HistoryBuilder b;
  const std::vector<std::string> mentors = AddMentors(b, 12, At("2006-06-01T00:00:00Z"));
  for (std::int64_t year = 2007; year <= 2012; ++year) OpenCohort(b, year);
  const Instant slide = At(kSlideInstant);
  int promoted = 0;
  for (int i = 0; i < 121; ++i) {
    CandidatePlan plan{"c" + std::to_string(i), i < 100 ? 2007 + i / 20 : 2012, SlideEmployer(i),
                       SlidePath(i), false};
    if (plan.path == Path::certified && promoted < 12 && i % 7 == 0) {
      plan.promoted = true;
      ++promoted;
    }
    WalkCandidate(b, plan, mentors, slide);
  }
  // Applicants who were never enrolled, from employers that must not be counted.
  for (std::int64_t year = 2007; year <= 2012; ++year) {
    for (int k = 0; k < 2; ++k) {
      const std::string id = "r" + std::to_string(year) + "-" + std::to_string(k);
      CandidatePlan plan{
          id, year, Employer{"Applicant District " + id, k == 0 ? "district" : "county_office", ""},
          Path::rejected, false};
      WalkCandidate(b, plan, mentors, slide);
    }
  }
  return b;
}

void GenerateHistory(HistoryBuilder& b, std::uint64_t events_wanted) {
  const std::vector<std::string> mentors = AddMentors(b, 50, At("1999-01-01T00:00:00Z"));
  int serial = 0;
  for (std::int64_t year = 2000; year <= 2200 && b.program().position < events_wanted; ++year) {
    OpenCohort(b, year);
    for (int k = 0; k < 100 && b.program().position < events_wanted; ++k) {
      const int i = serial++;
      CandidatePlan plan{"g" + std::to_string(i), year,
                         Employer{"District " + std::to_string(i % 1000),
                                  i % 5 == 0 ? "county_office" : "district", ""},
                         Path::certified, i % 9 == 0};
      WalkCandidate(b, plan, mentors, kInstantMax);
      const Candidate& c = *b.program().FindCandidate(plan.id);
      const Instant issued = StartOf(c.certification.issued_on);
      for (int ceu = 0; ceu < 7; ++ceu) {
        const Instant done = issued + (100 + 120 * ceu) * kDay;
        // Logged at noon UTC: the same day by the program's Pacific calendar.
        b.Do(On(plan.id, CeuRecorded{"Workshop", "CETPA", DateOf(done), 1000, ""}),
             done + kDay / 2, "candidate");
      }
      for (const std::int64_t cycle_year : CycleYears(c.certification)) {
        const Instant at = StartOf(DateFromCivil(CivilDate{static_cast<int>(cycle_year), 1, 15}));
        b.Do(On(plan.id, AnnualDocumentationSubmitted{cycle_year, ""}), at, "candidate");
      }
      b.Do(Command{plan.id, Recertify{}}, StartOf(c.certification.expires_on) - 30 * kDay);
    }
  }
}

}  // namespace ctom::testing
