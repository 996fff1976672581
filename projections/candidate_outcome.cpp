// Evaluating a candidate's outcomes under the right rule set for each.
#include "projections/candidate_outcome.hpp"

namespace ctom::projections {

CandidateOutcome EvaluateCandidate(const domain::Program& program,
                                   const domain::Candidate& candidate, domain::Instant at,
                                   const domain::RuleBook& rules) {
  const domain::Certification& cert = candidate.certification;
  const domain::Instant judged_at = cert.state == "none" ? at : cert.decided_at;
  const domain::RuleParameters& program_rules = rules.At(judged_at);
  const domain::RuleParameters& current_rules = rules.At(at);
  CandidateOutcome outcome;
  outcome.completion = domain::EvaluateCompletion(program, candidate, program_rules);
  outcome.certification = domain::EvaluateCertification(program, candidate, program_rules);
  outcome.recertification = domain::EvaluateRecertification(candidate, current_rules);
  outcome.at_risk = domain::EvaluateAtRisk(candidate, current_rules);
  outcome.certificate_status = domain::CertificateStatus(candidate, current_rules, at);
  if (cert.state == "certified") {
    outcome.ceus_in_cycle_thousandths = domain::CeusInCycleThousandths(candidate);
  }
  return outcome;
}

std::string JoinCodes(const std::vector<std::string>& codes) {
  std::string text;
  for (const std::string& code : codes) text += (text.empty() ? "" : ",") + code;
  return text;
}

}  // namespace ctom::projections
