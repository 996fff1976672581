// Sign-in for browsers against the real server (API.md): the session cookie and its flags, the
// cookie beside bearer tokens, CSRF on cookie writes, sign-out, revocation and new tokens, the
// failed sign-in limit behind a trusted proxy, GET /v1/program, and no secret in the log.
#include <gtest/gtest.h>

#include <regex>

#include "tests/e2e/shared_server_test.hpp"

namespace ctom::e2e {
namespace {

// A browser: the cookie and CSRF token of one sign-in.
struct Browser {
  std::string cookie;  // "ctom_session=<hex>"
  std::string csrf;
  json::value answer;
  std::string set_cookie;
};

Browser SignIn(const ServerProcess& server, const std::string& token) {
  const Response signed_in = Expect2xx(
      Call(server, "", "POST", "/v1/sessions", json::object{{"token", token}}), "sign in");
  Browser browser;
  browser.set_cookie = signed_in.Header("set-cookie");
  browser.cookie = browser.set_cookie.substr(0, browser.set_cookie.find(';'));
  browser.answer = signed_in.Json();
  browser.csrf = std::string(browser.answer.at("csrf").as_string());
  return browser;
}

Response AsBrowser(const ServerProcess& server, const Browser& browser, const std::string& method,
                   const std::string& target, const std::string& body = {}, bool with_csrf = true) {
  Headers headers{{"Cookie", browser.cookie}};
  if (with_csrf) headers.emplace_back("X-CSRF-Token", browser.csrf);
  return Call(server, "", method, target, body, headers);
}

bool IsHex256(const std::string& text) {
  return std::regex_match(text, std::regex("[0-9a-f]{64}"));
}

struct NoSetting {};

class ConsoleSignInTest : public SharedServerTest<NoSetting> {};

TEST_F(ConsoleSignInTest, SignInAnswersTheUserAndCsrfAndSetsAnHttpOnlyStrictCookie) {
  const User staff = CreateUser(server(), "staff");
  const Browser browser = SignIn(server(), staff.token);
  EXPECT_TRUE(
      std::regex_match(browser.set_cookie,
                       std::regex("ctom_session=[0-9a-f]{64}; HttpOnly; SameSite=Strict; Path=/")))
      << browser.set_cookie;
  EXPECT_TRUE(IsHex256(browser.csrf));
  const json::object& user = browser.answer.at("user").as_object();
  EXPECT_EQ(user.at("id").as_string(), staff.id);
  EXPECT_EQ(user.at("name").as_string(), "E2E staff");
  EXPECT_EQ(user.at("role").as_string(), "staff");
  EXPECT_FALSE(user.contains("candidate_id"));
  EXPECT_EQ(browser.cookie.find(staff.token), std::string::npos);
}

TEST_F(ConsoleSignInTest, TheCookieAuthenticatesEveryRouteAndCurrentAnswersTheSameSession) {
  const User auditor = CreateUser(server(), "auditor");
  const Browser browser = SignIn(server(), auditor.token);
  EXPECT_EQ(AsBrowser(server(), browser, "GET", "/v1/ledger/digest", {}, false).status, 200);
  const Response current = AsBrowser(server(), browser, "GET", "/v1/sessions/current", {}, false);
  ASSERT_EQ(current.status, 200) << current.body;
  EXPECT_EQ(current.Json(), browser.answer);
  EXPECT_EQ(current.Header("cache-control"), "no-store");
  // The roles still apply: an auditor's cookie does not create users.
  EXPECT_EQ(
      AsBrowser(server(), browser, "POST", "/v1/users", R"({"name":"x","role":"staff"})").Code(),
      "forbidden");
}

TEST_F(ConsoleSignInTest, ACookieAuthenticatedWriteWithoutXCsrfTokenIsRefused403Csrf) {
  const Browser browser = SignIn(server(), kAdminToken);
  const std::string body = R"({"name":"Via cookie","role":"auditor"})";
  const Response refused = AsBrowser(server(), browser, "POST", "/v1/users", body, false);
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.Code(), "csrf");
  Headers wrong{{"Cookie", browser.cookie},
                {"X-CSRF-Token", std::string(64, '0')},
                {"Content-Type", "application/json"}};
  EXPECT_EQ(server().Send("POST", "/v1/users", body, wrong).Code(), "csrf");
  EXPECT_EQ(AsBrowser(server(), browser, "POST", "/v1/users", body).status, 201);
}

TEST_F(ConsoleSignInTest, ABearerRequestWithoutACookieHasNoCurrentSession) {
  EXPECT_EQ(server().SendAsAdmin("GET", "/v1/sessions/current").Code(), "not_found");
}

TEST_F(ConsoleSignInTest, SignOutClearsTheCookieAndEndsTheSessionAtOnce) {
  const Browser browser = SignIn(server(), kAdminToken);
  EXPECT_EQ(AsBrowser(server(), browser, "DELETE", "/v1/sessions/current", {}, false).Code(),
            "csrf");
  const Response signed_out = AsBrowser(server(), browser, "DELETE", "/v1/sessions/current");
  EXPECT_EQ(signed_out.status, 204);
  EXPECT_EQ(signed_out.Header("set-cookie"),
            "ctom_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0");
  EXPECT_EQ(AsBrowser(server(), browser, "GET", "/v1/sessions/current").Code(), "unauthorized");
}

TEST_F(ConsoleSignInTest, AnUnknownTokenDoesNotSignIn) {
  const Response refused =
      Call(server(), "", "POST", "/v1/sessions", json::object{{"token", kUnknownToken}});
  EXPECT_EQ(refused.status, 401);
  EXPECT_EQ(refused.Code(), "unauthorized");
  EXPECT_EQ(refused.Header("set-cookie"), "");
  EXPECT_EQ(Call(server(), "", "POST", "/v1/sessions", json::object{{"token", 7}}).Code(),
            "validation");
  EXPECT_EQ(Call(server(), "", "POST", "/v1/sessions",
                 json::object{{"token", kAdminToken}, {"remember", true}})
                .Code(),
            "validation");
}

TEST_F(ConsoleSignInTest, RevokingAUserEndsTheirSessionAtOnce) {
  const User staff = CreateUser(server(), "staff");
  const Browser browser = SignIn(server(), staff.token);
  Expect2xx(server().SendAsAdmin("POST", "/v1/users/" + staff.id + "/revoke", "{}"), "revoke");
  EXPECT_EQ(AsBrowser(server(), browser, "GET", "/v1/cohorts").Code(), "unauthorized");
  EXPECT_EQ(Call(server(), "", "POST", "/v1/sessions", json::object{{"token", staff.token}}).status,
            401);
}

TEST_F(ConsoleSignInTest, ANewTokenReplacesTheLostOneAndSignsOutItsSessions) {
  const User staff = CreateUser(server(), "staff");
  const Browser browser = SignIn(server(), staff.token);
  const Response issued =
      Call(server(), kAdminToken, "POST", "/v1/users/" + staff.id + "/tokens", "{}");
  ASSERT_EQ(issued.status, 201) << issued.body;
  const std::string token(issued.Json().at("token").as_string());
  EXPECT_TRUE(IsHex256(token));
  EXPECT_EQ(issued.Json().at("id").as_string(), staff.id);
  EXPECT_EQ(Call(server(), staff.token, "GET", "/v1/cohorts").Code(), "unauthorized");
  EXPECT_EQ(Call(server(), token, "GET", "/v1/cohorts").status, 200);
  EXPECT_EQ(AsBrowser(server(), browser, "GET", "/v1/cohorts").Code(), "unauthorized");
  EXPECT_EQ(Call(server(), kAdminToken, "POST", "/v1/users/u-nobody/tokens", "{}").Code(),
            "not_found");
  EXPECT_EQ(Call(server(), token, "POST", "/v1/users/" + staff.id + "/tokens", "{}").Code(),
            "forbidden");
}

TEST_F(ConsoleSignInTest, ARevokedUserGetsNoNewToken) {
  const User staff = CreateUser(server(), "staff");
  Expect2xx(server().SendAsAdmin("POST", "/v1/users/" + staff.id + "/revoke", "{}"), "revoke");
  const Response refused =
      Call(server(), kAdminToken, "POST", "/v1/users/" + staff.id + "/tokens", "{}");
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(refused.Code(), "invalid_transition");
}

TEST_F(ConsoleSignInTest, UsersListsEveryUserWithItsRoleAndWhetherItIsRevoked) {
  const User kept = CreateUser(server(), "instructor");
  const User gone = CreateUser(server(), "auditor");
  Expect2xx(server().SendAsAdmin("POST", "/v1/users/" + gone.id + "/revoke", "{}"), "revoke");
  const Response listed = server().SendAsAdmin("GET", "/v1/users?limit=1000");
  ASSERT_EQ(listed.status, 200) << listed.body;
  std::map<std::string, json::object> by_id;
  const json::value answer = listed.Json();
  for (const auto& item : answer.at("items").as_array()) {
    by_id[std::string(item.at("id").as_string())] = item.as_object();
  }
  ASSERT_TRUE(by_id.contains(kept.id) && by_id.contains(gone.id));
  EXPECT_EQ(by_id[kept.id].at("role").as_string(), "instructor");
  EXPECT_EQ(by_id[kept.id].at("name").as_string(), "E2E instructor");
  EXPECT_FALSE(by_id[kept.id].at("revoked").as_bool());
  EXPECT_TRUE(by_id[gone.id].at("revoked").as_bool());
  EXPECT_FALSE(by_id[kept.id].contains("token_hash"));
  EXPECT_EQ(Call(server(), kept.token, "GET", "/v1/users").Code(), "forbidden");
}

TEST_F(ConsoleSignInTest, TheProgramSaysItsTimeZoneAndPublicUrlToAnyone) {
  const Response program = server().Send("GET", "/v1/program");
  ASSERT_EQ(program.status, 200);
  EXPECT_EQ(program.Json().at("time_zone").as_string(), "America/Los_Angeles");
  EXPECT_EQ(program.Json().at("public_url").as_string(),
            "http://127.0.0.1:" + std::to_string(server().port()));
}

TEST_F(ConsoleSignInTest, NoTokenCookieOrCsrfValueReachesTheLog) {
  const User staff = CreateUser(server(), "staff");
  const Browser browser = SignIn(server(), staff.token);
  AsBrowser(server(), browser, "GET", "/v1/cohorts");
  AsBrowser(server(), browser, "POST", "/v1/users", "{}", false);
  const std::string log = server().Log();
  EXPECT_EQ(log.find(staff.token), std::string::npos);
  EXPECT_EQ(log.find(browser.cookie.substr(std::string("ctom_session=").size())),
            std::string::npos);
  EXPECT_EQ(log.find(browser.csrf), std::string::npos);
}

// A server behind a TLS proxy: https public URL, the proxy trusted, another time zone.
class ProxiedServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    folder_ = std::make_unique<TemporaryFolder>();
    ServerProcess::Options options = ServeOptions(folder_->path());
    options.extra_arguments = {"--public-url",    "https://ctom.example.org/",
                               "--trusted-proxy", "127.0.0.1",
                               "--time-zone",     "UTC"};
    server_ = std::make_unique<ServerProcess>(std::move(options));
  }
  static void TearDownTestSuite() {
    server_.reset();
    folder_.reset();
  }

  static Response SignInFrom(const std::string& client, const std::string& token) {
    return server_->Send("POST", "/v1/sessions", json::serialize(json::object{{"token", token}}),
                         {{"Content-Type", "application/json"}, {"X-Forwarded-For", client}});
  }

  static inline std::unique_ptr<TemporaryFolder> folder_;
  static inline std::unique_ptr<ServerProcess> server_;
};

