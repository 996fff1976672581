// End-to-end security review of data exposure: a realistic walk (applications, mentors, a year of
// records, certificates in every status, documents, refusals) with the server's log captured, then
// checks that the log and the public /metrics hold no personal data, tokens or document content,
// that the public certificate lookup shows exactly its five fields in every status, and that
// documents are served as attachments the browser may not sniff. And the data folder, which holds
// the ledger's personal data, is its owner's alone.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <set>

#include "tests/e2e/program_client.hpp"
#include "tests/e2e/shared_server_test.hpp"

namespace ctom::e2e {
namespace {

// A person whose every detail is distinctive, so finding any of it in a log is unambiguous.
struct Person {
  std::string name;
  std::string email;
  std::string employer;
};

const Person kLapsed{"Zelda Quixote-Marchbanks", "zelda.qm@xylophone-usd.example",
                     "Xylophone Unified School District"};
const Person kDue{"Ignatius Featherstonehaugh", "ignatius.f@quokka-coe.example",
                  "Quokka County Office of Education"};
const Person kActive{"Persephone Vandermolen", "p.vandermolen@zephyr-usd.example",
                     "Zephyr Joint Unified School District"};
const Person kRevoked{"Bartholomew Okonkwo-Lindqvist", "bart.ol@narwhal-usd.example",
                      "Narwhal Elementary School District"};
const Person kPeople[] = {kLapsed, kDue, kActive, kRevoked};

// A document body only a candidate would know.
constexpr const char* kEssay = "Essay: my confidential plan for the Wombat district network 5e1f";

// The program's date `days` from today, at noon UTC (the same date in Pacific time), `years`
// earlier; 29 February becomes the 28th.
std::string NoonUtc(int years_before, int days_after) {
  using namespace std::chrono;
  const sys_days today = floor<days>(system_clock::now());
  year_month_day date{today + days(days_after)};
  date = date - std::chrono::years(years_before);
  if (!date.ok()) date = date.year() / date.month() / 28;
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT12:00:00Z", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return text;
}

struct World {
  std::map<std::string, std::string> certificate_by_status;  // status -> number
  std::vector<std::string> candidates, mentors, tokens, documents;
  std::string essay_document;
};

class SecurityReviewTest : public SharedServerTest<World> {
 protected:
  static const World& TheWorld() { return BuiltOnce(&Walk, "the walk"); }

