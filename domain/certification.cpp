// The certification area, decide and evolve side by side: certificates and what follows.
#include <cstdio>

#include "domain/areas.hpp"
#include "domain/requirements.hpp"

namespace ctom::domain::areas {
namespace {

using R = Recorded;

std::string CertificateNumber(std::int64_t year, std::int64_t sequence) {
  char text[32];
  std::snprintf(text, sizeof text, "CCTO-%04lld-%04lld", static_cast<long long>(year),
                static_cast<long long>(sequence));
  return text;
}

bool HoldsCertificate(const Candidate& c) {
  return c.certification.state == "certified" && !c.certification.revoked;
}

// A CEU is completed on or before the day it is recorded (by the program's calendar).
Decided RecordCeu(const Program& p, const Candidate& c, const CeuRecorded& e, Instant at) {
  const Date recorded_on = ProgramDateOf(at);
  Validation check;
  check.Require(!e.activity.empty(), "activity", "is required");
  check.Require(!e.provider.empty(), "provider", "is required");
  check.Require(e.contact_hours_hundredths > 0 && e.contact_hours_hundredths <= 100'000,
                "contact_hours", "is more than 0 and at most 1000");
  check.Require(e.document.empty() || p.documents.contains(e.document), "document",
                "names no uploaded document");
  check.Require(e.completed_on <= recorded_on, "completed_on",
                "is after the day it is recorded, " + FormatDate(recorded_on));
  if (auto refusal = check.Refusal()) return std::unexpected(*refusal);
  if (!HoldsCertificate(c))
    return std::unexpected(
        Reject(RejectionCode::invalid_transition, "CEUs are logged by certified CTOs"));
  return Append(CandidateStream(c.id), c.version, e, c.id);
}

Decided DocumentYear(const Program& p, const Candidate& c, const AnnualDocumentationSubmitted& e,
                     Instant at) {
  if (!HoldsCertificate(c))
    return std::unexpected(
        Reject(RejectionCode::invalid_transition, "annual documentation is for certified CTOs"));
  if (!e.document.empty() && !p.documents.contains(e.document))
    return std::unexpected(Invalid("document", "names no uploaded document"));
  const int first = CivilFromDate(c.certification.issued_on).year;
  if (e.year <= first || e.year > CivilFromDate(c.certification.expires_on).year + 1) {
    return std::unexpected(Invalid("year", "is outside the certificate's cycles"));
  }
  if (e.year > CivilFromDate(ProgramDateOf(at)).year) {
    return std::unexpected(Invalid("year", "has not begun; documentation is for a year that has"));
  }
  if (c.annual_documentation.contains(e.year)) {
    return std::unexpected(Reject(RejectionCode::already_exists,
                                  "documentation for " + std::to_string(e.year) + " exists"));
  }
  return Append(CandidateStream(c.id), c.version, e, c.id);
}

Decided Revoke(const Candidate& c, const CertificateRevoked& e) {
  if (e.reason.empty()) return std::unexpected(Invalid("reason", "is required"));
  if (!HoldsCertificate(c))
    return std::unexpected(Reject(RejectionCode::invalid_transition, "no certificate to revoke"));
  return Append(CandidateStream(c.id), c.version, e, c.id);
}

Decided Promote(const Candidate& c, const PromotionRecorded& e) {
  if (e.title.empty()) return std::unexpected(Invalid("title", "is required"));
  if (!c.ever_accepted)
    return std::unexpected(Reject(RejectionCode::invalid_transition,
                                  "promotions are recorded for enrolled candidates"));
  return Append(CandidateStream(c.id), c.version, e, c.id);
}

// The number a certification issues: the one kept from earlier records, unless another
// certificate has it; else the cohort's next, passing over numbers earlier records took.
std::expected<std::string, Rejection> NumberToIssue(const Program& p, const Candidate& c,
                                                    const DecideCertification& command) {
  if (!command.certificate.empty()) {
    if (p.candidate_by_certificate.contains(command.certificate)) {
      return std::unexpected(Reject(RejectionCode::already_exists,
                                    "certificate " + command.certificate + " is taken"));
    }
    return command.certificate;
  }
  const Cohort* cohort = p.FindCohort(c.cohort);
  std::int64_t sequence = (cohort == nullptr ? 0 : cohort->certificates_issued) + 1;
  while (p.candidate_by_certificate.contains(CertificateNumber(c.cohort, sequence))) ++sequence;
  return CertificateNumber(c.cohort, sequence);
}

Decided Certify(const Program& p, const Candidate& c, const DecideCertification& command,
                const Context& ctx) {
  if (command.decision != "certify" && command.decision != "deny") {
    return std::unexpected(Invalid("decision", "is certify or deny"));
  }
  if (c.status != "accepted" && c.status != "completed") {
    return std::unexpected(
        Reject(RejectionCode::invalid_transition, "the candidate is " + c.status));
  }
  const RuleParameters& rules = p.rules.At(ctx.at);
  if (command.decision == "deny") {
    if (!command.certificate.empty())
      return std::unexpected(Invalid("certificate", "is given only when certifying"));
    if (command.reason.empty())
      return std::unexpected(Invalid("reason", "is required when certification is denied"));
    const bool completion_met = EvaluateCompletion(p, c, rules).met;
    return Append(CandidateStream(c.id), c.version,
                  CertificationDenied{command.reason, completion_met}, c.id);
  }
  if (const auto unmet = CertificationUnmet(p, c, rules); !unmet.empty()) {
    return std::unexpected(
        Reject(RejectionCode::requirements_unmet, "the candidate does not meet the rules", unmet));
  }
  auto number = NumberToIssue(p, c, command);
  if (!number) return std::unexpected(std::move(number.error()));
  const Date issued_on = ProgramDateOf(ctx.at);
  CertificationGranted granted{std::move(*number), issued_on,
                               AddYears(issued_on, static_cast<int>(rules.recert_cycle_years))};
  return Append(CandidateStream(c.id), c.version, granted, c.id);
}

Decided Renew(const Program& p, const Candidate& c, const Context& ctx) {
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

// Derived events are decided by the commands above, never proposed.
Decided NeverProposed(const Request& request, std::string_view type) {
  return AboutCandidate(request, [&](const Candidate&) -> Decided {
    return std::unexpected(Invalid("type", std::string(type) + " is decided, never proposed"));
  });
}

}  // namespace

// ---- the two commands, and the events they decide ----

Decided Decide(const Request& request, const DecideCertification& command) {
  return AboutCandidate(request, [&](const Candidate& c) {
    return Certify(request.program, c, command, request.context);
  });
}

Decided Decide(const Request& request, const Recertify&) {
  return AboutCandidate(
      request, [&](const Candidate& c) { return Renew(request.program, c, request.context); });
}

Decided Decide(const Request& request, const CertificationGranted&) {
  return NeverProposed(request, CertificationGranted::kType);
}
void Apply(Program& p, const R& r, const CertificationGranted& e) {
  Candidate* c = CandidateOf(p, r);
  if (c == nullptr) return;
  c->status = "certified";
  c->certification.state = "certified";
  c->certification.certificate = e.certificate;
  c->certification.issued_on = e.issued_on;
  c->certification.cycle_start = e.issued_on;
  c->certification.cycle_starts = {e.issued_on};
  c->certification.expires_on = e.expires_on;
  c->certification.decided_position = r.position;
  c->certification.decided_at = r.occurred_at;
  p.candidate_by_certificate[e.certificate] = c->id;
  auto cohort = p.cohorts.find(c->cohort);
  if (cohort != p.cohorts.end()) ++cohort->second.certificates_issued;
}

Decided Decide(const Request& request, const CertificationDenied&) {
  return NeverProposed(request, CertificationDenied::kType);
}
void Apply(Program& p, const R& r, const CertificationDenied& e) {
  Candidate* c = CandidateOf(p, r);
  if (c == nullptr) return;
  c->certification.state = "denied";
  c->certification.decided_position = r.position;
  c->certification.decided_at = r.occurred_at;
  if (e.completion_met) c->status = "completed";
}

Decided Decide(const Request& request, const RecertificationGranted&) {
  return NeverProposed(request, RecertificationGranted::kType);
}
void Apply(Program& p, const R& r, const RecertificationGranted& e) {
  Candidate* c = CandidateOf(p, r);
  if (c == nullptr) return;
  c->certification.cycle_start = e.previous_expires_on;
  c->certification.cycle_starts.push_back(e.previous_expires_on);
  c->certification.expires_on = e.expires_on;
  c->certification.recertification_positions.push_back(r.position);
}

// ---- what follows: CEUs, annual documentation, revocation, promotions ----

Decided Decide(const Request& request, const CeuRecorded& e) {
  return AboutCandidate(request, [&](const Candidate& c) {
    return RecordCeu(request.program, c, e, request.context.at);
  });
}
void Apply(Program& p, const R& r, const CeuRecorded& e) {
  Candidate* c = CandidateOf(p, r);
  if (c == nullptr) return;
  c->ceus.push_back(Ceu{e.completed_on, e.contact_hours_hundredths, r.position, e.activity,
                        e.provider, e.document});
}

Decided Decide(const Request& request, const AnnualDocumentationSubmitted& e) {
  return AboutCandidate(request, [&](const Candidate& c) {
    return DocumentYear(request.program, c, e, request.context.at);
  });
}
void Apply(Program& p, const R& r, const AnnualDocumentationSubmitted& e) {
  Candidate* c = CandidateOf(p, r);
  if (c == nullptr) return;
  c->annual_documentation[e.year] = r.position;
}

Decided Decide(const Request& request, const CertificateRevoked& e) {
  return AboutCandidate(request, [&](const Candidate& c) { return Revoke(c, e); });
}
void Apply(Program& p, const R& r, const CertificateRevoked&) {
  Candidate* c = CandidateOf(p, r);
  if (c == nullptr) return;
  c->certification.revoked = true;
  c->certification.revoked_position = r.position;
}

Decided Decide(const Request& request, const PromotionRecorded& e) {
  return AboutCandidate(request, [&](const Candidate& c) { return Promote(c, e); });
}
void Apply(Program& p, const R& r, const PromotionRecorded& e) {
  Candidate* c = CandidateOf(p, r);
  if (c == nullptr) return;
  c->promotions.push_back(Promotion{e.title, e.effective_on, r.position});
}

}  // namespace ctom::domain::areas