TEST_F(ProxiedServerTest, AnHttpsPublicUrlMakesTheCookieSecureAndIsWhatTheProgramSays) {
  const Browser browser = SignIn(*server_, kAdminToken);
  EXPECT_NE(browser.set_cookie.find("; Secure"), std::string::npos) << browser.set_cookie;
  const json::value program = server_->Send("GET", "/v1/program").Json();
  EXPECT_EQ(program.at("public_url").as_string(), "https://ctom.example.org");
  EXPECT_EQ(program.at("time_zone").as_string(), "UTC");
}

TEST_F(ProxiedServerTest, TheEleventhFailedSignInInAMinuteFromOneClientWaits) {
  const std::string client = "203.0.113.7";
  for (int i = 0; i < 10; ++i) EXPECT_EQ(SignInFrom(client, kUnknownToken).status, 401) << i;
  const Response limited = SignInFrom(client, kUnknownToken);
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(limited.Code(), "too_many_requests");
  const int wait = std::stoi(limited.Header("retry-after"));
  EXPECT_GE(wait, 1);
  EXPECT_LE(wait, 60);
  // Even the right token waits: the limit is on trying.
  EXPECT_EQ(SignInFrom(client, kAdminToken).status, 429);
  // Another client behind the same proxy is not held up.
  EXPECT_EQ(SignInFrom("203.0.113.8", kAdminToken).status, 201);
  EXPECT_EQ(SignInFrom("198.51.100.1, 203.0.113.9", kAdminToken).status, 201)
      << "the proxy's own entry, the last, names the client";
}

