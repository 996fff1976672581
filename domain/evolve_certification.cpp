// Evolve for certification and what follows it: certificates, CEUs, recertification, careers.
#include "domain/state.hpp"

namespace ctom::domain::evolve_detail {
namespace {

using R = Recorded;

void Apply(Program& p, Candidate& c, const R& r, const CertificationGranted& e) {
  c.status = "certified";
  c.certification.state = "certified";
  c.certification.certificate = e.certificate;
  c.certification.issued_on = e.issued_on;
  c.certification.cycle_start = e.issued_on;
  c.certification.expires_on = e.expires_on;
  c.certification.decided_position = r.position;
  c.certification.decided_at = r.occurred_at;
  p.candidate_by_certificate[e.certificate] = c.id;
  auto cohort = p.cohorts.find(c.cohort);
  if (cohort != p.cohorts.end()) ++cohort->second.certificates_issued;
}
void Apply(Program&, Candidate& c, const R& r, const CertificationDenied& e) {
  c.certification.state = "denied";
  c.certification.decided_position = r.position;
  c.certification.decided_at = r.occurred_at;
  if (e.completion_met) c.status = "completed";
}
void Apply(Program&, Candidate& c, const R& r, const CeuRecorded& e) {
  c.ceus.push_back(Ceu{e.completed_on, e.contact_hours_hundredths, r.position});
}
void Apply(Program&, Candidate& c, const R& r, const AnnualDocumentationSubmitted& e) {
  c.annual_documentation[e.year] = r.position;
}
void Apply(Program&, Candidate& c, const R& r, const RecertificationGranted& e) {
  c.certification.cycle_start = e.previous_expires_on;
  c.certification.expires_on = e.expires_on;
  c.certification.recertification_positions.push_back(r.position);
}
void Apply(Program&, Candidate& c, const R& r, const CertificateRevoked&) {
  c.certification.revoked = true;
  c.certification.revoked_position = r.position;
}
void Apply(Program&, Candidate& c, const R& r, const PromotionRecorded& e) {
  c.promotions.push_back(Promotion{e.title, e.effective_on, r.position});
}

}  // namespace

void ApplyCertification(Program& p, Candidate& c, const Recorded& r) {
  std::visit(
      [&](const auto& event) {
        if constexpr (requires { Apply(p, c, r, event); }) Apply(p, c, r, event);
      },
      r.event);
}

}  // namespace ctom::domain::evolve_detail