 private:
  static World Walk();
  static std::string Graduate(World& world, ProgramWalk& walk, const Person& person,
                              const std::string& certified_at);
  static void Stray(const World& world);
};

// Application to certification at certified_at; returns the certificate number.
std::string SecurityReviewTest::Graduate(World& world, ProgramWalk& walk, const Person& person,
                                         const std::string& certified_at) {
  const std::string candidate = walk.Apply(
      person.name, person.email, json::object{{"name", person.employer}, {"kind", "district"}});
  walk.Accept(candidate);
  const std::string mentor = walk.Mentor("Mentor of " + person.name, "mentor." + person.email);
  walk.Match(candidate, mentor);
  walk.PayInFull(candidate);
  walk.CompleteYear(candidate);
  world.candidates.push_back(candidate);
  world.mentors.push_back(mentor);
  return std::string(walk.Post("/v1/candidates/" + candidate + "/certification",
                               {{"decision", "certify"}}, certified_at)
                         .Json()
                         .at("certificate")
                         .as_string());
}

World SecurityReviewTest::Walk() {
  World world;
  const User staff = CreateUser(server(), "staff");
  world.tokens.push_back(staff.token);
  ProgramWalk walk(server(), staff.token);
  walk.OpenCohort2018();
  // Certified at commencement 2018: expired in 2021. Certified so that the certificate expires
  // in 30 days (inside the 90-day renewal window), or in two years. Revoked.
  world.certificate_by_status["lapsed"] = Graduate(world, walk, kLapsed, kCommencement2018);
  world.certificate_by_status["due"] = Graduate(world, walk, kDue, NoonUtc(3, 30));
  world.certificate_by_status["active"] = Graduate(world, walk, kActive, NoonUtc(1, 0));
  world.certificate_by_status["revoked"] = Graduate(world, walk, kRevoked, kCommencement2018);
  Expect2xx(Call(server(), kAdminToken, "POST",
                 "/v1/candidates/" + world.candidates.back() + "/revocation",
                 json::object{{"reason", "falsified records"}}),
            "revoke");
  // The people's own users, named after them, and the candidate's own document.
  const json::value candidate_user =
      Expect2xx(Call(server(), kAdminToken, "POST", "/v1/users",
                     json::object{{"name", kActive.name},
                                  {"role", "candidate"},
                                  {"candidate_id", world.candidates[2]}}),
                "candidate user")
          .Json();
  world.tokens.emplace_back(candidate_user.at("token").as_string());
  const json::value mentor_user = Expect2xx(Call(server(), kAdminToken, "POST", "/v1/users",
                                                 json::object{{"name", "Mentor of " + kActive.name},
                                                              {"role", "mentor"},
                                                              {"mentor_id", world.mentors[2]}}),
                                            "mentor user")
                                      .Json();
  world.tokens.emplace_back(mentor_user.at("token").as_string());
  world.essay_document =
      std::string(Expect2xx(Call(server(), world.tokens[1], "POST", "/v1/documents",
                                 std::string(kEssay), {{"Content-Type", "text/plain"}}),
                            "essay")
                      .Json()
                      .at("id")
                      .as_string());
  Stray(world);
  return world;
}

// Reads and refusals that carry personal data in paths, queries, headers and bodies.
void SecurityReviewTest::Stray(const World& world) {
  const std::string active = "/v1/candidates/" + world.candidates[2];
  const std::string& candidate_token = world.tokens[1];
  const std::string& mentor_token = world.tokens[2];
  for (const std::string& target :
       std::vector<std::string>{active, active + "/explain", active + "/history",
                                "/v1/documents/" + world.essay_document, "/v1/cohorts/2018",
                                "/v1/reports/program", "/v1/events?limit=1000"}) {
    Call(server(), kAdminToken, "GET", target);
  }
  Call(server(), candidate_token, "GET", active);
  Call(server(), candidate_token, "GET", "/v1/documents/" + world.essay_document);
  Call(server(), candidate_token, "GET", "/v1/candidates/" + world.candidates[0]);  // 403
  Call(server(), mentor_token, "GET", active);
  Call(server(), kAdminToken, "GET", "/v1/reports/program", "", {{"Accept", "text/csv"}});
  Call(server(), kAdminToken, "GET", "/v1/certificates/" + kLapsed.email);  // 404
  Call(server(), kAdminToken, "GET", "/v1/candidates?cohort=" + kDue.name.substr(0, 9));
  Call(server(), kAdminToken, "GET", "/v1/nothing/" + kRevoked.employer.substr(0, 7));
  Call(server(), candidate_token, "POST", active + "/feedback",
       json::object{{kActive.email, kActive.name}});  // 400 naming the field
  Call(server(), kAdminToken, "POST", "/v1/cohorts/2018/applications",
       json::object{{"name", kActive.name},
                    {"email", kActive.email},
                    {"employer", json::object{{"name", kActive.employer}, {"kind", "non_k12"}}},
                    {"position", "CTO"},
                    {"documents", json::object{}}});  // 422
  Call(server(), candidate_token, "GET", "/healthz", "", {{"X-Contact", kActive.email}});
}

// Every way a secret or a person could show up in text.
std::vector<std::string> Secrets(const World& world) {
  std::vector<std::string> secrets = {kAdminToken, kEssay, "Wombat", "Mentor of",
                                      world.essay_document.substr(7)};
  for (const Person& person : kPeople) {
    secrets.push_back(person.name);
    secrets.push_back(person.name.substr(0, person.name.find(' ')));  // the given name alone
    secrets.push_back(person.email);
    secrets.push_back(person.email.substr(0, person.email.find('@')));
    secrets.push_back(person.employer);
    secrets.push_back(person.employer.substr(0, person.employer.find(' ')));
  }
  for (const std::string& token : world.tokens) secrets.push_back(token);
  for (const std::string& id : world.candidates) secrets.push_back(id);
  for (const std::string& id : world.mentors) secrets.push_back(id);
  return secrets;
}

TEST_F(SecurityReviewTest, TheLogHoldsNoNamesEmailsEmployersTokensRecordIdsOrDocumentContent) {
  const World& world = TheWorld();
  const std::string log = server().Log();
  ASSERT_NE(log.find("http GET /v1/candidates/{id} 200"), std::string::npos) << log;
  ASSERT_NE(log.find("http POST /v1/candidates/{id}/certification 200"), std::string::npos);
  for (const std::string& secret : Secrets(world)) {
    EXPECT_EQ(log.find(secret), std::string::npos) << "the log holds '" << secret << "'";
  }
}

TEST_F(SecurityReviewTest, ThePublicMetricsHoldNoPersonalDataRecordIdsOrRawPaths) {
  const World& world = TheWorld();
  const Response metrics = server().Send("GET", "/metrics");
  ASSERT_EQ(metrics.status, 200);
  for (const std::string& secret : Secrets(world)) {
    EXPECT_EQ(metrics.body.find(secret), std::string::npos) << "/metrics holds '" << secret << "'";
  }
  EXPECT_EQ(metrics.body.find("/v1/nothing"), std::string::npos) << "a raw path in /metrics";
}

TEST_F(SecurityReviewTest,
       ThePublicCertificateShowsExactlyNumberHolderStatusAndDatesInEveryStatus) {
  const World& world = TheWorld();
  const std::map<std::string, const Person*> holder_by_status = {
      {"lapsed", &kLapsed}, {"due", &kDue}, {"active", &kActive}, {"revoked", &kRevoked}};
  for (const auto& [status, number] : world.certificate_by_status) {
    const Response response = server().Send("GET", "/v1/certificates/" + number);
    ASSERT_EQ(response.status, 200) << status << ": " << response.body;
    EXPECT_EQ(response.Header("content-type"), "application/json");
    const json::object body = response.Json().as_object();
    std::set<std::string> keys;
    for (const auto& member : body) keys.insert(std::string(member.key()));
    EXPECT_EQ(keys,
              (std::set<std::string>{"number", "holder", "status", "issued_on", "expires_on"}))
        << status;
    EXPECT_EQ(body.at("number"), number.c_str());
    EXPECT_EQ(body.at("status"), status.c_str()) << number;
    EXPECT_EQ(body.at("holder"), holder_by_status.at(status)->name.c_str());
    for (const std::string& secret : Secrets(world)) {
      if (secret == holder_by_status.at(status)->name ||
          holder_by_status.at(status)->name.starts_with(secret)) {
        continue;  // the holder's name is the one thing the lookup shows
      }
      EXPECT_EQ(response.body.find(secret), std::string::npos) << status << ": " << secret;
    }
    // A token changes nothing: the lookup is the same for everyone.
    EXPECT_EQ(Call(server(), world.tokens[1], "GET", "/v1/certificates/" + number).body,
              response.body);
  }
  const Response unknown = server().Send("GET", "/v1/certificates/CCTO-2018-0099");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.Code(), "not_found");
}

TEST_F(SecurityReviewTest, DocumentsAreServedAsAttachmentsWithNosniffAndTheirUploadedType) {
  const World& world = TheWorld();
  const std::string& candidate_token = world.tokens[1];
  const std::string html = "<html><script>alert(document.cookie)</script></html>";
  const std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + "<script>alert(1)</script>";
  for (const auto& [bytes, type] : std::vector<std::pair<std::string, std::string>>{
           {html, "text/plain"}, {png, "image/png"}, {std::string(kEssay), "text/plain"}}) {
    const Response uploaded =
        Call(server(), candidate_token, "POST", "/v1/documents", bytes, {{"Content-Type", type}});
    ASSERT_TRUE(uploaded.status == 201 || uploaded.status == 200) << uploaded.body;
    const std::string target = "/v1/documents/" + std::string(uploaded.Json().at("id").as_string());
    for (const std::string& token : {std::string(kAdminToken), candidate_token}) {
      const Response read = Call(server(), token, "GET", target);
      ASSERT_EQ(read.status, 200) << read.body;
      EXPECT_EQ(read.body, bytes);
      EXPECT_EQ(read.Header("content-type"), type);
      EXPECT_EQ(read.Header("content-disposition"), "attachment");
      EXPECT_EQ(read.Header("x-content-type-options"), "nosniff");
    }
  }
  // A type a browser would render is refused at upload.
  for (const char* type : {"text/html", "image/svg+xml", "application/xhtml+xml"}) {
    const Response refused =
        Call(server(), candidate_token, "POST", "/v1/documents", html, {{"Content-Type", type}});
    EXPECT_EQ(refused.status, 415) << type << ": " << refused.body;
  }
}

TEST_F(SecurityReviewTest, A401NeverEchoesTheTokenItRefused) {
  const std::string guess = "f00dfacecafe0123456789abcdef0123456789abcdef0123456789abcdef0123";
  const Response refused = Call(server(), guess, "GET", "/v1/cohorts");
  EXPECT_EQ(refused.status, 401);
  EXPECT_EQ(refused.body.find(guess), std::string::npos) << refused.body;
  for (const auto& [name, value] : refused.headers) {
    EXPECT_EQ(value.find(guess), std::string::npos) << name;
  }
}

mode_t ModeOf(const std::filesystem::path& path) {
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) return 0;
  return status.st_mode & 0777;
}

