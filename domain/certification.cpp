// Decide on certification and what follows it: CEUs, annual documentation, recertification,
// revocation and promotions.
#include <cstdio>

#include "domain/decide.hpp"
#include "domain/requirements.hpp"

namespace ctom::domain::decide_detail {
namespace {

std::string CertificateNumber(std::int64_t year, std::int64_t sequence) {
  char text[32];
  std::snprintf(text, sizeof text, "CCTO-%04lld-%04lld", static_cast<long long>(year),
                static_cast<long long>(sequence));
  return text;
}

bool HoldsCertificate(const Candidate& c) {
  return c.certification.state == "certified" && !c.certification.revoked;
}

Decided RecordCeu(const Program& p, const Candidate& c, const CeuRecorded& e) {
  if (e.activity.empty() || e.provider.empty())
    return std::unexpected(Reject(RejectionCode::validation, "activity and provider are required"));
  if (e.contact_hours_hundredths <= 0 || e.contact_hours_hundredths > 100'000) {
    return std::unexpected(
        Reject(RejectionCode::validation, "contact_hours is more than 0 and at most 1000"));
  }
  if (!e.document.empty() && !p.documents.contains(e.document)) {
    return std::unexpected(
        Reject(RejectionCode::validation, "document names no uploaded document"));
  }
  if (!HoldsCertificate(c))
    return std::unexpected(
        Reject(RejectionCode::invalid_transition, "CEUs are logged by certified CTOs"));
  return Append(CandidateStream(c.id), c.version, e, c.id);
}

Decided Document(const Program& p, const Candidate& c, const AnnualDocumentationSubmitted& e,
                 Instant at) {
  if (!HoldsCertificate(c))
    return std::unexpected(
        Reject(RejectionCode::invalid_transition, "annual documentation is for certified CTOs"));
  if (!e.document.empty() && !p.documents.contains(e.document)) {
    return std::unexpected(
        Reject(RejectionCode::validation, "document names no uploaded document"));
  }
  const int first = CivilFromDate(c.certification.issued_on).year;
  if (e.year <= first || e.year > CivilFromDate(c.certification.expires_on).year + 1) {
    return std::unexpected(
        Reject(RejectionCode::validation, "year is outside the certificate's cycles"));
  }
  if (e.year > CivilFromDate(ProgramDateOf(at)).year) {
    return std::unexpected(
        Reject(RejectionCode::validation, "documentation is for a year that has begun"));
  }
  if (c.annual_documentation.contains(e.year)) {
    return std::unexpected(Reject(RejectionCode::already_exists,
                                  "documentation for " + std::to_string(e.year) + " exists"));
  }
  return Append(CandidateStream(c.id), c.version, e, c.id);
}

Decided Revoke(const Candidate& c, const CertificateRevoked& e) {
  if (e.reason.empty())
    return std::unexpected(Reject(RejectionCode::validation, "reason is required"));
  if (!HoldsCertificate(c))
    return std::unexpected(Reject(RejectionCode::invalid_transition, "no certificate to revoke"));
  return Append(CandidateStream(c.id), c.version, e, c.id);
}

Decided Promote(const Candidate& c, const PromotionRecorded& e) {
  if (e.title.empty())
    return std::unexpected(Reject(RejectionCode::validation, "title is required"));
  if (!c.ever_accepted)
    return std::unexpected(Reject(RejectionCode::invalid_transition,
                                  "promotions are recorded for enrolled candidates"));
  return Append(CandidateStream(c.id), c.version, e, c.id);
}

}  // namespace

Decided DecideAftercare(const Program& p, const Candidate& c, const Event& event,
                        const Context& ctx) {
  if (const auto* e = std::get_if<CeuRecorded>(&event)) return RecordCeu(p, c, *e);
  if (const auto* e = std::get_if<AnnualDocumentationSubmitted>(&event)) {
    return Document(p, c, *e, ctx.at);
  }
  if (const auto* e = std::get_if<CertificateRevoked>(&event)) return Revoke(c, *e);
  if (const auto* e = std::get_if<PromotionRecorded>(&event)) return Promote(c, *e);
  return std::unexpected(Reject(RejectionCode::validation, "not a command about a candidate"));
}

Decided DecideCertificationCommand(const Program& p, const Candidate& c,
                                   const DecideCertification& command, const Context& ctx) {
  if (command.decision != "certify" && command.decision != "deny") {
    return std::unexpected(Reject(RejectionCode::validation, "decision is certify or deny"));
  }
  if (c.status != "accepted" && c.status != "completed") {
    return std::unexpected(
        Reject(RejectionCode::invalid_transition, "the candidate is " + c.status));
  }
  const RuleParameters& rules = p.rules.At(ctx.at);
  if (command.decision == "deny") {
    if (command.reason.empty())
      return std::unexpected(Reject(RejectionCode::validation, "a denial needs a reason"));
    const bool completion_met = EvaluateCompletion(p, c, rules).met;
    return Append(CandidateStream(c.id), c.version,
                  CertificationDenied{command.reason, completion_met}, c.id);
  }
  if (const auto unmet = CertificationUnmet(p, c, rules); !unmet.empty()) {
    return std::unexpected(
        Reject(RejectionCode::requirements_unmet, "the candidate does not meet the rules", unmet));
  }
  const Cohort* cohort = p.FindCohort(c.cohort);
  const std::int64_t sequence = (cohort == nullptr ? 0 : cohort->certificates_issued) + 1;
  const Date issued_on = ProgramDateOf(ctx.at);
  CertificationGranted granted{CertificateNumber(c.cohort, sequence), issued_on,
                               AddYears(issued_on, static_cast<int>(rules.recert_cycle_years))};
  return Append(CandidateStream(c.id), c.version, granted, c.id);
}

Decided DecideRecertification(const Program& p, const Candidate& c, const Context& ctx) {
  const RuleParameters& rules = p.rules.At(ctx.at);
  const Evaluation evaluation = EvaluateRecertification(c, rules);
  if (!evaluation.met) {
    return std::unexpected(Reject(RejectionCode::requirements_unmet,
                                  "recertification requirements are not met", evaluation.Unmet()));
  }
  const Date previous = c.certification.expires_on;
  RecertificationGranted granted{previous,
                                 AddYears(previous, static_cast<int>(rules.recert_cycle_years))};
  return Append(CandidateStream(c.id), c.version, granted, c.id);
}

}  // namespace ctom::domain::decide_detail
