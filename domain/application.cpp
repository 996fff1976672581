// The application area, decide and evolve side by side: candidates' and mentors' applications.
#include <set>

#include "domain/areas.hpp"

namespace ctom::domain::areas {
namespace {

using R = Recorded;

std::optional<Rejection> CheckShape(const ApplicationSubmitted& e) {
  static const std::set<std::string> kKinds{"district", "county_office", "non_k12"};
  static const std::set<std::string> kChannels{"electronic", "mail", "fax", "in_person"};
  Validation check;
  check.Require(!e.candidate_id.empty(), "id", "is required");
  check.Require(!e.name.empty(), "name", "is required");
  check.Require(IsEmailAddress(e.email), "email", "is not an e-mail address (name@domain)");
  check.Require(!e.employer.name.empty(), "employer.name", "is required");
  check.Require(kKinds.contains(e.employer.kind), "employer.kind",
                "is district, county_office or non_k12");
  check.Require(kChannels.contains(e.channel), "channel", "is electronic, mail, fax or in_person");
  check.Require(e.employer.cds_code.empty() || IsCdsCode(e.employer.cds_code), "employer.cds_code",
                "is 14 digits");
  return check.Refusal();
}

// The required documents the application lacks, and the detail saying why: a document not given,
// or given with an id no upload has.
std::optional<Rejection> MissingDocuments(const Program& p, const ApplicationSubmitted& e,
                                          const RuleParameters& rules) {
  std::vector<std::string> missing;
  std::vector<std::string> reasons;
  for (const std::string& kind : rules.required_documents) {
    auto found = e.documents.find(kind);
    if (found == e.documents.end()) {
      missing.push_back(kind);
      reasons.push_back(kind + " not given");
    } else if (!p.documents.contains(found->second)) {
      missing.push_back(kind);
      reasons.push_back(kind + " names unknown document '" + found->second + "'");
    }
  }
  if (missing.empty()) return std::nullopt;
  std::string detail = "required documents are missing: ";
  for (std::size_t i = 0; i < reasons.size(); ++i) detail += (i == 0 ? "" : "; ") + reasons[i];
  return Reject(RejectionCode::missing_documents, std::move(detail), std::move(missing));
}

// The candidate of the cohort who already applied with this e-mail, if any.
// Compares the keyed hashes of the addresses (the caller's vault made them), never the addresses.
const Candidate* EarlierApplicant(const Program& p, const Cohort& cohort,
                                  const std::string& email_hash) {
  if (email_hash.empty()) return nullptr;
  for (const std::string& id : cohort.candidate_ids) {
    const Candidate* other = p.FindCandidate(id);
    if (other != nullptr && other->email_hash == email_hash) return other;
  }
  return nullptr;
}

// The mentor the request targets.
std::expected<const Mentor*, Rejection> TargetMentor(const Request& request) {
  const Mentor* mentor = request.program.FindMentor(request.target);
  if (mentor == nullptr)
    return std::unexpected(Reject(RejectionCode::not_found, "no mentor " + request.target));
  if (mentor->personal.erased) return std::unexpected(ErasedRefusal("mentor"));
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
               "applications open " + ShowInstant(ctx, cohort->opened.application_opens)));
  }
  if (ctx.at > cohort->opened.application_deadline) {
    return std::unexpected(
        Reject(RejectionCode::application_deadline_passed,
               "the deadline was " + ShowInstant(ctx, cohort->opened.application_deadline)));
  }
  const RuleParameters& rules = p.rules.At(ctx.at);
  if (auto missing = MissingDocuments(p, e, rules)) return std::unexpected(*missing);
  if (const Candidate* earlier = EarlierApplicant(p, *cohort, e.email_hash)) {
    return std::unexpected(Reject(RejectionCode::duplicate_application,
                                  "this e-mail already applied to cohort " +
                                      std::to_string(e.cohort) + " as candidate " + earlier->id +
                                      " (" + earlier->name + ")"));
  }
  if (!e.requested_mentor_id.empty() && !p.FindMentor(e.requested_mentor_id))
    return std::unexpected(Invalid("requested_mentor_id", "names no mentor"));
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
  candidate.email_hash = e.email_hash;
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
  Validation check;
  check.Require(!e.name.empty(), "name", "is required");
  check.Require(IsEmailAddress(e.email), "email", "is not an e-mail address (name@domain)");
  check.Require(kQualifications.contains(e.qualification), "qualification",
                "is business_degree, cto_certification or work_experience");
  check.Require(e.years_k12_leadership >= 0 && e.years_k12_leadership <= 80, "years_k12_leadership",
                "is 0..80");
  if (auto refusal = check.Refusal()) return std::unexpected(*refusal);
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
  if (e.decision != "approved" && e.decision != "rejected")
    return std::unexpected(Invalid("decision", "is approved or rejected"));
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
