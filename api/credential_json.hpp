// The JSON of credentials and of the issuer (API.md, "Credentials and public verification"): the
// OpenBadgeCredential, its VC-JWT payload, the issuer Profile, the JWKS and the revocation list.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <string_view>

#include "credentials/issuer_keys.hpp"
#include "credentials/open_badge.hpp"

namespace ctom::api {

// The unsigned credential, fields in the order of API.md's example.
boost::json::object OpenBadgeJson(const credentials::OpenBadge& badge);

// The VC-JWT payload: the credential plus iss = issuer.id, jti = id, sub = credentialSubject.id,
// nbf = validFrom and exp = validUntil as NumericDates (seconds since 1970).
boost::json::object VcJwtPayloadJson(const credentials::OpenBadge& badge);

// {"@context", id, type ["Profile"], name, url}: the issuer Profile under public_url.
boost::json::object IssuerProfileJson(std::string_view public_url);

// {"keys":[{kty, use, alg, kid, n, e}, ...]}, the current key first.
boost::json::object JwksJson(const credentials::IssuerKeys& keys);

// A 1EdTechRevocationList: {"id", "issuer", "revokedCredentials":[{id, revoked:true}, ...]}.
boost::json::object RevocationListJson(std::string_view public_url,
                                       const boost::json::array& revoked_ids);

}  // namespace ctom::api
