// The credential routes over a real ledger (API.md, "Credentials and public verification"): the
// credential's shape against API.md's example and no personal data in it but the holder's name,
// one credential per cycle, revocation, the verification page and who may print a certificate.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <functional>
#include <optional>
#include <string>

#include "api/program_routes.hpp"
#include "domain/requirements.hpp"
#include "domain/time.hpp"
#include "server/auth.hpp"
#include "server/console_files.hpp"
#include "server/metrics.hpp"
#include "server/router.hpp"
#include "tests/support/history_append.hpp"
#include "tests/support/program_history.hpp"

namespace ctom::api {
namespace {

namespace json = boost::json;
using domain::Instant;
using domain::kMicrosecondsPerDay;

// API.md's example credential, its placeholders filled in.
constexpr const char* kApiExample = R"({"@context": ["https://www.w3.org/ns/credentials/v2",
   "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
 "id": "https://ctom.example/v1/certificates/CCTO-2018-0001/credentials/1",
 "type": ["VerifiableCredential", "OpenBadgeCredential"],
 "issuer": {"id": "https://ctom.example/v1/issuer", "type": ["Profile"], "name": "...", "url": "https://ctom.example"},
 "validFrom": "2018-11-12T00:00:00Z", "validUntil": "2021-11-12T00:00:00Z",
 "name": "Certified Chief Technology Officer",
 "credentialSubject": {
   "id": "urn:uuid:00000000-0000-8000-8000-000000000000",
   "type": ["AchievementSubject"],
   "identifier": [
     {"type": "IdentityObject", "identityType": "emailAddress", "hashed": true,
      "identityHash": "sha256$00", "salt": "00"},
     {"type": "IdentityObject", "identityType": "name", "hashed": false, "identityHash": "Ada"}],
   "licenseNumber": "CCTO-2018-0001",
   "achievement": {"id": "https://ctom.example/v1/issuer/achievements/ccto", "type": ["Achievement"],
                   "name": "Certified Chief Technology Officer", "description": "...",
                   "criteria": {"narrative": "..."}}},
 "credentialStatus": {"id": "https://ctom.example/v1/credentials/revocations", "type": "1EdTechRevocationList"}})";

// Every member of expected is in actual with the same kind of value, recursively (arrays by
// their first element, so each identifier is compared with the example's of the same place).
void ExpectShape(const json::value& expected, const json::value& actual, const std::string& where) {
  ASSERT_EQ(expected.kind(), actual.kind()) << where;
  if (expected.is_object()) {
    for (const auto& [key, value] : expected.as_object()) {
      const json::value* found = actual.as_object().if_contains(key);
      ASSERT_NE(found, nullptr) << where << "." << key << " is missing";
      ExpectShape(value, *found, where + "." + std::string(key));
    }
  } else if (expected.is_array()) {
    ASSERT_EQ(expected.as_array().size(), actual.as_array().size()) << where;
    for (std::size_t i = 0; i < expected.as_array().size(); ++i) {
      ExpectShape(expected.as_array()[i], actual.as_array()[i],
                  where + "[" + std::to_string(i) + "]");
    }
  }
}

class CredentialRoutes : public ::testing::Test {
 protected:
  void SetUp() override {
    static const testing::HistoryBuilder slide = testing::SlideHistory();
    testing::HistoryBuilder b = slide;
    for (const auto& [id, c] : b.program().candidates) {
      if (c.certification.state != "certified" || c.certification.revoked) continue;
      if (domain::CivilFromDate(c.certification.issued_on).year != 2011) continue;
      (renewed_.empty() ? renewed_ : revoked_) = id;
      if (!revoked_.empty()) break;
    }
    ASSERT_FALSE(revoked_.empty());
    Recertify(b, renewed_);
    b.Do(testing::On(revoked_, domain::CertificateRevoked{"misconduct"}),
         testing::At("2013-03-01T12:00:00Z"), "admin");
    program_ = b.program();
    eventstore::OpenOptions options;
    options.path = folder_.path() + "/ledger";
    options.sync_writes = false;
    ledger_ = std::move(*eventstore::Ledger::Open(options));
    for (const domain::Recorded& recorded : b.history()) {
      ASSERT_TRUE(ledger_->Append(testing::AppendRequestOf(recorded)).has_value());
    }
    AddToken("admin-token", "admin", "");
    AddToken("holder-token", "candidate", renewed_);
    AddToken("other-token", "candidate", revoked_);
    context_.emplace(ServerContext{*ledger_,
                                   metrics_,
                                   tokens_,
                                   folder_.path(),
                                   [] { return testing::At("2013-06-01T20:00:00Z"); },
                                   {}});
    context_->settings.public_url = "https://ctom.example";
    router_.emplace(tokens_);
    RegisterProgramRoutes(*router_, *context_);
  }

