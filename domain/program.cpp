// The program area, decide and evolve side by side: rule sets, users, documents, cohorts.
#include <charconv>
#include <map>
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

std::string SessionPath(std::size_t index, const char* field) {
  return "sessions[" + std::to_string(index) + "]" + (*field != 0 ? "." : "") + field;
}

int ProgramYearOf(Instant instant) { return CivilFromDate(ProgramDateOf(instant)).year; }

// One session's own rule: numbered 0..9, ending after it starts, inside the cohort's year (by
// the program's calendar) and after the application deadline.
void CheckSession(const CohortOpened& e, std::size_t i, Validation& check) {
  const SessionSlot& s = e.sessions[i];
  if (s.number < 0 || s.number > 9) check.Add(SessionPath(i, "number"), "is 0..9");
  if (s.ends_at <= s.starts_at) check.Add(SessionPath(i, "ends_at"), "is not after its start");
  if (s.starts_at <= e.application_deadline)
    check.Add(SessionPath(i, "starts_at"), "is not after the application deadline");
  if (ProgramYearOf(s.starts_at) != e.year || ProgramYearOf(s.ends_at) != e.year)
    check.Add(SessionPath(i, "starts_at"), "is not inside " + std::to_string(e.year));
}

// A cohort's schedule (DOMAIN.md, "The life of a cohort"): sessions 0..9, each once, in order of
// time (each ends before the next starts), each by its own rule. Every session that breaks the
// rule is named by its place in the request.
void CheckSchedule(const CohortOpened& e, Validation& check) {
  std::map<std::int64_t, std::size_t> index_by_number;
  for (std::size_t i = 0; i < e.sessions.size(); ++i) {
    CheckSession(e, i, check);
    const std::int64_t number = e.sessions[i].number;
    if (number < 0 || number > 9) continue;
    if (!index_by_number.emplace(number, i).second)
      check.Add(SessionPath(i, "number"), "repeats session " + std::to_string(number));
  }
  std::string absent;
  for (std::int64_t n = 0; n <= 9; ++n) {
    if (!index_by_number.contains(n)) absent += (absent.empty() ? "" : ", ") + std::to_string(n);
  }
  if (!absent.empty()) check.Add("sessions", "lacks session " + absent);
  const SessionSlot* previous = nullptr;
  for (const auto& [number, i] : index_by_number) {
    const SessionSlot& s = e.sessions[i];
    if (previous != nullptr && s.starts_at < previous->ends_at) {
      check.Add(SessionPath(i, "starts_at"),
                "is before session " + std::to_string(previous->number) + " ends");
    }
    previous = &s;
  }
}

