// Reminders at chosen instants for a walked 2018 cohort: each kind appears when it should and
// goes away once the thing is done (docs/reminders.md).
#include "projections/reminders.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "domain/time.hpp"
#include "tests/support/program_history.hpp"

namespace ctom::projections {
namespace {

using namespace domain;
using testing::At;
using testing::HistoryBuilder;
using testing::On;

// What `subject` (a candidate, mentor or "cohort-<year>") is reminded of at `as_of`.
std::set<std::string> KindsFor(const Program& program, const std::string& as_of,
                               const std::string& subject, std::int64_t within_days = 30) {
  std::set<std::string> kinds;
  for (const Reminder& r : BuildReminders(program, At(as_of), within_days)) {
    const std::string about = !r.candidate.empty() ? r.candidate
                              : !r.mentor.empty()  ? r.mentor
                                                   : "cohort-" + std::to_string(*r.cohort);
    if (about == subject) kinds.insert(std::string(ReminderKindName(r.kind)));
  }
  return kinds;
}

const Reminder* Find(const std::vector<Reminder>& reminders, ReminderKind kind,
                     const std::string& candidate) {
  for (const Reminder& r : reminders) {
    if (r.kind == kind && r.candidate == candidate) return &r;
  }
  return nullptr;
}

// The seeds' 2018 cohort (two assignments: homework-1 due at session 1, oral-8 at session 8) and
// one approved, contracted mentor.
class RemindersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const CohortOpened cohort = testing::SeedsCohort(2018);
    b_.Do(On("", cohort), At("2017-08-01T12:00:00Z"));
    b_.Do(On("2018", AssignmentDefined{"homework-1", 1, "homework", "Strategic plan",
                                       cohort.sessions[1].starts_at}),
          At("2017-08-02T12:00:00Z"));
    b_.Do(On("2018", AssignmentDefined{"oral-8", 8, "oral_presentation", "Policy briefing",
                                       cohort.sessions[8].starts_at}),
          At("2017-08-02T12:00:00Z"));
    mentors_ = testing::AddMentors(b_, 1, At("2017-09-01T12:00:00Z"));
  }

  // Applies, is accepted and matched; pays `paid_cents` of the $2,500 tuition.
  void Enroll(const std::string& id, std::int64_t paid_cents) {
    ApplicationSubmitted application{
        id,
        2018,
        "Candidate " + id,
        id + "@example.org",
        Employer{"District", "district", ""},
        "IT Director",
        testing::UploadApplicationDocuments(b_, At("2017-09-01T12:00:00Z")),
        "",
        "electronic",
        ""};
    b_.Do(On("", application), At("2017-09-01T12:00:00Z"));
    b_.Do(On(id, SelectionDecided{"accepted", ""}), At("2017-10-15T12:00:00Z"));
    b_.Do(On(id, MentorMatched{mentors_[0]}), At("2017-11-01T12:00:00Z"));
    if (paid_cents > 0) {
      b_.Do(On(id, PaymentRecorded{paid_cents, "check", "self", "", "", ""}),
            At("2017-12-01T12:00:00Z"));
    }
  }

  // A candidate walked to certification at commencement, 2018-11-12 (expires 2021-11-12).
  void Certify(const std::string& id) {
    testing::WalkCandidate(b_,
                           {id, 2018, Employer{"District", "district", ""},
                            testing::CandidatePlan::Path::certified, false},
                           mentors_, At("2019-01-01T00:00:00Z"));
  }

  HistoryBuilder b_;
  std::vector<std::string> mentors_;
};

TEST_F(RemindersTest, ASessionIsUpcomingFromWithinDaysBeforeItUntilItStarts) {
  // The kickoff starts on 2018-02-02.
  EXPECT_FALSE(
      KindsFor(b_.program(), "2017-12-01T12:00:00Z", "cohort-2018").contains("session_upcoming"));
  EXPECT_TRUE(
      KindsFor(b_.program(), "2018-01-20T12:00:00Z", "cohort-2018").contains("session_upcoming"));
  const auto reminders = BuildReminders(b_.program(), At("2018-01-20T12:00:00Z"), 30);
  ASSERT_FALSE(reminders.empty());
  EXPECT_EQ(FormatDate(reminders.front().due_on), "2018-02-02");
  EXPECT_EQ(reminders.front().key, "session_upcoming/cohort-2018/session-0");
  // Once it has started it is no longer upcoming; session 1 is.
  const auto later = BuildReminders(b_.program(), At("2018-02-02T19:00:00Z"), 30);
  for (const Reminder& r : later) EXPECT_NE(r.key, "session_upcoming/cohort-2018/session-0");
}

