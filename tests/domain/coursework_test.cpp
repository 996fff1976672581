// The year's work: attendance and participation (never before a session starts), make-ups,
// submissions and grades, the portfolio, mentor meetings, the final presentation, the mentor's
// assessment and feedback.
#include <gtest/gtest.h>

#include "tests/domain/domain_spec.hpp"

namespace ctom::domain::spec {
namespace {

TEST(Attendance, IsNeverRecordedBeforeTheSessionStarts) {
  struct Case {
    const char* name;
    std::int64_t session;
    Instant at;
    const char* outcome;
  };
  const Case cases[] = {
      {"kickoff, one microsecond early", 0, SessionStart(0) - 1, "session_not_started"},
      {"kickoff, at 10:00 Pacific", 0, At("2018-02-02T18:00:00Z"), "accepted"},
      {"session 3, one second early", 3, SessionStart(3) - kSecond, "session_not_started"},
      {"session 3, one microsecond early", 3, SessionStart(3) - 1, "session_not_started"},
      {"session 3, at its start", 3, SessionStart(3), "accepted"},
      {"session 3, on Saturday", 3, At("2018-04-07T12:00:00-07:00"), "accepted"},
      {"session 8, a year early", 8, SessionStart(8) - 365 * 24 * kHour, "session_not_started"},
      {"session 10", 10, SessionStart(8), "unknown_session"},
      {"session -1", -1, SessionStart(8), "unknown_session"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Spec spec;
    GivenCohortWithMatchedCandidate(spec);
    const AttendanceRecorded present{c.session, "present", ""};
    const Decided decided = spec.When("c1", present, c.at, Instructor());
    EXPECT_EQ(Outcome(decided), c.outcome);
    if (decided) {
      EXPECT_TRUE(Accepted(decided, {present}));
    }
    EXPECT_EQ(Outcome(spec.When("c1", ParticipationRecorded{c.session, "satisfactory"}, c.at)),
              c.outcome);
  }
}

TEST(Attendance, CoversSessionsZeroToEightTheFinalIsJudgedByThePresentation) {
  Spec spec;
  GivenCohortWithMatchedCandidate(spec);
  EXPECT_TRUE(Rejected(spec.When("c1", AttendanceRecorded{9, "present", ""}, Commencement(),
                                 Instructor()),
                       "unknown_session"));
  EXPECT_TRUE(spec.When("c1", AttendanceRecorded{8, "present", ""}, Commencement(), Instructor()));
}

TEST(Attendance, FollowsARescheduledSession) {
  Spec spec;
  GivenCohortWithMatchedCandidate(spec);
  const Instant moved = At("2018-04-13T17:30:00-07:00");
  ASSERT_TRUE(spec.When(kCohortTarget,
                        SessionRescheduled{3, moved, At("2018-04-14T16:00:00-07:00"), ""},
                        SessionStart(2)));
  EXPECT_TRUE(Rejected(spec.When("c1", AttendanceRecorded{3, "present", ""}, SessionStart(3)),
                       "session_not_started"));
  EXPECT_TRUE(Rejected(spec.When("c1", AttendanceRecorded{3, "present", ""}, moved - 1),
                       "session_not_started"));
  EXPECT_TRUE(spec.When("c1", AttendanceRecorded{3, "present", ""}, moved));
  const Session& session = spec.program().FindCohort(kYear)->sessions.at(3);
  EXPECT_EQ(session.slot.starts_at, moved);
  EXPECT_EQ(session.slot.location, "Sacramento");
  EXPECT_EQ(session.reschedules, 1);
}

TEST(Cohort, RescheduleAndAssignmentDefinitionsAreChecked) {
  struct Case {
    const char* name;
    std::string target;
    Event event;
    const char* outcome;
  };
  const Instant start = SessionStart(4);
  const Case cases[] = {
      {"reschedule session 4", "2018", SessionRescheduled{4, start + kHour, start + 2 * kHour, ""},
       "accepted"},
      {"reschedule session 12", "2018", SessionRescheduled{12, start, start + kHour, ""},
       "unknown_session"},
      {"a session ending before it starts", "2018", SessionRescheduled{4, start, start - 1, ""},
       "validation"},
      {"another cohort", "2019", SessionRescheduled{4, start, start + kHour, ""}, "not_found"},
      {"a cohort that is not a year", "twenty", SessionRescheduled{4, start, start + kHour, ""},
       "not_found"},
      {"a year with trailing text", "2018x", SessionRescheduled{4, start, start + kHour, ""},
       "not_found"},
      {"a year with leading space", " 2018", SessionRescheduled{4, start, start + kHour, ""},
       "not_found"},
      {"a new assignment", "2018", AssignmentDefined{"reading", 2, "in_class", "Reading", start},
       "accepted"},
      {"an assignment for session 11", "2018",
       AssignmentDefined{"reading", 11, "in_class", "Reading", start}, "unknown_session"},
      {"an assignment id used before", "2018",
       AssignmentDefined{"budget-memo", 3, "homework", "Again", start}, "already_exists"},
      {"an unknown assignment kind", "2018",
       AssignmentDefined{"reading", 2, "quiz", "Reading", start}, "validation"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Spec spec;
    GivenCohort(spec);
    EXPECT_EQ(Outcome(spec.When(c.target, c.event, SessionStart(1))), c.outcome);
  }
}

TEST(Cohort, OpensWithSessionsZeroToNineOnceInOrderInsideItsYearAfterTheDeadline) {
  using Fields = std::vector<std::string>;
  struct Case {
    const char* name;
    void (*spoil)(CohortOpened&);
    Fields fields;  // every error the refusal names, by JSON path; none when accepted
  };
  const Case cases[] = {
      {"the seeds' cohort", [](CohortOpened&) {}, {}},
      {"a deadline before opening",
       [](CohortOpened& c) { c.application_deadline = c.application_opens - 1; },
       {"application_deadline"}},
      {"a deadline equal to opening",
       [](CohortOpened& c) { c.application_deadline = c.application_opens; },
       {"application_deadline"}},
      {"negative tuition", [](CohortOpened& c) { c.tuition_cents = -1; }, {"tuition_cents"}},
      {"no seats", [](CohortOpened& c) { c.capacity = 0; }, {"capacity"}},
      {"a session 10", [](CohortOpened& c) { c.sessions[9].number = 10; },
       {"sessions[9].number", "sessions"}},
      {"two sessions 8", [](CohortOpened& c) { c.sessions[9].number = 8; },
       {"sessions[9].number", "sessions"}},
      {"a session ending as it starts",
       [](CohortOpened& c) { c.sessions[2].ends_at = c.sessions[2].starts_at; },
       {"sessions[2].ends_at"}},
      {"only session 5",
       [](CohortOpened& c) {
         const SessionSlot five = c.sessions[5];
         c.sessions = {five};
       },
       {"sessions"}},
      {"session 1 a year before the kickoff",
       [](CohortOpened& c) {
         c.sessions[1].starts_at -= 365 * 24 * kHour;
         c.sessions[1].ends_at -= 365 * 24 * kHour;
       },
       {"sessions[1].starts_at", "sessions[1].starts_at", "sessions[1].starts_at"}},
      {"session 3 before session 2 ends",
       [](CohortOpened& c) {
         c.sessions[3].starts_at = c.sessions[2].starts_at + kHour;
         c.sessions[3].ends_at = c.sessions[2].starts_at + 2 * kHour;
       },
       {"sessions[3].starts_at"}},
      {"a final in the next year",
       [](CohortOpened& c) {
         c.sessions[9].starts_at = At("2019-01-04T09:00:00-08:00");
         c.sessions[9].ends_at = At("2019-01-04T17:00:00-08:00");
       },
       {"sessions[9].starts_at"}},
      {"a window closing after the kickoff and negative tuition at once",
       [](CohortOpened& c) {
         c.application_deadline = At("2018-02-10T17:00:00-08:00");
         c.tuition_cents = -5;
       },
       {"tuition_cents", "sessions[0].starts_at", "sessions[1].starts_at"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Spec spec;
    CohortOpened opened = Cohort2018(30);
    c.spoil(opened);
    const Decided decided = spec.When("", opened, At("2017-08-01T09:00:00-07:00"));
    EXPECT_EQ(Outcome(decided), c.fields.empty() ? "accepted" : "validation");
    EXPECT_EQ(ErrorFields(decided), c.fields);
  }
  Spec spec;
  GivenCohort(spec);
  EXPECT_TRUE(
      Rejected(spec.When("", Cohort2018(), At("2017-08-02T09:00:00-07:00")), "already_exists"));
}

TEST(Cohort, AnIncompleteScheduleIsRefusedNamingTheSessionsItLacks) {
  Spec spec;
  CohortOpened opened = Cohort2018();
  opened.sessions = {SeedsSession(0), SeedsSession(1), SeedsSession(9)};
  const Decided decided = spec.When("", opened, At("2017-08-01T09:00:00-07:00"));
  ASSERT_EQ(ErrorFields(decided), std::vector<std::string>{"sessions"});
  EXPECT_EQ(decided.error().errors[0].message, "lacks session 2, 3, 4, 5, 6, 7, 8");
}

TEST(Cohort, ARescheduleKeepsTheScheduleInOrderInsideTheYear) {
  struct Case {
    const char* name;
    std::int64_t number;
    Instant starts_at;
    Instant ends_at;
    std::vector<std::string> fields;
  };
  const Instant four = SessionStart(4);
  const Case cases[] = {
      {"an hour later", 4, four + kHour, four + 2 * kHour, {}},
      {"into session 3", 4, SeedsSession(3).ends_at - kHour, four + kHour, {"starts_at"}},
      {"past session 5's start", 4, four, SessionStart(5) + kHour, {"ends_at"}},
      {"ending before it starts", 4, four, four - 1, {"ends_at"}},
      {"into the next year", 9, At("2019-01-04T09:00:00-08:00"), At("2019-01-04T17:00:00-08:00"),
       {"starts_at", "ends_at"}},
      {"the kickoff before the deadline", 0, At("2017-09-20T09:00:00-07:00"),
       At("2017-09-20T17:00:00-07:00"), {"starts_at", "starts_at", "ends_at"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Spec spec;
    GivenCohort(spec);
    const Decided decided =
        spec.When("2018", SessionRescheduled{c.number, c.starts_at, c.ends_at, ""}, SessionStart(1));
    EXPECT_EQ(Outcome(decided), c.fields.empty() ? "accepted" : "validation");
    EXPECT_EQ(ErrorFields(decided), c.fields);
  }
}

TEST(Cohort, ARescheduleRefusalNamesTheNeighbourInTheProgramsTimeZone) {
  Spec spec;
  GivenCohort(spec);
  const Decided decided = spec.When(
      "2018", SessionRescheduled{4, SeedsSession(3).ends_at - kHour, SessionStart(4), ""},
      SessionStart(1));
  ASSERT_FALSE(decided);
  EXPECT_EQ(decided.error().errors.at(0).message,
            "puts session 4 before session 3 ends, 2018-04-07 16:00 -07:00");
}

TEST(Attendance, ExcusedAbsenceIsMadeGoodByAMakeUp) {
  Spec spec;
  GivenCohortWithMatchedCandidate(spec);
  const Instant later = SessionStart(3);
  EXPECT_TRUE(
      Rejected(spec.When("c1", MakeupRecorded{2, "recording"}, later), "invalid_transition"));
  ASSERT_TRUE(spec.When("c1", AttendanceRecorded{2, "absent_unexcused", ""}, SessionStart(2)));
  EXPECT_TRUE(
      Rejected(spec.When("c1", MakeupRecorded{2, "recording"}, later), "invalid_transition"));
  // A correction: the absence was excused after all.
  ASSERT_TRUE(spec.When("c1", AttendanceRecorded{2, "absent_excused", "sick"}, SessionStart(2)));
  EXPECT_TRUE(Rejected(spec.When("c1", MakeupRecorded{2, ""}, later), "validation"));
  EXPECT_TRUE(Rejected(spec.When("c1", MakeupRecorded{12, "x"}, later), "unknown_session"));
  const Decided makeup = spec.When("c1", MakeupRecorded{2, "watched the recording"}, later);
  ASSERT_TRUE(makeup);
  EXPECT_EQ(spec.candidate("c1").attendance.at(2).makeup_position, spec.last_position());
  // Correcting the absence to present leaves no make-up behind.
  ASSERT_TRUE(spec.When("c1", AttendanceRecorded{2, "present", "was there"}, later));
  EXPECT_FALSE(spec.candidate("c1").attendance.at(2).makeup_position.has_value());
}

TEST(Attendance, StatusesAndRatingsAreClosedEnumerations) {
  Spec spec;
  GivenCohortWithMatchedCandidate(spec);
  const Instant at = SessionStart(1);
  EXPECT_TRUE(Rejected(spec.When("c1", AttendanceRecorded{1, "late", ""}, at), "validation"));
  EXPECT_TRUE(Rejected(spec.When("c1", ParticipationRecorded{1, "great"}, at), "validation"));
  EXPECT_TRUE(spec.When("c1", ParticipationRecorded{1, "unsatisfactory"}, at));
  EXPECT_EQ(spec.candidate("c1").participation.at(1).first, "unsatisfactory");
}

// ---- assignments ----

TEST(Assignments, LateSubmissionsAreRecordedNotRefused) {
  struct Case {
    const char* name;
    Instant at;
    bool late;
  };
  const Instant due = Assignment2018(1).due_at;
  const Case cases[] = {
      {"a day early", due - 24 * kHour, false},
      {"at the due instant", due, false},
      {"one microsecond late", due + 1, true},
      {"a month late", due + 30 * 24 * kHour, true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Spec spec;
    GivenCohortWithMatchedCandidate(spec);
    const Decided decided =
        spec.When("c1", SubmissionRecorded{"budget-memo", "", "https://x.example", false}, c.at);
    EXPECT_TRUE(
        Accepted(decided, {SubmissionRecorded{"budget-memo", "", "https://x.example", c.late}}));
    EXPECT_EQ(spec.candidate("c1").assignments.at("budget-memo").late, c.late);
  }
}

TEST(Assignments, UnknownAssignmentsAndDocumentsAreRefused) {
  Spec spec;
  GivenCohortWithMatchedCandidate(spec);
  const Instant at = SessionStart(2);
  EXPECT_TRUE(Rejected(spec.When("c1", SubmissionRecorded{"essay", "", "https://x", false}, at),
                       "unknown_assignment"));
  EXPECT_TRUE(Rejected(spec.When("c1", GradeRecorded{"essay", "pass", std::nullopt, ""}, at),
                       "unknown_assignment"));
  EXPECT_TRUE(
      Rejected(spec.When("c1", SubmissionRecorded{"budget-memo", "sha256:nothing", "", false}, at),
               "validation"));
  const Decided not_a_url =
      spec.When("c1", SubmissionRecorded{"budget-memo", "sha256:nothing", "not a url", false}, at);
  EXPECT_EQ(ErrorFields(not_a_url), (std::vector<std::string>{"document", "url"}));
  EXPECT_TRUE(
      spec.When("c1", SubmissionRecorded{"budget-memo", "sha256:c1-resume", "", false}, at));
  EXPECT_TRUE(Rejected(spec.When("c1", GradeRecorded{"budget-memo", "A+", std::nullopt, ""}, at),
                       "validation"));
  EXPECT_TRUE(
      Rejected(spec.When("c1", GradeRecorded{"budget-memo", "pass", 101, ""}, at), "validation"));
  EXPECT_TRUE(
      Rejected(spec.When("c1", GradeRecorded{"budget-memo", "pass", -1, ""}, at), "validation"));
  EXPECT_TRUE(spec.When("c1", GradeRecorded{"budget-memo", "pass", 100, ""}, at));
  // An assignment of another cohort is not this candidate's.
  CohortOpened next = Cohort2018();
  next.year = 2019;
  spec.Given(CohortStream(2019), next, at);
  spec.Given(CohortStream(2019), AssignmentDefined{"essay", 1, "homework", "Essay", at}, at);
  EXPECT_TRUE(Rejected(spec.When("c1", GradeRecorded{"essay", "pass", std::nullopt, ""}, at),
                       "unknown_assignment"));
}

TEST(Assignments, ARegradeSupersedesTheEarlierGradeAndBothStayInHistory) {
  struct Case {
    const char* name;
    std::vector<const char*> grades;
    bool met;
  };
  const Case cases[] = {
      {"a fail", {"fail"}, false},
      {"a fail regraded pass", {"fail", "pass"}, true},
      {"a pass regraded fail", {"pass", "fail"}, false},
      {"fail, pass, fail", {"fail", "pass", "fail"}, false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Spec spec;
    GivenReadyForCertification(spec);
    std::uint64_t last = 0;
    for (const char* result : c.grades) {
      ASSERT_TRUE(spec.When("c1", GradeRecorded{"budget-memo", result, std::nullopt, ""},
                            SessionStart(5), Instructor()));
      last = spec.last_position();
    }
    const Candidate& candidate = spec.candidate("c1");
    EXPECT_EQ(candidate.assignments.at("budget-memo").result, c.grades.back());
    EXPECT_EQ(candidate.assignments.at("budget-memo").position, last);
    const Evaluation completion =
        EvaluateCompletion(spec.program(), candidate, spec.rules(CertificationDay()));
    EXPECT_EQ(completion.met, c.met);
    EXPECT_EQ(completion.Unmet(),
              c.met ? std::vector<std::string>{} : std::vector<std::string>{"assignments"});
    std::size_t grades_in_history = 0;
    for (const Recorded& r : spec.history()) {
      const auto* grade = std::get_if<GradeRecorded>(&r.event);
      if (grade != nullptr && grade->assignment_id == "budget-memo") ++grades_in_history;
    }
    EXPECT_EQ(grades_in_history, c.grades.size() + 1);  // the year's pass, then the regrades
  }
}

// ---- portfolio, meetings, presentation, assessment, feedback ----

TEST(Portfolio, ArtifactsAndReflectionsBelongToSessionsOneToEight) {
  struct Case {
    const char* name;
    PortfolioItemAdded item;
    const char* outcome;
  };
  const Case cases[] = {
      {"an artifact for session 1", {"artifact", 1, "Plan", "https://x"}, "accepted"},
      {"a reflection for session 8", {"reflection", 8, "Thoughts", "https://x"}, "accepted"},
      {"an artifact for the kickoff", {"artifact", 0, "Plan", "https://x"}, "unknown_session"},
      {"a reflection for session 9", {"reflection", 9, "T", "https://x"}, "unknown_session"},
      {"an artifact without a session",
       {"artifact", std::nullopt, "P", "https://x"},
       "unknown_session"},
      {"a curriculum summary", {"curriculum_summary", std::nullopt, "S", "https://x"}, "accepted"},
      {"a video", {"video", 1, "V", "https://x"}, "validation"},
      {"no title", {"artifact", 1, "", "https://x"}, "validation"},
      {"no url", {"artifact", 1, "P", ""}, "validation"},
      {"a url that is not a url", {"artifact", 1, "P", "not a url"}, "validation"},
      {"an ftp url", {"artifact", 1, "P", "ftp://files.example/plan"}, "validation"},
      {"a javascript url", {"artifact", 1, "P", "javascript:alert(1)"}, "validation"},
      {"an http url without a host", {"artifact", 1, "P", "http:///plan"}, "validation"},
      {"an http url with a space", {"artifact", 1, "P", "http://x.example/a b"}, "validation"},
      {"an HTTPS url in capitals", {"artifact", 1, "P", "HTTPS://X.EXAMPLE/Plan"}, "accepted"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Spec spec;
    GivenCohortWithMatchedCandidate(spec);
    EXPECT_EQ(Outcome(spec.When("c1", c.item, SessionStart(2))), c.outcome);
  }
}

TEST(MentorMeetings, AreLoggedWithTheMentorWhoHeldThem) {
  struct Case {
    const char* name;
    Actor actor;
    const char* mentor_recorded;
  };
  const Case cases[] = {
      {"by staff, for the matched mentor", Staff(), "m1"},
      {"by the mentor user", MentorUser("m2"), "m2"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Spec spec;
    GivenCohortWithMatchedCandidate(spec);
    GivenMentor(spec, "m2");
    const MentorMeetingLogged meeting{"check_in", "video", Day("2018-03-01"), "agenda", ""};
    MentorMeetingLogged expected = meeting;
    expected.mentor_id = c.mentor_recorded;
    EXPECT_TRUE(Accepted(spec.When("c1", meeting, SessionStart(2), c.actor), {expected}));
    EXPECT_EQ(spec.mentor(c.mentor_recorded).meetings_logged, 1);
  }
  Spec spec;
  GivenCohortWithMatchedCandidate(spec);
  EXPECT_TRUE(
      Rejected(spec.When("c1", MentorMeetingLogged{"lunch", "video", {}, "", ""}, SessionStart(2)),
               "validation"));
  EXPECT_TRUE(Rejected(
      spec.When("c1", MentorMeetingLogged{"check_in", "email", {}, "", ""}, SessionStart(2)),
      "validation"));
}

TEST(FinalPresentation, ResultAndExecutiveSummaryAreClosedEnumerations) {
  struct Case {
    const char* result;
    const char* summary;
    const char* outcome;
  };
  const Case cases[] = {
      {"pass", "accepted", "accepted"}, {"fail", "rejected", "accepted"},
      {"pass", "missing", "accepted"},  {"excellent", "accepted", "validation"},
      {"pass", "late", "validation"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.result) + "/" + c.summary);
    Spec spec;
    GivenCohortWithMatchedCandidate(spec);
    EXPECT_EQ(
        Outcome(spec.When("c1", FinalPresentationGraded{c.result, c.summary, ""}, Commencement())),
        c.outcome);
  }
}

TEST(MentorAssessment, RecordsTheMentorAndNeedsAStatement) {
  Spec spec;
  GivenCohortWithMatchedCandidate(spec);
  EXPECT_TRUE(Rejected(spec.When("c1", MentorAssessmentRecorded{true, "", ""}, Commencement()),
                       "validation"));
  EXPECT_TRUE(Accepted(spec.When("c1", MentorAssessmentRecorded{false, "not yet", ""},
                                 Commencement(), MentorUser("m1")),
                       {MentorAssessmentRecorded{false, "not yet", "m1"}}));
  EXPECT_TRUE(Rejected(spec.When("c1", FeedbackGiven{""}, Commencement()), "validation"));
  EXPECT_TRUE(spec.When("c1", FeedbackGiven{"great program"}, Commencement()));
  EXPECT_EQ(spec.candidate("c1").feedback_position, spec.last_position());
}

TEST(Coursework, IsRecordedOnlyForAcceptedCandidates) {
  for (const char* stage : {"applied", "waitlisted"}) {
    SCOPED_TRACE(stage);
    Spec spec;
    GivenCohort(spec);
    GivenApplicant(spec, "c1");
    if (std::string(stage) == "waitlisted") {
      spec.Given(CandidateStream("c1"), SelectionDecided{"waitlisted", ""}, SelectionDay());
    }
    EXPECT_TRUE(Rejected(spec.When("c1", AttendanceRecorded{1, "present", ""}, SessionStart(1)),
                         "invalid_transition"));
    EXPECT_TRUE(
        Rejected(spec.When("c1", FeedbackGiven{"x"}, SessionStart(1)), "invalid_transition"));
  }
}

}  // namespace
}  // namespace ctom::domain::spec
