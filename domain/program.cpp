// The program area, decide and evolve side by side: rule sets, users, documents, cohorts.
#include <charconv>
#include <set>

#include "domain/areas.hpp"

namespace ctom::domain::areas {
namespace {

using R = Recorded;

bool IsRole(const std::string& role) {
  static const std::set<std::string> kRoles{"admin",  "staff",     "instructor",
                                            "mentor", "candidate", "auditor"};
  return kRoles.contains(role);
}

std::optional<Rejection> CheckSessions(const std::vector<SessionSlot>& sessions) {
  std::set<std::int64_t> numbers;
  for (const SessionSlot& s : sessions) {
    if (s.number < 0 || s.number > 9)
      return Reject(RejectionCode::validation, "session numbers are 0..9");
    if (!numbers.insert(s.number).second)
      return Reject(RejectionCode::validation, "session numbers repeat");
    if (s.ends_at <= s.starts_at)
      return Reject(RejectionCode::validation, "a session ends after it starts");
  }
  return std::nullopt;
}

// The cohort the request targets: the whole target must be the year ("2018x" or " 2018" names no
// cohort).
std::expected<const Cohort*, Rejection> TargetCohort(const Request& request) {
  const std::string& target = request.target;
  std::int64_t year = 0;
  const char* end = target.data() + target.size();
  const auto [stop, error] = std::from_chars(target.data(), end, year);
  const Cohort* cohort =
      error == std::errc{} && stop == end ? request.program.FindCohort(year) : nullptr;
  if (cohort == nullptr)
    return std::unexpected(Reject(RejectionCode::not_found, "no cohort " + target));
  return cohort;
}

}  // namespace

// ---- rule sets ----

Decided Decide(const Request& request, const RuleSetPublished& event) {
  for (const ParameterInfo& info : Parameters()) {
    const ParameterValue value = info.get(event.parameters);
    if ((info.kind == ParameterKind::integer || info.kind == ParameterKind::decimal) &&
        (value.integer < info.min || value.integer > info.max)) {
      return std::unexpected(
          Reject(RejectionCode::validation, std::string(info.name) + " out of range"));
    }
    for (const std::string& kind : value.documents) {
      if (!IsDocumentKind(kind))
        return std::unexpected(Reject(RejectionCode::validation, "unknown document " + kind));
    }
  }
  const Program& p = request.program;
  RuleSetPublished published = event;
  published.version = p.rules.Latest().version + 1;
  const std::string id = std::to_string(published.version);
  Decision d = Append(std::string(kProgramStream), p.program_version, std::move(published), id);
  d.created = true;
  return d;
}
void Apply(Program& p, const R&, const RuleSetPublished& e) {
  p.rules.Publish(RuleSet{e.version, e.effective_from, e.parameters});
}

// ---- users ----

Decided Decide(const Request& request, const UserCreated& e) {
  const Program& p = request.program;
  if (e.user_id.empty() || e.token_hash.empty())
    return std::unexpected(Reject(RejectionCode::validation, "user id and token are required"));
  if (e.name.empty()) return std::unexpected(Reject(RejectionCode::validation, "name is required"));
  if (!IsRole(e.role))
    return std::unexpected(Reject(RejectionCode::validation, "unknown role '" + e.role + "'"));
  if (p.users.contains(e.user_id))
    return std::unexpected(Reject(RejectionCode::already_exists, "user exists"));
  if (e.role == "candidate" && !p.FindCandidate(e.candidate_id)) {
    return std::unexpected(
        Reject(RejectionCode::validation, "a candidate user needs an existing candidate_id"));
  }
  if (e.role == "mentor" && !p.FindMentor(e.mentor_id)) {
    return std::unexpected(
        Reject(RejectionCode::validation, "a mentor user needs an existing mentor_id"));
  }
  Decision d = Append(std::string(kProgramStream), p.program_version, e, e.user_id);
  d.created = true;
  return d;
}
void Apply(Program& p, const R&, const UserCreated& e) {
  p.users[e.user_id] = User{e.user_id, e.name, e.role, e.candidate_id, e.mentor_id, e.token_hash};
  p.user_by_token_hash[e.token_hash] = e.user_id;
}

// The user revoked is the request's target; the proposed event's user id is not read.
Decided Decide(const Request& request, const UserRevoked&) {
  const Program& p = request.program;
  const std::string& user_id = request.target;
  auto found = p.users.find(user_id);
  if (found == p.users.end())
    return std::unexpected(Reject(RejectionCode::not_found, "no user " + user_id));
  if (found->second.revoked)
    return std::unexpected(Reject(RejectionCode::invalid_transition, "already revoked"));
  return Append(std::string(kProgramStream), p.program_version, UserRevoked{user_id}, user_id);
}
void Apply(Program& p, const R&, const UserRevoked& e) {
  auto found = p.users.find(e.user_id);
  if (found == p.users.end()) return;
  found->second.revoked = true;
  p.user_by_token_hash.erase(found->second.token_hash);
}

// The user is the request's target; the proposed event carries the new token's hash.
Decided Decide(const Request& request, const UserTokenIssued& e) {
  const Program& p = request.program;
  const std::string& user_id = request.target;
  if (e.token_hash.empty())
    return std::unexpected(Reject(RejectionCode::validation, "a token is required"));
  auto found = p.users.find(user_id);
  if (found == p.users.end())
    return std::unexpected(Reject(RejectionCode::not_found, "no user " + user_id));
  if (found->second.revoked)
    return std::unexpected(Reject(RejectionCode::invalid_transition, "the user is revoked"));
  Decision d = Append(std::string(kProgramStream), p.program_version,
                      UserTokenIssued{user_id, e.token_hash}, user_id);
  d.created = true;
  return d;
}
void Apply(Program& p, const R&, const UserTokenIssued& e) {
  auto found = p.users.find(e.user_id);
  if (found == p.users.end() || found->second.revoked) return;
  p.user_by_token_hash.erase(found->second.token_hash);
  found->second.token_hash = e.token_hash;
  p.user_by_token_hash[e.token_hash] = e.user_id;
}

// ---- documents ----

Decided Decide(const Request& request, const DocumentUploaded& e) {
  const std::string stream = DocumentStream(e.document_id.substr(e.document_id.find(':') + 1));
  if (request.program.documents.contains(e.document_id)) {
    // Content-addressed: the same bytes are already stored, so nothing is appended.
    Decision d;
    d.stream = stream;
    d.resource_id = e.document_id;
    return d;
  }
  return Create(stream, e, e.document_id);
}
void Apply(Program& p, const R& r, const DocumentUploaded& e) {
  p.documents[e.document_id] =
      Document{e.document_id, e.content_type, r.actor_id, e.size, r.position};
}

// ---- cohorts ----

Decided Decide(const Request& request, const CohortOpened& e) {
  if (e.year < 2000 || e.year > 2200)
    return std::unexpected(Reject(RejectionCode::validation, "year out of range"));
  if (request.program.cohorts.contains(e.year)) {
    return std::unexpected(
        Reject(RejectionCode::already_exists, "cohort " + std::to_string(e.year) + " exists"));
  }
  if (e.application_deadline <= e.application_opens) {
    return std::unexpected(
        Reject(RejectionCode::validation, "application_deadline must follow application_opens"));
  }
  if (e.tuition_cents < 0)
    return std::unexpected(Reject(RejectionCode::validation, "tuition_cents is negative"));
  if (e.capacity && *e.capacity < 1)
    return std::unexpected(Reject(RejectionCode::validation, "capacity below 1"));
  if (auto bad = CheckSessions(e.sessions)) return std::unexpected(*bad);
  return Create(CohortStream(e.year), e, std::to_string(e.year));
}
void Apply(Program& p, const R& r, const CohortOpened& e) {
  Cohort cohort;
  cohort.opened = e;
  cohort.position = r.position;
  for (const SessionSlot& slot : e.sessions) cohort.sessions[slot.number] = Session{slot, 0};
  p.cohorts[e.year] = std::move(cohort);
}

Decided Decide(const Request& request, const SessionRescheduled& e) {
  auto cohort = TargetCohort(request);
  if (!cohort) return std::unexpected(cohort.error());
  if (!(*cohort)->sessions.contains(e.number)) {
    return std::unexpected(
        Reject(RejectionCode::unknown_session, "no session " + std::to_string(e.number)));
  }
  if (e.ends_at <= e.starts_at)
    return std::unexpected(Reject(RejectionCode::validation, "a session ends after it starts"));
  return Append(CohortStream((*cohort)->opened.year), (*cohort)->version, e, request.target);
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

Decided Decide(const Request& request, const AssignmentDefined& e) {
  static const std::set<std::string> kKinds{"prerequisite", "homework", "in_class",
                                            "oral_presentation"};
  auto cohort = TargetCohort(request);
  if (!cohort) return std::unexpected(cohort.error());
  if (e.assignment_id.empty() || e.title.empty())
    return std::unexpected(Reject(RejectionCode::validation, "id and title are required"));
  if (!kKinds.contains(e.kind))
    return std::unexpected(Reject(RejectionCode::validation, "unknown kind " + e.kind));
  if (!(*cohort)->sessions.contains(e.session)) {
    return std::unexpected(
        Reject(RejectionCode::unknown_session, "no session " + std::to_string(e.session)));
  }
  if ((*cohort)->assignments.contains(e.assignment_id)) {
    return std::unexpected(
        Reject(RejectionCode::already_exists, "assignment " + e.assignment_id + " exists"));
  }
  Decision d = Append(CohortStream((*cohort)->opened.year), (*cohort)->version, e, e.assignment_id);
  d.created = true;
  return d;
}
void Apply(Program& p, const R& r, const AssignmentDefined& e) {
  Cohort* cohort = CohortOf(p, r);
  if (cohort == nullptr) return;
  if (!cohort->assignments.contains(e.assignment_id)) {
    cohort->assignment_order.push_back(e.assignment_id);
  }
  cohort->assignments[e.assignment_id] = Assignment{e, r.position};
}

}  // namespace ctom::domain::areas
