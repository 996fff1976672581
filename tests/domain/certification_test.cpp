// Certification decisions, certificate numbers and dates, certificate status over time, CEUs,
// annual documentation, recertification, revocation, promotions, and rule sets that change
// only from their effective_from.
#include <gtest/gtest.h>

#include "tests/domain/domain_spec.hpp"

namespace ctom::domain::spec {
namespace {

using Codes = std::vector<std::string>;

// The ready candidate c1, certified at CertificationDay(): CCTO-2018-0001, 2018-11-12 to
// 2021-11-12.
void GivenCertified(Spec& spec) {
  GivenReadyForCertification(spec);
  const Decided decided = spec.WhenCertification("c1", "certify", CertificationDay());
  ASSERT_TRUE(decided.has_value()) << RejectionCodeName(decided.error().code);
}

CeuRecorded Ceu(std::int64_t contact_hours_hundredths, const char* completed_on) {
  return CeuRecorded{"Network security course", "CETPA", Day(completed_on),
                     contact_hours_hundredths, ""};
}

void GivenDocumentation(Spec& spec, std::vector<std::int64_t> years) {
  for (std::int64_t year : years) {
    spec.Given(CandidateStream("c1"), AnnualDocumentationSubmitted{year, ""},
               At(std::to_string(year) + "-06-01T12:00:00Z"));
  }
}

// ---- certification decisions ----

TEST(Certification, IssuesTheFirstCertificateOfTheCohort) {
  Spec spec;
  GivenReadyForCertification(spec);
  const Decided decided = spec.WhenCertification("c1", "certify", CertificationDay());
  EXPECT_TRUE(Accepted(
      decided, {CertificationGranted{"CCTO-2018-0001", Day("2018-11-12"), Day("2021-11-12")}}));
  const Candidate& c1 = spec.candidate("c1");
  EXPECT_EQ(c1.status, "certified");
  EXPECT_EQ(c1.certification.state, "certified");
  EXPECT_EQ(c1.certification.cycle_start, Day("2018-11-12"));
  EXPECT_EQ(spec.program().candidate_by_certificate.at("CCTO-2018-0001"), "c1");
  EXPECT_EQ(CertificateStatus(c1, spec.rules(CertificationDay()), CertificationDay()), "active");
  // Certified is final for the year's decision.
  EXPECT_TRUE(Rejected(spec.WhenCertification("c1", "certify", CertificationDay() + kHour),
                       "invalid_transition"));
  EXPECT_TRUE(Rejected(spec.WhenCertification("c1", "deny", CertificationDay() + kHour, "x"),
                       "invalid_transition"));
  EXPECT_TRUE(Rejected(spec.When("c1", FeedbackGiven{"more"}, CertificationDay() + kHour),
                       "invalid_transition"));
}

TEST(Certification, NumbersFollowTheOrderGrantedWithinEachCohort) {
  Spec spec;
  GivenReadyForCertification(spec, "c1");
  GivenAccepted(spec, "c2", "m1");
  GivenYearOfWork(spec, "c2");
  GivenMentor(spec, "m2");
  GivenAccepted(spec, "c3", "m2");
  GivenYearOfWork(spec, "c3");
  ASSERT_TRUE(spec.WhenCertification("c2", "certify", CertificationDay()));
  ASSERT_TRUE(spec.WhenCertification("c1", "deny", CertificationDay(), "needs another review"));
  ASSERT_TRUE(spec.When("c2", CertificateRevoked{"fraud"}, CertificationDay() + kHour, Admin()));
  ASSERT_TRUE(spec.WhenCertification("c3", "certify", CertificationDay() + 2 * kHour));
  ASSERT_TRUE(spec.WhenCertification("c1", "certify", CertificationDay() + 3 * kHour));
  EXPECT_EQ(spec.candidate("c2").certification.certificate, "CCTO-2018-0001");
  EXPECT_EQ(spec.candidate("c3").certification.certificate, "CCTO-2018-0002");
  EXPECT_EQ(spec.candidate("c1").certification.certificate, "CCTO-2018-0003");

  // Another cohort counts from 0001.
  CohortOpened next = Cohort2018();
  next.year = 2019;
  spec.Given(CohortStream(2019), next, At("2018-08-01T09:00:00-07:00"));
  const auto documents = GivenDocuments(spec, "d1");
  ApplicationSubmitted application = Application("d1", documents);
  application.cohort = 2019;
  spec.Given(CandidateStream("d1"), application, At("2018-09-01T09:00:00-07:00"));
  spec.Given(CandidateStream("d1"), SelectionDecided{"accepted", ""},
             At("2018-10-15T09:00:00-07:00"));
  spec.Given(CandidateStream("d1"), MentorMatched{"m2"}, At("2018-10-20T09:00:00-07:00"));
  GivenYearOfWork(spec, "d1");  // the 2019 cohort defines no assignments
  const Decided d1 = spec.WhenCertification("d1", "certify", At("2019-11-12T12:00:00-08:00"));
  EXPECT_TRUE(
      Accepted(d1, {CertificationGranted{"CCTO-2019-0001", Day("2019-11-12"), Day("2022-11-12")}}));
}

TEST(Certification, ANumberKeptFromEarlierRecordsIsIssuedUnlessTakenAndNumberingPassesOverIt) {
  Spec spec;
  GivenReadyForCertification(spec, "c1");
  GivenAccepted(spec, "c2", "m1");
  GivenYearOfWork(spec, "c2");
  GivenMentor(spec, "m2");
  GivenAccepted(spec, "c3", "m2");
  GivenYearOfWork(spec, "c3");
  auto legacy = [&](const char* candidate, const char* decision, const char* number) {
    return spec.When(Command{candidate, DecideCertification{decision, "reason", number}},
                     CertificationDay());
  };
  EXPECT_TRUE(Rejected(legacy("c1", "deny", "CCTO-2018-0002"), "validation"));
  EXPECT_TRUE(
      Accepted(legacy("c1", "certify", "CCTO-2018-0002"),
               {CertificationGranted{"CCTO-2018-0002", Day("2018-11-12"), Day("2021-11-12")}}));
  EXPECT_TRUE(Rejected(legacy("c2", "certify", "CCTO-2018-0002"), "already_exists"));
  // The cohort has issued one certificate; its next number, 0002, is taken: 0003.
  ASSERT_TRUE(spec.WhenCertification("c2", "certify", CertificationDay()));
  EXPECT_EQ(spec.candidate("c2").certification.certificate, "CCTO-2018-0003");
  ASSERT_TRUE(spec.WhenCertification("c3", "certify", CertificationDay()));
  EXPECT_EQ(spec.candidate("c3").certification.certificate, "CCTO-2018-0004");
}

TEST(Certification, IsIssuedOnTheProgramsPacificDateOfTheDecision) {
  struct Case {
    const char* at;
    const char* issued_on;
    const char* expires_on;
  };
  const Case cases[] = {
      {"2018-11-12T15:59:59-08:00", "2018-11-12", "2021-11-12"},
      {"2018-11-12T16:00:00-08:00", "2018-11-12", "2021-11-12"},  // already the 13th in UTC
      {"2018-11-13T07:59:59Z", "2018-11-12", "2021-11-12"},
      {"2018-11-13T00:00:00-08:00", "2018-11-13", "2021-11-13"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.at);
    Spec spec;
    GivenReadyForCertification(spec);
    EXPECT_TRUE(
        Accepted(spec.WhenCertification("c1", "certify", At(c.at)),
                 {CertificationGranted{"CCTO-2018-0001", Day(c.issued_on), Day(c.expires_on)}}));
  }
}

TEST(Certification, ADenialIsAlwaysAllowedAndCompletionDecidesTheStatus) {
  struct Case {
    const char* name;
    void (*spoil)(Spec&);
    bool completion_met;
    const char* status;
  };
  const Case cases[] = {
      {"everything met", [](Spec&) {}, true, "completed"},
      {"tuition unpaid (certification only)",
       [](Spec& s) {
         s.Given(CandidateStream("c1"), RefundRecorded{1000, "x"}, Commencement());
       },
       true, "completed"},
      {"an unexcused absence (completion)",
       [](Spec& s) {
         s.Given(CandidateStream("c1"), AttendanceRecorded{4, "absent_unexcused", ""},
                 Commencement());
       },
       false, "accepted"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Spec spec;
    GivenReadyForCertification(spec);
    c.spoil(spec);
    EXPECT_TRUE(Rejected(spec.WhenCertification("c1", "deny", CertificationDay()), "validation"));
    EXPECT_TRUE(
        Rejected(spec.WhenCertification("c1", "postpone", CertificationDay(), "x"), "validation"));
    EXPECT_TRUE(Accepted(spec.WhenCertification("c1", "deny", CertificationDay(), "committee"),
                         {CertificationDenied{"committee", c.completion_met}}));
    EXPECT_EQ(spec.candidate("c1").status, c.status);
    EXPECT_EQ(spec.candidate("c1").certification.state, "denied");
    EXPECT_EQ(spec.candidate("c1").certification.decided_position, spec.last_position());
  }
}

TEST(Certification, ACompletedCandidateMayPayAndBeCertifiedLater) {
  Spec spec;
  GivenReadyForCertification(spec);
  spec.Given(CandidateStream("c1"), RefundRecorded{1000, "x"}, Commencement());
  ASSERT_TRUE(spec.WhenCertification("c1", "deny", CertificationDay(), "balance due"));
  ASSERT_EQ(spec.candidate("c1").status, "completed");
  EXPECT_TRUE(Rejected(spec.WhenCertification("c1", "certify", CertificationDay() + kHour),
                       "requirements_unmet", {"tuition"}));
  EXPECT_TRUE(spec.When("c1", PaymentRecorded{1000, "check", "self", "", "", ""},
                        CertificationDay() + kHour));
  EXPECT_TRUE(
      Accepted(spec.WhenCertification("c1", "certify", At("2018-12-03T10:00:00-08:00")),
               {CertificationGranted{"CCTO-2018-0001", Day("2018-12-03"), Day("2021-12-03")}}));
  EXPECT_EQ(spec.candidate("c1").status, "certified");
}

TEST(Certification, ADeniedCandidateStillInTheProgramMayFinishAndBeCertified) {
  Spec spec;
  GivenReadyForCertification(spec);
  spec.Given(CandidateStream("c1"), AttendanceRecorded{4, "absent_excused", ""}, Commencement());
  ASSERT_TRUE(spec.WhenCertification("c1", "deny", CertificationDay(), "make-up missing"));
  ASSERT_EQ(spec.candidate("c1").status, "accepted");
  ASSERT_TRUE(spec.When("c1", MakeupRecorded{4, "recording and essay"}, CertificationDay()));
  EXPECT_TRUE(spec.WhenCertification("c1", "certify", CertificationDay() + kHour));
}

// ---- certificate status ----

TEST(CertificateStatus, ActiveDueAndLapsedAtPreciseInstants) {
  struct Case {
    const char* at;
    const char* status;
  };
  // Expires 2021-11-12; the 90-day renewal window opens 2021-08-14. Days are Pacific days.
  const Case cases[] = {
      {"2018-11-12T23:00:00Z", "active"},
      {"2020-01-01T00:00:00Z", "active"},
      {"2021-08-13T23:59:59.999999-07:00", "active"},
      {"2021-08-14T00:00:00-07:00", "due"},
      {"2021-10-01T12:00:00Z", "due"},
      {"2021-11-11T23:59:59.999999-08:00", "due"},
      {"2021-11-12T07:59:59Z", "due"},  // still the 11th in California
      {"2021-11-12T00:00:00-08:00", "lapsed"},
      {"2030-01-01T00:00:00Z", "lapsed"},
  };
  Spec spec;
  GivenCertified(spec);
  const Candidate& c1 = spec.candidate("c1");
  for (const Case& c : cases) {
    SCOPED_TRACE(c.at);
    EXPECT_EQ(CertificateStatus(c1, spec.rules(At(c.at)), At(c.at)), c.status);
  }
  RuleParameters short_window;
  short_window.renewal_window_days = 30;  // opens 2021-10-13
  EXPECT_EQ(CertificateStatus(c1, short_window, At("2021-10-12T23:59:59-07:00")), "active");
  EXPECT_EQ(CertificateStatus(c1, short_window, At("2021-10-13T00:00:00-07:00")), "due");
}

TEST(CertificateStatus, RevokedAtEveryInstantAndNothingWithoutACertificate) {
  Spec spec;
  GivenCertified(spec);
  EXPECT_TRUE(Rejected(spec.When("c1", CertificateRevoked{""}, At("2019-01-01T00:00:00Z"), Admin()),
                       "validation"));
  ASSERT_TRUE(
      spec.When("c1", CertificateRevoked{"misconduct"}, At("2019-01-01T00:00:00Z"), Admin()));
  for (const char* at : {"2018-11-12T23:00:00Z", "2021-09-01T00:00:00Z", "2025-01-01T00:00:00Z"}) {
    SCOPED_TRACE(at);
    EXPECT_EQ(CertificateStatus(spec.candidate("c1"), RuleParameters{}, At(at)), "revoked");
  }
  EXPECT_TRUE(Rejected(spec.When("c1", CertificateRevoked{"again"}, At("2019-02-01T00:00:00Z")),
                       "invalid_transition"));
  EXPECT_TRUE(Rejected(spec.When("c1", Ceu(1000, "2019-03-01"), At("2019-03-02T00:00:00Z")),
                       "invalid_transition"));
  EXPECT_TRUE(
      Rejected(spec.When("c1", AnnualDocumentationSubmitted{2019, ""}, At("2019-03-01T00:00:00Z")),
               "invalid_transition"));
  EXPECT_TRUE(Rejected(spec.WhenRecertification("c1", At("2021-10-01T00:00:00Z")),
                       "requirements_unmet", {"revoked", "ceus", "annual_documentation"}));

  Spec uncertified;
  GivenReadyForCertification(uncertified);
  EXPECT_EQ(CertificateStatus(uncertified.candidate("c1"), RuleParameters{}, CertificationDay()),
            "");
  EXPECT_TRUE(Rejected(uncertified.When("c1", CertificateRevoked{"x"}, CertificationDay()),
                       "invalid_transition"));
}

// ---- CEUs ----

TEST(Ceus, AreContactHoursOverTenKeptExactly) {
  struct Case {
    const char* name;
    std::vector<std::int64_t> hours_hundredths;
    std::int64_t thousandths;
    bool met;
  };
  const Case cases[] = {
      {"59.5 hours are 5.95 CEUs", {5950}, 5950, false},
      {"60 hours are 6.00 CEUs", {6000}, 6000, true},
      {"59.99 hours are 5.999 CEUs", {5999}, 5999, false},
      {"29.75 + 30.25 hours", {2975, 3025}, 6000, true},
      {"ten sessions of 5.95 hours",
       {595, 595, 595, 595, 595, 595, 595, 595, 595, 595},
       5950,
       false},
      {"0.01 hours over", {3000, 3001}, 6001, true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Spec spec;
    GivenCertified(spec);
    for (std::int64_t hours : c.hours_hundredths) {
      ASSERT_TRUE(spec.When("c1", Ceu(hours, "2020-03-01"), At("2020-03-02T12:00:00Z")));
    }
    GivenDocumentation(spec, {2019, 2020, 2021});
    EXPECT_EQ(CeusInCycleThousandths(spec.candidate("c1")), c.thousandths);
    const Decided decided = spec.WhenRecertification("c1", At("2021-10-01T12:00:00Z"));
    if (c.met) {
      EXPECT_TRUE(decided.has_value());
    } else {
      EXPECT_TRUE(Rejected(decided, "requirements_unmet", {"ceus"}));
    }
  }
}

TEST(Ceus, CountInACycleFromItsStartUntilTheDayBeforeItsExpiry) {
  struct Case {
    const char* completed_on;
    bool counts;
  };
  const Case cases[] = {
      {"2018-11-11", false}, {"2018-11-12", true},  {"2020-02-29", true},
      {"2021-11-11", true},  {"2021-11-12", false},  // the expiry day starts the next cycle
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.completed_on);
    Spec spec;
    GivenCertified(spec);
    ASSERT_TRUE(spec.When("c1", Ceu(6000, c.completed_on), At("2021-11-20T12:00:00Z")));
    EXPECT_EQ(CeusInCycleThousandths(spec.candidate("c1")), c.counts ? 6000 : 0);
  }
}

TEST(Ceus, AreLoggedByCertifiedCtosWithSensibleHours) {
  Spec spec;
  GivenReadyForCertification(spec);
  const Instant at = At("2019-03-01T12:00:00Z");
  EXPECT_TRUE(Rejected(spec.When("c1", Ceu(1000, "2019-03-01"), at), "invalid_transition"));
  ASSERT_TRUE(spec.WhenCertification("c1", "certify", CertificationDay()));
  EXPECT_TRUE(Rejected(spec.When("c1", Ceu(0, "2019-03-01"), at), "validation"));
  EXPECT_TRUE(Rejected(spec.When("c1", Ceu(-100, "2019-03-01"), at), "validation"));
  EXPECT_TRUE(Rejected(spec.When("c1", Ceu(100'001, "2019-03-01"), at), "validation"));
  EXPECT_TRUE(spec.When("c1", Ceu(100'000, "2019-03-01"), at));
  CeuRecorded no_provider = Ceu(100, "2019-03-01");
  no_provider.provider.clear();
  EXPECT_TRUE(Rejected(spec.When("c1", no_provider, at), "validation"));
  CeuRecorded unknown_document = Ceu(100, "2019-03-01");
  unknown_document.document = "sha256:never";
  EXPECT_TRUE(Rejected(spec.When("c1", unknown_document, at), "validation"));
  unknown_document.document = "sha256:c1-resume";
  EXPECT_TRUE(spec.When("c1", unknown_document, at));
}

TEST(Ceus, AreNeverCompletedAfterTheDayTheyAreRecordedByTheProgramsCalendar) {
  Spec spec;
  GivenCertified(spec);
  // 20:00 Pacific on 1 March 2019 is already 2 March in UTC: the program's day is the 1st.
  const Instant evening = At("2019-03-01T20:00:00-08:00");
  EXPECT_TRUE(spec.When("c1", Ceu(100, "2019-03-01"), evening));
  const Decided tomorrow = spec.When("c1", Ceu(100, "2019-03-02"), evening);
  EXPECT_EQ(ErrorFields(tomorrow), std::vector<std::string>{"completed_on"});
  EXPECT_EQ(tomorrow.error().errors[0].message, "is after the day it is recorded, 2019-03-01");
}

TEST(Ceus, EachCountsInTheCycleItsCompletionFallsInOrNowhereSaidInWords) {
  Spec spec;
  GivenCertified(spec);  // certified 2018-11-12, expiring 2021-11-12
  const Certification& cert = spec.candidate("c1").certification;
  struct Case {
    const char* completed_on;
    bool counts;
    const char* where;
  };
  const Case cases[] = {
      {"2018-11-11", false, "nowhere: completed before certification on 2018-11-12"},
      {"2018-11-12", true, "the cycle 2018-11-12 to 2021-11-12"},
      {"2021-11-11", true, "the cycle 2018-11-12 to 2021-11-12"},
      {"2021-11-12", false, "nowhere: completed after the last cycle ended on 2021-11-12"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.completed_on);
    const CeuPlacement placement = PlaceCeu(cert, Day(c.completed_on));
    EXPECT_EQ(placement.counts, c.counts);
    EXPECT_EQ(placement.where, c.where);
  }
}

TEST(Ceus, AfterARecertificationOlderCeusStillSayWhichCycleTheyCountedIn) {
  Spec spec;
  GivenCertified(spec);
  ASSERT_TRUE(spec.When("c1", Ceu(6000, "2020-03-01"), At("2020-03-02T12:00:00Z")));
  GivenDocumentation(spec, {2019, 2020, 2021});
  ASSERT_TRUE(spec.WhenRecertification("c1", At("2021-10-01T12:00:00Z")));
  const CeuPlacement placement = PlaceCeu(spec.candidate("c1").certification, Day("2020-03-01"));
  EXPECT_TRUE(placement.counts);
  EXPECT_FALSE(placement.in_current_cycle);
  EXPECT_EQ(placement.where, "the cycle 2018-11-12 to 2021-11-12");
  EXPECT_EQ(PlaceCeu(spec.candidate("c1").certification, Day("2022-01-01")).where,
            "the cycle 2021-11-12 to 2024-11-12");
}

TEST(Recertification, DetailsSayWhatIsMissingNotWhatIsRequired) {
  Spec spec;
  GivenCertified(spec);
  ASSERT_TRUE(spec.When("c1", Ceu(750, "2020-03-01"), At("2020-03-02T12:00:00Z")));
  ASSERT_TRUE(spec.When("c1", Ceu(1000, "2018-06-01"), At("2020-03-02T12:00:00Z")));
  GivenDocumentation(spec, {2019, 2020});
  const Evaluation evaluation =
      EvaluateRecertification(spec.candidate("c1"), spec.rules(At("2021-10-01T12:00:00Z")));
  std::map<std::string, std::string> details;
  for (const Requirement& r : evaluation.requirements) details[r.code] = r.detail;
  EXPECT_EQ(details["annual_documentation"], "2021 not documented");
  EXPECT_EQ(details["ceus"],
            "0.75 CEUs in the cycle 2018-11-12 to 2021-11-12, need 6.00: 5.25 more; "
            "1 CEU entry counts in no cycle");
}

TEST(Ceus, AreWrittenWithTwoDecimalsAndAThirdOnlyWhenItCounts) {
  EXPECT_EQ(FormatCeus(750), "0.75");
  EXPECT_EQ(FormatCeus(725), "0.725");
  EXPECT_EQ(FormatCeus(6000), "6.00");
  EXPECT_EQ(FormatCeus(0), "0.00");
}

// ---- annual documentation ----

TEST(AnnualDocumentation, TheYearsOfACycleAreItsAnniversaries) {
  Spec spec;
  GivenCertified(spec);
  EXPECT_EQ(CycleYears(spec.candidate("c1").certification),
            (std::vector<std::int64_t>{2019, 2020, 2021}));
  struct Case {
    std::int64_t year;
    const char* outcome;
  };
  // Submitted late in 2019: 2020 has not begun. Then in 2022: up to the year after expiry.
  const Case in_2019[] = {
      {2017, "validation"},     {2018, "validation"}, {2019, "accepted"},
      {2019, "already_exists"}, {2020, "validation"},
  };
  for (const Case& c : in_2019) {
    SCOPED_TRACE(c.year);
    EXPECT_EQ(Outcome(spec.When("c1", AnnualDocumentationSubmitted{c.year, ""},
                                At("2019-12-01T12:00:00Z"))),
              c.outcome);
  }
  const Case in_2023[] = {{2021, "accepted"}, {2022, "accepted"}, {2023, "validation"}};
  for (const Case& c : in_2023) {
    SCOPED_TRACE(c.year);
    EXPECT_EQ(Outcome(spec.When("c1", AnnualDocumentationSubmitted{c.year, ""},
                                At("2023-06-01T12:00:00Z"))),
              c.outcome);
  }
}

// ---- recertification ----

TEST(Recertification, NeedsTheCyclesCeusAndEveryYearsDocumentation) {
  struct Case {
    const char* name;
    std::vector<std::int64_t> ceu_hours_hundredths;
    std::vector<std::int64_t> years;
    Codes unmet;
  };
  const Case cases[] = {
      {"nothing", {}, {}, {"ceus", "annual_documentation"}},
      {"CEUs only", {6000}, {}, {"annual_documentation"}},
      {"documentation only", {}, {2019, 2020, 2021}, {"ceus"}},
      {"a year missing", {6000}, {2019, 2021}, {"annual_documentation"}},
      {"too few CEUs and a year missing", {5950}, {2019, 2020}, {"ceus", "annual_documentation"}},
      {"everything", {4000, 2000}, {2019, 2020, 2021}, {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Spec spec;
    GivenCertified(spec);
    for (std::int64_t hours : c.ceu_hours_hundredths) {
      spec.Given(CandidateStream("c1"), Ceu(hours, "2020-05-01"), At("2020-05-02T12:00:00Z"));
    }
    GivenDocumentation(spec, c.years);
    const Decided decided = spec.WhenRecertification("c1", At("2021-10-01T12:00:00Z"));
    if (c.unmet.empty()) {
      EXPECT_TRUE(
          Accepted(decided, {RecertificationGranted{Day("2021-11-12"), Day("2024-11-12")}}));
    } else {
      EXPECT_TRUE(Rejected(decided, "requirements_unmet", c.unmet));
    }
  }
}

TEST(Recertification, RefusesSomeoneNeverCertified) {
  Spec spec;
  GivenReadyForCertification(spec);
  EXPECT_TRUE(Rejected(spec.WhenRecertification("c1", CertificationDay()), "requirements_unmet",
                       {"not_certified", "ceus", "annual_documentation"}));
  ASSERT_TRUE(spec.WhenCertification("c1", "deny", CertificationDay(), "no"));
  EXPECT_TRUE(Rejected(spec.WhenRecertification("c1", CertificationDay()), "requirements_unmet",
                       {"not_certified", "ceus", "annual_documentation"}));
}

TEST(Recertification, MovesTheExpiryByOneCycleAndStartsANewCycle) {
  Spec spec;
  GivenCertified(spec);
  spec.Given(CandidateStream("c1"), Ceu(6000, "2020-05-01"), At("2020-05-02T12:00:00Z"));
  GivenDocumentation(spec, {2019, 2020, 2021});
  ASSERT_TRUE(spec.WhenRecertification("c1", At("2021-10-01T12:00:00Z")));
  const Candidate& c1 = spec.candidate("c1");
  EXPECT_EQ(c1.certification.cycle_start, Day("2021-11-12"));
  EXPECT_EQ(c1.certification.expires_on, Day("2024-11-12"));
  EXPECT_EQ(c1.certification.issued_on, Day("2018-11-12"));
  EXPECT_EQ(c1.certification.recertification_positions, Positions{spec.last_position()});
  EXPECT_EQ(CycleYears(c1.certification), (std::vector<std::int64_t>{2022, 2023, 2024}));
  EXPECT_EQ(CeusInCycleThousandths(c1), 0);
  EXPECT_EQ(CertificateStatus(c1, RuleParameters{}, At("2021-11-12T00:00:00Z")), "active");
  EXPECT_EQ(CertificateStatus(c1, RuleParameters{}, At("2024-11-12T00:00:00-08:00")), "lapsed");
  // The next cycle starts from nothing.
  EXPECT_TRUE(Rejected(spec.WhenRecertification("c1", At("2021-10-02T12:00:00Z")),
                       "requirements_unmet", {"ceus", "annual_documentation"}));
  const Evaluation evaluation = EvaluateRecertification(c1, RuleParameters{});
  ASSERT_EQ(evaluation.requirements.size(), 4u);
  EXPECT_EQ(evaluation.requirements[0].evidence, Positions{c1.certification.decided_position});
}

TEST(Recertification, IsAllowedAfterALapseAndCountsFromThePreviousExpiry) {
  Spec spec;
  GivenCertified(spec);
  spec.Given(CandidateStream("c1"), Ceu(6000, "2021-06-01"), At("2021-06-02T12:00:00Z"));
  GivenDocumentation(spec, {2019, 2020, 2021});
  const Instant late = At("2022-03-01T12:00:00Z");
  ASSERT_EQ(CertificateStatus(spec.candidate("c1"), RuleParameters{}, late), "lapsed");
  EXPECT_TRUE(Accepted(spec.WhenRecertification("c1", late),
                       {RecertificationGranted{Day("2021-11-12"), Day("2024-11-12")}}));
  EXPECT_EQ(CertificateStatus(spec.candidate("c1"), RuleParameters{}, late), "active");
}

TEST(Recertification, EvidencePointsAtTheCyclesCeusAndDocumentation) {
  Spec spec;
  GivenCertified(spec);
  spec.Given(CandidateStream("c1"), Ceu(3000, "2018-11-01"), At("2018-11-12T23:30:00Z"));
  spec.Given(CandidateStream("c1"), Ceu(3000, "2019-04-01"), At("2019-04-02T12:00:00Z"));
  const std::uint64_t in_cycle = spec.last_position();
  GivenDocumentation(spec, {2019, 2021});
  const Evaluation evaluation = EvaluateRecertification(spec.candidate("c1"), RuleParameters{});
  EXPECT_EQ(evaluation.Unmet(), (Codes{"ceus", "annual_documentation"}));
  EXPECT_EQ(evaluation.requirements[2].code, "ceus");
  EXPECT_EQ(evaluation.requirements[2].evidence, Positions{in_cycle});
  EXPECT_EQ(evaluation.requirements[3].code, "annual_documentation");
  EXPECT_EQ(evaluation.requirements[3].evidence,
            (Positions{spec.last_position() - 1, spec.last_position()}));
  EXPECT_EQ(evaluation.requirements[3].detail, "2020 not documented");
}

// ---- rule sets take effect from their effective_from ----

TEST(RuleSets, ACertificationBeforeEffectiveFromIsJudgedByTheOldRules) {
  Spec spec;
  GivenReadyForCertification(spec);
  for (std::int64_t session : {2, 3, 5}) {
    spec.Given(CandidateStream("c1"), AttendanceRecorded{session, "absent_excused", ""},
               SessionStart(8));
    spec.Given(CandidateStream("c1"), MakeupRecorded{session, "recording"}, SessionStart(8));
  }
  RuleParameters lenient;
  lenient.max_excused_absences = 3;
  const Instant effective = At("2018-11-01T00:00:00-07:00");
  const Decided published = spec.When("", RuleSetPublished{0, effective, lenient},
                                      At("2018-10-20T09:00:00-07:00"), Admin());
  ASSERT_TRUE(Accepted(published, {RuleSetPublished{2, effective, lenient}}));
  EXPECT_EQ(spec.rules(effective - 1).max_excused_absences, 2);
  EXPECT_EQ(spec.rules(effective).max_excused_absences, 3);
  EXPECT_TRUE(Rejected(spec.WhenCertification("c1", "certify", effective - 1), "requirements_unmet",
                       {"excused_absences", "completion"}));
  // A denial judged before effective_from finds completion unmet...
  Spec before = Replay(spec, [](const Recorded&) { return true; });
  EXPECT_TRUE(Accepted(before.WhenCertification("c1", "deny", effective - 1, "committee"),
                       {CertificationDenied{"committee", false}}));
  // ...and at effective_from the same history is certified.
  EXPECT_TRUE(spec.WhenCertification("c1", "certify", effective));
}

TEST(RuleSets, ARecertificationIsJudgedByTheCeusInForceThen) {
  Spec spec;
  GivenCertified(spec);
  spec.Given(CandidateStream("c1"), Ceu(5950, "2020-05-01"), At("2020-05-02T12:00:00Z"));
  GivenDocumentation(spec, {2019, 2020, 2021});
  RuleParameters fewer;
  fewer.min_ceus_per_cycle_hundredths = 595;  // 5.95 CEUs
  const Instant effective = At("2021-09-01T00:00:00Z");
  spec.Given(std::string(kProgramStream), RuleSetFrom(2, effective, fewer),
             At("2021-08-01T00:00:00Z"));
  EXPECT_TRUE(
      Rejected(spec.WhenRecertification("c1", effective - 1), "requirements_unmet", {"ceus"}));
  EXPECT_TRUE(spec.WhenRecertification("c1", effective));
}

TEST(RuleSets, TheCycleLengthInForceSetsTheExpiry) {
  Spec spec;
  GivenReadyForCertification(spec);
  RuleParameters five_years;
  five_years.recert_cycle_years = 5;
  const Instant effective = At("2018-11-12T20:00:00Z");  // noon Pacific on commencement day
  spec.Given(std::string(kProgramStream), RuleSetFrom(2, effective, five_years),
             At("2018-10-01T00:00:00Z"));
  EXPECT_TRUE(
      Accepted(spec.WhenCertification("c1", "certify", effective),
               {CertificationGranted{"CCTO-2018-0001", Day("2018-11-12"), Day("2023-11-12")}}));
  EXPECT_EQ(CycleYears(spec.candidate("c1").certification),
            (std::vector<std::int64_t>{2019, 2020, 2021, 2022, 2023}));
}

TEST(RuleSets, TheHighestVersionInForceWins) {
  Spec spec;
  RuleParameters v2;
  v2.max_excused_absences = 5;
  RuleParameters v3;
  v3.max_excused_absences = 1;
  spec.Given(std::string(kProgramStream), RuleSetFrom(2, At("2019-01-01T00:00:00Z"), v2),
             At("2018-06-01T00:00:00Z"));
  spec.Given(std::string(kProgramStream), RuleSetFrom(3, At("2018-09-01T00:00:00Z"), v3),
             At("2018-07-01T00:00:00Z"));
  EXPECT_EQ(spec.rules(At("2018-08-31T23:59:59Z")).max_excused_absences, 2);
  EXPECT_EQ(spec.rules(At("2018-09-01T00:00:00Z")).max_excused_absences, 1);
  EXPECT_EQ(spec.rules(At("2019-06-01T00:00:00Z")).max_excused_absences, 1);
  EXPECT_EQ(spec.program().rules.Latest().version, 3);
  EXPECT_EQ(spec.program().program_version, 2u);
}

TEST(RuleSets, PublishingChecksEveryParameterRange) {
  struct Case {
    const char* name;
    void (*change)(RuleParameters&);
    const char* outcome;
  };
  const Case cases[] = {
      {"the defaults", [](RuleParameters&) {}, "accepted"},
      {"no mentees", [](RuleParameters& p) { p.max_mentees_per_mentor = 0; }, "validation"},
      {"negative absences", [](RuleParameters& p) { p.max_excused_absences = -1; }, "validation"},
      {"a zero-year cycle", [](RuleParameters& p) { p.recert_cycle_years = 0; }, "validation"},
      {"an unknown document",
       [](RuleParameters& p) {
         p.required_documents = {"application", "passport"};
       },
       "validation"},
      {"no documents", [](RuleParameters& p) { p.required_documents.clear(); }, "accepted"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Spec spec;
    RuleParameters parameters;
    c.change(parameters);
    EXPECT_EQ(Outcome(spec.When("", RuleSetPublished{0, 0, parameters}, 0, Admin())), c.outcome);
  }
}

// ---- careers ----

TEST(Promotions, AreRecordedForEnrolledCandidates) {
  Spec spec;
  GivenCertified(spec);
  const PromotionRecorded promotion{"Chief Technology Officer", Day("2019-07-01")};
  EXPECT_TRUE(Accepted(spec.When("c1", promotion, At("2019-07-02T12:00:00Z")), {promotion}));
  EXPECT_EQ(spec.candidate("c1").promotions.size(), 1u);
  EXPECT_TRUE(Rejected(
      spec.When("c1", PromotionRecorded{"", Day("2019-07-01")}, At("2019-07-02T12:00:00Z")),
      "validation"));
  GivenApplicant(spec, "c2");
  EXPECT_TRUE(
      Rejected(spec.When("c2", promotion, At("2019-07-02T12:00:00Z")), "invalid_transition"));
}

}  // namespace
}  // namespace ctom::domain::spec
