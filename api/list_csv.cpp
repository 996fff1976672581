// Rendering the candidate and certificate lists as CSV.
#include "api/list_csv.hpp"

#include "api/csv_writer.hpp"
#include "projections/candidate_outcome.hpp"

namespace ctom::api {

std::string CandidatesCsv(const domain::Program& program,
                          const std::vector<const domain::Candidate*>& candidates,
                          domain::Instant at) {
  CsvWriter csv({"id", "cohort", "name", "email", "status", "mentor", "at_risk", "balance_cents",
                 "employer", "employer_kind", "cds_code", "position_title", "certificate",
                 "certificate_status"});
  for (const domain::Candidate* c : candidates) {
    const projections::CandidateOutcome outcome =
        projections::EvaluateCandidate(program, *c, at, program.rules);
    csv.Row({c->id, std::to_string(c->cohort), c->name, c->email, c->status, c->mentor_id,
             outcome.at_risk.met ? "false" : "true",
             std::to_string(domain::BalanceCents(program, *c)), c->employer.name, c->employer.kind,
             c->employer.cds_code, c->position_title, c->certification.certificate,
             outcome.certificate_status});
  }
  return csv.text();
}

std::string CertificatesCsv(const std::vector<CertificateLine>& lines) {
  CsvWriter csv({"number", "holder", "status", "issued_on", "expires_on", "candidate", "cohort"});
  for (const CertificateLine& line : lines) {
    const domain::Candidate& c = *line.candidate;
    csv.Row({c.certification.certificate, c.name, line.status,
             domain::FormatDate(c.certification.issued_on),
             domain::FormatDate(c.certification.expires_on), c.id, std::to_string(c.cohort)});
  }
  return csv.text();
}

}  // namespace ctom::api
