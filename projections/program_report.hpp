// The program report of DOMAIN.md: enrolment, completion and certification counts, over all
// cohorts and per cohort, with the certificate registry by status.
#pragma once

#include <cstdint>
#include <map>

#include "domain/state.hpp"

namespace ctom::projections {

struct ReportCounts {
  std::int64_t enrolled = 0;
  std::int64_t completed = 0;
  std::int64_t certified = 0;
  std::int64_t dropped = 0;
  std::int64_t currently_enrolled = 0;
  std::int64_t promoted = 0;
  std::int64_t districts = 0;
  std::int64_t county_offices = 0;
  std::int64_t certificates_active = 0;
  std::int64_t certificates_due = 0;
  std::int64_t certificates_lapsed = 0;
  std::int64_t certificates_revoked = 0;
  bool operator==(const ReportCounts&) const = default;
};

struct ProgramReport {
  domain::Instant as_of = 0;
  std::uint64_t position = 0;
  ReportCounts program;
  std::map<std::int64_t, ReportCounts> cohorts;
  bool operator==(const ProgramReport&) const = default;
};

ProgramReport BuildReport(const domain::Program& program, domain::Instant at,
                          const domain::RuleBook& rules);

}  // namespace ctom::projections
