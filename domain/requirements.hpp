// Requirement evaluation with evidence: completion, certification, recertification, certificate
// status and the at-risk flag. Every outcome lists each requirement, met or not, with the log
// positions of the events that decided it.
#pragma once

#include <string>
#include <vector>

#include "domain/rules.hpp"
#include "domain/state.hpp"

namespace ctom::domain {

struct Requirement {
  std::string code;
  bool met = false;
  std::string detail;
  Positions evidence;
};

struct Evaluation {
  bool met = true;
  std::vector<Requirement> requirements;

  std::vector<std::string> Unmet() const;
  void Add(Requirement requirement);
};

// The sessions a candidate must attend: the kickoff (0) and sessions 1..8.
inline constexpr std::int64_t kFirstAttendedSession = 0;
inline constexpr std::int64_t kLastAttendedSession = 8;

Evaluation EvaluateCompletion(const Program& program, const Candidate& candidate,
                              const RuleParameters& rules);

// Completion (as one requirement) and the certification-only requirements.
Evaluation EvaluateCertification(const Program& program, const Candidate& candidate,
                                 const RuleParameters& rules);

// For a refusal: completion's unmet codes followed by certification's.
std::vector<std::string> CertificationUnmet(const Program& program, const Candidate& candidate,
                                            const RuleParameters& rules);

Evaluation EvaluateRecertification(const Candidate& candidate, const RuleParameters& rules);

// CEUs earned in the current cycle, in thousandths of a CEU (contact hours in hundredths / 10
// CEU per hour: the same integer).
std::int64_t CeusInCycleThousandths(const Candidate& candidate);

// The calendar years whose annual documentation the current cycle needs.
std::vector<std::int64_t> CycleYears(const Certification& certification);

// active | due | lapsed | revoked at an instant; "" when the candidate holds no certificate.
std::string CertificateStatus(const Candidate& candidate, const RuleParameters& rules, Instant at);

// An unexcused absence beyond what the rules allow puts the candidate at risk of being dropped.
Evaluation EvaluateAtRisk(const Candidate& candidate, const RuleParameters& rules);

}  // namespace ctom::domain
