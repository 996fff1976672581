// The coursework area, decide and evolve side by side: a candidate's program year of work.
#include <set>

#include "domain/areas.hpp"

namespace ctom::domain::areas {
namespace {

using R = Recorded;

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
                                      const Context& context) {
  const Instant at = context.at;
  auto session = FindSession(p, c, number);
  if (!session) return session.error();
  if (at < (*session)->slot.starts_at) {
    return Reject(RejectionCode::session_not_started,
                  "session " + std::to_string(number) + " starts " +
                      ShowInstant(context, (*session)->slot.starts_at));
  }
  return std::nullopt;
}

template <typename T>
Decided Record(const Candidate& c, T event) {
  return Append(CandidateStream(c.id), c.version, Event{std::move(event)}, c.id);
}

Decided Attend(const Program& p, const Candidate& c, const AttendanceRecorded& e,
               const Context& context) {
  static const std::set<std::string> kStatuses{"present", "absent_excused", "absent_unexcused"};
  if (!kStatuses.contains(e.status))
    return std::unexpected(Invalid("status", "is present, absent_excused or absent_unexcused"));
  // Attendance covers sessions 0..8; the final, 9, is judged by the final presentation.
  if (e.session == kFinalSession) {
    return std::unexpected(Reject(RejectionCode::unknown_session,
                                  "attendance covers sessions 0..8; session 9, the final, is "
                                  "judged by the final presentation"));
  }
  if (auto bad = CheckStarted(p, c, e.session, context)) return std::unexpected(*bad);
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
  if (e.description.empty()) return std::unexpected(Invalid("description", "is required"));
  return Record(c, e);
}

Decided Participate(const Program& p, const Candidate& c, const ParticipationRecorded& e,
                    const Context& context) {
  if (e.rating != "satisfactory" && e.rating != "unsatisfactory")
    return std::unexpected(Invalid("rating", "is satisfactory or unsatisfactory"));
  if (auto bad = CheckStarted(p, c, e.session, context)) return std::unexpected(*bad);
  return Record(c, e);
}

Decided Submit(const Program& p, const Candidate& c, SubmissionRecorded e, Instant at) {
  auto assignment = FindAssignment(p, c, e.assignment_id);
  if (!assignment) return std::unexpected(assignment.error());
  Validation check;
  check.Require(e.document.empty() || p.documents.contains(e.document), "document",
                "names no uploaded document");
  check.Require(e.url.empty() || IsWebUrl(e.url), "url", "is not an http(s) URL");
  if (auto refusal = check.Refusal()) return std::unexpected(*refusal);
  e.late = at > (*assignment)->definition.due_at;  // late is recorded, not refused
  return Record(c, e);
}

Decided GradeWork(const Program& p, const Candidate& c, const GradeRecorded& e) {
  Validation check;
  check.Require(e.result == "pass" || e.result == "fail", "result", "is pass or fail");
  check.Require(!e.score || (*e.score >= 0 && *e.score <= 100), "score", "is 0..100");
  if (auto refusal = check.Refusal()) return std::unexpected(*refusal);
  if (auto assignment = FindAssignment(p, c, e.assignment_id); !assignment) {
    return std::unexpected(assignment.error());
  }
  return Record(c, e);
}

Decided AddToPortfolio(const Candidate& c, const PortfolioItemAdded& e) {
  Validation check;
  check.Require(e.kind == "artifact" || e.kind == "reflection" || e.kind == "curriculum_summary",
                "kind", "is artifact, reflection or curriculum_summary");
  check.Require(!e.title.empty(), "title", "is required");
  check.Require(IsWebUrl(e.url), "url", "is not an http(s) URL");
  if (auto refusal = check.Refusal()) return std::unexpected(*refusal);
  if (e.kind != "curriculum_summary" && (!e.session || *e.session < 1 || *e.session > 8)) {
    return std::unexpected(Reject(RejectionCode::unknown_session,
                                  "artifacts and reflections belong to sessions 1..8"));
  }
  return Record(c, e);
}

Decided Meet(const Candidate& c, MentorMeetingLogged e, const Context& ctx) {
  static const std::set<std::string> kKinds{"check_in", "mid_year_evaluation", "portfolio_review"};
  static const std::set<std::string> kModes{"face_to_face", "phone", "video", "shared_documents"};
  Validation check;
  check.Require(kKinds.contains(e.kind), "kind",
                "is check_in, mid_year_evaluation or portfolio_review");
  check.Require(kModes.contains(e.mode), "mode",
                "is face_to_face, phone, video or shared_documents");
  if (auto refusal = check.Refusal()) return std::unexpected(*refusal);
  e.mentor_id = ctx.actor_mentor_id.empty() ? c.mentor_id : ctx.actor_mentor_id;
  return Record(c, e);
}

Decided Present(const Candidate& c, const FinalPresentationGraded& e) {
  Validation check;
  check.Require(e.result == "pass" || e.result == "fail", "result", "is pass or fail");
  check.Require(e.executive_summary == "accepted" || e.executive_summary == "rejected" ||
                    e.executive_summary == "missing",
                "executive_summary", "is accepted, rejected or missing");
  if (auto refusal = check.Refusal()) return std::unexpected(*refusal);
  return Record(c, e);
}

Decided Assess(const Candidate& c, MentorAssessmentRecorded e, const Context& ctx) {
  if (e.statement.empty()) return std::unexpected(Invalid("statement", "is required"));
  e.mentor_id = ctx.actor_mentor_id.empty() ? c.mentor_id : ctx.actor_mentor_id;
  return Record(c, e);
}

// decide(candidate) for the candidate the request targets, once it is in the program year: the
// year's work is recorded for candidates in the program; a closed record takes none.
template <typename Decider>
Decided InProgramYear(const Request& request, Decider&& decide) {
  return AboutCandidate(request, [&](const Candidate& c) -> Decided {
    if (c.status != "accepted") {
      return std::unexpected(
          Reject(RejectionCode::invalid_transition, "the candidate is " + c.status));
    }
    return decide(c);
  });
}

}  // namespace

