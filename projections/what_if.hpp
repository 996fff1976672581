// What-if: every candidate's outcomes under a draft rule set, against the published rules,
// without publishing anything.
#pragma once

#include <string>
#include <vector>

#include "domain/rules.hpp"
#include "domain/state.hpp"
#include "projections/program_report.hpp"

namespace ctom::projections {

struct OutcomeChange {
  std::string candidate;
  std::string what;  // completion | certification | certificate_status | recertification | at_risk
  std::string before;
  std::string after;
};

struct WhatIfResult {
  std::vector<OutcomeChange> changed;
  ProgramReport report_before;
  ProgramReport report_after;
};

// Certifications already granted are facts: a draft never revokes one; a changed requirement
// shows up here as a change of the certification outcome instead.
WhatIfResult WhatIf(const domain::Program& program, const domain::RuleParameters& draft,
                    domain::Instant effective_from, domain::Instant at);

}  // namespace ctom::projections
