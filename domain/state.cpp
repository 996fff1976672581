// Evolve: how each event changes the program's state.
#include <algorithm>
#include <cctype>

#include "domain/state.hpp"

namespace ctom::domain {
namespace {

using R = Recorded;

// The record a stream id names: "candidate-<id>", "mentor-<id>", "cohort-<year>", ...
std::string_view StreamId(std::string_view stream, std::string_view prefix) {
  if (stream.size() <= prefix.size() || stream.substr(0, prefix.size()) != prefix) return {};
  return stream.substr(prefix.size());
}

Candidate* CandidateOf(Program& program, const R& r) {
  const std::string_view id = StreamId(r.stream, "candidate-");
  if (id.empty()) return nullptr;
  return program.candidate_index.Find(program.candidates, id);
}

Mentor* MentorOf(Program& program, const R& r) {
  const std::string_view id = StreamId(r.stream, "mentor-");
  if (id.empty()) return nullptr;
  auto found = program.mentors.find(id);
  return found == program.mentors.end() ? nullptr : &found->second;
}

std::optional<std::int64_t> YearOf(std::string_view stream) {
  const std::string_view text = StreamId(stream, "cohort-");
  if (text.empty() || text.size() > 6 ||
      text.find_first_not_of("0123456789") != std::string_view::npos) {
    return std::nullopt;
  }
  std::int64_t year = 0;
  for (char digit : text) year = year * 10 + (digit - '0');
  return year;
}

Cohort* CohortOf(Program& program, const R& r) {
  const auto year = YearOf(r.stream);
  if (!year) return nullptr;
  auto found = program.cohorts.find(*year);
  return found == program.cohorts.end() ? nullptr : &found->second;
}

// ---- program, documents, cohorts, mentors ----
void Apply(Program& p, const R&, const RuleSetPublished& e) {
  p.rules.Publish(RuleSet{e.version, e.effective_from, e.parameters});
}
void Apply(Program& p, const R&, const UserCreated& e) {
  p.users[e.user_id] = User{e.user_id, e.name, e.role, e.candidate_id, e.mentor_id, e.token_hash};
  p.user_by_token_hash[e.token_hash] = e.user_id;
}
void Apply(Program& p, const R&, const UserRevoked& e) {
  auto found = p.users.find(e.user_id);
  if (found == p.users.end()) return;
  found->second.revoked = true;
  p.user_by_token_hash.erase(found->second.token_hash);
}
void Apply(Program& p, const R& r, const DocumentUploaded& e) {
  p.documents[e.document_id] =
      Document{e.document_id, e.content_type, r.actor_id, e.size, r.position};
}
void Apply(Program& p, const R& r, const CohortOpened& e) {
  Cohort cohort;
  cohort.opened = e;
  cohort.position = r.position;
  for (const SessionSlot& slot : e.sessions) cohort.sessions[slot.number] = Session{slot, 0};
  p.cohorts[e.year] = std::move(cohort);
}
void Apply(Program& p, const R& r, const SessionRescheduled& e) {
  Cohort* cohort = CohortOf(p, r);
  if (cohort == nullptr) return;
  auto found = cohort->sessions.find(e.number);
  if (found == cohort->sessions.end()) return;
  found->second.slot.starts_at = e.starts_at;
  found->second.slot.ends_at = e.ends_at;
  if (!e.location.empty()) found->second.slot.location = e.location;
  ++found->second.reschedules;
}
void Apply(Program& p, const R& r, const AssignmentDefined& e) {
  Cohort* cohort = CohortOf(p, r);
  if (cohort == nullptr) return;
  if (!cohort->assignments.contains(e.assignment_id)) {
    cohort->assignment_order.push_back(e.assignment_id);
  }
  cohort->assignments[e.assignment_id] = Assignment{e, r.position};
}
void Apply(Program& p, const R& r, const MentorApplied& e) {
  Mentor mentor;
  mentor.application = e;
  mentor.position = r.position;
  p.mentors[e.mentor_id] = std::move(mentor);
}
void Apply(Program& p, const R& r, const MentorApprovalDecided& e) {
  if (Mentor* mentor = MentorOf(p, r)) {
    mentor->approval = e.decision;
    mentor->approval_reason = e.reason;
  }
}
void Apply(Program& p, const R& r, const MentorContractSigned& e) {
  if (Mentor* mentor = MentorOf(p, r)) mentor->contract_signed_on = e.signed_on;
}

// ---- candidates: selection and enrolment ----
void Apply(Program& p, const R& r, const ApplicationSubmitted& e) {
  Candidate candidate;
  candidate.id = e.candidate_id;
  candidate.cohort = e.cohort;
  candidate.name = e.name;
  candidate.email = e.email;
  candidate.employer = e.employer;
  candidate.position_title = e.position;
  candidate.documents = e.documents;
  candidate.requested_mentor_id = e.requested_mentor_id;
  candidate.last_position = r.position;
  auto [entry, inserted] = p.candidates.insert_or_assign(e.candidate_id, std::move(candidate));
  if (inserted) p.candidate_index.Added(p.candidates, entry);
  auto cohort = p.cohorts.find(e.cohort);
  if (cohort != p.cohorts.end()) cohort->second.candidate_ids.push_back(e.candidate_id);
}
void Apply(Program& p, const R& r, const SelectionDecided& e) {
  Candidate* c = CandidateOf(p, r);
  if (c == nullptr) return;
  c->status = e.decision;
  c->status_reason = e.reason;
  if (e.decision == "accepted" && !c->ever_accepted) {
    c->ever_accepted = true;
    c->employer_when_accepted = c->employer;
  }
}
void Apply(Program& p, const R& r, const CandidateWithdrew& e) {
  if (Candidate* c = CandidateOf(p, r)) {
    c->status = "withdrawn";
    c->status_reason = e.reason;
  }
}
void Apply(Program& p, const R& r, const MentorMatched& e) {
  Candidate* c = CandidateOf(p, r);
  if (c == nullptr) return;
  c->mentor_id = e.mentor_id;
  auto mentor = p.mentors.find(e.mentor_id);
  if (mentor != p.mentors.end()) {
    auto& mentees = mentor->second.mentee_ids;
    if (std::find(mentees.begin(), mentees.end(), c->id) == mentees.end()) mentees.push_back(c->id);
  }
}
void Apply(Program& p, const R& r, const PaymentRecorded& e) {
  if (Candidate* c = CandidateOf(p, r)) {
    c->paid_cents += e.amount_cents;
    c->payment_positions.push_back(r.position);
  }
}
void Apply(Program& p, const R& r, const RefundRecorded& e) {
  if (Candidate* c = CandidateOf(p, r)) {
    c->refunded_cents += e.amount_cents;
    c->payment_positions.push_back(r.position);
  }
}

}  // namespace

namespace evolve_detail {
void ApplyCoursework(Program& p, Candidate& c, const Recorded& r);
void ApplyCertification(Program& p, Candidate& c, const Recorded& r);
}  // namespace evolve_detail

void Evolve(Program& program, const Recorded& recorded) {
  program.position = recorded.position;
  std::visit(
      [&](const auto& event) {
        if constexpr (requires { Apply(program, recorded, event); }) {
          Apply(program, recorded, event);
        }
      },
      recorded.event);
  if (Candidate* c = CandidateOf(program, recorded)) {
    evolve_detail::ApplyCoursework(program, *c, recorded);
    evolve_detail::ApplyCertification(program, *c, recorded);
    c->version = recorded.stream_version;
    c->last_position = recorded.position;
  } else if (Mentor* m = MentorOf(program, recorded)) {
    m->version = recorded.stream_version;
  } else if (Cohort* cohort = CohortOf(program, recorded)) {
    cohort->version = recorded.stream_version;
  } else if (recorded.stream == kProgramStream) {
    program.program_version = recorded.stream_version;
  }
}

bool IsClosedStatus(const std::string& status) {
  return status == "rejected" || status == "withdrawn" || status == "dropped" ||
         status == "released";
}

bool HoldsSeat(const Candidate& candidate) {
  return candidate.ever_accepted && candidate.status != "dropped" &&
         candidate.status != "withdrawn" && candidate.status != "released";
}

std::int64_t BalanceCents(const Program& program, const Candidate& candidate) {
  const Cohort* cohort = program.FindCohort(candidate.cohort);
  const std::int64_t tuition = cohort == nullptr ? 0 : cohort->opened.tuition_cents;
  return tuition - candidate.paid_cents + candidate.refunded_cents;
}

std::string NormalizedEmail(const std::string& email) {
  std::string lowered = NormalizedName(email);
  return lowered;
}

std::string NormalizedName(const std::string& name) {
  std::size_t first = 0;
  std::size_t last = name.size();
  while (first < last && std::isspace(static_cast<unsigned char>(name[first]))) ++first;
  while (last > first && std::isspace(static_cast<unsigned char>(name[last - 1]))) --last;
  std::string lowered = name.substr(first, last - first);
  for (char& ch : lowered) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return lowered;
}

const Cohort* Program::FindCohort(std::int64_t year) const {
  auto found = cohorts.find(year);
  return found == cohorts.end() ? nullptr : &found->second;
}
const Candidate* Program::FindCandidate(std::string_view id) const {
  auto found = candidates.find(id);
  return found == candidates.end() ? nullptr : &found->second;
}
const Mentor* Program::FindMentor(std::string_view id) const {
  auto found = mentors.find(id);
  return found == mentors.end() ? nullptr : &found->second;
}
std::uint64_t Program::StreamVersion(std::string_view stream) const {
  if (stream == kProgramStream) return program_version;
  if (auto id = StreamId(stream, "candidate-"); !id.empty()) {
    const Candidate* c = FindCandidate(id);
    return c == nullptr ? 0 : c->version;
  }
  if (auto id = StreamId(stream, "mentor-"); !id.empty()) {
    const Mentor* m = FindMentor(id);
    return m == nullptr ? 0 : m->version;
  }
  if (auto year = YearOf(stream)) {
    const Cohort* cohort = FindCohort(*year);
    return cohort == nullptr ? 0 : cohort->version;
  }
  if (auto hex = StreamId(stream, "document-"); !hex.empty()) {
    return documents.contains("sha256:" + std::string(hex)) ? 1 : 0;
  }
  return 0;
}

}  // namespace ctom::domain
