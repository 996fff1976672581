// Writing credentials and the issuer's documents as Boost.JSON objects.
#include "api/credential_json.hpp"

namespace ctom::api {
namespace json = boost::json;

namespace {

constexpr std::string_view kCredentialsContext = "https://www.w3.org/ns/credentials/v2";
constexpr std::string_view kOpenBadgesContext =
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

json::array Contexts() { return json::array{kCredentialsContext, kOpenBadgesContext}; }

json::array Identifiers(const credentials::OpenBadge& badge) {
  json::array identifiers;
  if (badge.email) {
    identifiers.push_back(json::object{{"type", "IdentityObject"},
                                       {"identityType", "emailAddress"},
                                       {"hashed", true},
                                       {"identityHash", badge.email->identity_hash},
                                       {"salt", badge.email->salt}});
  }
  identifiers.push_back(json::object{{"type", "IdentityObject"},
                                     {"identityType", "name"},
                                     {"hashed", false},
                                     {"identityHash", badge.holder_name}});
  return identifiers;
}

json::object Subject(const credentials::OpenBadge& badge) {
  json::object achievement{{"id", badge.achievement_id},
                           {"type", json::array{"Achievement"}},
                           {"name", credentials::kAchievementName},
                           {"description", badge.achievement_description},
                           {"criteria", json::object{{"narrative", badge.criteria_narrative}}}};
  return json::object{{"id", badge.subject_id},
                      {"type", json::array{"AchievementSubject"}},
                      {"identifier", Identifiers(badge)},
                      {"licenseNumber", badge.license_number},
                      {"achievement", std::move(achievement)}};
}

}  // namespace

json::object OpenBadgeJson(const credentials::OpenBadge& badge) {
  return json::object{{"@context", Contexts()},
                      {"id", badge.id},
                      {"type", json::array{"VerifiableCredential", "OpenBadgeCredential"}},
                      {"issuer", json::object{{"id", badge.issuer_id},
                                              {"type", json::array{"Profile"}},
                                              {"name", credentials::kIssuerName},
                                              {"url", badge.issuer_url}}},
                      {"validFrom", badge.valid_from},
                      {"validUntil", badge.valid_until},
                      {"name", credentials::kAchievementName},
                      {"credentialSubject", Subject(badge)},
                      {"credentialStatus", json::object{{"id", badge.revocation_list_id},
                                                        {"type", "1EdTechRevocationList"}}}};
}

json::object VcJwtPayloadJson(const credentials::OpenBadge& badge) {
  json::object payload = OpenBadgeJson(badge);
  payload["iss"] = badge.issuer_id;
  payload["jti"] = badge.id;
  payload["sub"] = badge.subject_id;
  payload["nbf"] = badge.not_before_seconds;
  payload["exp"] = badge.expires_seconds;
  return payload;
}

json::object IssuerProfileJson(std::string_view public_url) {
  const std::string base(public_url);
  return json::object{{"@context", Contexts()},
                      {"id", base + "/v1/issuer"},
                      {"type", json::array{"Profile"}},
                      {"name", credentials::kIssuerName},
                      {"url", base}};
}

json::object JwksJson(const credentials::IssuerKeys& keys) {
  json::array list;
  for (const credentials::PublicKey& key : keys.public_keys()) {
    list.push_back(json::object{{"kty", "RSA"},
                                {"use", "sig"},
                                {"alg", "RS256"},
                                {"kid", key.kid},
                                {"n", key.n},
                                {"e", key.e}});
  }
  return json::object{{"keys", std::move(list)}};
}

json::object RevocationListJson(std::string_view public_url, const json::array& revoked_ids) {
  json::array revoked;
  for (const json::value& id : revoked_ids) {
    revoked.push_back(json::object{{"id", id}, {"revoked", true}});
  }
  const std::string base(public_url);
  return json::object{{"id", base + "/v1/credentials/revocations"},
                      {"issuer", base + "/v1/issuer"},
                      {"revokedCredentials", std::move(revoked)}};
}

}  // namespace ctom::api
