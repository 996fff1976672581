// The application area, decide and evolve side by side: candidates' and mentors' applications.
#include <set>

#include "domain/areas.hpp"

namespace ctom::domain::areas {
namespace {

using R = Recorded;

std::optional<Rejection> CheckShape(const ApplicationSubmitted& e) {
  static const std::set<std::string> kKinds{"district", "county_office", "non_k12"};
  static const std::set<std::string> kChannels{"electronic", "mail", "fax", "in_person"};
  if (e.candidate_id.empty()) return Reject(RejectionCode::validation, "candidate id is required");
  if (e.name.empty()) return Reject(RejectionCode::validation, "name is required");
  if (e.email.find('@') == std::string::npos)
    return Reject(RejectionCode::validation, "email is not an address");
  if (e.employer.name.empty())
    return Reject(RejectionCode::validation, "employer.name is required");
  if (!kKinds.contains(e.employer.kind))
    return Reject(RejectionCode::validation, "unknown employer.kind");
  if (!kChannels.contains(e.channel)) return Reject(RejectionCode::validation, "unknown channel");
  if (!e.employer.cds_code.empty()) {
    if (e.employer.cds_code.size() != 14 ||
        e.employer.cds_code.find_first_not_of("0123456789") != std::string::npos) {
      return Reject(RejectionCode::validation, "employer.cds_code is 14 digits");
    }
  }
  return std::nullopt;
}

std::vector<std::string> MissingDocuments(const Program& p, const ApplicationSubmitted& e,
                                          const RuleParameters& rules) {
  std::vector<std::string> missing;
  for (const std::string& kind : rules.required_documents) {
    auto found = e.documents.find(kind);
    // A reference must name a document that was uploaded.
    if (found == e.documents.end() || !p.documents.contains(found->second)) missing.push_back(kind);
  }
  return missing;
}

bool IsDuplicate(const Program& p, const Cohort& cohort, const std::string& email) {
  const std::string wanted = NormalizedEmail(email);
  for (const std::string& id : cohort.candidate_ids) {
    const Candidate* other = p.FindCandidate(id);
    if (other != nullptr && NormalizedEmail(other->email) == wanted) return true;
  }
  return false;
}

// The mentor the request targets.
std::expected<const Mentor*, Rejection> TargetMentor(const Request& request) {
  const Mentor* mentor = request.program.FindMentor(request.target);
  if (mentor == nullptr)
    return std::unexpected(Reject(RejectionCode::not_found, "no mentor " + request.target));
  return mentor;
}

}  // namespace

// ---- a candidate's application ----

Decided Decide(const Request& request, const ApplicationSubmitted& proposed) {
  const Program& p = request.program;
  const Context& ctx = request.context;
  ApplicationSubmitted e = proposed;
  if (e.channel.empty()) e.channel = "electronic";
  if (auto bad = CheckShape(e)) return std::unexpected(*bad);
  const Cohort* cohort = p.FindCohort(e.cohort);
  if (cohort == nullptr)
    return std::unexpected(
        Reject(RejectionCode::not_found, "no cohort " + std::to_string(e.cohort)));
  if (p.candidates.contains(e.candidate_id))
    return std::unexpected(Reject(RejectionCode::already_exists, "candidate exists"));
  if (e.channel != "electronic") {
    return std::unexpected(
        Reject(RejectionCode::electronic_only, "applications are accepted electronically only"));
  }
  if (e.employer.kind == "non_k12") {
    return std::unexpected(Reject(RejectionCode::not_k12,
                                  "the applicant must work for a K-12 district or county office"));
  }
  if (ctx.at < cohort->opened.application_opens) {
    return std::unexpected(
        Reject(RejectionCode::application_window_not_open,
               "applications open " + FormatInstant(cohort->opened.application_opens)));
  }
  if (ctx.at > cohort->opened.application_deadline) {
    return std::unexpected(
        Reject(RejectionCode::application_deadline_passed,
               "the deadline was " + FormatInstant(cohort->opened.application_deadline)));
  }
  const RuleParameters& rules = p.rules.At(ctx.at);
  if (auto missing = MissingDocuments(p, e, rules); !missing.empty()) {
    return std::unexpected(
        Reject(RejectionCode::missing_documents, "required documents are missing", missing));
  }
  if (IsDuplicate(p, *cohort, e.email)) {
    return std::unexpected(
        Reject(RejectionCode::duplicate_application, "this e-mail already applied to the cohort"));
  }
  if (!e.requested_mentor_id.empty() && !p.FindMentor(e.requested_mentor_id)) {
    return std::unexpected(
        Reject(RejectionCode::validation, "requested_mentor_id names no mentor"));
  }
  Decision d = Append(CandidateStream(e.candidate_id), 0, e, e.candidate_id);
  d.expect = Expect::no_stream;
  d.created = true;
  return d;
}

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

// ---- a mentor's application, approval and contract ----

Decided Decide(const Request& request, const MentorApplied& e) {
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
  if (request.program.mentors.contains(e.mentor_id))
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
void Apply(Program& p, const R& r, const MentorApplied& e) {
  Mentor mentor;
  mentor.application = e;
  mentor.position = r.position;
  p.mentors[e.mentor_id] = std::move(mentor);
}

Decided Decide(const Request& request, const MentorApprovalDecided& e) {
  auto mentor = TargetMentor(request);
  if (!mentor) return std::unexpected(mentor.error());
  if (e.decision != "approved" && e.decision != "rejected") {
    return std::unexpected(Reject(RejectionCode::validation, "decision is approved or rejected"));
  }
  if ((*mentor)->approval != "pending") {
    return std::unexpected(
        Reject(RejectionCode::invalid_transition, "the mentor was already " + (*mentor)->approval));
  }
  return Append(MentorStream(request.target), (*mentor)->version, e, request.target);
}
void Apply(Program& p, const R& r, const MentorApprovalDecided& e) {
  if (Mentor* mentor = MentorOf(p, r)) {
    mentor->approval = e.decision;
    mentor->approval_reason = e.reason;
  }
}

Decided Decide(const Request& request, const MentorContractSigned& e) {
  auto mentor = TargetMentor(request);
  if (!mentor) return std::unexpected(mentor.error());
  if ((*mentor)->approval != "approved") {
    return std::unexpected(
        Reject(RejectionCode::mentor_not_approved, "only an approved mentor signs a contract"));
  }
  return Append(MentorStream(request.target), (*mentor)->version, e, request.target);
}
void Apply(Program& p, const R& r, const MentorContractSigned& e) {
  if (Mentor* mentor = MentorOf(p, r)) mentor->contract_signed_on = e.signed_on;
}

}  // namespace ctom::domain::areas
