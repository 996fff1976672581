// Decide on the program year's work: attendance, make-ups, participation, assignments,
// portfolio, mentor meetings, reviews, final presentation, mentor assessment and feedback.
#include <set>

#include "domain/decide.hpp"

namespace ctom::domain::decide_detail {
namespace {

std::expected<const Session*, Rejection> FindSession(const Program& p, const Candidate& c,
                                                     std::int64_t number) {
  const Cohort* cohort = p.FindCohort(c.cohort);
  auto found =
      cohort == nullptr ? decltype(cohort->sessions.end()){} : cohort->sessions.find(number);
  if (cohort == nullptr || found == cohort->sessions.end()) {
    return std::unexpected(
        Reject(RejectionCode::unknown_session,
               "cohort " + std::to_string(c.cohort) + " has no session " + std::to_string(number)));
  }
  return &found->second;
}

std::expected<const Assignment*, Rejection> FindAssignment(const Program& p, const Candidate& c,
                                                           const std::string& id) {
  const Cohort* cohort = p.FindCohort(c.cohort);
  if (cohort != nullptr) {
    auto found = cohort->assignments.find(id);
    if (found != cohort->assignments.end()) return &found->second;
  }
  return std::unexpected(
      Reject(RejectionCode::unknown_assignment, "no assignment '" + id + "' in the cohort"));
}

// Attendance and participation are recorded once the session has started.
std::optional<Rejection> CheckStarted(const Program& p, const Candidate& c, std::int64_t number,
                                      Instant at) {
  auto session = FindSession(p, c, number);
  if (!session) return session.error();
  if (at < (*session)->slot.starts_at) {
    return Reject(RejectionCode::session_not_started,
                  "session " + std::to_string(number) + " starts " +
                      FormatInstant((*session)->slot.starts_at));
  }
  return std::nullopt;
}

template <typename T>
Decided Record(const Candidate& c, T event) {
  return Append(CandidateStream(c.id), c.version, Event{std::move(event)}, c.id);
}

Decided Attend(const Program& p, const Candidate& c, const AttendanceRecorded& e, Instant at) {
  static const std::set<std::string> kStatuses{"present", "absent_excused", "absent_unexcused"};
  if (!kStatuses.contains(e.status))
    return std::unexpected(Reject(RejectionCode::validation, "unknown status " + e.status));
  if (auto bad = CheckStarted(p, c, e.session, at)) return std::unexpected(*bad);
  return Record(c, e);
}

Decided MakeUp(const Program& p, const Candidate& c, const MakeupRecorded& e) {
  if (auto session = FindSession(p, c, e.session); !session)
    return std::unexpected(session.error());
  auto mark = c.attendance.find(e.session);
  if (mark == c.attendance.end() || mark->second.status != "absent_excused") {
    return std::unexpected(
        Reject(RejectionCode::invalid_transition, "a make-up follows an excused absence"));
  }
  if (e.description.empty())
    return std::unexpected(Reject(RejectionCode::validation, "description is required"));
  return Record(c, e);
}

Decided Participate(const Program& p, const Candidate& c, const ParticipationRecorded& e,
                    Instant at) {
  if (e.rating != "satisfactory" && e.rating != "unsatisfactory") {
    return std::unexpected(
        Reject(RejectionCode::validation, "rating is satisfactory or unsatisfactory"));
  }
  if (auto bad = CheckStarted(p, c, e.session, at)) return std::unexpected(*bad);
  return Record(c, e);
}

Decided Submit(const Program& p, const Candidate& c, SubmissionRecorded e, Instant at) {
  auto assignment = FindAssignment(p, c, e.assignment_id);
  if (!assignment) return std::unexpected(assignment.error());
  if (!e.document.empty() && !p.documents.contains(e.document)) {
    return std::unexpected(
        Reject(RejectionCode::validation, "document names no uploaded document"));
  }
  e.late = at > (*assignment)->definition.due_at;  // late is recorded, not refused
  return Record(c, e);
}

Decided GradeWork(const Program& p, const Candidate& c, const GradeRecorded& e) {
  if (e.result != "pass" && e.result != "fail")
    return std::unexpected(Reject(RejectionCode::validation, "result is pass or fail"));
  if (e.score && (*e.score < 0 || *e.score > 100))
    return std::unexpected(Reject(RejectionCode::validation, "score is 0..100"));
  if (auto assignment = FindAssignment(p, c, e.assignment_id); !assignment) {
    return std::unexpected(assignment.error());
  }
  return Record(c, e);
}

Decided AddToPortfolio(const Candidate& c, const PortfolioItemAdded& e) {
  if (e.kind != "artifact" && e.kind != "reflection" && e.kind != "curriculum_summary") {
    return std::unexpected(
        Reject(RejectionCode::validation, "kind is artifact, reflection or curriculum_summary"));
  }
  if (e.title.empty() || e.url.empty())
    return std::unexpected(Reject(RejectionCode::validation, "title and url are required"));
  if (e.kind != "curriculum_summary" && (!e.session || *e.session < 1 || *e.session > 8)) {
    return std::unexpected(Reject(RejectionCode::unknown_session,
                                  "artifacts and reflections belong to sessions 1..8"));
  }
  return Record(c, e);
}

Decided Meet(const Candidate& c, MentorMeetingLogged e, const Context& ctx) {
  static const std::set<std::string> kKinds{"check_in", "mid_year_evaluation", "portfolio_review"};
  static const std::set<std::string> kModes{"face_to_face", "phone", "video", "shared_documents"};
  if (!kKinds.contains(e.kind))
    return std::unexpected(Reject(RejectionCode::validation, "unknown meeting kind"));
  if (!kModes.contains(e.mode))
    return std::unexpected(Reject(RejectionCode::validation, "unknown meeting mode"));
  e.mentor_id = ctx.actor_mentor_id.empty() ? c.mentor_id : ctx.actor_mentor_id;
  return Record(c, e);
}

Decided Present(const Candidate& c, const FinalPresentationGraded& e) {
  if (e.result != "pass" && e.result != "fail")
    return std::unexpected(Reject(RejectionCode::validation, "result is pass or fail"));
  if (e.executive_summary != "accepted" && e.executive_summary != "rejected" &&
      e.executive_summary != "missing") {
    return std::unexpected(
        Reject(RejectionCode::validation, "executive_summary is accepted, rejected or missing"));
  }
  return Record(c, e);
}

Decided Assess(const Candidate& c, MentorAssessmentRecorded e, const Context& ctx) {
  if (e.statement.empty())
    return std::unexpected(Reject(RejectionCode::validation, "statement is required"));
  e.mentor_id = ctx.actor_mentor_id.empty() ? c.mentor_id : ctx.actor_mentor_id;
  return Record(c, e);
}

Decided Dispatch(const Program& p, const Candidate& c, const Event& event, const Context& ctx) {
  if (const auto* e = std::get_if<AttendanceRecorded>(&event)) return Attend(p, c, *e, ctx.at);
  if (const auto* e = std::get_if<MakeupRecorded>(&event)) return MakeUp(p, c, *e);
  if (const auto* e = std::get_if<ParticipationRecorded>(&event))
    return Participate(p, c, *e, ctx.at);
  if (const auto* e = std::get_if<SubmissionRecorded>(&event)) return Submit(p, c, *e, ctx.at);
  if (const auto* e = std::get_if<GradeRecorded>(&event)) return GradeWork(p, c, *e);
  if (const auto* e = std::get_if<PortfolioItemAdded>(&event)) return AddToPortfolio(c, *e);
  if (const auto* e = std::get_if<MentorMeetingLogged>(&event)) return Meet(c, *e, ctx);
  if (const auto* e = std::get_if<ProgressReviewHeld>(&event)) return Record(c, *e);
  if (const auto* e = std::get_if<FinalPresentationGraded>(&event)) return Present(c, *e);
  if (const auto* e = std::get_if<MentorAssessmentRecorded>(&event)) return Assess(c, *e, ctx);
  if (const auto* e = std::get_if<FeedbackGiven>(&event)) {
    if (e->text.empty())
      return std::unexpected(Reject(RejectionCode::validation, "text is required"));
    return Record(c, *e);
  }
  return std::unexpected(Reject(RejectionCode::validation, "not a command about a candidate"));
}

bool IsCoursework(const Event& e) {
  return std::holds_alternative<AttendanceRecorded>(e) ||
         std::holds_alternative<MakeupRecorded>(e) ||
         std::holds_alternative<ParticipationRecorded>(e) ||
         std::holds_alternative<SubmissionRecorded>(e) ||
         std::holds_alternative<GradeRecorded>(e) ||
         std::holds_alternative<PortfolioItemAdded>(e) ||
         std::holds_alternative<MentorMeetingLogged>(e) ||
         std::holds_alternative<ProgressReviewHeld>(e) ||
         std::holds_alternative<FinalPresentationGraded>(e) ||
         std::holds_alternative<MentorAssessmentRecorded>(e) ||
         std::holds_alternative<FeedbackGiven>(e);
}

}  // namespace

Decided DecideCoursework(const Program& p, const Candidate& c, const Event& event,
                         const Context& ctx) {
  if (!IsCoursework(event)) return DecideAftercare(p, c, event, ctx);
  // The year's work is recorded for candidates in the program; a closed record takes none.
  if (c.status != "accepted") {
    return std::unexpected(
        Reject(RejectionCode::invalid_transition, "the candidate is " + c.status));
  }
  return Dispatch(p, c, event, ctx);
}

}  // namespace ctom::domain::decide_detail
