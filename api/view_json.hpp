// The views of API.md as JSON: candidate, cohort, mentor, certificate, explain, report, rule
// sets and ledger records, rendered from the folded program state.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <string>

#include "domain/requirements.hpp"
#include "domain/state.hpp"
#include "eventstore/ledger.hpp"
#include "projections/candidate_outcome.hpp"
#include "projections/program_report.hpp"
#include "projections/unsealer.hpp"

namespace ctom::api {

boost::json::object EmployerJson(const domain::Employer& employer);
boost::json::object CandidateJson(const domain::Program& program,
                                  const domain::Candidate& candidate,
                                  const projections::CandidateOutcome& outcome);
// Each assignment of the candidate's cohort, in definition order: pass, fail, submitted or missing.
boost::json::object AssignmentsJson(const domain::Program& program,
                                    const domain::Candidate& candidate);
// The short line of a roster or a candidate list.
boost::json::object CandidateSummaryJson(const domain::Candidate& candidate,
                                         const projections::CandidateOutcome& outcome);
boost::json::object CohortJson(const domain::Program& program, const domain::Cohort& cohort,
                               domain::Instant at);
boost::json::object MentorJson(const domain::Program& program, const domain::Mentor& mentor);
boost::json::object EvaluationJson(const domain::Evaluation& evaluation);
boost::json::object ExplainJson(const domain::Candidate& candidate,
                                const projections::CandidateOutcome& outcome);
// The registry line of a certificate; `public_view` keeps only number, holder, status and dates.
boost::json::object CertificateJson(const domain::Candidate& candidate, const std::string& status);
boost::json::object ReportCountsJson(const projections::ReportCounts& counts);
boost::json::object ReportJson(const projections::ProgramReport& report);
std::string ReportCsv(const projections::ProgramReport& report);
boost::json::object RuleSetJson(const domain::RuleSet& rule_set);
boost::json::object ParametersJson(const domain::RuleParameters& parameters);
// A ledger record as /v1/events, history and export show it; data is the decoded event.
boost::json::object RecordJson(const eventstore::RecordedEvent& record,
                               const projections::Unsealer& unsealer);
// The cohort's sessions as iCalendar (RFC 5545), with stable UIDs and SEQUENCE = reschedules.
std::string CohortIcs(const domain::Cohort& cohort);

}  // namespace ctom::api
