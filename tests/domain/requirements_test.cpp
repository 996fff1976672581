// Completion and certification requirements: each rule of DOMAIN.md met or not, the exact unmet
// codes, the rule-set parameters that switch them, and the evidence positions behind them.
#include <gtest/gtest.h>

#include <functional>

#include "tests/domain/domain_spec.hpp"

namespace ctom::domain::spec {
namespace {

using Codes = std::vector<std::string>;

// The ready candidate c1, changed by a scenario: events left out of the year, then events added.
struct Scenario {
  const char* name;
  std::function<bool(const Recorded&)> leave_out;
  std::function<void(Spec&)> add;
  Codes completion_unmet;
  Codes certification_unmet;  // CertificationUnmet: completion's codes, then certification's
};

template <typename T>
std::function<bool(const Recorded&)> LeaveOut(std::function<bool(const T&)> matches) {
  return [matches](const Recorded& r) {
    const T* event = std::get_if<T>(&r.event);
    return event != nullptr && matches(*event);
  };
}

Spec Build(const Scenario& scenario) {
  Spec ready;
  GivenReadyForCertification(ready);
  Spec spec = Replay(
      ready, [&](const Recorded& r) { return !scenario.leave_out || !scenario.leave_out(r); });
  if (scenario.add) scenario.add(spec);
  return spec;
}

void Add(Spec& spec, Event event, Instant at = SessionStart(8) + 2 * kHour) {
  spec.Given(CandidateStream("c1"), std::move(event), at);
}
void Absent(Spec& spec, std::int64_t session, const char* status, bool makeup) {
  Add(spec, AttendanceRecorded{session, status, "correction"});
  if (makeup) Add(spec, MakeupRecorded{session, "make-up session"});
}

std::vector<Scenario> Scenarios() {
  const Codes none;
  return {
      {"everything done", nullptr, nullptr, none, none},
      {"no attendance for session 5",
       LeaveOut<AttendanceRecorded>([](const auto& e) { return e.session == 5; }),
       nullptr,
       {"attendance"},
       {"attendance", "completion"}},
      {"no attendance for the kickoff",
       LeaveOut<AttendanceRecorded>([](const auto& e) { return e.session == 0; }),
       nullptr,
       {"attendance"},
       {"attendance", "completion"}},
      {"unexcused absence at session 5",
       nullptr,
       [](Spec& s) { Absent(s, 5, "absent_unexcused", false); },
       {"unexcused_absences"},
       {"unexcused_absences", "completion"}},
      {"excused absence without a make-up",
       nullptr,
       [](Spec& s) { Absent(s, 5, "absent_excused", false); },
       {"makeups"},
       {"makeups", "completion"}},
      {"excused absence with a make-up", nullptr,
       [](Spec& s) { Absent(s, 5, "absent_excused", true); }, none, none},
      {"two excused absences with make-ups", nullptr,
       [](Spec& s) {
         Absent(s, 2, "absent_excused", true);
         Absent(s, 5, "absent_excused", true);
       },
       none, none},
      {"three excused absences with make-ups",
       nullptr,
       [](Spec& s) {
         Absent(s, 2, "absent_excused", true);
         Absent(s, 3, "absent_excused", true);
         Absent(s, 5, "absent_excused", true);
       },
       {"excused_absences"},
       {"excused_absences", "completion"}},
      {"an unexcused and an unmade excused absence",
       nullptr,
       [](Spec& s) {
         Absent(s, 5, "absent_unexcused", false);
         Absent(s, 6, "absent_excused", false);
       },
       {"unexcused_absences", "makeups"},
       {"unexcused_absences", "makeups", "completion"}},
      {"a failed assignment",
       nullptr,
       [](Spec& s) {
         Add(s, GradeRecorded{"budget-memo", "fail", 40, "redo"});
       },
       {"assignments"},
       {"assignments", "completion"}},
      {"an assignment never graded",
       LeaveOut<GradeRecorded>([](const auto& e) { return e.assignment_id == "strategic-plan"; }),
       nullptr,
       {"assignments"},
       {"assignments", "completion"}},
      {"no reflection for session 8",
       LeaveOut<PortfolioItemAdded>(
           [](const auto& e) { return e.kind == "reflection" && e.session == 8; }),
       nullptr,
       {"portfolio"},
       {"portfolio", "completion"}},
      {"no artifact for session 1",
       LeaveOut<PortfolioItemAdded>(
           [](const auto& e) { return e.kind == "artifact" && e.session == 1; }),
       nullptr,
       {"portfolio"},
       {"portfolio", "completion"}},
      {"no curriculum summary",
       LeaveOut<PortfolioItemAdded>([](const auto& e) { return e.kind == "curriculum_summary"; }),
       nullptr,
       {"curriculum_summary"},
       {"curriculum_summary", "completion"}},
      {"one portfolio review",
       LeaveOut<MentorMeetingLogged>([](const auto& e) { return e.held_on == Day("2018-05-15"); }),
       nullptr,
       {"mentor_meetings"},
       {"mentor_meetings", "completion"}},
      {"no mid-year evaluation",
       LeaveOut<MentorMeetingLogged>([](const auto& e) { return e.kind == "mid_year_evaluation"; }),
       nullptr,
       {"mentor_meetings"},
       {"mentor_meetings", "completion"}},
      {"check-ins only count for nothing",
       LeaveOut<MentorMeetingLogged>([](const auto& e) { return e.kind != "check_in"; }),
       [](Spec& s) {
         for (int i = 0; i < 5; ++i) {
           Add(s, MentorMeetingLogged{"check_in", "phone", Day("2018-09-01"), "", "m1"});
         }
       },
       {"mentor_meetings"},
       {"mentor_meetings", "completion"}},
      {"no final presentation",
       LeaveOut<FinalPresentationGraded>([](const auto&) { return true; }),
       nullptr,
       {"final_presentation_delivered"},
       {"final_presentation_delivered", "completion", "final_presentation", "executive_summary"}},
      {"no feedback",
       LeaveOut<FeedbackGiven>([](const auto&) { return true; }),
       nullptr,
       {"feedback"},
       {"feedback", "completion"}},
      // Certification only.
      {"an unsatisfactory session",
       nullptr,
       [](Spec& s) {
         Add(s, ParticipationRecorded{3, "unsatisfactory"});
       },
       none,
       {"participation"}},
      {"an unsatisfactory rating corrected", nullptr,
       [](Spec& s) {
         Add(s, ParticipationRecorded{3, "unsatisfactory"});
         Add(s, ParticipationRecorded{3, "satisfactory"});
       },
       none, none},
      {"a failed final presentation",
       nullptr,
       [](Spec& s) {
         Add(s, FinalPresentationGraded{"fail", "accepted", ""}, CertificationDay());
       },
       none,
       {"final_presentation"}},
      {"a rejected executive summary",
       nullptr,
       [](Spec& s) {
         Add(s, FinalPresentationGraded{"pass", "rejected", ""}, CertificationDay());
       },
       none,
       {"executive_summary"}},
      {"a missing executive summary",
       nullptr,
       [](Spec& s) {
         Add(s, FinalPresentationGraded{"pass", "missing", ""}, CertificationDay());
       },
       none,
       {"executive_summary"}},
      {"the mentor does not recommend",
       nullptr,
       [](Spec& s) {
         Add(s, MentorAssessmentRecorded{false, "not ready", "m1"});
       },
       none,
       {"mentor_recommendation"}},
      {"no mentor assessment",
       LeaveOut<MentorAssessmentRecorded>([](const auto&) { return true; }),
       nullptr,
       none,
       {"mentor_recommendation"}},
      {"tuition unpaid",
       LeaveOut<PaymentRecorded>([](const auto&) { return true; }),
       nullptr,
       none,
       {"tuition"}},
      {"one cent of tuition refunded",
       nullptr,
       [](Spec& s) {
         Add(s, RefundRecorded{1, "goodwill"});
       },
       none,
       {"tuition"}},
  };
}

TEST(Requirements, EachRuleOfCompletionAndCertification) {
  for (const Scenario& scenario : Scenarios()) {
    SCOPED_TRACE(scenario.name);
    Spec spec = Build(scenario);
    const Candidate& c1 = spec.candidate("c1");
    const RuleParameters& rules = spec.rules(CertificationDay());
    const Evaluation completion = EvaluateCompletion(spec.program(), c1, rules);
    EXPECT_EQ(completion.Unmet(), scenario.completion_unmet);
    EXPECT_EQ(completion.met, scenario.completion_unmet.empty());
    EXPECT_EQ(CertificationUnmet(spec.program(), c1, rules), scenario.certification_unmet);
    const Evaluation certification = EvaluateCertification(spec.program(), c1, rules);
    EXPECT_EQ(certification.met, scenario.certification_unmet.empty());
    // Decide refuses with exactly the same list.
    const Decided decided = spec.WhenCertification("c1", "certify", CertificationDay());
    if (scenario.certification_unmet.empty()) {
      EXPECT_TRUE(decided.has_value());
    } else {
      EXPECT_TRUE(Rejected(decided, "requirements_unmet", scenario.certification_unmet));
    }
  }
}

TEST(Requirements, AnAcceptedCandidateWithNoWorkMissesEverythingButTheLimits) {
  Spec spec;
  GivenCohortWithMatchedCandidate(spec);
  const Candidate& c1 = spec.candidate("c1");
  const RuleParameters& rules = spec.rules(CertificationDay());
  EXPECT_EQ(EvaluateCompletion(spec.program(), c1, rules).Unmet(),
            (Codes{"attendance", "assignments", "portfolio", "curriculum_summary",
                   "mentor_meetings", "final_presentation_delivered", "feedback"}));
  EXPECT_TRUE(
      Rejected(spec.WhenCertification("c1", "certify", CertificationDay()), "requirements_unmet",
               {"attendance", "assignments", "portfolio", "curriculum_summary", "mentor_meetings",
                "final_presentation_delivered", "feedback", "completion", "final_presentation",
                "executive_summary", "mentor_recommendation", "tuition"}));
}

// Each parameter of the rule set switches its rule.
TEST(Requirements, RuleSetParametersSwitchTheirRules) {
  struct Case {
    const char* name;
    const char* scenario;
    void (*change)(RuleParameters&);
    Codes certification_unmet;
  };
  const Case cases[] = {
      {"no make-up needed",
       "excused absence without a make-up",
       [](RuleParameters& p) { p.makeup_required_for_excused_absence = false; },
       {}},
      {"one unexcused absence allowed",
       "unexcused absence at session 5",
       [](RuleParameters& p) { p.max_unexcused_absences = 1; },
       {}},
      {"three excused absences allowed",
       "three excused absences with make-ups",
       [](RuleParameters& p) { p.max_excused_absences = 3; },
       {}},
      {"one excused absence allowed",
       "two excused absences with make-ups",
       [](RuleParameters& p) { p.max_excused_absences = 1; },
       {"excused_absences", "completion"}},
      {"failed assignments allowed",
       "a failed assignment",
       [](RuleParameters& p) { p.all_assignments_passed = false; },
       {}},
      {"two artifacts per session",
       "everything done",
       [](RuleParameters& p) { p.portfolio_min_artifacts_per_session = 2; },
       {"portfolio", "completion"}},
      {"no reflections needed",
       "no reflection for session 8",
       [](RuleParameters& p) { p.portfolio_min_reflections_per_session = 0; },
       {}},
      {"no curriculum summary needed",
       "no curriculum summary",
       [](RuleParameters& p) { p.curriculum_summary_required = false; },
       {}},
      {"one portfolio review needed",
       "one portfolio review",
       [](RuleParameters& p) { p.min_portfolio_reviews = 1; },
       {}},
      {"no mid-year evaluation needed",
       "no mid-year evaluation",
       [](RuleParameters& p) { p.min_mid_year_evaluations = 0; },
       {}},
      {"no feedback needed",
       "no feedback",
       [](RuleParameters& p) { p.feedback_required = false; },
       {}},
      {"one unsatisfactory session allowed",
       "an unsatisfactory session",
       [](RuleParameters& p) { p.max_unsatisfactory_participation = 1; },
       {}},
      {"a failed presentation allowed",
       "a failed final presentation",
       [](RuleParameters& p) { p.final_presentation_pass_required = false; },
       {}},
      {"no executive summary needed",
       "a missing executive summary",
       [](RuleParameters& p) { p.executive_summary_required = false; },
       {}},
      {"no recommendation needed",
       "no mentor assessment",
       [](RuleParameters& p) { p.mentor_recommendation_required = false; },
       {}},
      {"tuition need not be paid",
       "tuition unpaid",
       [](RuleParameters& p) { p.tuition_paid_required = false; },
       {}},
      // Delivering the final presentation is always needed for completion.
      {"no presentation, pass and summary not required",
       "no final presentation",
       [](RuleParameters& p) {
         p.final_presentation_pass_required = false;
         p.executive_summary_required = false;
       },
       {"final_presentation_delivered", "completion"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const std::vector<Scenario> scenarios = Scenarios();
    const auto scenario = std::find_if(scenarios.begin(), scenarios.end(), [&](const Scenario& s) {
      return std::string(s.name) == c.scenario;
    });
    ASSERT_NE(scenario, scenarios.end()) << c.scenario;
    Spec spec = Build(*scenario);
    RuleParameters rules;
    c.change(rules);
    EXPECT_EQ(CertificationUnmet(spec.program(), spec.candidate("c1"), rules),
              c.certification_unmet);
  }
}

// ---- evidence ----

// Positions of c1's events of type T that `matches` accepts, in log order.
template <typename T>
Positions PositionsOf(const Spec& spec, std::function<bool(const T&)> matches = nullptr) {
  Positions positions;
  for (const Recorded& r : spec.history()) {
    const T* event = std::get_if<T>(&r.event);
    if (r.stream == CandidateStream("c1") && event != nullptr && (!matches || matches(*event))) {
      positions.push_back(r.position);
    }
  }
  return positions;
}

const Requirement& Find(const Evaluation& evaluation, const std::string& code) {
  for (const Requirement& r : evaluation.requirements) {
    if (r.code == code) return r;
  }
  ADD_FAILURE() << "no requirement " << code;
  static const Requirement kNone;
  return kNone;
}

TEST(Evidence, PointsAtTheEventsThatDecidedEachRequirement) {
  Spec spec;
  GivenReadyForCertification(spec);
  Absent(spec, 5, "absent_excused", true);
  Add(spec, GradeRecorded{"budget-memo", "fail", std::nullopt, ""});
  Add(spec, GradeRecorded{"budget-memo", "pass", std::nullopt, "regraded"});
  const Candidate& c1 = spec.candidate("c1");
  const RuleParameters& rules = spec.rules(CertificationDay());
  const Evaluation completion = EvaluateCompletion(spec.program(), c1, rules);
  ASSERT_TRUE(completion.met);

  // Attendance: the latest mark of each session 0..8, in session order.
  Positions attendance = PositionsOf<AttendanceRecorded>(spec);
  const std::uint64_t correction = attendance.back();
  attendance.erase(attendance.begin() + 5);  // session 5's first mark was corrected
  attendance.pop_back();
  attendance.insert(attendance.begin() + 5, correction);
  EXPECT_EQ(Find(completion, "attendance").evidence, attendance);
  EXPECT_EQ(Find(completion, "excused_absences").evidence, Positions{correction});
  EXPECT_EQ(Find(completion, "makeups").evidence, PositionsOf<MakeupRecorded>(spec));
  EXPECT_TRUE(Find(completion, "unexcused_absences").evidence.empty());
  // Assignments: the grade in force for each, in definition order (the regrade for the memo).
  const Positions plan = PositionsOf<GradeRecorded>(
      spec, [](const GradeRecorded& g) { return g.assignment_id == "strategic-plan"; });
  const Positions memo = PositionsOf<GradeRecorded>(
      spec, [](const GradeRecorded& g) { return g.assignment_id == "budget-memo"; });
  EXPECT_EQ(Find(completion, "assignments").evidence, (Positions{plan.back(), memo.back()}));
  EXPECT_EQ(Find(completion, "portfolio").evidence,
            PositionsOf<PortfolioItemAdded>(
                spec, [](const PortfolioItemAdded& p) { return p.kind != "curriculum_summary"; }));
  EXPECT_EQ(Find(completion, "curriculum_summary").evidence,
            PositionsOf<PortfolioItemAdded>(
                spec, [](const PortfolioItemAdded& p) { return p.kind == "curriculum_summary"; }));
  Positions meetings = PositionsOf<MentorMeetingLogged>(
      spec, [](const MentorMeetingLogged& m) { return m.kind == "mid_year_evaluation"; });
  for (std::uint64_t p : PositionsOf<MentorMeetingLogged>(
           spec, [](const MentorMeetingLogged& m) { return m.kind == "portfolio_review"; })) {
    meetings.push_back(p);
  }
  EXPECT_EQ(Find(completion, "mentor_meetings").evidence, meetings);
  EXPECT_EQ(Find(completion, "final_presentation_delivered").evidence,
            PositionsOf<FinalPresentationGraded>(spec));
  EXPECT_EQ(Find(completion, "feedback").evidence, PositionsOf<FeedbackGiven>(spec));

  const Evaluation certification = EvaluateCertification(spec.program(), c1, rules);
  ASSERT_TRUE(certification.met);
  EXPECT_EQ(Find(certification, "participation").evidence,
            PositionsOf<ParticipationRecorded>(spec));
  EXPECT_EQ(Find(certification, "final_presentation").evidence,
            PositionsOf<FinalPresentationGraded>(spec));
  EXPECT_EQ(Find(certification, "executive_summary").evidence,
            PositionsOf<FinalPresentationGraded>(spec));
  EXPECT_EQ(Find(certification, "mentor_recommendation").evidence,
            PositionsOf<MentorAssessmentRecorded>(spec));
  EXPECT_EQ(Find(certification, "tuition").evidence, PositionsOf<PaymentRecorded>(spec));
  // Completion as one requirement carries the evidence of all of its parts.
  std::size_t parts = 0;
  for (const Requirement& r : completion.requirements) parts += r.evidence.size();
  EXPECT_EQ(Find(certification, "completion").evidence.size(), parts);
  // Every evidence position names an event of c1's stream.
  for (const Requirement& r : certification.requirements) {
    for (std::uint64_t position : r.evidence) {
      ASSERT_GE(position, 1u);
      ASSERT_LE(position, spec.last_position());
      EXPECT_EQ(spec.history()[position - 1].stream, "candidate-c1") << r.code;
    }
  }
}

TEST(Evidence, AnUnmetRequirementPointsAtWhatFailedIt) {
  Spec spec;
  GivenReadyForCertification(spec);
  Absent(spec, 4, "absent_excused", false);
  const std::uint64_t excused = spec.last_position();
  Absent(spec, 6, "absent_unexcused", false);
  const std::uint64_t unexcused = spec.last_position();
  Add(spec, MentorAssessmentRecorded{false, "not ready", "m1"});
  const std::uint64_t assessment = spec.last_position();
  const RuleParameters& rules = spec.rules(CertificationDay());
  const Evaluation completion = EvaluateCompletion(spec.program(), spec.candidate("c1"), rules);
  EXPECT_FALSE(Find(completion, "makeups").met);
  EXPECT_EQ(Find(completion, "makeups").evidence, Positions{excused});
  EXPECT_EQ(Find(completion, "makeups").detail, "excused absences without a make-up: sessions 4");
  EXPECT_FALSE(Find(completion, "unexcused_absences").met);
  EXPECT_EQ(Find(completion, "unexcused_absences").evidence, Positions{unexcused});
  const Evaluation certification =
      EvaluateCertification(spec.program(), spec.candidate("c1"), rules);
  EXPECT_FALSE(Find(certification, "mentor_recommendation").met);
  EXPECT_EQ(Find(certification, "mentor_recommendation").evidence, Positions{assessment});
}

// ---- at risk ----

TEST(AtRisk, AnUnexcusedAbsenceBeyondTheRulesFlagsTheCandidate) {
  struct Case {
    const char* name;
    std::vector<const char*> statuses;  // sessions 1.. in order
    std::int64_t max_unexcused;
    bool at_risk;
    std::size_t evidence;
  };
  const Case cases[] = {
      {"always present", {"present", "present"}, 0, false, 0},
      {"an excused absence", {"absent_excused", "present"}, 0, false, 0},
      {"an unexcused absence", {"present", "absent_unexcused"}, 0, true, 1},
      {"an unexcused absence allowed", {"absent_unexcused", "present"}, 1, false, 1},
      {"two unexcused, one allowed", {"absent_unexcused", "absent_unexcused"}, 1, true, 2},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Spec spec;
    GivenCohortWithMatchedCandidate(spec);
    std::int64_t session = 1;
    for (const char* status : c.statuses) {
      ASSERT_TRUE(spec.When("c1", AttendanceRecorded{session, status, ""}, SessionStart(session)));
      ++session;
    }
    RuleParameters rules;
    rules.max_unexcused_absences = c.max_unexcused;
    const Evaluation risk = EvaluateAtRisk(spec.candidate("c1"), rules);
    EXPECT_EQ(!risk.met, c.at_risk);
    ASSERT_EQ(risk.requirements.size(), 1u);
    EXPECT_EQ(risk.requirements[0].evidence.size(), c.evidence);
  }
}

}  // namespace
}  // namespace ctom::domain::spec
