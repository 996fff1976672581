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

// Where a CEU counts (DOMAIN.md, After certification): toward the cycle its completion date falls
// in, or nowhere (completed before certification, or after the last cycle ended), said in words.
struct CeuPlacement {
  bool counts = false;
  Date cycle_from;  // when it counts: the cycle [cycle_from, cycle_until)
  Date cycle_until;
  bool in_current_cycle = false;
  std::string where;  // "the cycle 2018-11-12 to 2021-11-12", "nowhere: completed before ..."
};
CeuPlacement PlaceCeu(const Certification& certification, Date completed_on);

// CEUs in thousandths as people read them: two decimals, a third only when it is not zero
// ("0.75", "0.725", "6.00").
std::string FormatCeus(std::int64_t thousandths);

// The calendar years whose annual documentation the current cycle needs.
std::vector<std::int64_t> CycleYears(const Certification& certification);

// active | due | lapsed | revoked at an instant; "" when the candidate holds no certificate.
std::string CertificateStatus(const Candidate& candidate, const RuleParameters& rules, Instant at);

// An unexcused absence beyond what the rules allow puts the candidate at risk of being dropped.
Evaluation EvaluateAtRisk(const Candidate& candidate, const RuleParameters& rules);

}  // namespace ctom::domain
