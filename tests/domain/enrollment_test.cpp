// Selection, capacity, mentor matching, tuition, job changes, continuation reviews, drops and
// closed records.
#include <gtest/gtest.h>

#include "tests/domain/domain_spec.hpp"

namespace ctom::domain::spec {
namespace {

// How far a candidate got before the command under test.
enum class Stage { applied, waitlisted, accepted, rejected, withdrawn, dropped, released };

const char* Name(Stage stage) {
  static const char* kNames[] = {"applied",   "waitlisted", "accepted", "rejected",
                                 "withdrawn", "dropped",    "released"};
  return kNames[static_cast<int>(stage)];
}

// A cohort, a contracted mentor "m1", and candidate `id` at `stage`. Accepted candidates are
// matched to m1 and have paid 1,000.00 of the tuition.
void GivenCandidateAt(Spec& spec, Stage stage, const std::string& id = "c1") {
  GivenCohort(spec);
  GivenMentor(spec, "m1");
  GivenApplicant(spec, id);
  const std::string stream = CandidateStream(id);
  switch (stage) {
    case Stage::applied:
      return;
    case Stage::waitlisted:
      spec.Given(stream, SelectionDecided{"waitlisted", "capacity"}, SelectionDay());
      return;
    case Stage::rejected:
      spec.Given(stream, SelectionDecided{"rejected", "incomplete"}, SelectionDay());
      return;
    case Stage::withdrawn:
      spec.Given(stream, CandidateWithdrew{"moving"}, SelectionDay());
      return;
    default:
      break;
  }
  spec.Given(stream, SelectionDecided{"accepted", ""}, SelectionDay());
  spec.Given(stream, MentorMatched{"m1"}, MatchingDay());
  spec.Given(stream, PaymentRecorded{100'000, "visa", "self", "", "", ""}, MatchingDay());
  if (stage == Stage::dropped) {
    spec.Given(stream, CandidateDropped{"unexcused_absence", "missed session 2"}, SessionStart(3));
  } else if (stage == Stage::released) {
    spec.Given(stream, EmploymentChanged{Employer{"Acme Corp", "non_k12", ""}, "CIO"},
               SessionStart(2));
    spec.Given(stream, ContinuationDecided{"release", "left K-12"}, SessionStart(3));
  }
}

// ---- selection ----

TEST(Selection, TransitionsFromEachStatus) {
  struct Case {
    Stage from;
    const char* decision;
    const char* outcome;
  };
  const Case cases[] = {
      {Stage::applied, "accepted", "accepted"},
      {Stage::applied, "waitlisted", "accepted"},
      {Stage::applied, "rejected", "accepted"},
      {Stage::waitlisted, "accepted", "accepted"},
      {Stage::waitlisted, "rejected", "accepted"},
      {Stage::waitlisted, "waitlisted", "invalid_transition"},
      {Stage::accepted, "accepted", "invalid_transition"},
      {Stage::accepted, "waitlisted", "invalid_transition"},
      {Stage::accepted, "rejected", "invalid_transition"},
      {Stage::rejected, "accepted", "invalid_transition"},
      {Stage::rejected, "waitlisted", "invalid_transition"},
      {Stage::rejected, "rejected", "invalid_transition"},
      {Stage::withdrawn, "accepted", "invalid_transition"},
      {Stage::dropped, "accepted", "invalid_transition"},
      {Stage::released, "accepted", "invalid_transition"},
      {Stage::applied, "maybe", "validation"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(Name(c.from)) + " -> " + c.decision);
    Spec spec;
    GivenCandidateAt(spec, c.from);
    const SelectionDecided decided_event{c.decision, "committee"};
    const Decided decided = spec.When("c1", decided_event, SessionStart(4));
    EXPECT_EQ(Outcome(decided), c.outcome);
    if (decided) {
      EXPECT_TRUE(Accepted(decided, {decided_event}));
      EXPECT_EQ(spec.candidate("c1").status, c.decision);
    }
  }
}

TEST(Selection, AcceptanceRemembersTheEmployerOfThatDay) {
  Spec spec;
  GivenCandidateAt(spec, Stage::waitlisted);
  ASSERT_TRUE(spec.When("c1", SelectionDecided{"accepted", ""}, SelectionDay() + kHour));
  EXPECT_TRUE(spec.candidate("c1").ever_accepted);
  EXPECT_EQ(spec.candidate("c1").employer_when_accepted.name, "Elk Grove Unified");
  ASSERT_TRUE(spec.When("c1",
                        EmploymentChanged{Employer{"Davis Joint Unified", "district", ""}, ""},
                        SessionStart(2)));
  EXPECT_EQ(spec.candidate("c1").employer.name, "Davis Joint Unified");
  EXPECT_EQ(spec.candidate("c1").employer_when_accepted.name, "Elk Grove Unified");
}

TEST(Selection, CapacityIsNeverExceededAndAFreedSeatCanBeGiven) {
  Spec spec;
  GivenCohort(spec, 2);
  for (const char* id : {"c1", "c2", "c3", "c4"}) GivenApplicant(spec, id);
  const Instant at = SelectionDay();
  EXPECT_TRUE(spec.When("c1", SelectionDecided{"accepted", ""}, at));
  EXPECT_TRUE(spec.When("c2", SelectionDecided{"accepted", ""}, at));
  EXPECT_TRUE(Rejected(spec.When("c3", SelectionDecided{"accepted", ""}, at), "cohort_full"));
  // Waitlisting and rejecting need no seat.
  EXPECT_TRUE(spec.When("c3", SelectionDecided{"waitlisted", "capacity"}, at));
  EXPECT_TRUE(spec.When("c4", SelectionDecided{"rejected", ""}, at));
  EXPECT_TRUE(Rejected(spec.When("c3", SelectionDecided{"accepted", ""}, at), "cohort_full"));
  // A withdrawal frees a seat for the waitlisted candidate.
  EXPECT_TRUE(spec.When("c2", CandidateWithdrew{"new job"}, at + kHour));
  EXPECT_TRUE(spec.When("c3", SelectionDecided{"accepted", ""}, at + 2 * kHour));
  EXPECT_EQ(spec.candidate("c3").status, "accepted");
}

TEST(Selection, ADroppedCandidateFreesTheirSeat) {
  Spec spec;
  GivenCohort(spec, 1);
  GivenAccepted(spec, "c1");
  GivenApplicant(spec, "c2");
  ASSERT_TRUE(spec.When("c2", SelectionDecided{"waitlisted", ""}, SelectionDay()));
  EXPECT_TRUE(
      Rejected(spec.When("c2", SelectionDecided{"accepted", ""}, SelectionDay()), "cohort_full"));
  ASSERT_TRUE(spec.When("c1", CandidateDropped{"other", "never came"}, SessionStart(1)));
  EXPECT_TRUE(spec.When("c2", SelectionDecided{"accepted", ""}, SessionStart(1) + kHour));
}

TEST(Selection, CommandsAboutAnUnknownCandidateAreNotFound) {
  Spec spec;
  GivenCohort(spec);
  EXPECT_TRUE(
      Rejected(spec.When("ghost", SelectionDecided{"accepted", ""}, SelectionDay()), "not_found"));
  EXPECT_TRUE(
      Rejected(spec.WhenCertification("ghost", "certify", CertificationDay()), "not_found"));
}

// ---- matching ----

TEST(Matching, RefusalsNameTheRuleBroken) {
  struct Case {
    const char* name;
    void (*given)(Spec&);
    const char* mentor;
    const char* outcome;
  };
  const Case cases[] = {
      {"a contracted mentor", [](Spec&) {}, "m1", "accepted"},
      {"an unknown mentor", [](Spec&) {}, "m404", "not_found"},
      {"a mentor not yet approved", [](Spec& s) { GivenMentor(s, "m2", MentorStage::applied); },
       "m2", "mentor_not_approved"},
      {"a rejected mentor",
       [](Spec& s) {
         GivenMentor(s, "m2", MentorStage::applied);
         s.Given(MentorStream("m2"), MentorApprovalDecided{"rejected", ""}, SelectionDay());
       },
       "m2", "mentor_not_approved"},
      {"an approved mentor without a contract",
       [](Spec& s) { GivenMentor(s, "m2", MentorStage::approved); }, "m2", "mentor_no_contract"},
      {"a mentor of another cohort",
       [](Spec& s) { GivenMentor(s, "m2", MentorStage::contracted, 2019); }, "m2",
       "different_cohort"},
      {"a mentor of this cohort",
       [](Spec& s) { GivenMentor(s, "m2", MentorStage::contracted, 2018); }, "m2", "accepted"},
      {"a mentor with two mentees",
       [](Spec& s) {
         GivenAccepted(s, "c2", "m1");
         GivenAccepted(s, "c3", "m1");
       },
       "m1", "mentor_at_capacity"},
      {"a mentor with one mentee", [](Spec& s) { GivenAccepted(s, "c2", "m1"); }, "m1", "accepted"},
      {"a mentor whose second mentee was dropped",
       [](Spec& s) {
         GivenAccepted(s, "c2", "m1");
         GivenAccepted(s, "c3", "m1");
         s.Given(CandidateStream("c3"), CandidateDropped{"missing_work", ""}, SessionStart(2));
       },
       "m1", "accepted"},
      {"a mentor whose second mentee was re-matched elsewhere",
       [](Spec& s) {
         GivenMentor(s, "m2");
         GivenAccepted(s, "c2", "m1");
         GivenAccepted(s, "c3", "m1");
         s.Given(CandidateStream("c3"), MentorMatched{"m2"}, SessionStart(1));
       },
       "m1", "accepted"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Spec spec;
    GivenCohort(spec);
    GivenMentor(spec, "m1");
    c.given(spec);
    GivenAccepted(spec, "c1");
    const Decided decided = spec.When("c1", MentorMatched{c.mentor}, SessionStart(2));
    EXPECT_EQ(Outcome(decided), c.outcome);
    if (decided) {
      EXPECT_EQ(spec.candidate("c1").mentor_id, c.mentor);
    }
  }
}

TEST(Matching, OnlyAcceptedCandidatesAreMatched) {
  struct Case {
    Stage stage;
    const char* outcome;
  };
  const Case cases[] = {
      {Stage::applied, "candidate_not_accepted"},
      {Stage::waitlisted, "candidate_not_accepted"},
      {Stage::accepted, "accepted"},
      {Stage::rejected, "invalid_transition"},
      {Stage::withdrawn, "invalid_transition"},
      {Stage::dropped, "invalid_transition"},
      {Stage::released, "invalid_transition"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(Name(c.stage));
    Spec spec;
    GivenCandidateAt(spec, c.stage);
    GivenMentor(spec, "m2");
    EXPECT_EQ(Outcome(spec.When("c1", MentorMatched{"m2"}, SessionStart(4))), c.outcome);
  }
}

TEST(Matching, ReMatchingKeepsTheSeatWithTheSameMentorAndTheCandidatesRequestIsOnlyRecorded) {
  Spec spec;
  GivenCohort(spec);
  GivenMentor(spec, "m1");
  GivenMentor(spec, "m2");
  GivenAccepted(spec, "c1", "m1");
  GivenAccepted(spec, "c2", "m1");
  // m1 is full, but matching one of its own mentees to it again is not a third mentee.
  EXPECT_TRUE(spec.When("c2", MentorMatched{"m1"}, SessionStart(1)));
  EXPECT_TRUE(spec.When("c2", MentorMatched{"m2"}, SessionStart(1)));
  EXPECT_EQ(spec.candidate("c2").mentor_id, "m2");
  EXPECT_EQ(spec.mentor("m1").mentee_ids, (std::vector<std::string>{"c1", "c2"}));
  EXPECT_EQ(spec.mentor("m2").mentee_ids, (std::vector<std::string>{"c2"}));
  GivenApplicant(spec, "c3");
  EXPECT_TRUE(spec.When("c3", SelectionDecided{"accepted", ""}, SessionStart(1)));
  EXPECT_TRUE(spec.When("c3", MentorMatched{"m1"}, SessionStart(1)));
}

TEST(Matching, MentorCapacityFollowsTheRuleSetInForce) {
  Spec spec;
  GivenCohort(spec);
  GivenMentor(spec, "m1");
  GivenAccepted(spec, "c1", "m1");
  GivenAccepted(spec, "c2", "m1");
  GivenAccepted(spec, "c3");
  RuleParameters three;
  three.max_mentees_per_mentor = 3;
  const Instant effective = At("2018-01-01T00:00:00-08:00");
  spec.Given(std::string(kProgramStream), RuleSetFrom(2, effective, three), MatchingDay());
  EXPECT_TRUE(Rejected(spec.When("c3", MentorMatched{"m1"}, effective - 1), "mentor_at_capacity"));
  EXPECT_TRUE(spec.When("c3", MentorMatched{"m1"}, effective));
}

// ---- tuition ----

TEST(Tuition, PaymentsAreJudgedByMethodAmountAndBalance) {
  struct Case {
    const char* name;
    std::int64_t amount_cents;
    const char* method;
    const char* payer;
    const char* funding;
    const char* outcome;
  };
  // The candidate owes 1,500.00 (150'000 cents) after paying 1,000.00.
  const Case cases[] = {
      {"check", 50'000, "check", "self", "", "accepted"},
      {"money order", 50'000, "money_order", "self", "", "accepted"},
      {"visa", 50'000, "visa", "self", "", "accepted"},
      {"mastercard", 50'000, "mastercard", "self", "", "accepted"},
      {"discover", 50'000, "discover", "self", "", "accepted"},
      {"american express", 50'000, "amex", "self", "", "unsupported_payment_method"},
      {"cash", 50'000, "cash", "self", "", "unsupported_payment_method"},
      {"empty method", 50'000, "", "self", "", "unsupported_payment_method"},
      {"the whole balance", 150'000, "check", "self", "", "accepted"},
      {"one cent over the balance", 150'001, "check", "self", "", "overpayment"},
      {"zero", 0, "check", "self", "", "invalid_amount"},
      {"negative", -100, "check", "self", "", "invalid_amount"},
      {"an employer voucher", 150'000, "check", "employer", "k12_voucher", "accepted"},
      {"an employer grant", 1, "visa", "employer", "grant", "accepted"},
      {"general fund", 1, "visa", "employer", "general_fund", "accepted"},
      {"an unknown funding source", 1, "visa", "employer", "lottery", "validation"},
      {"an unknown payer", 1, "visa", "cousin", "", "validation"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Spec spec;
    GivenCandidateAt(spec, Stage::accepted);
    const std::string sponsor = std::string(c.payer) == "employer" ? "Elk Grove USD" : "";
    const PaymentRecorded payment{c.amount_cents, c.method, c.payer, sponsor, c.funding, "ref"};
    const Decided decided = spec.When("c1", payment, SessionStart(1));
    EXPECT_EQ(Outcome(decided), c.outcome);
    if (decided) {
      EXPECT_TRUE(Accepted(decided, {payment}));
      EXPECT_EQ(BalanceCents(spec.program(), spec.candidate("c1")), 150'000 - c.amount_cents);
    }
  }
}

TEST(Tuition, AnEmployerSponsorNeedsANameAndAFundingSourceASelfPayerHasNeither) {
  struct Case {
    const char* name;
    const char* payer;
    const char* sponsor;
    const char* funding;
    std::vector<std::string> fields;  // the refusal's errors, by JSON path; none when accepted
  };
  const Case cases[] = {
      {"self", "self", "", "", {}},
      {"an employer with both", "employer", "Elk Grove USD", "grant", {}},
      {"an employer without a name", "employer", "", "grant", {"payer.name"}},
      {"an employer without a funding source", "employer", "Elk Grove USD", "",
       {"payer.funding_source"}},
      {"an employer with neither", "employer", "", "", {"payer.name", "payer.funding_source"}},
      {"self with a funding source", "self", "", "grant", {"payer.funding_source"}},
      {"self with a sponsor name", "self", "Elk Grove USD", "", {"payer.name"}},
      {"an unknown funding source", "employer", "Elk Grove USD", "lottery",
       {"payer.funding_source"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Spec spec;
    GivenCandidateAt(spec, Stage::accepted);
    const PaymentRecorded payment{100, "check", c.payer, c.sponsor, c.funding, ""};
    const Decided decided = spec.When("c1", payment, SessionStart(1));
    EXPECT_EQ(Outcome(decided), c.fields.empty() ? "accepted" : "validation");
    EXPECT_EQ(ErrorFields(decided), c.fields);
  }
}

TEST(Tuition, RefundsNeverExceedWhatWasPaidAndReopenTheBalance) {
  Spec spec;
  GivenCandidateAt(spec, Stage::accepted);  // paid 100'000
  const Instant at = SessionStart(1);
  EXPECT_TRUE(Rejected(spec.When("c1", RefundRecorded{100'001, "error"}, at), "invalid_amount"));
  EXPECT_TRUE(Rejected(spec.When("c1", RefundRecorded{0, "error"}, at), "invalid_amount"));
  EXPECT_TRUE(Rejected(spec.When("c1", RefundRecorded{-1, "error"}, at), "invalid_amount"));
  EXPECT_TRUE(Rejected(spec.When("c1", RefundRecorded{10, ""}, at), "validation"));
  EXPECT_TRUE(spec.When("c1", RefundRecorded{40'000, "double charge"}, at));
  EXPECT_EQ(BalanceCents(spec.program(), spec.candidate("c1")), 190'000);
  EXPECT_TRUE(Rejected(spec.When("c1", RefundRecorded{60'001, "error"}, at), "invalid_amount"));
  EXPECT_TRUE(Rejected(spec.When("c1", PaymentRecorded{190'001, "check", "self", "", "", ""}, at),
                       "overpayment"));
  EXPECT_TRUE(spec.When("c1", PaymentRecorded{190'000, "check", "self", "", "", ""}, at));
  EXPECT_EQ(BalanceCents(spec.program(), spec.candidate("c1")), 0);
  EXPECT_TRUE(Rejected(spec.When("c1", PaymentRecorded{1, "check", "self", "", "", ""}, at),
                       "overpayment"));
  EXPECT_EQ(spec.candidate("c1").payment_positions.size(), 3u);
}

TEST(Tuition, IsPaidByEnrolledCandidatesAndRefundedAfterADrop) {
  for (Stage stage : {Stage::applied, Stage::waitlisted, Stage::rejected, Stage::withdrawn,
                      Stage::dropped, Stage::released}) {
    SCOPED_TRACE(Name(stage));
    Spec spec;
    GivenCandidateAt(spec, stage);
    EXPECT_TRUE(Rejected(
        spec.When("c1", PaymentRecorded{100, "check", "self", "", "", ""}, SessionStart(4)),
        "invalid_transition"));
  }
  Spec spec;
  GivenCandidateAt(spec, Stage::dropped);
  EXPECT_TRUE(
      spec.When("c1", RefundRecorded{100'000, "dropped before session 3"}, SessionStart(4)));
}

// ---- job changes and continuation ----

TEST(Employment, LeavingK12OpensAContinuationReview) {
  struct Case {
    const char* name;
    const char* kind;
    bool review;
  };
  const Case cases[] = {
      {"another district", "district", false},
      {"a county office", "county_office", false},
      {"outside K-12", "non_k12", true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Spec spec;
    GivenCandidateAt(spec, Stage::accepted);
    const EmploymentChanged change{Employer{"New Employer", c.kind, ""}, "CIO"};
    EXPECT_TRUE(Accepted(spec.When("c1", change, SessionStart(2)), {change}));
    EXPECT_EQ(spec.candidate("c1").continuation_pending, c.review);
    EXPECT_EQ(spec.candidate("c1").position_title, "CIO");
    EXPECT_EQ(
        Outcome(spec.When("c1", ContinuationDecided{"continue", "still leads"}, SessionStart(3))),
        c.review ? "accepted" : "invalid_transition");
  }
}

TEST(Employment, TheCommitteeContinuesOrReleases) {
  struct Case {
    const char* decision;
    const char* status;
  };
  for (const Case& c : {Case{"continue", "accepted"}, Case{"release", "released"}}) {
    SCOPED_TRACE(c.decision);
    Spec spec;
    GivenCandidateAt(spec, Stage::accepted);
    ASSERT_TRUE(
        spec.When("c1", EmploymentChanged{Employer{"Acme", "non_k12", ""}, ""}, SessionStart(2)));
    EXPECT_TRUE(Rejected(spec.When("c1", ContinuationDecided{"pause", "x"}, SessionStart(3)),
                         "validation"));
    EXPECT_TRUE(spec.When("c1", ContinuationDecided{c.decision, "committee"}, SessionStart(3)));
    EXPECT_EQ(spec.candidate("c1").status, c.status);
    EXPECT_FALSE(spec.candidate("c1").continuation_pending);
    // The review is closed: a second decision has nothing to decide.
    EXPECT_TRUE(Rejected(spec.When("c1", ContinuationDecided{"release", "x"}, SessionStart(4)),
                         "invalid_transition"));
    EXPECT_EQ(Outcome(spec.When("c1", AttendanceRecorded{4, "present", ""}, SessionStart(4))),
              c.status == std::string("accepted") ? "accepted" : "invalid_transition");
  }
}

TEST(Employment, AReviewLeftOpenByADropCannotReopenTheRecord) {
  Spec spec;
  GivenCandidateAt(spec, Stage::accepted);
  ASSERT_TRUE(
      spec.When("c1", EmploymentChanged{Employer{"Acme", "non_k12", ""}, ""}, SessionStart(2)));
  ASSERT_TRUE(spec.When("c1", CandidateDropped{"left_k12", ""}, SessionStart(3)));
  EXPECT_TRUE(Rejected(spec.When("c1", ContinuationDecided{"release", "x"}, SessionStart(4)),
                       "invalid_transition"));
  EXPECT_TRUE(Rejected(spec.When("c1", ContinuationDecided{"continue", "x"}, SessionStart(4)),
                       "invalid_transition"));
  EXPECT_EQ(spec.candidate("c1").status, "dropped");
}

TEST(Employment, AReviewStillOpenAtCertificationEndsWithTheProgramYear) {
  Spec spec;
  GivenReadyForCertification(spec);
  ASSERT_TRUE(
      spec.When("c1", EmploymentChanged{Employer{"Acme", "non_k12", ""}, ""}, SessionStart(8)));
  ASSERT_TRUE(spec.candidate("c1").continuation_pending);
  ASSERT_TRUE(spec.WhenCertification("c1", "certify", CertificationDay()));
  EXPECT_TRUE(Rejected(
      spec.When("c1", ContinuationDecided{"release", "left K-12"}, CertificationDay() + kHour),
      "invalid_transition"));
  EXPECT_EQ(spec.candidate("c1").status, "certified");
}

// ---- drops, withdrawals and closed records ----

TEST(Drop, NeedsAKnownReasonAndAnAcceptedCandidate) {
  struct Case {
    Stage stage;
    const char* reason;
    const char* outcome;
  };
  const Case cases[] = {
      {Stage::accepted, "unexcused_absence", "accepted"},
      {Stage::accepted, "missing_work", "accepted"},
      {Stage::accepted, "left_k12", "accepted"},
      {Stage::accepted, "withdrew", "accepted"},
      {Stage::accepted, "other", "accepted"},
      {Stage::accepted, "bored", "validation"},
      {Stage::applied, "other", "invalid_transition"},
      {Stage::waitlisted, "other", "invalid_transition"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(Name(c.stage)) + " " + c.reason);
    Spec spec;
    GivenCandidateAt(spec, c.stage);
    EXPECT_EQ(Outcome(spec.When("c1", CandidateDropped{c.reason, ""}, SessionStart(4))), c.outcome);
  }
}

TEST(Withdraw, IsOpenUntilTheRecordCloses) {
  struct Case {
    Stage stage;
    const char* outcome;
  };
  const Case cases[] = {
      {Stage::applied, "accepted"},
      {Stage::waitlisted, "accepted"},
      {Stage::accepted, "accepted"},
      {Stage::rejected, "invalid_transition"},
      {Stage::withdrawn, "invalid_transition"},
      {Stage::dropped, "invalid_transition"},
      {Stage::released, "invalid_transition"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(Name(c.stage));
    Spec spec;
    GivenCandidateAt(spec, c.stage);
    const Decided decided = spec.When("c1", CandidateWithdrew{"family"}, SessionStart(4));
    EXPECT_EQ(Outcome(decided), c.outcome);
    if (decided) {
      EXPECT_EQ(spec.candidate("c1").status, "withdrawn");
    }
  }
  Spec spec;
  GivenCandidateAt(spec, Stage::applied);
  EXPECT_TRUE(Rejected(spec.When("c1", CandidateWithdrew{""}, SessionStart(4)), "validation"));
}

// Every kind of work on a dropped, withdrawn or released candidate is refused.
TEST(ClosedRecord, RefusesFurtherWorkWithInvalidTransition) {
  const std::vector<std::pair<const char*, Event>> commands = {
      {"attendance", AttendanceRecorded{4, "present", ""}},
      {"make-up", MakeupRecorded{2, "watched the recording"}},
      {"participation", ParticipationRecorded{4, "satisfactory"}},
      {"submission", SubmissionRecorded{"budget-memo", "", "https://x.example", false}},
      {"grade", GradeRecorded{"budget-memo", "pass", std::nullopt, ""}},
      {"portfolio", PortfolioItemAdded{"artifact", 4, "A", "https://x.example"}},
      {"meeting", MentorMeetingLogged{"check_in", "phone", Day("2018-05-01"), "", ""}},
      {"review", ProgressReviewHeld{Day("2018-05-01"), ""}},
      {"final presentation", FinalPresentationGraded{"pass", "accepted", ""}},
      {"mentor assessment", MentorAssessmentRecorded{true, "fine", ""}},
      {"feedback", FeedbackGiven{"thanks"}},
      {"selection", SelectionDecided{"accepted", ""}},
      {"matching", MentorMatched{"m1"}},
      {"payment", PaymentRecorded{100, "check", "self", "", "", ""}},
      {"employment", EmploymentChanged{Employer{"Acme", "non_k12", ""}, ""}},
      {"continuation", ContinuationDecided{"continue", "x"}},
      {"drop", CandidateDropped{"other", ""}},
      {"withdrawal", CandidateWithdrew{"x"}},
      {"CEU", CeuRecorded{"course", "CETPA", Day("2018-05-01"), 1000, ""}},
      {"annual documentation", AnnualDocumentationSubmitted{2019, ""}},
      {"revocation", CertificateRevoked{"x"}},
  };
  for (Stage stage : {Stage::dropped, Stage::withdrawn, Stage::released}) {
    for (const auto& [name, event] : commands) {
      SCOPED_TRACE(std::string(Name(stage)) + ": " + name);
      Spec spec;
      GivenCandidateAt(spec, stage);
      EXPECT_TRUE(Rejected(spec.When("c1", event, SessionStart(4)), "invalid_transition"));
    }
    SCOPED_TRACE(Name(stage));
    Spec spec;
    GivenCandidateAt(spec, stage);
    EXPECT_TRUE(Rejected(spec.WhenCertification("c1", "certify", CertificationDay()),
                         "invalid_transition"));
    EXPECT_TRUE(Rejected(spec.WhenCertification("c1", "deny", CertificationDay(), "x"),
                         "invalid_transition"));
  }
}

}  // namespace
}  // namespace ctom::domain::spec
