// The CEU transcript of one certified CTO (API.md, GET /v1/candidates/{id}/transcript): per
// certification cycle, the CEUs that count toward it, the annual documentation of its years, and
// the totals against the rule set in force. CEUs are placed by domain::PlaceCeu, the rule the
// recertification decision uses, so the transcript and the decision never disagree.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/requirements.hpp"
#include "domain/state.hpp"

namespace ctom::projections {

struct TranscriptYear {
  std::int64_t year = 0;
  std::optional<std::uint64_t> position;  // the documentation's event, when submitted
};

struct TranscriptCycle {
  std::int64_t number = 0;  // 1: the first certification, 2: the first recertification, ...
  domain::Date from, until;
  bool current = false;
  std::int64_t rule_set_version = 0;  // in force when the cycle ended, or at the instant asked
  std::vector<const domain::Ceu*> ceus;
  std::int64_t ceus_thousandths = 0;
  std::int64_t ceus_needed_thousandths = 0;
  std::vector<TranscriptYear> annual_documentation;
  bool annual_documentation_required = true;
  [[nodiscard]] bool CeusMet() const { return ceus_thousandths >= ceus_needed_thousandths; }
  [[nodiscard]] bool AnnualDocumentationMet() const;
};

struct UncountedCeu {
  const domain::Ceu* ceu = nullptr;
  std::string where;  // why it counts in no cycle
};

struct Transcript {
  std::vector<TranscriptCycle> cycles;  // oldest first; none without a certificate
  std::vector<UncountedCeu> not_in_any_cycle;
};

// The transcript at `at`: the candidate's cycles so far, each judged by the rules in force when
// it ended (the current one by those in force at `at`). Points into `candidate`, which must
// outlive the answer.
Transcript BuildTranscript(const domain::Candidate& candidate, const domain::RuleBook& rules,
                           domain::Instant at);

}  // namespace ctom::projections