TEST(ServeOptions, BadPublicUrlTimeZoneOrProxyIsOneLineAndExitTwo) {
  for (const std::vector<std::string>& bad :
       {std::vector<std::string>{"--public-url", "ftp://x"},
        std::vector<std::string>{"--public-url", "https://"},
        std::vector<std::string>{"--time-zone", "Mars/Olympus"},
        std::vector<std::string>{"--time-zone", "../../etc/passwd"},
        std::vector<std::string>{"--trusted-proxy", "proxy.local"}}) {
    TemporaryFolder folder;
    ServerProcess::Options options = ServeOptions(folder.path());
    options.extra_arguments = bad;
    try {
      ServerProcess server(std::move(options));
      ADD_FAILURE() << bad[0] << " " << bad[1] << " was accepted";
    } catch (const std::runtime_error& error) {
      const std::string what = error.what();
      EXPECT_NE(what.find("ctom serve: " + bad[0]), std::string::npos) << what;
    }
  }
}

// --time-zone changes how refusals write instants, never what they mean (API.md, Conventions).
TEST(ServeOptions, TheTimeZoneWritesRefusalInstantsWithItsOffset) {
  struct Case {
    const char* zone;  // none: the default, America/Los_Angeles
    const char* deadline;
  };
  const Case cases[] = {{nullptr, "the deadline was 2017-09-29 17:00 -07:00"},
                        {"Europe/Berlin", "the deadline was 2017-09-30 02:00 +02:00"},
                        {"UTC", "the deadline was 2017-09-30 00:00 +00:00"}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.zone == nullptr ? "default" : c.zone);
    TemporaryFolder folder;
    ServerProcess::Options options = ServeOptions(folder.path());
    if (c.zone != nullptr) options.extra_arguments = {"--time-zone", c.zone};
    ServerProcess server(std::move(options));
    ProgramWalk walk(server);
    walk.OpenCohort2018();
    json::object body{{"name", "Late Applicant"},
                      {"email", "late@district.example"},
                      {"employer", json::object{{"name", "Davis JUSD"}, {"kind", "district"}}},
                      {"position", "Director"},
                      {"documents", walk.UploadApplicationDocuments("late")},
                      {"occurred_at", "2017-10-02T09:00:00-07:00"}};
    const Response late = Call(server, kAdminToken, "POST", "/v1/cohorts/2018/applications", body);
    EXPECT_EQ(late.status, 422) << late.body;
    EXPECT_EQ(late.Json().at("detail"), c.deadline) << late.body;
  }
}

}  // namespace
}  // namespace ctom::e2e
