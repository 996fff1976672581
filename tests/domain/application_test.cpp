// Applications and mentor applications: the window, the channel, the employer, documents,
// duplicates, and the mentor qualifications.
#include <gtest/gtest.h>

#include "domain/values.hpp"
#include "tests/domain/domain_spec.hpp"

namespace ctom::domain::spec {
namespace {

// ---- the application window ----

TEST(Application, IsJudgedAgainstTheWindowToTheMicrosecond) {
  struct Case {
    const char* name;
    Instant at;
    const char* outcome;
  };
  const Case cases[] = {
      {"one second before opening", ApplicationOpens() - kSecond, "application_window_not_open"},
      {"one microsecond before opening", ApplicationOpens() - 1, "application_window_not_open"},
      {"exactly at opening", ApplicationOpens(), "accepted"},
      {"inside the window", DuringApplications(), "accepted"},
      {"exactly at the deadline", ApplicationDeadline(), "accepted"},
      {"the deadline written in UTC", At("2017-09-30T00:00:00Z"), "accepted"},
      {"one microsecond after the deadline", ApplicationDeadline() + 1,
       "application_deadline_passed"},
      {"one second after the deadline", ApplicationDeadline() + kSecond,
       "application_deadline_passed"},
      {"in selection month", SelectionDay(), "application_deadline_passed"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Spec spec;
    GivenCohort(spec);
    const auto documents = GivenDocuments(spec, "c1");
    EXPECT_EQ(Outcome(spec.When("", Application("c1", documents), c.at)), c.outcome);
  }
}

TEST(Application, AcceptedRecordsTheApplicationInANewCandidateStream) {
  Spec spec;
  GivenCohort(spec);
  const auto documents = GivenDocuments(spec, "c1");
  ApplicationSubmitted application = Application("c1", documents);
  application.channel = "";  // electronic by default
  const Decided decided = spec.When("", application, DuringApplications());
  ApplicationSubmitted expected = application;
  expected.channel = "electronic";
  ASSERT_TRUE(Accepted(decided, {expected}));
  EXPECT_EQ(decided->stream, "candidate-c1");
  EXPECT_EQ(decided->expect, Expect::no_stream);
  EXPECT_TRUE(decided->created);
  EXPECT_EQ(decided->resource_id, "c1");
  EXPECT_EQ(spec.candidate("c1").status, "applied");
  EXPECT_EQ(spec.candidate("c1").version, 1u);
  EXPECT_EQ(spec.program().FindCohort(kYear)->candidate_ids, std::vector<std::string>{"c1"});
}

// ---- one application per e-mail per cohort ----

TEST(Application, OneApplicationPerEmailPerCohortAcrossCaseAndSpaces) {
  struct Case {
    const char* second_email;
    const char* outcome;
  };
  const Case cases[] = {
      {"ana.lopez@egusd.net", "duplicate_application"},
      {"ANA.LOPEZ@EGUSD.NET", "duplicate_application"},
      {"Ana.Lopez@Egusd.Net", "duplicate_application"},
      {"  ana.lopez@egusd.net  ", "duplicate_application"},
      {"\tAna.Lopez@EGUSD.net\n", "duplicate_application"},
      {"ana.lopez2@egusd.net", "accepted"},
      {"ana.lopez@egusd.net.example", "accepted"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.second_email);
    Spec spec;
    GivenCohort(spec);
    const auto documents = GivenDocuments(spec, "c1");
    ASSERT_TRUE(
        spec.When("", Application("c1", documents, " Ana.Lopez@egusd.net"), DuringApplications()));
    EXPECT_EQ(Outcome(spec.When("", Application("c2", documents, c.second_email),
                                DuringApplications() + kHour)),
              c.outcome);
  }
}

TEST(Application, AnEarlierApplicationCountsWhateverBecameOfIt) {
  for (const char* fate : {"rejected", "withdrawn"}) {
    SCOPED_TRACE(fate);
    Spec spec;
    GivenCohort(spec);
    GivenApplicant(spec, "c1", "ana@egusd.net");
    if (std::string(fate) == "rejected") {
      spec.Given(CandidateStream("c1"), SelectionDecided{"rejected", "incomplete"},
                 DuringApplications() + kHour);
    } else {
      spec.Given(CandidateStream("c1"), CandidateWithdrew{"changed plans"},
                 DuringApplications() + kHour);
    }
    const auto documents = GivenDocuments(spec, "c2");
    EXPECT_TRUE(Rejected(spec.When("", Application("c2", documents, "ANA@egusd.net"),
                                   DuringApplications() + 2 * kHour),
                         "duplicate_application"));
  }
}

TEST(Application, TheSameEmailMayApplyToAnotherCohort) {
  Spec spec;
  GivenCohort(spec);
  CohortOpened next = Cohort2018();
  next.year = 2019;
  next.application_opens = At("2018-08-23T00:00:00-07:00");
  next.application_deadline = At("2018-09-28T17:00:00-07:00");
  spec.Given(CohortStream(2019), next, At("2018-08-01T09:00:00-07:00"));
  GivenApplicant(spec, "c1", "ana@egusd.net");
  const auto documents = GivenDocuments(spec, "c2");
  ApplicationSubmitted again = Application("c2", documents, "ana@egusd.net");
  again.cohort = 2019;
  EXPECT_TRUE(spec.When("", again, At("2018-09-01T09:00:00-07:00")));
}

// ---- who may apply, and how ----

TEST(Application, EmployerAndChannelRulesOwnTheirRefusals) {
  struct Case {
    const char* name;
    const char* employer_kind;
    const char* channel;
    const char* outcome;
  };
  const Case cases[] = {
      {"a district", "district", "electronic", "accepted"},
      {"a county office", "county_office", "electronic", "accepted"},
      {"outside K-12", "non_k12", "electronic", "not_k12"},
      {"by mail", "district", "mail", "electronic_only"},
      {"by fax", "district", "fax", "electronic_only"},
      {"in person", "district", "in_person", "electronic_only"},
      {"an unknown channel", "district", "pigeon", "validation"},
      {"an unknown employer kind", "charter_network", "electronic", "validation"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Spec spec;
    GivenCohort(spec);
    ApplicationSubmitted application = Application("c1", GivenDocuments(spec, "c1"));
    application.employer.kind = c.employer_kind;
    application.channel = c.channel;
    EXPECT_EQ(Outcome(spec.When("", application, DuringApplications())), c.outcome);
  }
}

TEST(Application, MalformedApplicationsAreValidationErrors) {
  struct Case {
    const char* name;
    void (*spoil)(ApplicationSubmitted&);
    const char* outcome;
  };
  const Case cases[] = {
      {"no name", [](ApplicationSubmitted& a) { a.name.clear(); }, "validation"},
      {"an e-mail without @", [](ApplicationSubmitted& a) { a.email = "ana"; }, "validation"},
      {"no employer name", [](ApplicationSubmitted& a) { a.employer.name.clear(); }, "validation"},
      {"a 13-digit CDS code",
       [](ApplicationSubmitted& a) { a.employer.cds_code = "3467239000000"; }, "validation"},
      {"a CDS code with letters",
       [](ApplicationSubmitted& a) { a.employer.cds_code = "3467239000000X"; }, "validation"},
      {"no CDS code", [](ApplicationSubmitted& a) { a.employer.cds_code.clear(); }, "accepted"},
      {"an unknown requested mentor", [](ApplicationSubmitted& a) { a.requested_mentor_id = "mX"; },
       "validation"},
      {"a known requested mentor", [](ApplicationSubmitted& a) { a.requested_mentor_id = "m1"; },
       "accepted"},
      {"an unknown cohort", [](ApplicationSubmitted& a) { a.cohort = 2030; }, "not_found"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Spec spec;
    GivenCohort(spec);
    GivenMentor(spec, "m1");
    ApplicationSubmitted application = Application("c1", GivenDocuments(spec, "c1"));
    c.spoil(application);
    EXPECT_EQ(Outcome(spec.When("", application, DuringApplications())), c.outcome);
  }
}

TEST(Application, AMalformedApplicationNamesEveryBadFieldAtOnce) {
  Spec spec;
  GivenCohort(spec);
  ApplicationSubmitted application = Application("c1", GivenDocuments(spec, "c1"));
  application.name.clear();
  application.email = "ana at egusd";
  application.employer.cds_code = "12";
  const Decided decided = spec.When("", application, DuringApplications());
  EXPECT_EQ(ErrorFields(decided),
            (std::vector<std::string>{"name", "email", "employer.cds_code"}));
  EXPECT_EQ(decided.error().detail,
            "name is required; email is not an e-mail address (name@domain); "
            "employer.cds_code is 14 digits");
}

TEST(Application, EmailAddressesNeedALocalPartAndADottedDomain) {
  for (const char* good : {"ana@egusd.net", " ana@egusd.net\t", "a.b+c@mail.k12.ca.us"})
    EXPECT_TRUE(IsEmailAddress(good)) << good;
  for (const char* bad : {"ana", "@egusd.net", "ana@", "ana@egusd", "ana@@egusd.net",
                          "ana lopez@egusd.net", "ana@.egusd.net", "ana@egusd..net", ""})
    EXPECT_FALSE(IsEmailAddress(bad)) << bad;
}

TEST(Application, WindowRefusalsWriteTheInstantInTheProgramsTimeZone) {
  Spec spec;
  GivenCohort(spec);
  const auto documents = GivenDocuments(spec, "c1");
  const Decided late = spec.When("", Application("c1", documents), SelectionDay());
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().detail, "the deadline was 2017-09-29 17:00 -07:00");
  const Decided early = spec.When("", Application("c1", documents), ApplicationOpens() - 1);
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().detail, "applications open 2017-08-23 00:00 -07:00");
}

TEST(Application, ADuplicateNamesTheCandidateWhoAlreadyApplied) {
  Spec spec;
  GivenCohort(spec);
  const auto documents = GivenDocuments(spec, "c1");
  ASSERT_TRUE(spec.When("", Application("c1", documents), DuringApplications()));
  const Decided again = spec.When("", Application("c2", documents, "c1@district.k12.ca.us"),
                                  DuringApplications() + kHour);
  ASSERT_TRUE(Rejected(again, "duplicate_application"));
  EXPECT_NE(again.error().detail.find("as candidate c1"), std::string::npos)
      << again.error().detail;
}

TEST(Application, ACandidateIdIsUsedOnce) {
  Spec spec;
  GivenCohort(spec);
  GivenApplicant(spec, "c1");
  const auto documents = GivenDocuments(spec, "c2");
  EXPECT_TRUE(
      Rejected(spec.When("", Application("c1", documents, "other@egusd.net"), DuringApplications()),
               "already_exists"));
}

// ---- documents ----

TEST(Application, MissingDocumentsAreListedInTheRuleSetsOrder) {
  struct Case {
    const char* name;
    std::vector<std::string> kinds_given;
    bool unknown_nomination;
    std::vector<std::string> unmet;
  };
  const Case cases[] = {
      {"none", {}, false, {"application", "resume", "nomination"}},
      {"only a resume", {"resume"}, false, {"application", "nomination"}},
      {"no nomination", {"application", "resume"}, false, {"nomination"}},
      {"a nomination never uploaded",
       {"application", "resume", "nomination"},
       true,
       {"nomination"}},
      {"all three", {"application", "resume", "nomination"}, false, {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Spec spec;
    GivenCohort(spec);
    const auto uploaded = GivenDocuments(spec, "c1");
    std::map<std::string, std::string> documents;
    for (const std::string& kind : c.kinds_given) documents[kind] = uploaded.at(kind);
    if (c.unknown_nomination) documents["nomination"] = "sha256:never-uploaded";
    const Decided decided = spec.When("", Application("c1", documents), DuringApplications());
    if (c.unmet.empty()) {
      EXPECT_TRUE(decided.has_value());
    } else {
      EXPECT_TRUE(Rejected(decided, "missing_documents", c.unmet));
    }
  }
}

TEST(Application, MissingDocumentsSayWhichWereNotGivenAndWhichIdIsUnknown) {
  Spec spec;
  GivenCohort(spec);
  const auto uploaded = GivenDocuments(spec, "c1");
  const std::map<std::string, std::string> documents{
      {"application", uploaded.at("application")}, {"nomination", "sha256:never-uploaded"}};
  const Decided decided = spec.When("", Application("c1", documents), DuringApplications());
  ASSERT_TRUE(Rejected(decided, "missing_documents", {"resume", "nomination"}));
  EXPECT_EQ(decided.error().detail,
            "required documents are missing: resume not given; nomination names unknown "
            "document 'sha256:never-uploaded'");
}

TEST(Application, RequiredDocumentsFollowTheRuleSetInForceWhenTheApplicationArrives) {
  Spec spec;
  GivenCohort(spec);
  RuleParameters fewer;
  fewer.required_documents = {"application", "resume"};
  const Instant effective = At("2017-09-15T00:00:00-07:00");
  spec.Given(std::string(kProgramStream), RuleSetFrom(2, effective, fewer), ApplicationOpens());
  auto documents = GivenDocuments(spec, "c1");
  documents.erase("nomination");
  EXPECT_TRUE(Rejected(spec.When("", Application("c1", documents), effective - 1),
                       "missing_documents", {"nomination"}));
  EXPECT_TRUE(spec.When("", Application("c1", documents), effective));
}

// ---- mentors ----

TEST(MentorApplication, UnqualifiedMentorsAreRefusedWithWhatIsMissing) {
  struct Case {
    const char* name;
    bool leader;
    bool hands_on;
    const char* qualification;
    std::vector<std::string> unmet;
  };
  const Case cases[] = {
      {"nothing",
       false,
       false,
       "",
       {"currently_k12_leader", "hands_on_experience", "qualification"}},
      {"not a current leader", false, true, "business_degree", {"currently_k12_leader"}},
      {"no hands-on experience", true, false, "work_experience", {"hands_on_experience"}},
      {"no qualification", true, true, "", {"qualification"}},
      {"leader only", true, false, "", {"hands_on_experience", "qualification"}},
      {"business degree", true, true, "business_degree", {}},
      {"CTO certification", true, true, "cto_certification", {}},
      {"work experience", true, true, "work_experience", {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Spec spec;
    MentorApplied applied = MentorApplication("m1");
    applied.currently_k12_leader = c.leader;
    applied.hands_on_experience = c.hands_on;
    applied.qualification = c.qualification;
    const Decided decided = spec.When("", applied, DuringApplications());
    if (c.unmet.empty()) {
      EXPECT_TRUE(Accepted(decided, {applied}));
      EXPECT_EQ(decided->stream, "mentor-m1");
    } else {
      EXPECT_TRUE(Rejected(decided, "mentor_unqualified", c.unmet));
    }
  }
}

TEST(MentorApplication, FewerThanTheYearsPreferredIsRecordedNotRefused) {
  for (std::int64_t years : {0, 1, 9, 10, 25}) {
    SCOPED_TRACE(years);
    Spec spec;
    MentorApplied applied = MentorApplication("m1");
    applied.years_k12_leadership = years;
    EXPECT_TRUE(Accepted(spec.When("", applied, DuringApplications()), {applied}));
    EXPECT_EQ(spec.mentor("m1").application.years_k12_leadership, years);
  }
  Spec spec;
  MentorApplied applied = MentorApplication("m1");
  applied.years_k12_leadership = -1;
  EXPECT_TRUE(Rejected(spec.When("", applied, DuringApplications()), "validation"));
  applied.years_k12_leadership = 3;
  applied.qualification = "phd_in_astrology";
  EXPECT_TRUE(Rejected(spec.When("", applied, DuringApplications()), "validation"));
}

TEST(MentorApplication, ApprovalIsDecidedOnceAndTheContractFollowsIt) {
  Spec spec;
  GivenMentor(spec, "m1", MentorStage::applied);
  const Instant at = At("2017-10-02T09:00:00-07:00");
  EXPECT_TRUE(Rejected(spec.When("m1", MentorContractSigned{Day("2017-10-01")}, at),
                       "mentor_not_approved"));
  EXPECT_TRUE(Rejected(spec.When("m1", MentorApprovalDecided{"maybe", ""}, at), "validation"));
  EXPECT_TRUE(spec.When("m1", MentorApprovalDecided{"approved", ""}, at));
  EXPECT_EQ(spec.mentor("m1").approval, "approved");
  EXPECT_TRUE(Rejected(spec.When("m1", MentorApprovalDecided{"rejected", ""}, at + kHour),
                       "invalid_transition"));
  EXPECT_TRUE(spec.When("m1", MentorContractSigned{Day("2017-10-05")}, at + kHour));
  EXPECT_EQ(spec.mentor("m1").contract_signed_on, Day("2017-10-05"));
  EXPECT_EQ(spec.mentor("m1").version, 3u);

  GivenMentor(spec, "m2", MentorStage::applied);
  EXPECT_TRUE(spec.When("m2", MentorApprovalDecided{"rejected", "no availability"}, at));
  EXPECT_TRUE(Rejected(spec.When("m2", MentorContractSigned{Day("2017-10-05")}, at),
                       "mentor_not_approved"));
  EXPECT_TRUE(Rejected(spec.When("m9", MentorApprovalDecided{"approved", ""}, at), "not_found"));
  EXPECT_TRUE(Rejected(spec.When("", MentorApplication("m1"), at), "already_exists"));
}

}  // namespace
}  // namespace ctom::domain::spec
