// Diffing candidates' outcomes under the published rules and under a draft.
#include "projections/what_if.hpp"

#include "projections/candidate_outcome.hpp"

namespace ctom::projections {
namespace {

std::string Describe(const domain::Evaluation& evaluation) {
  return evaluation.met ? "met" : "unmet: " + JoinCodes(evaluation.Unmet());
}

void Compare(std::vector<OutcomeChange>& changed, const std::string& candidate,
             const std::string& what, std::string before, std::string after) {
  if (before != after) changed.push_back({candidate, what, std::move(before), std::move(after)});
}

}  // namespace

WhatIfResult WhatIf(const domain::Program& program, const domain::RuleParameters& draft,
                    domain::Instant effective_from, domain::Instant at) {
  const domain::RuleBook& published = program.rules;
  const domain::RuleBook drafted = published.WithDraft(draft, effective_from);
  WhatIfResult result;
  for (const auto& [id, candidate] : program.candidates) {
    if (!candidate.ever_accepted) continue;
    const CandidateOutcome before = EvaluateCandidate(program, candidate, at, published);
    const CandidateOutcome after = EvaluateCandidate(program, candidate, at, drafted);
    Compare(result.changed, id, "completion", Describe(before.completion),
            Describe(after.completion));
    Compare(result.changed, id, "certification", Describe(before.certification),
            Describe(after.certification));
    Compare(result.changed, id, "certificate_status", before.certificate_status,
            after.certificate_status);
    if (candidate.certification.state == "certified") {
      Compare(result.changed, id, "recertification", Describe(before.recertification),
              Describe(after.recertification));
    }
    Compare(result.changed, id, "at_risk", Describe(before.at_risk), Describe(after.at_risk));
  }
  result.report_before = BuildReport(program, at, published);
  result.report_after = BuildReport(program, at, drafted);
  return result;
}

}  // namespace ctom::projections
