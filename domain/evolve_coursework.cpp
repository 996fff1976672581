// Evolve for a candidate's program year: attendance, work, portfolio, meetings, job changes, drops.
#include "domain/state.hpp"

namespace ctom::domain::evolve_detail {
namespace {

using R = Recorded;

void Apply(Program& p, Candidate& c, const R& r, const AttendanceRecorded& e) {
  (void)p;
  AttendanceMark& mark = c.attendance[e.session];
  mark.status = e.status;
  mark.position = r.position;
  // A make-up belongs to an excused absence; a correction to another status leaves none.
  if (e.status != "absent_excused") mark.makeup_position.reset();
}
void Apply(Program&, Candidate& c, const R& r, const MakeupRecorded& e) {
  auto found = c.attendance.find(e.session);
  if (found != c.attendance.end()) found->second.makeup_position = r.position;
}
void Apply(Program&, Candidate& c, const R& r, const ParticipationRecorded& e) {
  c.participation[e.session] = {e.rating, r.position};
}
void Apply(Program&, Candidate& c, const R& r, const SubmissionRecorded& e) {
  Grade& grade = c.assignments[e.assignment_id];
  grade.submitted = true;
  grade.late = e.late;
  if (grade.result.empty()) grade.position = r.position;
}
void Apply(Program&, Candidate& c, const R& r, const GradeRecorded& e) {
  // A regrade supersedes the earlier grade; both stay in the log.
  Grade& grade = c.assignments[e.assignment_id];
  grade.result = e.result;
  grade.position = r.position;
}
void Apply(Program&, Candidate& c, const R& r, const PortfolioItemAdded& e) {
  if (e.kind == "curriculum_summary") {
    c.curriculum_summary_position = r.position;
    return;
  }
  const std::int64_t session = e.session.value_or(0);
  if (e.kind == "artifact") ++c.artifacts_by_session[session];
  if (e.kind == "reflection") ++c.reflections_by_session[session];
  c.portfolio_positions.push_back(r.position);
}
void Apply(Program& p, Candidate& c, const R& r, const MentorMeetingLogged& e) {
  c.meetings[e.kind].push_back(r.position);
  auto mentor = p.mentors.find(e.mentor_id.empty() ? c.mentor_id : e.mentor_id);
  if (mentor != p.mentors.end()) ++mentor->second.meetings_logged;
}
void Apply(Program&, Candidate& c, const R& r, const ProgressReviewHeld&) {
  c.review_positions.push_back(r.position);
}
void Apply(Program&, Candidate& c, const R& r, const FinalPresentationGraded& e) {
  c.final_presentation = e;
  c.final_presentation_position = r.position;
}
void Apply(Program&, Candidate& c, const R& r, const MentorAssessmentRecorded& e) {
  c.mentor_assessment = e;
  c.mentor_assessment_position = r.position;
}
void Apply(Program&, Candidate& c, const R& r, const FeedbackGiven&) {
  c.feedback_position = r.position;
}
void Apply(Program&, Candidate& c, const R&, const EmploymentChanged& e) {
  c.employer = e.employer;
  if (!e.position.empty()) c.position_title = e.position;
  // Leaving K-12 during the program opens a continuation review.
  if (e.employer.kind == "non_k12" && c.status == "accepted") c.continuation_pending = true;
}
void Apply(Program&, Candidate& c, const R&, const ContinuationDecided& e) {
  c.continuation_pending = false;
  if (e.decision == "release") {
    c.status = "released";
    c.status_reason = e.reason;
  }
}
void Apply(Program&, Candidate& c, const R&, const CandidateDropped& e) {
  c.status = "dropped";
  c.status_reason = e.reason;
}

}  // namespace

void ApplyCoursework(Program& p, Candidate& c, const Recorded& r) {
  std::visit(
      [&](const auto& event) {
        if constexpr (requires { Apply(p, c, r, event); }) Apply(p, c, r, event);
      },
      r.event);
}

}  // namespace ctom::domain::evolve_detail