// A reschedule keeps the schedule's rule: the session still ends after it starts, after the
// previous session ends and before the next starts, inside the year and after the deadline.
std::optional<Rejection> CheckReschedule(const Cohort& cohort, const SessionRescheduled& e,
                                         const Context& context) {
  const CohortOpened& opened = cohort.opened;
  const std::string session = "session " + std::to_string(e.number);
  Validation check;
  check.Require(e.ends_at > e.starts_at, "ends_at", "is not after starts_at");
  check.Require(e.starts_at > opened.application_deadline, "starts_at",
                "is not after the application deadline, " +
                    ShowInstant(context, opened.application_deadline));
  check.Require(ProgramYearOf(e.starts_at) == opened.year, "starts_at",
                "is not inside " + std::to_string(opened.year));
  check.Require(ProgramYearOf(e.ends_at) == opened.year, "ends_at",
                "is not inside " + std::to_string(opened.year));
  if (auto previous = cohort.sessions.find(e.number - 1); previous != cohort.sessions.end()) {
    check.Require(e.starts_at >= previous->second.slot.ends_at, "starts_at",
                  "puts " + session + " before session " + std::to_string(e.number - 1) +
                      " ends, " + ShowInstant(context, previous->second.slot.ends_at));
  }
  if (auto next = cohort.sessions.find(e.number + 1); next != cohort.sessions.end()) {
    check.Require(e.ends_at <= next->second.slot.starts_at, "ends_at",
                  "puts " + session + " after session " + std::to_string(e.number + 1) +
                      " starts, " + ShowInstant(context, next->second.slot.starts_at));
  }
  return check.Refusal();
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
  Validation check;
  for (const ParameterInfo& info : Parameters()) {
    const ParameterValue value = info.get(event.parameters);
    const std::string path = "parameters." + std::string(info.name);
    if ((info.kind == ParameterKind::integer || info.kind == ParameterKind::decimal) &&
        (value.integer < info.min || value.integer > info.max)) {
      check.Add(path, "is out of range");
    }
    for (std::size_t i = 0; i < value.documents.size(); ++i) {
      if (!IsDocumentKind(value.documents[i]))
        check.Add(path + "[" + std::to_string(i) + "]", "is no document kind");
    }
  }
  if (auto refusal = check.Refusal()) return std::unexpected(*refusal);
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
  Validation check;
  check.Require(!e.user_id.empty(), "id", "is required");
  check.Require(!e.token_hash.empty(), "token", "is required");
  check.Require(!e.name.empty(), "name", "is required");
  check.Require(IsRole(e.role), "role",
                "is admin, staff, instructor, mentor, candidate or auditor");
  if (e.role == "candidate") {
    check.Require(!e.candidate_id.empty(), "candidate_id", "is required for a candidate user");
    check.Require(e.candidate_id.empty() || p.FindCandidate(e.candidate_id) != nullptr,
                  "candidate_id", "names no candidate");
  }
  if (e.role == "mentor") {
    check.Require(!e.mentor_id.empty(), "mentor_id", "is required for a mentor user");
    check.Require(e.mentor_id.empty() || p.FindMentor(e.mentor_id) != nullptr, "mentor_id",
                  "names no mentor");
  }
  if (auto refusal = check.Refusal()) return std::unexpected(*refusal);
  if (p.users.contains(e.user_id))
    return std::unexpected(Reject(RejectionCode::already_exists, "user exists"));
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
  p.feed_hash_by_user.erase(e.user_id);
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

// The feed's owner is the request's target (the caller); the proposed event carries the hash. The
// first administrator is not in the ledger's users, so an unknown user may hold a feed; a revoked
// one may not.
Decided Decide(const Request& request, const FeedIssued& e) {
  const Program& p = request.program;
  const std::string& user_id = request.target;
  if (user_id.empty() || e.secret_hash.empty())
    return std::unexpected(Reject(RejectionCode::validation, "a user and a secret are required"));
  auto found = p.users.find(user_id);
  if (found != p.users.end() && found->second.revoked)
    return std::unexpected(Reject(RejectionCode::invalid_transition, "the user is revoked"));
  Decision d = Append(std::string(kProgramStream), p.program_version,
                      FeedIssued{user_id, e.secret_hash}, user_id);
  d.created = true;
  return d;
}
void Apply(Program& p, const R&, const FeedIssued& e) {
  auto found = p.users.find(e.user_id);
  if (found != p.users.end() && found->second.revoked) return;
  p.feed_hash_by_user[e.user_id] = e.secret_hash;
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
  if (e.year < 2000 || e.year > 2200) return std::unexpected(Invalid("year", "is 2000..2200"));
  if (request.program.cohorts.contains(e.year)) {
    return std::unexpected(
        Reject(RejectionCode::already_exists, "cohort " + std::to_string(e.year) + " exists"));
  }
  Validation check;
  check.Require(e.application_deadline > e.application_opens, "application_deadline",
                "is not after application_opens");
  check.Require(e.tuition_cents >= 0, "tuition_cents", "is negative");
  check.Require(!e.capacity || *e.capacity >= 1, "capacity", "is below 1");
  CheckSchedule(e, check);
  if (auto refusal = check.Refusal()) return std::unexpected(*refusal);
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
  if (auto refusal = CheckReschedule(**cohort, e, request.context))
    return std::unexpected(*refusal);
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
    return std::unexpected(Invalid(e.assignment_id.empty() ? "id" : "title", "is required"));
  if (!kKinds.contains(e.kind))
    return std::unexpected(
        Invalid("kind", "is prerequisite, homework, in_class or oral_presentation"));
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