  void TearDown() override {
    router_.reset();
    if (context_) {
      while (!context_->owned.empty()) context_->owned.pop_back();
    }
  }

  // CEUs and annual documentation enough for the first cycle, then the recertification.
  static void Recertify(testing::HistoryBuilder& b, const std::string& id) {
    const domain::Candidate& c = *b.program().FindCandidate(id);
    const Instant issued = domain::StartOf(c.certification.issued_on);
    for (int ceu = 0; ceu < 7; ++ceu) {
      const Instant done = issued + (100 + 120 * ceu) * kMicrosecondsPerDay;
      b.Do(
          testing::On(id, domain::CeuRecorded{"Workshop", "CETPA", domain::DateOf(done), 1000, ""}),
          done + kMicrosecondsPerDay / 2, "candidate");
    }
    for (const std::int64_t year : domain::CycleYears(c.certification)) {
      const Instant at =
          domain::StartOf(domain::DateFromCivil(domain::CivilDate{static_cast<int>(year), 1, 15}));
      b.Do(testing::On(id, domain::AnnualDocumentationSubmitted{year, ""}), at, "candidate");
    }
    b.Do(domain::Command{id, domain::Recertify{}},
         domain::StartOf(c.certification.expires_on) - 30 * kMicrosecondsPerDay);
  }

  void AddToken(const std::string& token, const std::string& role, const std::string& candidate) {
    ASSERT_TRUE(tokens_.Put(
        HashToken(token),
        Principal{
            .user_id = "u-" + token, .role = role, .candidate_id = candidate, .mentor_id = {}}));
  }

  HttpResponse Get(std::string target, std::string token = "", std::string accept = "") {
    HttpRequest request;
    request.method = "GET";
    request.target = std::move(target);
    if (!token.empty()) request.headers["authorization"] = "Bearer " + token;
    if (!accept.empty()) request.headers["accept"] = std::move(accept);
    return router_->Handle(std::move(request)).response;
  }

  const domain::Candidate& Candidate(const std::string& id) const {
    return *program_.FindCandidate(id);
  }
  const std::string& Number(const std::string& id) const {
    return Candidate(id).certification.certificate;
  }

  json::value CredentialJson(const std::string& path) {
    const HttpResponse response = Get(path, "", "application/json");
    EXPECT_EQ(response.status, 200) << response.body;
    EXPECT_EQ(response.content_type, "application/json");
    return json::parse(response.body);
  }

  static std::optional<std::string> Header(const HttpResponse& response, const std::string& name) {
    for (const auto& [key, value] : response.headers) {
      if (key == name) return value;
    }
    return std::nullopt;
  }

  testing::ScratchFolder folder_;
  std::unique_ptr<eventstore::Ledger> ledger_;
  Metrics metrics_;
  InMemoryTokenDirectory tokens_;
  std::optional<ServerContext> context_;
  std::optional<Router> router_;
  domain::Program program_;
  std::string renewed_, revoked_;
};

TEST_F(CredentialRoutes, TheCredentialHasEveryFieldOfApiMdsExample) {
  const json::value credential =
      CredentialJson("/v1/certificates/" + Number(renewed_) + "/credentials/1");
  ExpectShape(json::parse(kApiExample), credential, "credential");
  EXPECT_EQ(credential.at("id").as_string(),
            "https://ctom.example/v1/certificates/" + Number(renewed_) + "/credentials/1");
  EXPECT_EQ(credential.at("credentialSubject").at("licenseNumber").as_string(), Number(renewed_));
  EXPECT_EQ(credential.at("validFrom").as_string(),
            domain::FormatDate(Candidate(renewed_).certification.issued_on) + "T00:00:00Z");
}

