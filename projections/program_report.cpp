// Counting the program report from the folded state.
#include "projections/program_report.hpp"

#include <set>

#include "domain/requirements.hpp"

namespace ctom::projections {
namespace {

struct Tally {
  ReportCounts counts;
  std::set<std::string> districts;
  std::set<std::string> county_offices;
};

// Employers are the same by CDS code where given, else by name compared case-insensitively with
// surrounding spaces removed.
std::string EmployerKey(const domain::Employer& employer) {
  if (!employer.cds_code.empty()) return "cds:" + employer.cds_code;
  return "name:" + domain::NormalizedName(employer.name);
}

void Count(Tally& tally, const domain::Candidate& c, const std::string& certificate_status) {
  ReportCounts& n = tally.counts;
  if (!c.ever_accepted) return;
  ++n.enrolled;
  const bool completed = c.status == "completed" || c.certification.state == "certified";
  const bool dropped = c.status == "dropped" || c.status == "withdrawn" || c.status == "released";
  if (completed) ++n.completed;
  if (c.certification.state == "certified") ++n.certified;
  if (dropped) ++n.dropped;
  if (!completed && !dropped) ++n.currently_enrolled;
  if (!c.promotions.empty()) ++n.promoted;
  const domain::Employer& employer = c.employer_when_accepted;
  if (employer.kind == "district") tally.districts.insert(EmployerKey(employer));
  if (employer.kind == "county_office") tally.county_offices.insert(EmployerKey(employer));
  if (certificate_status == "active") ++n.certificates_active;
  if (certificate_status == "due") ++n.certificates_due;
  if (certificate_status == "lapsed") ++n.certificates_lapsed;
  if (certificate_status == "revoked") ++n.certificates_revoked;
}

ReportCounts Finish(Tally& tally) {
  tally.counts.districts = static_cast<std::int64_t>(tally.districts.size());
  tally.counts.county_offices = static_cast<std::int64_t>(tally.county_offices.size());
  return tally.counts;
}

}  // namespace

ProgramReport BuildReport(const domain::Program& program, domain::Instant at,
                          const domain::RuleBook& rules) {
  const domain::RuleParameters& current_rules = rules.At(at);
  Tally all;
  std::map<std::int64_t, Tally> by_cohort;
  for (const auto& [year, cohort] : program.cohorts) by_cohort[year];
  for (const auto& [id, candidate] : program.candidates) {
    const std::string status = domain::CertificateStatus(candidate, current_rules, at);
    Count(all, candidate, status);
    Count(by_cohort[candidate.cohort], candidate, status);
  }
  ProgramReport report;
  report.as_of = at;
  report.position = program.position;
  report.program = Finish(all);
  for (auto& [year, tally] : by_cohort) report.cohorts[year] = Finish(tally);
  return report;
}

}  // namespace ctom::projections
