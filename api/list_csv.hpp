// The candidate and certificate lists as CSV (GET /v1/candidates and GET /v1/certificates with
// `Accept: text/csv`): every line that matches the filters at once, not paged.
#pragma once

#include <string>
#include <vector>

#include "domain/state.hpp"
#include "domain/time.hpp"

namespace ctom::api {

// id,cohort,name,email,status,mentor,at_risk,balance_cents,employer,employer_kind,cds_code,
// position_title,certificate,certificate_status, judged at `at`.
std::string CandidatesCsv(const domain::Program& program,
                          const std::vector<const domain::Candidate*>& candidates,
                          domain::Instant at);

// number,holder,status,issued_on,expires_on,candidate,cohort. Each entry is a candidate holding a
// certificate and the certificate's status at the instant asked.
struct CertificateLine {
  const domain::Candidate* candidate = nullptr;
  std::string status;
};
std::string CertificatesCsv(const std::vector<CertificateLine>& lines);

}  // namespace ctom::api