TEST_F(CredentialRoutes, TheCredentialHoldsNoPersonalFieldButTheHoldersName) {
  const domain::Candidate& c = Candidate(renewed_);
  const HttpResponse response =
      Get("/v1/certificates/" + Number(renewed_) + "/credential", "", "application/json");
  ASSERT_EQ(response.status, 200);
  for (const std::string& personal : {c.email, c.position_title, c.employer.name}) {
    ASSERT_FALSE(personal.empty());
    EXPECT_EQ(response.body.find(personal), std::string::npos)
        << personal << " is in the credential";
  }
  // Nor the candidate's id, which links the credential to the program's records (as a value; a
  // short id may occur inside a hex digest by chance).
  EXPECT_EQ(response.body.find('"' + c.id + '"'), std::string::npos);
  EXPECT_EQ(response.body.find("/candidates/"), std::string::npos);
  const json::value credential = json::parse(response.body);
  const json::array& identifiers = credential.at("credentialSubject").at("identifier").as_array();
  ASSERT_EQ(identifiers.size(), 2u);
  EXPECT_EQ(identifiers[0].at("identityHash").as_string().subview().substr(0, 7), "sha256$");
  EXPECT_EQ(identifiers[1].at("identityHash").as_string(), c.name);
}

TEST_F(CredentialRoutes, TheSignedCredentialIsACompactJwsAndTheSameContentEachTime) {
  const std::string path = "/v1/certificates/" + Number(renewed_) + "/credential";
  const HttpResponse first = Get(path);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.content_type, "application/vc+jwt");
  EXPECT_EQ(std::count(first.body.begin(), first.body.end(), '.'), 2);
  // RSASSA-PKCS1-v1_5 signatures are deterministic: the same credential signs the same.
  EXPECT_EQ(Get(path).body, first.body);
  EXPECT_EQ(CredentialJson(path), CredentialJson(path));
}

TEST_F(CredentialRoutes, ARecertificationIssuesTheNextCycleAndTheOldOneKeepsItsOwnDates) {
  const std::string base = "/v1/certificates/" + Number(renewed_);
  const json::value first = CredentialJson(base + "/credentials/1");
  const json::value second = CredentialJson(base + "/credentials/2");
  EXPECT_EQ(CredentialJson(base + "/credential"), second) << "the current cycle is the last";
  EXPECT_EQ(second.at("validFrom"), first.at("validUntil"));
  EXPECT_EQ(second.at("validUntil").as_string(),
            domain::FormatDate(Candidate(renewed_).certification.expires_on) + "T00:00:00Z");
  EXPECT_NE(first.at("id"), second.at("id"));
  EXPECT_EQ(first.at("credentialSubject").at("id"), second.at("credentialSubject").at("id"));
  EXPECT_NE(first.at("credentialSubject").at("identifier").at(0).at("salt"),
            second.at("credentialSubject").at("identifier").at(0).at("salt"))
      << "each credential has its own salt";
}

TEST_F(CredentialRoutes, ACycleOrNumberTheCertificateDoesNotHaveIsNotFound) {
  const std::string base = "/v1/certificates/" + Number(renewed_);
  for (const std::string cycle : {"0", "3", "01", "x", "99999999999"}) {
    EXPECT_EQ(Get(base + "/credentials/" + cycle).status, 404) << cycle;
  }
  EXPECT_EQ(Get("/v1/certificates/CCTO-1999-0000/credential").status, 404);
}

TEST_F(CredentialRoutes, ARevokedCertificateIsListedWithEveryCycleAndStillAnswers) {
  const HttpResponse list = Get("/v1/credentials/revocations");
  ASSERT_EQ(list.status, 200);
  const json::value revocations = json::parse(list.body);
  const json::array& revoked = revocations.at("revokedCredentials").as_array();
  ASSERT_EQ(revoked.size(), 1u) << list.body;
  EXPECT_EQ(revoked[0].at("id").as_string(),
            "https://ctom.example/v1/certificates/" + Number(revoked_) + "/credentials/1");
  EXPECT_TRUE(revoked[0].at("revoked").as_bool());
  EXPECT_EQ(list.body.find("misconduct"), std::string::npos) << "the reason is not published";
  EXPECT_EQ(Get("/v1/certificates/" + Number(revoked_) + "/credential").status, 200);
  const HttpResponse page = Get("/verify/" + Number(revoked_));
  EXPECT_NE(page.body.find("Revoked"), std::string::npos);
}

