// A cycle's credential from the candidate's certification, the rules and the issuer secret.
#include "credentials/open_badge.hpp"

#include "credentials/criteria_narrative.hpp"
#include "domain/time.hpp"
#include "eventstore/hex.hpp"

namespace ctom::credentials {
namespace {

constexpr std::string_view kAchievementDescription =
    "Awarded by the CTO Mentor Program to a K-12 school technology leader who completed its year "
    "of sessions, graded work, portfolio and mentoring and was certified as a Chief Technology "
    "Officer, renewable every cycle on continuing education.";

// A version 8 (RFC 9562, custom) UUID from the first 16 bytes of an HMAC under the issuer
// secret: stable for the candidate, and telling nothing about them without the secret.
std::string SubjectUuid(const IssuerKeys& keys, const std::string& candidate_id) {
  Digest bytes = keys.Derive("subject\n" + candidate_id);
  bytes[6] = static_cast<std::uint8_t>((bytes[6] & 0x0f) | 0x80);
  bytes[8] = static_cast<std::uint8_t>((bytes[8] & 0x3f) | 0x80);
  const std::string hex = eventstore::ToHex(std::span<const std::uint8_t>(bytes.data(), 16));
  return "urn:uuid:" + hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20, 12);
}

// The e-mail hashed with a salt of its own for this certificate and cycle: the same credential
// asked twice is the same, but two credentials cannot be linked by their hashes. The address is
// hashed as the program compares it (trimmed, lower case).
std::optional<HashedEmail> EmailIdentity(const IssuerKeys& keys, const std::string& email,
                                         std::string_view number, std::uint32_t cycle) {
  if (email.empty() || email == kErasedValue) return std::nullopt;
  const Digest salt_bytes =
      keys.Derive("salt\n" + std::string(number) + "\n" + std::to_string(cycle));
  HashedEmail out;
  out.salt = eventstore::ToHex(std::span<const std::uint8_t>(salt_bytes.data(), 16));
  const Digest hash = Sha256(domain::NormalizedEmail(email) + out.salt);
  out.identity_hash = "sha256$" + eventstore::ToHex(std::span<const std::uint8_t>(hash));
  return out;
}

}  // namespace

std::uint32_t CycleCount(const domain::Certification& certification) {
  if (certification.state != "certified") return 0;
  return static_cast<std::uint32_t>(certification.cycle_starts.size());
}

std::string CredentialId(std::string_view public_url, std::string_view number,
                         std::uint32_t cycle) {
  return std::string(public_url) + "/v1/certificates/" + std::string(number) + "/credentials/" +
         std::to_string(cycle);
}

std::optional<OpenBadge> BuildOpenBadge(const domain::Candidate& candidate, std::uint32_t cycle,
                                        const domain::RuleBook& rules, const IssuerKeys& keys,
                                        std::string_view public_url) {
  const domain::Certification& cert = candidate.certification;
  if (cycle == 0 || cycle > CycleCount(cert)) return std::nullopt;
  const domain::Date from = cert.cycle_starts[cycle - 1];
  const domain::Date until =
      cycle < cert.cycle_starts.size() ? cert.cycle_starts[cycle] : cert.expires_on;
  // The first cycle under the rules its certification was judged by; a renewal under those in
  // force when its cycle began.
  const domain::Instant judged_at = cycle == 1 ? cert.decided_at : domain::StartOf(from);
  const std::string base(public_url);
  OpenBadge out;
  out.id = CredentialId(public_url, cert.certificate, cycle);
  out.issuer_id = base + "/v1/issuer";
  out.issuer_url = base;
  out.valid_from = domain::FormatInstant(domain::StartOf(from));
  out.valid_until = domain::FormatInstant(domain::StartOf(until));
  out.not_before_seconds = domain::StartOf(from) / 1'000'000;
  out.expires_seconds = domain::StartOf(until) / 1'000'000;
  out.subject_id = SubjectUuid(keys, candidate.id);
  out.email = EmailIdentity(keys, candidate.email, cert.certificate, cycle);
  out.holder_name = candidate.name;
  out.license_number = cert.certificate;
  out.achievement_id = base + "/v1/issuer/achievements/ccto";
  out.achievement_description = std::string(kAchievementDescription);
  out.criteria_narrative = CriteriaNarrative(rules.At(judged_at));
  out.revocation_list_id = base + "/v1/credentials/revocations";
  return out;
}

}  // namespace ctom::credentials
