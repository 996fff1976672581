// The compact serialisation of a JWS: the few lines the format needs around libcrypto's signature.
#include "credentials/vc_jwt.hpp"

#include "credentials/base64url.hpp"

namespace ctom::credentials {

std::expected<std::string, std::string> SignVcJwt(const IssuerKeys& keys,
                                                  std::string_view payload_json) {
  // The kid is base64url text, so it needs no escaping inside the JSON string.
  const std::string header = R"({"alg":"RS256","kid":")" + keys.current().kid + R"(","typ":"JWT"})";
  std::string token = Base64Url(header) + "." + Base64Url(payload_json);
  auto signature = keys.SignRs256(token);
  if (!signature) return std::unexpected(signature.error());
  token += ".";
  token += Base64Url(*signature);
  return token;
}

}  // namespace ctom::credentials