TEST_F(CredentialRoutes, TheVerificationPageShowsTheCertificateWithTheConsolesSecurityHeaders) {
  const HttpResponse page = Get("/verify/" + Number(renewed_));
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
  EXPECT_NE(page.body.find("<h1>Certificate " + Number(renewed_) + "</h1>"), std::string::npos);
  EXPECT_NE(page.body.find(Candidate(renewed_).name), std::string::npos);
  EXPECT_NE(page.body.find(">Download credential</a>"), std::string::npos);
  EXPECT_NE(page.body.find(">Add to LinkedIn</a>"), std::string::npos);
  EXPECT_NE(page.body.find("https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME"),
            std::string::npos);
  EXPECT_EQ(page.body.find("<script"), std::string::npos);
  EXPECT_EQ(page.body.find(Candidate(renewed_).email), std::string::npos);
  EXPECT_EQ(Header(page, "Content-Security-Policy"), server::kConsoleContentSecurityPolicy);
  EXPECT_EQ(Header(page, "X-Frame-Options"), "DENY");
  EXPECT_EQ(Header(page, "Referrer-Policy"), "no-referrer");
}

TEST_F(CredentialRoutes, AnUnknownNumberGetsA404PageThatEscapesWhatWasAsked) {
  const HttpResponse page = Get("/verify/%3Cscript%3Ealert(1)%3C%2Fscript%3E");
  EXPECT_EQ(page.status, 404);
  EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(page.body.find("<script>"), std::string::npos);
  EXPECT_NE(page.body.find("&lt;script&gt;"), std::string::npos);
  EXPECT_EQ(Header(page, "Content-Security-Policy"), server::kConsoleContentSecurityPolicy);
}

TEST_F(CredentialRoutes, TheCertificatePdfIsForStaffAndTheHolderOnly) {
  const std::string path = "/v1/certificates/" + Number(renewed_) + "/certificate.pdf";
  EXPECT_EQ(Get(path).status, 401);
  EXPECT_EQ(Get(path, "other-token").status, 403);
  const HttpResponse held = Get(path, "holder-token");
  ASSERT_EQ(held.status, 200) << held.body;
  EXPECT_EQ(held.content_type, "application/pdf");
  EXPECT_EQ(held.body.substr(0, 5), "%PDF-");
  EXPECT_EQ(Get(path, "admin-token").status, 200);
  EXPECT_EQ(Get("/v1/certificates/CCTO-1999-0000/certificate.pdf", "admin-token").status, 404);
}

TEST_F(CredentialRoutes, TheJwksAndTheIssuerProfileArePublic) {
  const HttpResponse jwks = Get("/.well-known/jwks.json");
  ASSERT_EQ(jwks.status, 200);
  const json::value keys = json::parse(jwks.body);
  ASSERT_EQ(keys.at("keys").as_array().size(), 1u);
  EXPECT_EQ(keys.at("keys").at(0).at("kty").as_string(), "RSA");
  EXPECT_EQ(keys.at("keys").at(0).at("alg").as_string(), "RS256");
  const json::value issuer = json::parse(Get("/v1/issuer").body);
  EXPECT_EQ(issuer.at("id").as_string(), "https://ctom.example/v1/issuer");
  EXPECT_EQ(issuer.at("type").at(0).as_string(), "Profile");
  // A verifier in a browser on another site may read what a verifier needs.
  for (const std::string path :
       {"/.well-known/jwks.json", "/v1/issuer", "/v1/credentials/revocations"}) {
    EXPECT_EQ(Header(Get(path), "Access-Control-Allow-Origin"), "*") << path;
  }
  EXPECT_EQ(Header(Get("/v1/certificates/" + Number(renewed_) + "/credential"),
                   "Access-Control-Allow-Origin"),
            "*");
}

}  // namespace
}  // namespace ctom::api
