// Decide: dispatch, and the commands about the program, documents, cohorts and mentors.
#include "domain/decide.hpp"

#include <charconv>
#include <set>

namespace ctom::domain {

std::string_view RejectionCodeName(RejectionCode code) {
  // No default: -Wswitch names a code added to the enum without its name here.
  switch (code) {
    case RejectionCode::validation:
      return "validation";
    case RejectionCode::not_found:
      return "not_found";
    case RejectionCode::already_exists:
      return "already_exists";
    case RejectionCode::application_window_not_open:
      return "application_window_not_open";
    case RejectionCode::application_deadline_passed:
      return "application_deadline_passed";
    case RejectionCode::missing_documents:
      return "missing_documents";
    case RejectionCode::duplicate_application:
      return "duplicate_application";
    case RejectionCode::not_k12:
      return "not_k12";
    case RejectionCode::electronic_only:
      return "electronic_only";
    case RejectionCode::cohort_full:
      return "cohort_full";
    case RejectionCode::invalid_transition:
      return "invalid_transition";
    case RejectionCode::mentor_unqualified:
      return "mentor_unqualified";
    case RejectionCode::candidate_not_accepted:
      return "candidate_not_accepted";
    case RejectionCode::mentor_not_approved:
      return "mentor_not_approved";
    case RejectionCode::mentor_no_contract:
      return "mentor_no_contract";
    case RejectionCode::mentor_at_capacity:
      return "mentor_at_capacity";
    case RejectionCode::different_cohort:
      return "different_cohort";
    case RejectionCode::unsupported_payment_method:
      return "unsupported_payment_method";
    case RejectionCode::overpayment:
      return "overpayment";
    case RejectionCode::invalid_amount:
      return "invalid_amount";
    case RejectionCode::unknown_session:
      return "unknown_session";
    case RejectionCode::session_not_started:
      return "session_not_started";
    case RejectionCode::unknown_assignment:
      return "unknown_assignment";
    case RejectionCode::requirements_unmet:
      return "requirements_unmet";
  }
  return {};  // a value outside the enum
}

std::optional<RejectionCode> ParseRejectionCode(std::string_view name) {
  // The codes are numbered densely from 0, so the first number with no name ends the search.
  constexpr int kCodesMax = 256;
  for (int number = 0; number < kCodesMax; ++number) {
    const auto code = static_cast<RejectionCode>(number);
    const std::string_view known = RejectionCodeName(code);
    if (known.empty()) break;
    if (known == name) return code;
  }
  return std::nullopt;
}

namespace decide_detail {

Rejection Reject(RejectionCode code, std::string detail, std::vector<std::string> unmet) {
  return Rejection{code, std::move(detail), std::move(unmet)};
}

Decision Append(std::string stream, std::uint64_t version, Event event, std::string resource_id) {
  Decision decision;
  decision.stream = std::move(stream);
  decision.expect = Expect::exact;
  decision.expected_version = version;
  decision.events.push_back(std::move(event));
  decision.resource_id = std::move(resource_id);
  return decision;
}

}  // namespace decide_detail

namespace {

using namespace decide_detail;

Decision Create(std::string stream, Event event, std::string resource_id) {
  Decision decision = Append(std::move(stream), 0, std::move(event), std::move(resource_id));
  decision.expect = Expect::no_stream;
  decision.created = true;
  return decision;
}

bool IsRole(const std::string& role) {
  static const std::set<std::string> kRoles{"admin",  "staff",     "instructor",
                                            "mentor", "candidate", "auditor"};
  return kRoles.contains(role);
}

Decided CreateUser(const Program& p, const UserCreated& e) {
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

Decided RevokeUser(const Program& p, const std::string& user_id) {
  auto found = p.users.find(user_id);
  if (found == p.users.end())
    return std::unexpected(Reject(RejectionCode::not_found, "no user " + user_id));
  if (found->second.revoked)
    return std::unexpected(Reject(RejectionCode::invalid_transition, "already revoked"));
  return Append(std::string(kProgramStream), p.program_version, UserRevoked{user_id}, user_id);
}

Decided PublishRules(const Program& p, RuleSetPublished e) {
  for (const ParameterInfo& info : Parameters()) {
    const ParameterValue value = info.get(e.parameters);
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
  e.version = p.rules.Latest().version + 1;
  const std::string id = std::to_string(e.version);
  Decision d = Append(std::string(kProgramStream), p.program_version, std::move(e), id);
  d.created = true;
  return d;
}

Decided UploadDocument(const Program& p, const DocumentUploaded& e) {
  const std::string stream = DocumentStream(e.document_id.substr(e.document_id.find(':') + 1));
  if (p.documents.contains(e.document_id)) {
    // Content-addressed: the same bytes are already stored, so nothing is appended.
    Decision d;
    d.stream = stream;
    d.resource_id = e.document_id;
    return d;
  }
  return Create(stream, e, e.document_id);
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

Decided OpenCohort(const Program& p, const CohortOpened& e) {
  if (e.year < 2000 || e.year > 2200)
    return std::unexpected(Reject(RejectionCode::validation, "year out of range"));
  if (p.cohorts.contains(e.year)) {
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

Decided ChangeCohort(const Program& p, const std::string& target, const Event& event) {
  // The whole target must be the year: "2018x" or " 2018" names no cohort.
  std::int64_t year = 0;
  const char* end = target.data() + target.size();
  const auto [stop, error] = std::from_chars(target.data(), end, year);
  if (error != std::errc{} || stop != end) {
    return std::unexpected(Reject(RejectionCode::not_found, "no cohort " + target));
  }
  const Cohort* cohort = p.FindCohort(year);
  if (cohort == nullptr)
    return std::unexpected(Reject(RejectionCode::not_found, "no cohort " + target));
  if (const auto* e = std::get_if<SessionRescheduled>(&event)) {
    if (!cohort->sessions.contains(e->number)) {
      return std::unexpected(
          Reject(RejectionCode::unknown_session, "no session " + std::to_string(e->number)));
    }
    if (e->ends_at <= e->starts_at)
      return std::unexpected(Reject(RejectionCode::validation, "a session ends after it starts"));
  } else if (const auto* e = std::get_if<AssignmentDefined>(&event)) {
    static const std::set<std::string> kKinds{"prerequisite", "homework", "in_class",
                                              "oral_presentation"};
    if (e->assignment_id.empty() || e->title.empty())
      return std::unexpected(Reject(RejectionCode::validation, "id and title are required"));
    if (!kKinds.contains(e->kind))
      return std::unexpected(Reject(RejectionCode::validation, "unknown kind " + e->kind));
    if (!cohort->sessions.contains(e->session)) {
      return std::unexpected(
          Reject(RejectionCode::unknown_session, "no session " + std::to_string(e->session)));
    }
    if (cohort->assignments.contains(e->assignment_id)) {
      return std::unexpected(
          Reject(RejectionCode::already_exists, "assignment " + e->assignment_id + " exists"));
    }
  }
  Decision d = Append(CohortStream(year), cohort->version, event, target);
  d.created = std::holds_alternative<AssignmentDefined>(event);
  if (d.created) d.resource_id = std::get<AssignmentDefined>(event).assignment_id;
  return d;
}

Decided ApplyAsMentor(const Program& p, const MentorApplied& e) {
  static const std::set<std::string> kQualifications{"business_degree", "cto_certification",
                                                     "work_experience", ""};
  if (e.name.empty() || e.email.empty())
    return std::unexpected(Reject(RejectionCode::validation, "name and email are required"));
  if (!kQualifications.contains(e.qualification)) {
    return std::unexpected(
        Reject(RejectionCode::validation, "unknown qualification " + e.qualification));
  }
  if (e.years_k12_leadership < 0 || e.years_k12_leadership > 80) {
    return std::unexpected(Reject(RejectionCode::validation, "years_k12_leadership out of range"));
  }
  if (p.mentors.contains(e.mentor_id))
    return std::unexpected(Reject(RejectionCode::already_exists, "mentor exists"));
  std::vector<std::string> unmet;
  if (!e.currently_k12_leader) unmet.push_back("currently_k12_leader");
  if (!e.hands_on_experience) unmet.push_back("hands_on_experience");
  if (e.qualification.empty()) unmet.push_back("qualification");
  if (!unmet.empty()) {
    return std::unexpected(
        Reject(RejectionCode::mentor_unqualified, "the mentor does not qualify", unmet));
  }
  return Create(MentorStream(e.mentor_id), e, e.mentor_id);
}

Decided ChangeMentor(const Program& p, const std::string& target, const Event& event) {
  const Mentor* mentor = p.FindMentor(target);
  if (mentor == nullptr)
    return std::unexpected(Reject(RejectionCode::not_found, "no mentor " + target));
  if (const auto* e = std::get_if<MentorApprovalDecided>(&event)) {
    if (e->decision != "approved" && e->decision != "rejected") {
      return std::unexpected(Reject(RejectionCode::validation, "decision is approved or rejected"));
    }
    if (mentor->approval != "pending") {
      return std::unexpected(
          Reject(RejectionCode::invalid_transition, "the mentor was already " + mentor->approval));
    }
  } else if (std::holds_alternative<MentorContractSigned>(event)) {
    if (mentor->approval != "approved") {
      return std::unexpected(
          Reject(RejectionCode::mentor_not_approved, "only an approved mentor signs a contract"));
    }
  }
  return Append(MentorStream(target), mentor->version, event, target);
}

Decided DecideEvent(const Program& p, const std::string& target, const Event& event,
                    const Context& ctx) {
  if (const auto* e = std::get_if<UserCreated>(&event)) return CreateUser(p, *e);
  if (std::holds_alternative<UserRevoked>(event)) return RevokeUser(p, target);
  if (const auto* e = std::get_if<RuleSetPublished>(&event)) return PublishRules(p, *e);
  if (const auto* e = std::get_if<DocumentUploaded>(&event)) return UploadDocument(p, *e);
  if (const auto* e = std::get_if<CohortOpened>(&event)) return OpenCohort(p, *e);
  if (std::holds_alternative<SessionRescheduled>(event) ||
      std::holds_alternative<AssignmentDefined>(event)) {
    return ChangeCohort(p, target, event);
  }
  if (const auto* e = std::get_if<MentorApplied>(&event)) return ApplyAsMentor(p, *e);
  if (std::holds_alternative<MentorApprovalDecided>(event) ||
      std::holds_alternative<MentorContractSigned>(event)) {
    return ChangeMentor(p, target, event);
  }
  if (const auto* e = std::get_if<ApplicationSubmitted>(&event))
    return DecideApplication(p, *e, ctx);
  const Candidate* candidate = p.FindCandidate(target);
  if (candidate == nullptr)
    return std::unexpected(Reject(RejectionCode::not_found, "no candidate " + target));
  return DecideEnrollment(p, *candidate, event, ctx);
}

}  // namespace

Decided Decide(const Program& program, const Command& command, const Context& context) {
  if (const auto* event = std::get_if<Event>(&command.body)) {
    return DecideEvent(program, command.target, *event, context);
  }
  const Candidate* candidate = program.FindCandidate(command.target);
  if (candidate == nullptr) {
    return std::unexpected(Reject(RejectionCode::not_found, "no candidate " + command.target));
  }
  if (const auto* certification = std::get_if<DecideCertification>(&command.body)) {
    return DecideCertificationCommand(program, *candidate, *certification, context);
  }
  return DecideRecertification(program, *candidate, context);
}

}  // namespace ctom::domain
