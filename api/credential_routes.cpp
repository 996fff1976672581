// Credentials, the issuer's documents, the printable certificate and the verification page.
#include "api/credential_routes.hpp"

#include <spdlog/spdlog.h>

#include <cstdlib>
#include <optional>

#include "api/credential_json.hpp"
#include "api/json_text.hpp"
#include "api/query_support.hpp"
#include "api/verify_page.hpp"
#include "credentials/certificate_pdf.hpp"
#include "credentials/issuer_keys.hpp"
#include "credentials/open_badge.hpp"
#include "credentials/vc_jwt.hpp"
#include "domain/requirements.hpp"
#include "server/console_files.hpp"

namespace ctom::api {
namespace {

namespace json = boost::json;
using credentials::OpenBadge;
using domain::Program;

// What a route found of a certificate, copied out of the views' lock.
struct Found {
  std::optional<OpenBadge> badge;
  std::optional<VerifiedCertificate> page;
  std::optional<credentials::CertificateFace> face;
  std::optional<HttpResponse> refused;
};

class CredentialService {
 public:
  CredentialService(credentials::IssuerKeys keys, const projections::LiveViews& views,
                    ServerContext& context)
      : keys_(std::move(keys)), views_(views), context_(context) {}

  const credentials::IssuerKeys& keys() const { return keys_; }
  const std::string& public_url() const { return context_.settings.public_url; }

  // The credential of the cycle cycle_text names (null: the current cycle), or the refusal.
  Found Credential(const std::string& number, const std::string* cycle_text) const {
    return views_.Read([&](const Program& p) {
      Found found;
      const domain::Candidate* c = CandidateOf(p, number, found);
      if (c == nullptr) return found;
      const std::uint32_t count = credentials::CycleCount(c->certification);
      const std::optional<std::uint32_t> cycle = cycle_text ? ParseCycle(*cycle_text) : count;
      if (cycle)
        found.badge = credentials::BuildOpenBadge(*c, *cycle, p.rules, keys_, public_url());
      if (!found.badge) {
        found.refused = NotFoundProblem("certificate " + number + " has no cycle " +
                                        (cycle_text ? cycle_text->substr(0, 12) : "") +
                                        " (it has " + std::to_string(count) + ")");
      }
      return found;
    });
  }

  // The page's and the printed certificate's view of one certificate; caller (null for anyone)
  // must be staff or the holder when holder_only.
  Found Certificate(const std::string& number, const Principal* holder_only) const {
    const domain::Instant now = context_.clock();
    return views_.Read([&](const Program& p) {
      Found found;
      const domain::Candidate* c = CandidateOf(p, number, found);
      if (c == nullptr) return found;
      if (holder_only != nullptr && holder_only->role == role::kCandidate &&
          holder_only->candidate_id != c->id) {
        found.refused = ForbiddenProblem("this is not your certificate");
        return found;
      }
      const domain::Certification& cert = c->certification;
      found.page = VerifiedCertificate{
          cert.certificate, c->name,         domain::CertificateStatus(*c, p.rules.At(now), now),
          cert.issued_on,   cert.expires_on, public_url()};
      found.face = credentials::CertificateFace{
          c->name, cert.certificate, DateInWords(cert.issued_on), DateInWords(cert.expires_on),
          VerifyPageUrl(public_url(), cert.certificate)};
      return found;
    });
  }

  // Every cycle's credential id of every revoked certificate, by certificate number.
  json::array RevokedIds() const {
    return views_.Read([&](const Program& p) {
      json::array ids;
      for (const auto& [number, candidate_id] : p.candidate_by_certificate) {
        const domain::Candidate* c = p.FindCandidate(candidate_id);
        if (c == nullptr || !c->certification.revoked) continue;
        const std::uint32_t count = credentials::CycleCount(c->certification);
        for (std::uint32_t cycle = 1; cycle <= count; ++cycle) {
          ids.push_back(json::string(credentials::CredentialId(public_url(), number, cycle)));
        }
      }
      return ids;
    });
  }

 private:
  static const domain::Candidate* CandidateOf(const Program& p, const std::string& number,
                                              Found& found) {
    const auto it = p.candidate_by_certificate.find(number);
    const domain::Candidate* c =
        it == p.candidate_by_certificate.end() ? nullptr : p.FindCandidate(it->second);
    if (c == nullptr) found.refused = NotFoundProblem("no such certificate");
    return c;
  }

  // "1".."99999"; nullopt for anything else (answered 404 as a cycle the certificate lacks).
  static std::optional<std::uint32_t> ParseCycle(const std::string& text) {
    if (text.empty() || text.size() > 5 || text.front() == '0' ||
        text.find_first_not_of("0123456789") != std::string::npos) {
      return std::nullopt;
    }
    return static_cast<std::uint32_t>(std::stoul(text));
  }

