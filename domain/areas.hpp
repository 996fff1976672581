// Private to domain/: what the area files share, and every event's Decide and Apply, by area.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/decide.hpp"
#include "domain/state.hpp"
#include "domain/values.hpp"

namespace ctom::domain::areas {

// ---- building blocks ----

// The final presentations and commencement: judged by the final presentation, not attendance.
inline constexpr std::int64_t kFinalSession = 9;

// What a decide handler is given besides what the command proposes: the state, the record the
// command targets (a candidate id, mentor id, cohort year or user id; empty when it creates its
// record) and who asks when. Lives no longer than the Decide call that builds it.
struct Request {
  const Program& program;
  const std::string& target;
  const Context& context;
};

Rejection Reject(RejectionCode code, std::string detail, std::vector<std::string> unmet = {});
// An instant as a refusal's detail writes it: in the request's zone, with its offset.
std::string ShowInstant(const Context& context, Instant instant);
// A validation refusal of one malformed value, named by its JSON path in the request body.
Rejection Invalid(std::string field, std::string message);

// Collects every malformed value of a command, so a refusal lists them all at once:
//   Validation check;
//   check.Require(!e.name.empty(), "name", "is required");
//   if (auto refusal = check.Refusal()) return std::unexpected(*refusal);
class Validation {
 public:
  void Require(bool valid, std::string field, std::string message) {
    if (!valid) Add(std::move(field), std::move(message));
  }
  void Add(std::string field, std::string message) {
    errors_.push_back(FieldProblem{std::move(field), std::move(message)});
  }
  // Folds another check's refusal (one of code validation) into this one.
  void Merge(const Rejection& refusal) {
    errors_.insert(errors_.end(), refusal.errors.begin(), refusal.errors.end());
  }
  [[nodiscard]] bool empty() const { return errors_.empty(); }
  // The validation refusal naming every error, or nothing when there is none.
  [[nodiscard]] std::optional<Rejection> Refusal() const;