// ---- each event: the command that proposes it, and its fold ----

Decided Decide(const Request& request, const AttendanceRecorded& e) {
  return InProgramYear(
      request, [&](const Candidate& c) { return Attend(request.program, c, e, request.context); });
}
void Apply(Program& p, const R& r, const AttendanceRecorded& e) {
  Candidate* c = CandidateOf(p, r);
  if (c == nullptr) return;
  AttendanceMark& mark = c->attendance[e.session];
  mark.status = e.status;
  mark.position = r.position;
  // A make-up belongs to an excused absence; a correction to another status leaves none.
  if (e.status != "absent_excused") mark.makeup_position.reset();
}

Decided Decide(const Request& request, const MakeupRecorded& e) {
  return InProgramYear(request, [&](const Candidate& c) { return MakeUp(request.program, c, e); });
}
void Apply(Program& p, const R& r, const MakeupRecorded& e) {
  Candidate* c = CandidateOf(p, r);
  if (c == nullptr) return;
  auto found = c->attendance.find(e.session);
  if (found != c->attendance.end()) found->second.makeup_position = r.position;
}

Decided Decide(const Request& request, const ParticipationRecorded& e) {
  return InProgramYear(request, [&](const Candidate& c) {
    return Participate(request.program, c, e, request.context);
  });
}
void Apply(Program& p, const R& r, const ParticipationRecorded& e) {
  Candidate* c = CandidateOf(p, r);
  if (c == nullptr) return;
  c->participation[e.session] = {e.rating, r.position};
}

