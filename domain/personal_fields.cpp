// The personal fields of every event type: one overload per type and no catch-all, so a new event
// type does not compile until it says which of its fields are personal.
#include "domain/personal_fields.hpp"

namespace ctom::domain {
namespace {

void Mark(std::string& field) {
  if (!field.empty()) field = kErased;
}

// Each returns whether the type has personal fields, having erased them.
bool Erase(RuleSetPublished&) { return false; }
bool Erase(UserCreated& e) {
  Mark(e.name);
  return true;
}
bool Erase(UserRevoked&) { return false; }
bool Erase(UserTokenIssued&) { return false; }
bool Erase(DocumentUploaded& e) {
  Mark(e.bytes);
  return true;
}
bool Erase(CohortOpened&) { return false; }
bool Erase(SessionRescheduled&) { return false; }
bool Erase(AssignmentDefined&) { return false; }
bool Erase(MentorApplied& e) {
  Mark(e.name);
  Mark(e.email);
  Mark(e.position);
  return true;
}
bool Erase(MentorApprovalDecided& e) {
  Mark(e.reason);
  return true;
}
bool Erase(MentorContractSigned&) { return false; }
bool Erase(ApplicationSubmitted& e) {
  Mark(e.name);
  Mark(e.email);
  Mark(e.position);
  e.email_hash.clear();
  return true;
}
bool Erase(SelectionDecided& e) {
  Mark(e.reason);
  return true;
}
bool Erase(CandidateWithdrew& e) {
  Mark(e.reason);
  return true;
}
bool Erase(MentorMatched&) { return false; }
bool Erase(PaymentRecorded& e) {
  Mark(e.reference);
  return true;
}
bool Erase(RefundRecorded& e) {
  Mark(e.reason);
  return true;
}
bool Erase(AttendanceRecorded& e) {
  Mark(e.note);
  return true;
}
bool Erase(MakeupRecorded& e) {
  Mark(e.description);
  return true;
}
bool Erase(ParticipationRecorded&) { return false; }
bool Erase(SubmissionRecorded& e) {
  Mark(e.url);
  return true;
}
bool Erase(GradeRecorded& e) {
  Mark(e.comment);
  return true;
}
bool Erase(PortfolioItemAdded& e) {
  Mark(e.title);
  Mark(e.url);
  return true;
}
bool Erase(MentorMeetingLogged& e) {
  Mark(e.notes);
  return true;
}
bool Erase(ProgressReviewHeld& e) {
  Mark(e.notes);
  return true;
}
bool Erase(FinalPresentationGraded& e) {
  Mark(e.comment);
  return true;
}
bool Erase(MentorAssessmentRecorded& e) {
  Mark(e.statement);
  return true;
}
bool Erase(FeedbackGiven& e) {
  Mark(e.text);
  return true;
}
bool Erase(EmploymentChanged& e) {
  Mark(e.position);
  return true;
}
bool Erase(ContinuationDecided& e) {
  Mark(e.reason);
  return true;
}
bool Erase(CandidateDropped& e) {
  Mark(e.detail);  // reason is one of a few codes; detail is free text
  return true;
}
bool Erase(CertificationGranted&) { return false; }
bool Erase(CertificationDenied& e) {
  Mark(e.reason);
  return true;
}
bool Erase(CeuRecorded& e) {
  Mark(e.activity);
  Mark(e.provider);
  return true;
}
bool Erase(AnnualDocumentationSubmitted&) { return false; }
bool Erase(RecertificationGranted&) { return false; }
bool Erase(CertificateRevoked& e) {
  Mark(e.reason);
  return true;
}
bool Erase(PromotionRecorded& e) {
  Mark(e.title);
  return true;
}
bool Erase(PersonalDataCorrected& e) {
  Mark(e.name);
  Mark(e.email);
  Mark(e.position);
  e.email_hash.clear();
  return true;
}
// Written after the key is gone (and read without it): its reason stays in clear.
bool Erase(PersonalDataErased&) { return false; }
bool Erase(FeedIssued&) { return false; }

}  // namespace

bool HasPersonalFields(const Event& event) {
  if (std::holds_alternative<DocumentUploaded>(event)) return true;  // spare copying the bytes
  Event copy = event;
  return ErasePersonalFields(copy);
}

bool ErasePersonalFields(Event& event) {
  return std::visit([](auto& typed) { return Erase(typed); }, event);
}

std::string PersonOfStream(std::string_view stream) {
  if (stream.starts_with("candidate-") || stream.starts_with("mentor-")) return std::string(stream);
  return {};
}

std::optional<SealingKey> SealingKeyOf(std::string_view stream, const Event& event) {
  if (const auto* document = std::get_if<DocumentUploaded>(&event)) {
    return SealingKey{SealingKey::Kind::document, document->document_id};
  }
  if (const auto* user = std::get_if<UserCreated>(&event)) {
    if (!user->candidate_id.empty()) {
      return SealingKey{SealingKey::Kind::person, CandidateStream(user->candidate_id)};
    }
    if (!user->mentor_id.empty()) {
      return SealingKey{SealingKey::Kind::person, MentorStream(user->mentor_id)};
    }
    return std::nullopt;
  }
  std::string person = PersonOfStream(stream);
  if (person.empty() || !HasPersonalFields(event)) return std::nullopt;
  return SealingKey{SealingKey::Kind::person, std::move(person)};
}

std::vector<std::string> DocumentsNamed(const Event& event) {
  std::vector<std::string> named;
  auto add = [&](const std::string& id) {
    if (!id.empty()) named.push_back(id);
  };
  if (const auto* e = std::get_if<ApplicationSubmitted>(&event)) {
    for (const auto& [kind, id] : e->documents) add(id);
  } else if (const auto* e = std::get_if<SubmissionRecorded>(&event)) {
    add(e->document);
  } else if (const auto* e = std::get_if<CeuRecorded>(&event)) {
    add(e->document);
  } else if (const auto* e = std::get_if<AnnualDocumentationSubmitted>(&event)) {
    add(e->document);
  }
  return named;
}

}  // namespace ctom::domain
