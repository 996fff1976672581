// The personal data area, decide and evolve side by side: a person's name, e-mail and position
// title corrected, and their personal data erased (API.md "Personal data and erasure").
#include "domain/areas.hpp"
#include "domain/personal_fields.hpp"

namespace ctom::domain::areas {
namespace {

using R = Recorded;

// The person a personal-data command targets: their stream, record and what is known of them.
struct Person {
  std::string stream;
  std::uint64_t version = 0;
  const PersonalRecord* personal = nullptr;
};

std::expected<Person, Rejection> TargetPerson(const Request& request, PersonKind kind) {
  const Program& p = request.program;
  if (kind == PersonKind::candidate) {
    const Candidate* c = p.FindCandidate(request.target);
    if (c == nullptr)
      return std::unexpected(Reject(RejectionCode::not_found, "no candidate " + request.target));
    return Person{CandidateStream(c->id), c->version, &c->personal};
  }
  const Mentor* m = p.FindMentor(request.target);
  if (m == nullptr)
    return std::unexpected(Reject(RejectionCode::not_found, "no mentor " + request.target));
  return Person{MentorStream(request.target), m->version, &m->personal};
}

void Erase(std::string& field) {
  if (!field.empty()) field = kErased;
}

// Erases what the state holds of a candidate's personal data: the log holds it only sealed, and
// every later read of it finds the key gone.
void EraseCandidate(Program& p, Candidate& c) {
  Erase(c.name);
  Erase(c.email);
  Erase(c.position_title);
  Erase(c.status_reason);
  c.email_hash.clear();
  if (c.final_presentation) Erase(c.final_presentation->comment);
  if (c.mentor_assessment) Erase(c.mentor_assessment->statement);
  for (Promotion& promotion : c.promotions) Erase(promotion.title);
  for (Ceu& ceu : c.ceus) {
    Erase(ceu.activity);
    Erase(ceu.provider);
  }
  for (auto& [id, user] : p.users) {
    if (user.candidate_id == c.id) Erase(user.name);
  }
}

void EraseMentor(Program& p, Mentor& m) {
  Erase(m.application.name);
  Erase(m.application.email);
  Erase(m.application.position);
  Erase(m.approval_reason);
  for (auto& [id, user] : p.users) {
    if (user.mentor_id == m.application.mentor_id) Erase(user.name);
  }
}

std::optional<Rejection> CheckCorrection(const PersonalDataCorrected& e) {
  Validation check;
  check.Require(!e.name.empty() || !e.email.empty() || !e.position.empty(), "name",
                "or email or position is required");
  check.Require(e.email.empty() || IsEmailAddress(e.email), "email",
                "is not an e-mail address (name@domain)");
  return check.Refusal();
}

}  // namespace

Rejection ErasedRefusal(std::string_view who) {
  return Reject(
      RejectionCode::invalid_transition,
      "the " + std::string(who) + "'s personal data was erased: nothing more is recorded");
}

Decided Decide(const Request& request, const CorrectPersonalData& command) {
  auto person = TargetPerson(request, command.person);
  if (!person) return std::unexpected(person.error());
  if (person->personal->erased) return std::unexpected(ErasedRefusal("person"));
  if (auto bad = CheckCorrection(command.correction)) return std::unexpected(*bad);
  return Append(person->stream, person->version, command.correction, request.target);
}

Decided Decide(const Request& request, const ErasePersonalData& command) {
  auto person = TargetPerson(request, command.person);
  if (!person) return std::unexpected(person.error());
  if (person->personal->erased) {
    return std::unexpected(
        Reject(RejectionCode::invalid_transition, "the personal data was erased already"));
  }
  if (command.reason.empty()) return std::unexpected(Invalid("reason", "is required"));
  if (person->personal->has_plaintext_records) {
    return std::unexpected(Reject(RejectionCode::not_erasable,
                                  "this person's data was recorded before personal data was "
                                  "sealed, in clear, and an append-only ledger cannot erase it"));
  }
  return Append(person->stream, person->version, PersonalDataErased{command.reason},
                request.target);
}

Decided Decide(const Request& request, const PersonalDataCorrected&) {
  return std::unexpected(
      Invalid("type", std::string(PersonalDataCorrected::kType) + " is decided, never proposed: " +
                          "POST .../correction (target " + request.target + ")"));
}

Decided Decide(const Request& request, const PersonalDataErased&) {
  return std::unexpected(Invalid("type", std::string(PersonalDataErased::kType) +
                                             " is decided, never proposed: " +
                                             "POST .../erasure (target " + request.target + ")"));
}

void Apply(Program& p, const R& r, const PersonalDataCorrected& e) {
  auto correct = [](std::string& field, const std::string& value) {
    if (!value.empty()) field = value;
  };
  if (Candidate* c = CandidateOf(p, r)) {
    correct(c->name, e.name);
    correct(c->email, e.email);
    correct(c->email_hash, e.email_hash);
    correct(c->position_title, e.position);
  } else if (Mentor* m = MentorOf(p, r)) {
    correct(m->application.name, e.name);
    correct(m->application.email, e.email);
    correct(m->application.position, e.position);
  }
}

void Apply(Program& p, const R& r, const PersonalDataErased&) {
  if (Candidate* c = CandidateOf(p, r)) {
    c->personal.erased = true;
    c->personal.erased_position = r.position;
    EraseCandidate(p, *c);
  } else if (Mentor* m = MentorOf(p, r)) {
    m->personal.erased = true;
    m->personal.erased_position = r.position;
    EraseMentor(p, *m);
  }
}

}  // namespace ctom::domain::areas