  credentials::IssuerKeys keys_;
  const projections::LiveViews& views_;
  ServerContext& context_;
};

// The documents a verifier fetches are public and carry no cookie-bound data, so a verifier
// running in a browser on another site (a wallet, a validator) may read them.
HttpResponse Shared(HttpResponse response) {
  response.headers.emplace_back("Access-Control-Allow-Origin", "*");
  return response;
}

// application/json when the client asks for it and not for a VC-JWT; the VC-JWT otherwise.
bool WantsUnsignedJson(const HttpRequest& request) {
  const std::string accept = AsciiLower(request.Header("accept").value_or(""));
  return accept.find("application/json") != std::string::npos &&
         accept.find("application/vc+jwt") == std::string::npos;
}

HttpResponse CredentialResponse(const CredentialService& service, const RouteContext& r,
                                const std::string* cycle) {
  Found found = service.Credential(r.Param("number"), cycle);
  if (found.refused) return std::move(*found.refused);
  if (WantsUnsignedJson(r.request)) return Shared(JsonOk(OpenBadgeJson(*found.badge)));
  auto token = credentials::SignVcJwt(service.keys(), JsonText(VcJwtPayloadJson(*found.badge)));
  if (!token) {
    spdlog::error("cannot sign a credential: {}", token.error());
    return ProblemResponse(Problem{.status = 503,
                                   .code = std::string(problem_code::kServiceUnavailable),
                                   .detail = "the credential cannot be signed now; try again"});
  }
  return Shared(TextResponse(200, std::string(credentials::kVcJwtContentType), std::move(*token)));
}

// The verification page's answer, with the console's security headers.
HttpResponse HtmlPage(int status, std::string html) {
  HttpResponse response = TextResponse(status, "text/html; charset=utf-8", std::move(html));
  response.headers.emplace_back("Cache-Control", "no-cache");
  server::AddConsoleSecurityHeaders(response);
  return response;
}

HttpResponse VerifyPage(const CredentialService& service, const RouteContext& r) {
  Found found = service.Certificate(r.Param("number"), nullptr);
  if (!found.page) return HtmlPage(404, UnknownCertificatePageHtml(r.Param("number")));
  return HtmlPage(200, VerifyPageHtml(*found.page));
}

// "attachment; filename=..." with the number when it is safe in a header, a plain name otherwise.
std::string PdfDisposition(const std::string& number) {
  const bool safe = !number.empty() && number.size() <= 64 &&
                    number.find_first_not_of(
                        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                        "0123456789-_.") == std::string::npos;
  return "attachment; filename=\"" + (safe ? number : std::string("certificate")) + ".pdf\"";
}

HttpResponse CertificatePdfResponse(const CredentialService& service, const RouteContext& r) {
  Found found = service.Certificate(r.Param("number"), r.principal);
  if (found.refused) return std::move(*found.refused);
  auto pdf = credentials::CertificatePdf(*found.face);
  if (!pdf) {
    spdlog::error("cannot draw a certificate: {}", pdf.error());
    return ProblemResponse(Problem{.status = 503,
                                   .code = std::string(problem_code::kServiceUnavailable),
                                   .detail = "the certificate cannot be drawn now; try again"});
  }
  HttpResponse response = TextResponse(200, "application/pdf", std::move(*pdf));
  response.headers.emplace_back("Content-Disposition", PdfDisposition(found.face->number));
  return response;
}

void AddIssuerRoutes(Router& router, const CredentialService& s) {
  const RouteOptions in_memory{.quick_without_query = true};
  router.Add(
      "GET", "/.well-known/jwks.json", Access::Public(),
      [&s](const RouteContext&) { return Shared(JsonOk(JwksJson(s.keys()))); }, in_memory);
  router.Add(
      "GET", "/v1/issuer", Access::Public(),
      [&s](const RouteContext&) { return Shared(JsonOk(IssuerProfileJson(s.public_url()))); },
      in_memory);
  router.Add(
      "GET", "/v1/credentials/revocations", Access::Public(),
      [&s](const RouteContext&) {
        return Shared(JsonOk(RevocationListJson(s.public_url(), s.RevokedIds())));
      },
      in_memory);
}

}  // namespace

void AddCredentialRoutes(Router& router, const projections::LiveViews& views,
                         ServerContext& context) {
  auto keys = credentials::IssuerKeys::OpenOrCreate(context.data_directory);
  if (!keys) {
    spdlog::critical("cannot open the issuer's keys: {}", keys.error());
    std::exit(2);
  }
  auto service = std::make_shared<CredentialService>(std::move(*keys), views, context);
  context.owned.push_back(service);
  const CredentialService& s = *service;
  AddIssuerRoutes(router, s);
  router.Add("GET", "/v1/certificates/{number}/credential", Access::Public(),
             [&s](const RouteContext& r) { return CredentialResponse(s, r, nullptr); });
  router.Add("GET", "/v1/certificates/{number}/credentials/{cycle}", Access::Public(),
             [&s](const RouteContext& r) { return CredentialResponse(s, r, &r.Param("cycle")); });
  router.Add("GET", "/v1/certificates/{number}/certificate.pdf",
             Access::Roles({"admin", "staff", "auditor", "candidate"}),
             [&s](const RouteContext& r) { return CertificatePdfResponse(s, r); });
  const RouteOptions in_memory{.quick_without_query = true};
  router.Add(
      "GET", "/verify/{number}", Access::Public(),
      [&s](const RouteContext& r) { return VerifyPage(s, r); }, in_memory);
  router.Add(
      "GET", "/verify/verify.css", Access::Public(),
      [](const RouteContext&) {
        HttpResponse response =
            TextResponse(200, "text/css; charset=utf-8", std::string(VerifyPageCss()));
        response.headers.emplace_back("Cache-Control", "public, max-age=3600");
        server::AddConsoleSecurityHeaders(response);
        return response;
      },
      in_memory);
}

}  // namespace ctom::api
