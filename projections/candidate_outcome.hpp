// Every derived outcome of one candidate at an instant, under a book of rules.
#pragma once

#include <string>

#include "domain/requirements.hpp"
#include "domain/state.hpp"

namespace ctom::projections {

struct CandidateOutcome {
  domain::Evaluation completion;
  domain::Evaluation certification;
  domain::Evaluation recertification;
  domain::Evaluation at_risk;
  std::string certificate_status;  // active | due | lapsed | revoked, or "" without a certificate
  std::int64_t ceus_in_cycle_thousandths = 0;
};

// Completion and certification are judged by the rules in force when certification was decided
// (or at `at` while undecided); recertification, certificate status and risk by the rules at `at`.
CandidateOutcome EvaluateCandidate(const domain::Program& program,
                                   const domain::Candidate& candidate, domain::Instant at,
                                   const domain::RuleBook& rules);

// Renders a list of codes as "a,b,c".
std::string JoinCodes(const std::vector<std::string>& codes);

}  // namespace ctom::projections