Decided Decide(const Request& request, const SubmissionRecorded& e) {
  return InProgramYear(request, [&](const Candidate& c) {
    return Submit(request.program, c, e, request.context.at);
  });
}
void Apply(Program& p, const R& r, const SubmissionRecorded& e) {
  Candidate* c = CandidateOf(p, r);
  if (c == nullptr) return;
  Grade& grade = c->assignments[e.assignment_id];
  grade.submitted = true;
  grade.late = e.late;
  if (grade.result.empty()) grade.position = r.position;
}

Decided Decide(const Request& request, const GradeRecorded& e) {
  return InProgramYear(request,
                       [&](const Candidate& c) { return GradeWork(request.program, c, e); });
}
void Apply(Program& p, const R& r, const GradeRecorded& e) {
  Candidate* c = CandidateOf(p, r);
  if (c == nullptr) return;
  // A regrade supersedes the earlier grade; both stay in the log.
  Grade& grade = c->assignments[e.assignment_id];
  grade.result = e.result;
  grade.position = r.position;
}

Decided Decide(const Request& request, const PortfolioItemAdded& e) {
  return InProgramYear(request, [&](const Candidate& c) { return AddToPortfolio(c, e); });
}
void Apply(Program& p, const R& r, const PortfolioItemAdded& e) {
  Candidate* c = CandidateOf(p, r);
  if (c == nullptr) return;
  if (e.kind == "curriculum_summary") {
    c->curriculum_summary_position = r.position;
    return;
  }
  const std::int64_t session = e.session.value_or(0);
  if (e.kind == "artifact") ++c->artifacts_by_session[session];
  if (e.kind == "reflection") ++c->reflections_by_session[session];
  c->portfolio_positions.push_back(r.position);
}

Decided Decide(const Request& request, const MentorMeetingLogged& e) {
  return InProgramYear(request, [&](const Candidate& c) { return Meet(c, e, request.context); });
}
void Apply(Program& p, const R& r, const MentorMeetingLogged& e) {
  Candidate* c = CandidateOf(p, r);
  if (c == nullptr) return;
  c->meetings[e.kind].push_back(r.position);
  auto mentor = p.mentors.find(e.mentor_id.empty() ? c->mentor_id : e.mentor_id);
  if (mentor != p.mentors.end()) ++mentor->second.meetings_logged;
}

Decided Decide(const Request& request, const ProgressReviewHeld& e) {
  return InProgramYear(request, [&](const Candidate& c) { return Record(c, e); });
}
void Apply(Program& p, const R& r, const ProgressReviewHeld&) {
  Candidate* c = CandidateOf(p, r);
  if (c == nullptr) return;
  c->review_positions.push_back(r.position);
}

Decided Decide(const Request& request, const FinalPresentationGraded& e) {
  return InProgramYear(request, [&](const Candidate& c) { return Present(c, e); });
}
void Apply(Program& p, const R& r, const FinalPresentationGraded& e) {
  Candidate* c = CandidateOf(p, r);
  if (c == nullptr) return;
  c->final_presentation = e;
  c->final_presentation_position = r.position;
}

Decided Decide(const Request& request, const MentorAssessmentRecorded& e) {
  return InProgramYear(request, [&](const Candidate& c) { return Assess(c, e, request.context); });
}
void Apply(Program& p, const R& r, const MentorAssessmentRecorded& e) {
  Candidate* c = CandidateOf(p, r);
  if (c == nullptr) return;
  c->mentor_assessment = e;
  c->mentor_assessment_position = r.position;
}

Decided Decide(const Request& request, const FeedbackGiven& e) {
  return InProgramYear(request, [&](const Candidate& c) -> Decided {
    if (e.text.empty()) return std::unexpected(Invalid("text", "is required"));
    return Record(c, e);
  });
}
void Apply(Program& p, const R& r, const FeedbackGiven&) {
  Candidate* c = CandidateOf(p, r);
  if (c == nullptr) return;
  c->feedback_position = r.position;
}

}  // namespace ctom::domain::areas
