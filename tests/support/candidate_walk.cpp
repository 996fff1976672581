// Walking candidates through a program year, and the two canned histories built that way.
#include <cstdlib>

#include "domain/time.hpp"
#include "tests/support/program_history.hpp"

namespace ctom::testing {
using namespace domain;

namespace {

constexpr Instant kHour = 3'600'000'000LL;
constexpr Instant kDay = 24 * kHour;

Instant SessionStart(const Program& p, std::int64_t cohort, std::int64_t number) {
  return p.FindCohort(cohort)->sessions.at(number).slot.starts_at;
}

void Enroll(HistoryBuilder& b, const CandidatePlan& plan, const std::string& mentor) {
  const CohortOpened& cohort = b.program().FindCohort(plan.cohort)->opened;
  const Instant applied_at = cohort.application_opens + kDay;
  ApplicationSubmitted application;
  application.candidate_id = plan.id;
  application.cohort = plan.cohort;
  application.name = "Candidate " + plan.id;
  application.email = plan.id + "@example.org";
  application.employer = plan.employer;
  application.position = "Director of Technology";
  application.documents = UploadApplicationDocuments(b, applied_at);
  application.channel = "electronic";
  b.Do(On("", application), applied_at);
  const Instant october = cohort.application_deadline + 15 * kDay;
  if (plan.path == CandidatePlan::Path::rejected) {
    b.Do(On(plan.id, SelectionDecided{"rejected", "not selected"}), october);
    return;
  }
  b.Do(On(plan.id, SelectionDecided{"accepted", ""}), october);
  b.Do(On(plan.id, MentorMatched{mentor}), october + kHour);
  b.Do(On(plan.id, PaymentRecorded{cohort.tuition_cents, "check", "employer", "District",
                                   "professional_development", ""}),
       october + kDay);
}

void AttendSession(HistoryBuilder& b, const CandidatePlan& plan, std::int64_t session) {
  const Instant at = SessionStart(b.program(), plan.cohort, session) + kHour;
  b.Do(On(plan.id, AttendanceRecorded{session, "present", ""}), at, "instructor");
  b.Do(On(plan.id, ParticipationRecorded{session, "satisfactory"}), at, "instructor");
  if (session >= 1) {
    b.Do(On(plan.id, PortfolioItemAdded{"artifact", session, "Artifact", "https://example.org/a"}),
         at, "candidate");
    b.Do(On(plan.id,
            PortfolioItemAdded{"reflection", session, "Reflection", "https://example.org/r"}),
         at, "candidate");
  }
}

void FinishYear(HistoryBuilder& b, const CandidatePlan& plan) {
  const Program& p = b.program();
  const Instant final_at = SessionStart(p, plan.cohort, 9) + kHour;
  for (const std::string& id : p.FindCohort(plan.cohort)->assignment_order) {
    b.Do(On(plan.id, SubmissionRecorded{id, "", "https://example.org/work", false}),
         final_at - 30 * kDay, "candidate");
    b.Do(On(plan.id, GradeRecorded{id, "pass", 90, ""}), final_at - 29 * kDay, "instructor");
  }
  b.Do(On(plan.id, PortfolioItemAdded{"curriculum_summary", std::nullopt, "Summary",
                                      "https://example.org/s"}),
       final_at - 20 * kDay, "candidate");
  b.Do(On(plan.id, MentorMeetingLogged{"mid_year_evaluation", "video",
                                       DateOf(final_at - 150 * kDay), "", ""}),
       final_at - 150 * kDay, "mentor");
  for (int i = 0; i < 2; ++i) {
    b.Do(On(plan.id, MentorMeetingLogged{"portfolio_review", "face_to_face",
                                         DateOf(final_at - (60 - i) * kDay), "", ""}),
         final_at - (60 - i) * kDay, "mentor");
  }
  b.Do(On(plan.id, FinalPresentationGraded{"pass", "accepted", ""}), final_at, "instructor");
  b.Do(On(plan.id, MentorAssessmentRecorded{true, "Ready to lead.", ""}), final_at, "mentor");
  b.Do(On(plan.id, FeedbackGiven{"Excellent program."}), final_at, "candidate");
}

}  // namespace

// A contracted mentor with room in the candidate's cohort.
std::string MentorWithRoom(const Program& p, std::int64_t cohort,
                           const std::vector<std::string>& mentors) {
  for (const std::string& id : mentors) {
    std::int64_t mentees = 0;
    for (const std::string& mentee : p.FindMentor(id)->mentee_ids) {
      const Candidate* c = p.FindCandidate(mentee);
      if (c->cohort == cohort && c->mentor_id == id && HoldsSeat(*c)) ++mentees;
    }
    if (mentees < p.rules.Latest().parameters.max_mentees_per_mentor) return id;
  }
  std::abort();  // the generator made too few mentors
}

void WalkCandidate(HistoryBuilder& b, const CandidatePlan& plan,
                   const std::vector<std::string>& mentors, Instant stop_at) {
  Enroll(b, plan, MentorWithRoom(b.program(), plan.cohort, mentors));
  using Path = CandidatePlan::Path;
  if (plan.path == Path::rejected) return;
  if (plan.path == Path::dropped) {
    const Instant at = SessionStart(b.program(), plan.cohort, 1) + kHour;
    b.Do(On(plan.id, AttendanceRecorded{1, "absent_unexcused", ""}), at, "instructor");
    b.Do(On(plan.id, CandidateDropped{"unexcused_absence", ""}), at + kDay);
    return;
  }
  for (std::int64_t session = 0; session <= 8; ++session) {
    if (SessionStart(b.program(), plan.cohort, session) + kHour > stop_at) return;
    AttendSession(b, plan, session);
  }
  if (plan.path == Path::enrolled_now) return;
  FinishYear(b, plan);
  const Instant decided_at = SessionStart(b.program(), plan.cohort, 9) + 3 * kHour;
  if (plan.path == Path::denied_completed) {
    b.Do(Command{plan.id, DecideCertification{"deny", "committee decision", ""}}, decided_at);
    return;
  }
  b.Do(Command{plan.id, DecideCertification{"certify", "", ""}}, decided_at);
  if (plan.promoted) {
    const Instant promoted_at = decided_at + 45 * kDay;
    b.Do(On(plan.id, PromotionRecorded{"Chief Technology Officer", DateOf(promoted_at)}),
         promoted_at, "candidate");
  }
}

}  // namespace ctom::testing