TEST(DataFolderSecurity, ADataFolderTheServerCreatesIsItsOwnersAlone) {
  TemporaryFolder folder;
  const std::filesystem::path data = folder.path() / "data";
  ServerProcess server(ServerProcess::Options{
      .data_directory = data, .admin_token = std::nullopt, .extra_arguments = {}});
  EXPECT_EQ(ModeOf(data), 0700u) << "the ledger holds personal data";
  EXPECT_EQ(ModeOf(data / "admin.token"), 0600u);
  EXPECT_EQ(server.Log().find("may be read by other users"), std::string::npos) << server.Log();
}

TEST(DataFolderSecurity, ADataFolderOrAdminTokenOthersMayReadIsNamedInAWarning) {
  TemporaryFolder folder;
  ASSERT_EQ(::chmod(folder.path().c_str(), 0755), 0);
  const std::string token(64, 'c');
  const std::filesystem::path token_file = folder.path() / "admin.token";
  std::ofstream(token_file) << token << "\n";
  ASSERT_EQ(::chmod(token_file.c_str(), 0644), 0);
  ServerProcess server(ServerProcess::Options{
      .data_directory = folder.path(), .admin_token = std::nullopt, .extra_arguments = {}});
  const std::string log = server.Log();
  EXPECT_NE(log.find(folder.path().string() + " may be read by other users: chmod 700 it"),
            std::string::npos)
      << log;
  EXPECT_NE(log.find(token_file.string() + " may be read by other users: chmod 600 it"),
            std::string::npos)
      << log;
  EXPECT_EQ(log.find(token), std::string::npos);
  // Warned, not refused: the server serves with that token.
  EXPECT_EQ(
      server.Send("GET", "/v1/ledger/digest", "", {{"Authorization", "Bearer " + token}}).status,
      200);
}

}  // namespace
}  // namespace ctom::e2e