TEST_F(RemindersTest, TuitionUnpaidUntilTheBalanceIsPaid) {
  Enroll("c1", 100'000);
  const std::string at = "2018-01-10T12:00:00Z";
  const auto reminders = BuildReminders(b_.program(), At(at), 30);
  const Reminder* unpaid = Find(reminders, ReminderKind::tuition_unpaid, "c1");
  ASSERT_NE(unpaid, nullptr);
  EXPECT_EQ(FormatDate(unpaid->due_on), "2018-11-12");  // certification needs it at commencement
  EXPECT_NE(unpaid->detail.find("$1500.00"), std::string::npos) << unpaid->detail;
  b_.Do(On("c1", PaymentRecorded{150'000, "check", "self", "", "", ""}), At(at));
  EXPECT_FALSE(KindsFor(b_.program(), at, "c1").contains("tuition_unpaid"));
}

TEST_F(RemindersTest, AnAssignmentIsDueWithinDaysBeforeItsDueDateUntilSubmitted) {
  Enroll("c1", 250'000);
  // homework-1 is due with session 1, on 2018-02-03 (Pacific).
  EXPECT_FALSE(KindsFor(b_.program(), "2017-12-01T12:00:00Z", "c1").contains("assignment_due"));
  EXPECT_TRUE(KindsFor(b_.program(), "2018-01-20T12:00:00Z", "c1").contains("assignment_due"));
  // Still reminded once overdue, until it is handed in.
  EXPECT_TRUE(KindsFor(b_.program(), "2018-02-20T12:00:00Z", "c1").contains("assignment_due"));
  b_.Do(On("c1", SubmissionRecorded{"homework-1", "", "https://example.org/plan", true}),
        At("2018-02-20T12:00:00Z"), "candidate");
  EXPECT_FALSE(KindsFor(b_.program(), "2018-02-20T12:00:00Z", "c1").contains("assignment_due"));
}

TEST_F(RemindersTest, AnExcusedAbsenceNeedsAMakeupUntilOneIsRecorded) {
  Enroll("c1", 250'000);
  b_.Do(On("c1", AttendanceRecorded{0, "absent_excused", ""}), At("2018-02-03T12:00:00Z"),
        "instructor");
  const std::string at = "2018-02-10T12:00:00Z";
  EXPECT_TRUE(KindsFor(b_.program(), at, "c1").contains("makeup_missing"));
  b_.Do(On("c1", MakeupRecorded{0, "Watched the recording"}), At(at), "instructor");
  EXPECT_FALSE(KindsFor(b_.program(), at, "c1").contains("makeup_missing"));
}

TEST_F(RemindersTest, AnUnexcusedAbsencePutsTheCandidateAtRiskUntilStaffDecide) {
  Enroll("c1", 250'000);
  b_.Do(On("c1", AttendanceRecorded{0, "absent_unexcused", ""}), At("2018-02-03T12:00:00Z"),
        "instructor");
  const std::string at = "2018-02-10T12:00:00Z";
  const auto reminders = BuildReminders(b_.program(), At(at), 30);
  const Reminder* risk = Find(reminders, ReminderKind::at_risk, "c1");
  ASSERT_NE(risk, nullptr);
  EXPECT_EQ(FormatDate(risk->due_on), "2018-02-02");  // the day of the absence
  b_.Do(On("c1", CandidateDropped{"unexcused_absence", ""}), At(at));
  EXPECT_TRUE(KindsFor(b_.program(), at, "c1").empty());  // a dropped candidate needs nothing
}

TEST_F(RemindersTest, AnApprovedMentorWithoutAContractIsRemindedUntilItIsSigned) {
  MentorApplied applied{"m9",
                        "Mentor Nine",
                        "m9@example.org",
                        Employer{"District", "district", ""},
                        "CTO",
                        true,
                        true,
                        "work_experience",
                        12,
                        std::nullopt};
  b_.Do(On("", applied), At("2017-09-01T12:00:00Z"));
  EXPECT_TRUE(KindsFor(b_.program(), "2017-10-01T12:00:00Z", "m9").empty());  // not approved
  b_.Do(On("m9", MentorApprovalDecided{"approved", ""}), At("2017-10-10T12:00:00Z"));
  const auto reminders = BuildReminders(b_.program(), At("2017-10-20T12:00:00Z"), 30);
  const auto missing = std::find_if(reminders.begin(), reminders.end(), [](const Reminder& r) {
    return r.kind == ReminderKind::mentor_contract_missing;
  });
  ASSERT_NE(missing, reminders.end());
  EXPECT_EQ(missing->mentor, "m9");
  EXPECT_EQ(FormatDate(missing->due_on), "2018-02-02");  // the next kickoff
  b_.Do(On("m9", MentorContractSigned{DateOf(At("2017-10-21T12:00:00Z"))}),
        At("2017-10-21T12:00:00Z"));
  EXPECT_TRUE(KindsFor(b_.program(), "2017-10-21T13:00:00Z", "m9").empty());
}

TEST_F(RemindersTest, AnnualDocumentationIsRemindedFromTheStartOfItsYearUntilSubmitted) {
  Certify("c1");
  // The cycle 2018-11-12 to 2021-11-12 needs 2019, 2020 and 2021.
  EXPECT_TRUE(KindsFor(b_.program(), "2018-12-15T12:00:00Z", "c1").empty());
  EXPECT_EQ(KindsFor(b_.program(), "2019-03-01T12:00:00Z", "c1"),
            std::set<std::string>{"annual_documentation_missing"});
  b_.Do(On("c1", AnnualDocumentationSubmitted{2019, ""}), At("2019-03-01T12:00:00Z"), "candidate");
  EXPECT_TRUE(KindsFor(b_.program(), "2019-03-01T12:00:00Z", "c1").empty());
}

TEST_F(RemindersTest, RenewalAndShortCeusAppearWithTheRenewalWindowAndGoWithRecertification) {
  Certify("c1");
  for (std::int64_t year : {2019, 2020}) {
    b_.Do(On("c1", AnnualDocumentationSubmitted{year, ""}),
          At(std::to_string(year) + "-02-01T12:00:00Z"), "candidate");
  }
  // The window opens 90 days before 2021-11-12, on 2021-08-14: reminded 30 days before that.
  EXPECT_EQ(KindsFor(b_.program(), "2021-06-01T12:00:00Z", "c1"),
            std::set<std::string>{"annual_documentation_missing"});
  const std::set<std::string> due{"annual_documentation_missing", "ceus_short", "renewal_due"};
  EXPECT_EQ(KindsFor(b_.program(), "2021-07-20T12:00:00Z", "c1"), due);
  const auto reminders = BuildReminders(b_.program(), At("2021-07-20T12:00:00Z"), 30);
  const Reminder* shortfall = Find(reminders, ReminderKind::ceus_short, "c1");
  ASSERT_NE(shortfall, nullptr);
  EXPECT_EQ(FormatDate(shortfall->due_on), "2021-11-12");
  EXPECT_NE(shortfall->detail.find("need 6.00"), std::string::npos) << shortfall->detail;

  const std::string at = "2021-09-01T12:00:00Z";
  b_.Do(On("c1", CeuRecorded{"Security summit", "CETPA", DateOf(At(at)), 6000, ""}), At(at),
        "candidate");
  b_.Do(On("c1", AnnualDocumentationSubmitted{2021, ""}), At(at), "candidate");
  EXPECT_EQ(KindsFor(b_.program(), at, "c1"), std::set<std::string>{"renewal_due"});
  b_.Do(Command{"c1", Recertify{}}, At(at));
  EXPECT_TRUE(KindsFor(b_.program(), at, "c1").empty());
}

TEST_F(RemindersTest, ALapsedCertificateIsRemindedForOneRenewalWindowAfterItsExpiry) {
  Certify("c1");
  for (std::int64_t year : {2019, 2020, 2021}) {
    b_.Do(On("c1", AnnualDocumentationSubmitted{year, ""}),
          At(std::to_string(year) + "-02-01T12:00:00Z"), "candidate");
  }
  const std::set<std::string> lapsed{"certificate_lapsed"};
  EXPECT_EQ(KindsFor(b_.program(), "2021-11-20T12:00:00Z", "c1"), lapsed);
  EXPECT_TRUE(KindsFor(b_.program(), "2022-03-01T12:00:00Z", "c1").empty());
  // Recertified once the CEUs are in: no longer lapsed.
  const std::string at = "2021-11-25T12:00:00Z";
  b_.Do(On("c1", CeuRecorded{"Leadership institute", "ACSA", DateOf(At("2021-06-01T12:00:00Z")),
                             6000, ""}),
        At(at), "candidate");
  b_.Do(Command{"c1", Recertify{}}, At(at));
  EXPECT_TRUE(KindsFor(b_.program(), at, "c1").empty());
}

TEST_F(RemindersTest, AreOrderedByKindThenDueDateAndKeepTheirKeys) {
  Enroll("c1", 0);
  Enroll("c2", 0);
  const auto first = BuildReminders(b_.program(), At("2018-01-20T12:00:00Z"), 30);
  const auto again = BuildReminders(b_.program(), At("2018-01-21T12:00:00Z"), 30);
  ASSERT_FALSE(first.empty());
  for (std::size_t i = 1; i < first.size(); ++i) {
    EXPECT_LE(first[i - 1].kind, first[i].kind);
    if (first[i - 1].kind == first[i].kind) {
      EXPECT_LE(first[i - 1].due_on.days, first[i].due_on.days);
    }
  }
  std::set<std::string> keys;
  for (const Reminder& r : first) EXPECT_TRUE(keys.insert(r.key).second) << r.key;
  for (const Reminder& r : again) EXPECT_TRUE(keys.contains(r.key)) << r.key;
}

}  // namespace
}  // namespace ctom::projections
