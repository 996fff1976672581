// Every fact the program records, as event types. The encoding is cereal's portable binary
// archive (domain/event_codec.hpp); a type's encoding only grows, by schema version.
#pragma once

#include <cereal/cereal.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "domain/rules.hpp"
#include "domain/time.hpp"

namespace ctom::domain {

// Declares the type name and schema version an event is stored under.
#define CTOM_EVENT(type_name, schema)                  \
  static constexpr std::string_view kType = type_name; \
  static constexpr std::uint32_t kSchemaVersion = schema;

struct Employer {
  std::string name;
  std::string kind;  // district | county_office | non_k12
  std::string cds_code;
  bool operator==(const Employer&) const = default;
  template <class A>
  void serialize(A& a) {
    a(CEREAL_NVP(name), CEREAL_NVP(kind), CEREAL_NVP(cds_code));
  }
};

struct SessionSlot {
  std::int64_t number = 0;  // 0 kickoff, 1..8 sessions, 9 final presentations and commencement
  std::string title;
  std::vector<std::string> topics;
  Instant starts_at = 0;
  Instant ends_at = 0;
  std::string location;
  bool operator==(const SessionSlot&) const = default;
  template <class A>
  void serialize(A& a) {
    a(CEREAL_NVP(number), CEREAL_NVP(title), CEREAL_NVP(topics), CEREAL_NVP(starts_at),
      CEREAL_NVP(ends_at), CEREAL_NVP(location));
  }
};

// ---- program stream ----
struct RuleSetPublished {
  CTOM_EVENT("rule_set_published", 1)
  std::int64_t version = 0;
  Instant effective_from = 0;
  RuleParameters parameters;
  bool operator==(const RuleSetPublished&) const = default;
  template <class A>
  void serialize(A& a) {
    a(CEREAL_NVP(version), CEREAL_NVP(effective_from), CEREAL_NVP(parameters));
  }
};
struct UserCreated {
  CTOM_EVENT("user_created", 1)
  std::string user_id, name, role, candidate_id, mentor_id;
  std::string token_hash;  // SHA-256 of the token, hex; the token itself is never stored
  bool operator==(const UserCreated&) const = default;
  template <class A>
  void serialize(A& a) {
    a(CEREAL_NVP(user_id), CEREAL_NVP(name), CEREAL_NVP(role), CEREAL_NVP(candidate_id),
      CEREAL_NVP(mentor_id), CEREAL_NVP(token_hash));
  }
};
struct UserRevoked {
  CTOM_EVENT("user_revoked", 1)
  std::string user_id;
  bool operator==(const UserRevoked&) const = default;
  template <class A>
  void serialize(A& a) {
    a(CEREAL_NVP(user_id));
  }
};

// A new token for a user who lost theirs: it replaces every earlier token of the user.
struct UserTokenIssued {
  CTOM_EVENT("user_token_issued", 1)
  std::string user_id;
  std::string token_hash;  // SHA-256 of the new token, hex
  bool operator==(const UserTokenIssued&) const = default;
  template <class A>
  void serialize(A& a) {
    a(CEREAL_NVP(user_id), CEREAL_NVP(token_hash));
  }
};

// A secret calendar feed URL for a user (API.md, POST /v1/feeds): it replaces the user's earlier
// feed, and ends when the user is revoked. The event holds the SHA-256 of the secret, never the
// secret.
struct FeedIssued {
  CTOM_EVENT("feed_issued", 1)
  std::string user_id;
  std::string secret_hash;  // SHA-256 of the secret, hex
  bool operator==(const FeedIssued&) const = default;
  template <class A>
  void serialize(A& a) {
    a(CEREAL_NVP(user_id), CEREAL_NVP(secret_hash));
  }
};

// ---- document-<sha256> streams ----
struct DocumentUploaded {
  CTOM_EVENT("document_uploaded", 1)
  std::string document_id;  // "sha256:<hex>"
  std::string content_type;
  std::int64_t size = 0;
  std::string bytes;
  bool operator==(const DocumentUploaded&) const = default;
  template <class A>
  void serialize(A& a) {
    a(CEREAL_NVP(document_id), CEREAL_NVP(content_type), CEREAL_NVP(size), CEREAL_NVP(bytes));
  }
};

// ---- cohort-<year> streams ----
struct CohortOpened {
  CTOM_EVENT("cohort_opened", 1)
  std::int64_t year = 0;
  Instant application_opens = 0;
  Instant application_deadline = 0;
  std::int64_t tuition_cents = 0;
  std::optional<std::int64_t> capacity;
  std::string location;
  std::vector<SessionSlot> sessions;
  bool operator==(const CohortOpened&) const = default;
  template <class A>
  void serialize(A& a) {
    a(CEREAL_NVP(year), CEREAL_NVP(application_opens), CEREAL_NVP(application_deadline),
      CEREAL_NVP(tuition_cents), CEREAL_NVP(capacity), CEREAL_NVP(location), CEREAL_NVP(sessions));
  }
};
struct SessionRescheduled {
  CTOM_EVENT("session_rescheduled", 1)
  std::int64_t number = 0;
  Instant starts_at = 0;
  Instant ends_at = 0;
  std::string location;
  bool operator==(const SessionRescheduled&) const = default;
  template <class A>
  void serialize(A& a) {
    a(CEREAL_NVP(number), CEREAL_NVP(starts_at), CEREAL_NVP(ends_at), CEREAL_NVP(location));
  }
};
struct AssignmentDefined {
  CTOM_EVENT("assignment_defined", 1)
  std::string assignment_id;
  std::int64_t session = 0;
  std::string kind;  // prerequisite | homework | in_class | oral_presentation
  std::string title;
  Instant due_at = 0;
  bool operator==(const AssignmentDefined&) const = default;
  template <class A>
  void serialize(A& a) {
    a(CEREAL_NVP(assignment_id), CEREAL_NVP(session), CEREAL_NVP(kind), CEREAL_NVP(title),
      CEREAL_NVP(due_at));
  }
};

// ---- mentor-<id> streams ----
struct MentorApplied {
  CTOM_EVENT("mentor_applied", 1)
  std::string mentor_id, name, email;
  Employer employer;
  std::string position;
  bool currently_k12_leader = false;
  bool hands_on_experience = false;
  std::string qualification;  // business_degree | cto_certification | work_experience
  std::int64_t years_k12_leadership = 0;
  std::optional<std::int64_t> cohort;
  bool operator==(const MentorApplied&) const = default;
  template <class A>
  void serialize(A& a) {
    a(CEREAL_NVP(mentor_id), CEREAL_NVP(name), CEREAL_NVP(email), CEREAL_NVP(employer),
      CEREAL_NVP(position), CEREAL_NVP(currently_k12_leader), CEREAL_NVP(hands_on_experience),
      CEREAL_NVP(qualification), CEREAL_NVP(years_k12_leadership), CEREAL_NVP(cohort));
  }
};
struct MentorApprovalDecided {
  CTOM_EVENT("mentor_approval_decided", 1)
  std::string decision;  // approved | rejected
  std::string reason;
  bool operator==(const MentorApprovalDecided&) const = default;
  template <class A>
  void serialize(A& a) {
    a(CEREAL_NVP(decision), CEREAL_NVP(reason));
  }
};
struct MentorContractSigned {
  CTOM_EVENT("mentor_contract_signed", 1)
  Date signed_on;
  bool operator==(const MentorContractSigned&) const = default;
  template <class A>
  void serialize(A& a) {
    a(CEREAL_NVP(signed_on));
  }
};

// ---- candidate-<id> streams ----
struct ApplicationSubmitted {
  CTOM_EVENT("application_submitted", 1)
  std::string candidate_id;
  std::int64_t cohort = 0;
  std::string name, email;
  Employer employer;
  std::string position;
  std::map<std::string, std::string> documents;  // kind -> document id
  std::string requested_mentor_id;
  std::string channel;
  // The keyed hash of the e-mail (vault::Vault::EmailHash) the duplicate-application rule
  // compares. Not stored: whoever holds the vault fills it in when the event is decided or read.
  std::string email_hash;
  bool operator==(const ApplicationSubmitted&) const = default;
  template <class A>
  void serialize(A& a) {
    a(CEREAL_NVP(candidate_id), CEREAL_NVP(cohort), CEREAL_NVP(name), CEREAL_NVP(email),
      CEREAL_NVP(employer), CEREAL_NVP(position), CEREAL_NVP(documents),
      CEREAL_NVP(requested_mentor_id), CEREAL_NVP(channel));
  }
};
struct SelectionDecided {
  CTOM_EVENT("selection_decided", 1)
  std::string decision;  // accepted | waitlisted | rejected
  std::string reason;
  bool operator==(const SelectionDecided&) const = default;
  template <class A>
  void serialize(A& a) {
    a(CEREAL_NVP(decision), CEREAL_NVP(reason));
  }
};
struct CandidateWithdrew {
  CTOM_EVENT("candidate_withdrew", 1)
  std::string reason;
  bool operator==(const CandidateWithdrew&) const = default;
  template <class A>
  void serialize(A& a) {
    a(CEREAL_NVP(reason));
  }
};
struct MentorMatched {
  CTOM_EVENT("mentor_matched", 1)
  std::string mentor_id;
  bool operator==(const MentorMatched&) const = default;
  template <class A>
  void serialize(A& a) {
    a(CEREAL_NVP(mentor_id));
  }
};
struct PaymentRecorded {
  CTOM_EVENT("payment_recorded", 1)
  std::int64_t amount_cents = 0;
  std::string method;      // check | money_order | visa | mastercard | discover
  std::string payer_kind;  // self | employer
  std::string payer_name;
  std::string funding_source;
  std::string reference;
  bool operator==(const PaymentRecorded&) const = default;
  template <class A>
  void serialize(A& a) {
    a(CEREAL_NVP(amount_cents), CEREAL_NVP(method), CEREAL_NVP(payer_kind), CEREAL_NVP(payer_name),
      CEREAL_NVP(funding_source), CEREAL_NVP(reference));
  }
};
struct RefundRecorded {
  CTOM_EVENT("refund_recorded", 1)
  std::int64_t amount_cents = 0;
  std::string reason;
  bool operator==(const RefundRecorded&) const = default;
  template <class A>
  void serialize(A& a) {
    a(CEREAL_NVP(amount_cents), CEREAL_NVP(reason));
  }
};
struct AttendanceRecorded {
  CTOM_EVENT("attendance_recorded", 1)
  std::int64_t session = 0;
  std::string status;  // present | absent_excused | absent_unexcused
  std::string note;
  bool operator==(const AttendanceRecorded&) const = default;
  template <class A>
  void serialize(A& a) {
    a(CEREAL_NVP(session), CEREAL_NVP(status), CEREAL_NVP(note));
  }
};
struct MakeupRecorded {
  CTOM_EVENT("makeup_recorded", 1)
  std::int64_t session = 0;
  std::string description;
  bool operator==(const MakeupRecorded&) const = default;
  template <class A>
  void serialize(A& a) {
    a(CEREAL_NVP(session), CEREAL_NVP(description));
  }
};
struct ParticipationRecorded {
  CTOM_EVENT("participation_recorded", 1)
  std::int64_t session = 0;
  std::string rating;  // satisfactory | unsatisfactory
  bool operator==(const ParticipationRecorded&) const = default;
  template <class A>
  void serialize(A& a) {
    a(CEREAL_NVP(session), CEREAL_NVP(rating));
  }
};
struct SubmissionRecorded {
  CTOM_EVENT("submission_recorded", 1)
  std::string assignment_id, document, url;
  bool late = false;
  bool operator==(const SubmissionRecorded&) const = default;
  template <class A>
  void serialize(A& a) {
    a(CEREAL_NVP(assignment_id), CEREAL_NVP(document), CEREAL_NVP(url), CEREAL_NVP(late));
  }
};
struct GradeRecorded {
  CTOM_EVENT("grade_recorded", 1)
  std::string assignment_id;
  std::string result;  // pass | fail
  std::optional<std::int64_t> score;
  std::string comment;
  bool operator==(const GradeRecorded&) const = default;
  template <class A>
  void serialize(A& a) {
    a(CEREAL_NVP(assignment_id), CEREAL_NVP(result), CEREAL_NVP(score), CEREAL_NVP(comment));
  }
};
struct PortfolioItemAdded {
  CTOM_EVENT("portfolio_item_added", 1)
  std::string kind;  // artifact | reflection | curriculum_summary
  std::optional<std::int64_t> session;
  std::string title, url;
  bool operator==(const PortfolioItemAdded&) const = default;
  template <class A>
  void serialize(A& a) {
    a(CEREAL_NVP(kind), CEREAL_NVP(session), CEREAL_NVP(title), CEREAL_NVP(url));
  }
};
struct MentorMeetingLogged {
  CTOM_EVENT("mentor_meeting_logged", 1)
  std::string kind;  // check_in | mid_year_evaluation | portfolio_review
  std::string mode;  // face_to_face | phone | video | shared_documents
  Date held_on;
  std::string notes;
  std::string mentor_id;
  bool operator==(const MentorMeetingLogged&) const = default;
  template <class A>
  void serialize(A& a) {
    a(CEREAL_NVP(kind), CEREAL_NVP(mode), CEREAL_NVP(held_on), CEREAL_NVP(notes),
      CEREAL_NVP(mentor_id));
  }
};
struct ProgressReviewHeld {
  CTOM_EVENT("progress_review_held", 1)
  Date held_on;
  std::string notes;
  bool operator==(const ProgressReviewHeld&) const = default;
  template <class A>
  void serialize(A& a) {
    a(CEREAL_NVP(held_on), CEREAL_NVP(notes));
  }
};
struct FinalPresentationGraded {
  CTOM_EVENT("final_presentation_graded", 1)
  std::string result;             // pass | fail
  std::string executive_summary;  // accepted | rejected | missing
  std::string comment;
  bool operator==(const FinalPresentationGraded&) const = default;
  template <class A>
  void serialize(A& a) {
    a(CEREAL_NVP(result), CEREAL_NVP(executive_summary), CEREAL_NVP(comment));
  }
};
struct MentorAssessmentRecorded {
  CTOM_EVENT("mentor_assessment_recorded", 1)
  bool recommend = false;
  std::string statement;
  std::string mentor_id;
  bool operator==(const MentorAssessmentRecorded&) const = default;
  template <class A>
  void serialize(A& a) {
    a(CEREAL_NVP(recommend), CEREAL_NVP(statement), CEREAL_NVP(mentor_id));
  }
};
struct FeedbackGiven {
  CTOM_EVENT("feedback_given", 1)
  std::string text;
  bool operator==(const FeedbackGiven&) const = default;
  template <class A>
  void serialize(A& a) {
    a(CEREAL_NVP(text));
  }
};
struct EmploymentChanged {
  CTOM_EVENT("employment_changed", 1)
  Employer employer;
  std::string position;
  bool operator==(const EmploymentChanged&) const = default;
  template <class A>
  void serialize(A& a) {
    a(CEREAL_NVP(employer), CEREAL_NVP(position));
  }
};
struct ContinuationDecided {
  CTOM_EVENT("continuation_decided", 1)
  std::string decision;  // continue | release
  std::string reason;
  bool operator==(const ContinuationDecided&) const = default;
  template <class A>
  void serialize(A& a) {
    a(CEREAL_NVP(decision), CEREAL_NVP(reason));
  }
};
struct CandidateDropped {
  CTOM_EVENT("candidate_dropped", 1)
  std::string reason;  // unexcused_absence | missing_work | left_k12 | withdrew | other
  std::string detail;
  bool operator==(const CandidateDropped&) const = default;
  template <class A>
  void serialize(A& a) {
    a(CEREAL_NVP(reason), CEREAL_NVP(detail));
  }
};
struct CertificationGranted {
  CTOM_EVENT("certification_granted", 1)
  std::string certificate;  // CCTO-<year>-<nnnn>
  Date issued_on;
  Date expires_on;
  bool operator==(const CertificationGranted&) const = default;
  template <class A>
  void serialize(A& a) {
    a(CEREAL_NVP(certificate), CEREAL_NVP(issued_on), CEREAL_NVP(expires_on));
  }
};
struct CertificationDenied {
  CTOM_EVENT("certification_denied", 1)
  std::string reason;
  bool completion_met = false;
  bool operator==(const CertificationDenied&) const = default;
  template <class A>
  void serialize(A& a) {
    a(CEREAL_NVP(reason), CEREAL_NVP(completion_met));
  }
};
struct CeuRecorded {
  CTOM_EVENT("ceu_recorded", 1)
  std::string activity, provider;
  Date completed_on;
  std::int64_t contact_hours_hundredths = 0;
  std::string document;
  bool operator==(const CeuRecorded&) const = default;
  template <class A>
  void serialize(A& a) {
    a(CEREAL_NVP(activity), CEREAL_NVP(provider), CEREAL_NVP(completed_on),
      CEREAL_NVP(contact_hours_hundredths), CEREAL_NVP(document));
  }
};
struct AnnualDocumentationSubmitted {
  CTOM_EVENT("annual_documentation_submitted", 1)
  std::int64_t year = 0;
  std::string document;
  bool operator==(const AnnualDocumentationSubmitted&) const = default;
  template <class A>
  void serialize(A& a) {
    a(CEREAL_NVP(year), CEREAL_NVP(document));
  }
};
struct RecertificationGranted {
  CTOM_EVENT("recertification_granted", 1)
  Date previous_expires_on;
  Date expires_on;
  bool operator==(const RecertificationGranted&) const = default;
  template <class A>
  void serialize(A& a) {
    a(CEREAL_NVP(previous_expires_on), CEREAL_NVP(expires_on));
  }
};
struct CertificateRevoked {
  CTOM_EVENT("certificate_revoked", 1)
  std::string reason;
  bool operator==(const CertificateRevoked&) const = default;
  template <class A>
  void serialize(A& a) {
    a(CEREAL_NVP(reason));
  }
};
struct PromotionRecorded {
  CTOM_EVENT("promotion_recorded", 1)
  std::string title;
  Date effective_on;
  bool operator==(const PromotionRecorded&) const = default;
  template <class A>
  void serialize(A& a) {
    a(CEREAL_NVP(title), CEREAL_NVP(effective_on));
  }
};

// ---- candidate-<id> and mentor-<id> streams: a person's data ----
// A misspelt name, e-mail or position title corrected; empty fields keep their value.
struct PersonalDataCorrected {
  CTOM_EVENT("personal_data_corrected", 1)
  std::string name, email, position;
  std::string email_hash;  // not stored, as ApplicationSubmitted's
  bool operator==(const PersonalDataCorrected&) const = default;
  template <class A>
  void serialize(A& a) {
    a(CEREAL_NVP(name), CEREAL_NVP(email), CEREAL_NVP(position));
  }
};
// The point of no return of an erasure: the person's data key is destroyed once this is durable
// (and at start-up when the process stopped before). The reason is kept in clear, for the audit.
struct PersonalDataErased {
  CTOM_EVENT("personal_data_erased", 1)
  std::string reason;
  bool operator==(const PersonalDataErased&) const = default;
  template <class A>
  void serialize(A& a) {
    a(CEREAL_NVP(reason));
  }
};

#undef CTOM_EVENT

using Event = std::variant<
    RuleSetPublished, UserCreated, UserRevoked, DocumentUploaded, CohortOpened, SessionRescheduled,
    AssignmentDefined, MentorApplied, MentorApprovalDecided, MentorContractSigned,
    ApplicationSubmitted, SelectionDecided, CandidateWithdrew, MentorMatched, PaymentRecorded,
    RefundRecorded, AttendanceRecorded, MakeupRecorded, ParticipationRecorded, SubmissionRecorded,
    GradeRecorded, PortfolioItemAdded, MentorMeetingLogged, ProgressReviewHeld,
    FinalPresentationGraded, MentorAssessmentRecorded, FeedbackGiven, EmploymentChanged,
    ContinuationDecided, CandidateDropped, CertificationGranted, CertificationDenied, CeuRecorded,
    AnnualDocumentationSubmitted, RecertificationGranted, CertificateRevoked, PromotionRecorded,
    UserTokenIssued, PersonalDataCorrected, PersonalDataErased, FeedIssued>;

enum class PersonalData { none, plain, sealed, erased };

// An event with the envelope facts the domain judges by: where it sits in the log and when it
// happened. Built by projections from the ledger's records.
struct Recorded {
  std::uint64_t position = 0;
  std::string stream;
  std::uint64_t stream_version = 0;
  Instant occurred_at = 0;
  Instant recorded_at = 0;
  std::string actor_id;
  std::string actor_role;
  // How the record holds its personal fields: it has none, in clear (written before sealing),
  // sealed and opened, or sealed under a key since destroyed (each such field reads kErased).
  PersonalData personal_data = PersonalData::none;
  Event event;
};

// Stream ids.
inline std::string CohortStream(std::int64_t year) { return "cohort-" + std::to_string(year); }
inline std::string CandidateStream(const std::string& id) { return "candidate-" + id; }
inline std::string MentorStream(const std::string& id) { return "mentor-" + id; }
inline std::string DocumentStream(const std::string& hex) { return "document-" + hex; }
inline constexpr std::string_view kProgramStream = "program";

}  // namespace ctom::domain