 private:
  std::vector<FieldProblem> errors_;
};
// Appends one event to an existing stream, expected at `version`.
Decision Append(std::string stream, std::uint64_t version, Event event, std::string resource_id);
// Creates `stream` with one event (the API answers 201).
Decision Create(std::string stream, Event event, std::string resource_id);

// A command about a person whose personal data was erased: nothing more may be recorded of them.
Rejection ErasedRefusal(std::string_view who);

// decide(candidate) for the candidate the request targets, or not_found when there is none.
template <typename Decider>
Decided AboutCandidate(const Request& request, Decider&& decide) {
  const Candidate* candidate = request.program.FindCandidate(request.target);
  if (candidate == nullptr) {
    return std::unexpected(Reject(RejectionCode::not_found, "no candidate " + request.target));
  }
  if (candidate->personal.erased) return std::unexpected(ErasedRefusal("candidate"));
  return decide(*candidate);
}

// The record a "candidate-", "mentor-" or "cohort-" stream names, or nullptr when the stream is
// of another kind or the state does not hold the record (state.cpp).
Candidate* CandidateOf(Program& program, const Recorded& recorded);
Mentor* MentorOf(Program& program, const Recorded& recorded);
Cohort* CohortOf(Program& program, const Recorded& recorded);

// ---- every event, and every command that is not an event, by area ----
// Decide judges a command that proposes the event; Apply folds the recorded event into the state.
// Each alternative of Event has exactly one of each, without a catch-all, so the visits in
// decide.cpp and evolve.cpp fail to compile for an event that lacks either.

// program.cpp: rule sets, users, documents, cohorts and their schedules and assignments.
Decided Decide(const Request& request, const RuleSetPublished& event);
Decided Decide(const Request& request, const UserCreated& event);
Decided Decide(const Request& request, const UserRevoked& event);
Decided Decide(const Request& request, const UserTokenIssued& event);
Decided Decide(const Request& request, const FeedIssued& event);
Decided Decide(const Request& request, const DocumentUploaded& event);
Decided Decide(const Request& request, const CohortOpened& event);
Decided Decide(const Request& request, const SessionRescheduled& event);
Decided Decide(const Request& request, const AssignmentDefined& event);
void Apply(Program& program, const Recorded& recorded, const RuleSetPublished& event);
void Apply(Program& program, const Recorded& recorded, const UserCreated& event);
void Apply(Program& program, const Recorded& recorded, const UserRevoked& event);
void Apply(Program& program, const Recorded& recorded, const UserTokenIssued& event);
void Apply(Program& program, const Recorded& recorded, const FeedIssued& event);
void Apply(Program& program, const Recorded& recorded, const DocumentUploaded& event);
void Apply(Program& program, const Recorded& recorded, const CohortOpened& event);
void Apply(Program& program, const Recorded& recorded, const SessionRescheduled& event);
void Apply(Program& program, const Recorded& recorded, const AssignmentDefined& event);

// application.cpp: candidates' applications; mentors' applications, approval and contracts.
Decided Decide(const Request& request, const ApplicationSubmitted& event);
Decided Decide(const Request& request, const MentorApplied& event);
Decided Decide(const Request& request, const MentorApprovalDecided& event);
Decided Decide(const Request& request, const MentorContractSigned& event);
void Apply(Program& program, const Recorded& recorded, const ApplicationSubmitted& event);
void Apply(Program& program, const Recorded& recorded, const MentorApplied& event);
void Apply(Program& program, const Recorded& recorded, const MentorApprovalDecided& event);
void Apply(Program& program, const Recorded& recorded, const MentorContractSigned& event);

// enrollment.cpp: selection, withdrawal, mentor matching, tuition, job changes, continuation
// reviews and drops.
Decided Decide(const Request& request, const SelectionDecided& event);
Decided Decide(const Request& request, const CandidateWithdrew& event);
Decided Decide(const Request& request, const MentorMatched& event);
Decided Decide(const Request& request, const PaymentRecorded& event);
Decided Decide(const Request& request, const RefundRecorded& event);
Decided Decide(const Request& request, const EmploymentChanged& event);
Decided Decide(const Request& request, const ContinuationDecided& event);
Decided Decide(const Request& request, const CandidateDropped& event);
void Apply(Program& program, const Recorded& recorded, const SelectionDecided& event);
void Apply(Program& program, const Recorded& recorded, const CandidateWithdrew& event);
void Apply(Program& program, const Recorded& recorded, const MentorMatched& event);
void Apply(Program& program, const Recorded& recorded, const PaymentRecorded& event);
void Apply(Program& program, const Recorded& recorded, const RefundRecorded& event);
void Apply(Program& program, const Recorded& recorded, const EmploymentChanged& event);
void Apply(Program& program, const Recorded& recorded, const ContinuationDecided& event);
void Apply(Program& program, const Recorded& recorded, const CandidateDropped& event);

// coursework.cpp: the program year's work of a candidate.
Decided Decide(const Request& request, const AttendanceRecorded& event);
Decided Decide(const Request& request, const MakeupRecorded& event);
Decided Decide(const Request& request, const ParticipationRecorded& event);
Decided Decide(const Request& request, const SubmissionRecorded& event);
Decided Decide(const Request& request, const GradeRecorded& event);
Decided Decide(const Request& request, const PortfolioItemAdded& event);
Decided Decide(const Request& request, const MentorMeetingLogged& event);
Decided Decide(const Request& request, const ProgressReviewHeld& event);
Decided Decide(const Request& request, const FinalPresentationGraded& event);
Decided Decide(const Request& request, const MentorAssessmentRecorded& event);
Decided Decide(const Request& request, const FeedbackGiven& event);
void Apply(Program& program, const Recorded& recorded, const AttendanceRecorded& event);
void Apply(Program& program, const Recorded& recorded, const MakeupRecorded& event);
void Apply(Program& program, const Recorded& recorded, const ParticipationRecorded& event);
void Apply(Program& program, const Recorded& recorded, const SubmissionRecorded& event);
void Apply(Program& program, const Recorded& recorded, const GradeRecorded& event);
void Apply(Program& program, const Recorded& recorded, const PortfolioItemAdded& event);
void Apply(Program& program, const Recorded& recorded, const MentorMeetingLogged& event);
void Apply(Program& program, const Recorded& recorded, const ProgressReviewHeld& event);
void Apply(Program& program, const Recorded& recorded, const FinalPresentationGraded& event);
void Apply(Program& program, const Recorded& recorded, const MentorAssessmentRecorded& event);
void Apply(Program& program, const Recorded& recorded, const FeedbackGiven& event);

// certification.cpp: certification decisions and what follows them (CEUs, annual documentation,
// recertification, revocation, promotions). Certificates and recertifications are decided by the
// two commands, never proposed as events.
Decided Decide(const Request& request, const DecideCertification& command);
Decided Decide(const Request& request, const Recertify& command);
Decided Decide(const Request& request, const CertificationGranted& event);
Decided Decide(const Request& request, const CertificationDenied& event);
Decided Decide(const Request& request, const CeuRecorded& event);
Decided Decide(const Request& request, const AnnualDocumentationSubmitted& event);
Decided Decide(const Request& request, const RecertificationGranted& event);
Decided Decide(const Request& request, const CertificateRevoked& event);
Decided Decide(const Request& request, const PromotionRecorded& event);
void Apply(Program& program, const Recorded& recorded, const CertificationGranted& event);
void Apply(Program& program, const Recorded& recorded, const CertificationDenied& event);
void Apply(Program& program, const Recorded& recorded, const CeuRecorded& event);
void Apply(Program& program, const Recorded& recorded, const AnnualDocumentationSubmitted& event);
void Apply(Program& program, const Recorded& recorded, const RecertificationGranted& event);
void Apply(Program& program, const Recorded& recorded, const CertificateRevoked& event);
void Apply(Program& program, const Recorded& recorded, const PromotionRecorded& event);

// personal_data.cpp: a person's data corrected or erased (decided by the two commands).
Decided Decide(const Request& request, const CorrectPersonalData& command);
Decided Decide(const Request& request, const ErasePersonalData& command);
Decided Decide(const Request& request, const PersonalDataCorrected& event);
Decided Decide(const Request& request, const PersonalDataErased& event);
void Apply(Program& program, const Recorded& recorded, const PersonalDataCorrected& event);
void Apply(Program& program, const Recorded& recorded, const PersonalDataErased& event);

}  // namespace ctom::domain::areas
