// Building the CEU transcript from the candidate's cycles.
#include "projections/transcript.hpp"

#include <algorithm>

namespace ctom::projections {

bool TranscriptCycle::AnnualDocumentationMet() const {
  if (!annual_documentation_required) return true;
  return std::all_of(annual_documentation.begin(), annual_documentation.end(),
                     [](const TranscriptYear& year) { return year.position.has_value(); });
}

namespace {

TranscriptCycle Cycle(const domain::Candidate& c, std::size_t index, const domain::RuleBook& rules,
                      domain::Instant at) {
  const domain::Certification& cert = c.certification;
  TranscriptCycle cycle;
  cycle.number = static_cast<std::int64_t>(index) + 1;
  cycle.from = cert.cycle_starts[index];
  cycle.current = index + 1 == cert.cycle_starts.size();
  cycle.until = cycle.current ? cert.expires_on : cert.cycle_starts[index + 1];
  const domain::Instant judged_at = std::min(at, domain::StartOf(cycle.until) - 1);
  const domain::RuleSet& rule_set = rules.InForceAt(judged_at);
  cycle.rule_set_version = rule_set.version;
  cycle.ceus_needed_thousandths = rule_set.parameters.min_ceus_per_cycle_hundredths * 10;
  cycle.annual_documentation_required = rule_set.parameters.annual_documentation_required;
  // The years of this cycle by the domain's own rule (the calendar years of its anniversaries).
  domain::Certification span = cert;
  span.cycle_start = cycle.from;
  span.expires_on = cycle.until;
  for (std::int64_t year : domain::CycleYears(span)) {
    const auto found = c.annual_documentation.find(year);
    cycle.annual_documentation.push_back({year, found == c.annual_documentation.end()
                                                    ? std::nullopt
                                                    : std::optional<std::uint64_t>(found->second)});
  }
  return cycle;
}

}  // namespace

Transcript BuildTranscript(const domain::Candidate& c, const domain::RuleBook& rules,
                           domain::Instant at) {
  Transcript out;
  const domain::Certification& cert = c.certification;
  if (cert.state == "certified") {
    for (std::size_t i = 0; i < cert.cycle_starts.size(); ++i) {
      out.cycles.push_back(Cycle(c, i, rules, at));
    }
  }
  for (const domain::Ceu& ceu : c.ceus) {
    const domain::CeuPlacement placement = domain::PlaceCeu(cert, ceu.completed_on);
    const auto cycle = std::find_if(out.cycles.begin(), out.cycles.end(), [&](const auto& cycle) {
      return placement.counts && cycle.from == placement.cycle_from;
    });
    if (cycle == out.cycles.end()) {
      out.not_in_any_cycle.push_back({&ceu, placement.where});
      continue;
    }
    cycle->ceus.push_back(&ceu);
    cycle->ceus_thousandths += ceu.contact_hours_hundredths;  // hundredths of an hour = CEU/1000
  }
  return out;
}

}  // namespace ctom::projections
