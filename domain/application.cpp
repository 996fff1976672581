// Decide on a candidate's application: window, channel, employer, documents, duplicates.
#include <set>

#include "domain/decide.hpp"

namespace ctom::domain::decide_detail {
namespace {

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

}  // namespace

Decided DecideApplication(const Program& p, ApplicationSubmitted e, const Context& ctx) {
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

}  // namespace ctom::domain::decide_detail
