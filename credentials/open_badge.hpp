// The content of a certificate's Open Badges 3.0 credential for one certification cycle (API.md,
// "Credentials and public verification"): what it says, before it is written as JSON (api/) and
// signed (vc_jwt.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "credentials/issuer_keys.hpp"
#include "domain/state.hpp"

namespace ctom::credentials {

inline constexpr std::string_view kIssuerName = "CTO Mentor Program";
inline constexpr std::string_view kAchievementName = "Certified Chief Technology Officer";
inline constexpr std::string_view kErasedValue = "[erased]";  // how views show erased fields

// The subject's e-mail as an IdentityObject: sha256$<hex of sha256(e-mail + salt)>.
struct HashedEmail {
  std::string identity_hash;
  std::string salt;
};

struct OpenBadge {
  std::string id;           // <public-url>/v1/certificates/<number>/credentials/<cycle>
  std::string issuer_id;    // <public-url>/v1/issuer
  std::string issuer_url;   // <public-url>
  std::string valid_from;   // RFC 3339, the cycle's first day at 00:00Z
  std::string valid_until;  // RFC 3339, the cycle's end (the next cycle's start, or expiry)
  std::int64_t not_before_seconds = 0;  // valid_from as a JWT NumericDate
  std::int64_t expires_seconds = 0;     // valid_until as a JWT NumericDate
  std::string subject_id;  // urn:uuid:<derived from the candidate id and the issuer secret>
  std::optional<HashedEmail> email;  // none when the e-mail is erased or absent
  std::string holder_name;           // the certificate view's holder ("[erased]" after an erasure)
  std::string license_number;        // the certificate number
  std::string achievement_id;        // <public-url>/v1/issuer/achievements/ccto
  std::string achievement_description;
  std::string criteria_narrative;  // the requirements of the rule set in force
  std::string revocation_list_id;  // <public-url>/v1/credentials/revocations
};

// How many cycles a certificate has had: 1 after certification, one more per recertification;
// 0 for a candidate who is not certified.
[[nodiscard]] std::uint32_t CycleCount(const domain::Certification& certification);

// The credential of cycle (1-based) of the candidate's certificate, under the rules the program
// held when that cycle began, with absolute URLs under public_url (no trailing '/'). nullopt
// when the candidate has no certificate or no such cycle. Deterministic: the same inputs give the
// same credential, salt and subject id included.
[[nodiscard]] std::optional<OpenBadge> BuildOpenBadge(const domain::Candidate& candidate,
                                                      std::uint32_t cycle,
                                                      const domain::RuleBook& rules,
                                                      const IssuerKeys& keys,
                                                      std::string_view public_url);

// The id of a cycle's credential: <public_url>/v1/certificates/<number>/credentials/<cycle>.
[[nodiscard]] std::string CredentialId(std::string_view public_url, std::string_view number,
                                       std::uint32_t cycle);

}  // namespace ctom::credentials
