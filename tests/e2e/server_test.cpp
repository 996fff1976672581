// End-to-end: the real `ctom serve` over TCP. Health, auth, routing errors, body and header
// limits, malformed HTTP, slow clients, keep-alive, shutdown, and the ledger routes.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <numeric>

#include "tests/e2e/server_process.hpp"

namespace ctom::e2e {
namespace {

class ServeTest : public ::testing::Test {
 protected:
  ServerProcess& Start(std::vector<std::string> extra_arguments = {},
                       std::optional<std::string> admin_token = kAdminToken) {
    server_.emplace(ServerProcess::Options{.data_directory = folder_.path(),
                                           .admin_token = std::move(admin_token),
                                           .extra_arguments = std::move(extra_arguments)});
    return *server_;
  }

  // Records `count` facts through the API (users are the simplest records) and returns the
  // ledger position after them.
  static std::int64_t CreateUsers(const ServerProcess& server, int count) {
    for (int i = 0; i < count; ++i) {
      const Response created =
          server.SendAsAdmin("POST", "/v1/users",
                             R"({"name":"Auditor )" + std::to_string(i) + R"(","role":"auditor"})");
      EXPECT_EQ(created.status, 201) << created.body;
    }
    return server.SendAsAdmin("GET", "/v1/ledger/digest").Json().at("position").as_int64();
  }

  TemporaryFolder folder_;
  std::optional<ServerProcess> server_;
};

TEST_F(ServeTest, HealthzIsPublicAndAnswersOkWithThePosition) {
  auto& server = Start();
  const Response response = server.Send("GET", "/healthz");
  ASSERT_EQ(response.status, 200) << server.Log();
  EXPECT_EQ(response.Header("content-type"), "application/json");
  EXPECT_EQ(response.Json(), boost::json::parse(R"({"status":"ok","position":0})"));
  EXPECT_NE(server.Stdout().find("listening on 127.0.0.1:" + std::to_string(server.port())),
            std::string::npos);
}

TEST_F(ServeTest, LedgerRoutesWithoutATokenAre401AndWithAWrongOneToo) {
  auto& server = Start();
  const Response missing = server.Send("GET", "/v1/ledger/digest");
  EXPECT_EQ(missing.status, 401);
  EXPECT_EQ(missing.Code(), "unauthorized");
  EXPECT_EQ(missing.Header("content-type"), "application/problem+json");
  EXPECT_EQ(missing.Header("www-authenticate"), "Bearer");
  const Response wrong =
      server.Send("GET", "/v1/ledger/digest", "", {{"Authorization", "Bearer not-the-token"}});
  EXPECT_EQ(wrong.status, 401);
}

TEST_F(ServeTest, UnknownPathIs404AndKnownPathWithAnotherMethodIs405) {
  auto& server = Start();
  const Response unknown = server.SendAsAdmin("GET", "/v1/nothing-here");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.Code(), "not_found");
  const Response wrong_method = server.Send("DELETE", "/healthz");
  EXPECT_EQ(wrong_method.status, 405);
  EXPECT_EQ(wrong_method.Code(), "method_not_allowed");
  EXPECT_EQ(wrong_method.Header("allow"), "GET");
}

TEST_F(ServeTest, ATwoMebibyteJsonBodyIs413AndTheServerKeepsServing) {
  auto& server = Start();
  const std::string body = "{\"x\":\"" + std::string(2 * 1024 * 1024, 'a') + "\"}";
  const Response response = server.SendAsAdmin("POST", "/v1/events", body);
  EXPECT_EQ(response.status, 413) << server.Log();
  EXPECT_EQ(response.Code(), "payload_too_large");
  EXPECT_EQ(server.Send("GET", "/healthz").status, 200);
}

TEST_F(ServeTest, AChunkedBodyOverTheLimitIs413) {
  auto& server = Start();
  RawConnection connection(server.port());
  connection.Write(
      "POST /v1/events HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
      "Content-Type: application/json\r\n\r\n");
  const std::string chunk(64 * 1024, 'a');
  char size_line[32];
  std::snprintf(size_line, sizeof size_line, "%zx\r\n", chunk.size());
  std::string answer;
  for (int i = 0; i < 20; ++i) {  // 1.25 MiB in all
    try {
      connection.Write(std::string(size_line) + chunk + "\r\n");
    } catch (const std::exception&) {
      break;  // the server answered and stopped reading
    }
  }
  const auto received = connection.ReadUntilClosed(std::chrono::seconds(20));
  ASSERT_TRUE(received.has_value());
  EXPECT_TRUE(received->starts_with("HTTP/1.1 413")) << *received;
  EXPECT_EQ(server.Send("GET", "/healthz").status, 200);
}

TEST_F(ServeTest, MalformedHttpIsAnswered400AndTheServerStillServes) {
  auto& server = Start();
  for (const char* garbage : {"GARBAGE\r\n\r\n", "GET /healthz HTTP/9.9\r\n\r\n",
                              "GET healthz HTTP/1.1\r\nHost: x\r\n\r\n",
                              "POST /v1/events HTTP/1.1\r\nContent-Length: -5\r\n\r\n"}) {
    RawConnection connection(server.port());
    connection.Write(garbage);
    const std::string received = connection.ReadResponses(1, std::chrono::seconds(20));
    EXPECT_TRUE(received.starts_with("HTTP/1.1 400")) << garbage << " -> " << received;
  }
  EXPECT_EQ(server.Send("GET", "/healthz").status, 200);
}

TEST_F(ServeTest, AHeaderOver16KibIs400) {
  auto& server = Start();
  const Response response =
      server.Send("GET", "/healthz", "", {{"X-Padding", std::string(20 * 1024, 'p')}});
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(server.Send("GET", "/healthz").status, 200);
}

TEST_F(ServeTest, ASlowClientTimesOutWithoutBlockingOthers) {
  auto& server = Start({"--read-timeout-ms", "500", "--threads", "1"});
  RawConnection slow(server.port());
  slow.Write("GET /healthz HTTP/1.1\r\nHost: x\r\n");  // and never the blank line
  // Others are served meanwhile, on the one I/O thread.
  for (int i = 0; i < 5; ++i) EXPECT_EQ(server.Send("GET", "/healthz").status, 200);
  // The slow connection is closed by the server, well before the test's deadline.
  const auto started = Clock::now();
  const auto received = slow.ReadUntilClosed(std::chrono::seconds(20));
  ASSERT_TRUE(received.has_value()) << "the server kept a stalled connection open";
  EXPECT_LT(Clock::now() - started, std::chrono::seconds(10));
}

TEST_F(ServeTest, KeepAliveAnswersSeveralRequestsOnOneConnectionInOrder) {
  auto& server = Start();
  RawConnection connection(server.port());
  connection.Write(
      "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
      "GET /nope HTTP/1.1\r\nHost: x\r\n\r\n"
      "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  const std::string received = connection.ReadResponses(3, std::chrono::seconds(20));
  const std::size_t first = received.find("HTTP/1.1 200");
  const std::size_t second = received.find("HTTP/1.1 404");
  const std::size_t third = received.find("HTTP/1.1 200", second);
  ASSERT_NE(first, std::string::npos) << received;
  ASSERT_NE(second, std::string::npos) << received;
  ASSERT_NE(third, std::string::npos) << received;
  EXPECT_LT(first, second);
}

TEST_F(ServeTest, SigtermExitsZeroAndRemovesTheListenAddress) {
  auto& server = Start();
  ASSERT_EQ(server.Send("GET", "/healthz").status, 200);
  EXPECT_EQ(server.Stop(), 0) << server.Log();
  EXPECT_FALSE(std::filesystem::exists(folder_.path() / "listen.addr"));
}

TEST_F(ServeTest, SigtermWithAnIdleKeepAliveConnectionStillExitsPromptly) {
  auto& server = Start();
  RawConnection idle(server.port());
  idle.Write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_NE(idle.ReadResponses(1, std::chrono::seconds(20)).find("200"), std::string::npos);
  const auto started = Clock::now();
  EXPECT_EQ(server.Stop(), 0) << server.Log();
  EXPECT_LT(Clock::now() - started, std::chrono::seconds(10));
}

TEST_F(ServeTest, LedgerDigestAndVerifyOfAnEmptyLedger) {
  auto& server = Start();
  const std::string zero_hash(64, '0');
  const Response digest = server.SendAsAdmin("GET", "/v1/ledger/digest");
  ASSERT_EQ(digest.status, 200) << server.Log();
  EXPECT_EQ(digest.Json(), boost::json::parse(R"({"position":0,"hash":")" + zero_hash + "\"}"));
  const Response verify = server.SendAsAdmin("GET", "/v1/ledger/verify");
  ASSERT_EQ(verify.status, 200);
  EXPECT_EQ(verify.Json(),
            boost::json::parse(R"({"ok":true,"position":0,"hash":")" + zero_hash + "\"}"));
  EXPECT_EQ(server.SendAsAdmin("GET", "/v1/ledger/verify?to=abc").status, 400);
}

TEST_F(ServeTest, EventsListingPagesThroughTheLog) {
  auto& server = Start();
  const std::int64_t head = CreateUsers(server, 7);
  ASSERT_GE(head, 7);
  std::vector<std::int64_t> positions;
  std::string target = "/v1/events?limit=3";
  for (int page = 0; page < 10; ++page) {
    const Response response = server.SendAsAdmin("GET", target);
    ASSERT_EQ(response.status, 200) << response.body;
    const auto body = response.Json();
    for (const auto& item : body.at("items").as_array()) {
      positions.push_back(item.at("position").as_int64());
      EXPECT_TRUE(item.as_object().contains("hash"));
      EXPECT_EQ(item.at("actor").at("user_id"), "admin");
    }
    if (body.at("next").is_null()) break;
    target = "/v1/events?limit=3&after=" + std::to_string(body.at("next").as_int64());
  }
  std::vector<std::int64_t> expected(static_cast<std::size_t>(head));
  std::iota(expected.begin(), expected.end(), 1);
  EXPECT_EQ(positions, expected);
  EXPECT_EQ(server.SendAsAdmin("GET", "/v1/events?limit=1001").status, 400);
}

TEST_F(ServeTest, AfterKill9TheServerRestartsWithEveryAcknowledgedAppend) {
  auto& server = Start();
  ASSERT_GE(CreateUsers(server, 3), 3);
  const Response before = server.SendAsAdmin("GET", "/v1/ledger/digest");
  ASSERT_EQ(before.status, 200);
  server.Kill9();
  auto& restarted = Start();
  EXPECT_EQ(restarted.SendAsAdmin("GET", "/v1/ledger/digest").Json(), before.Json());
  EXPECT_EQ(restarted.SendAsAdmin("GET", "/v1/ledger/verify").Json().at("ok"), true);
}

TEST_F(ServeTest, WithoutCtomAdminTokenATokenIsGeneratedIntoAnOwnerOnlyFile) {
  auto& server = Start({}, std::nullopt);
  const auto path = folder_.path() / "admin.token";
  ASSERT_TRUE(std::filesystem::exists(path)) << server.Log();
  struct stat status {};
  ASSERT_EQ(::stat(path.c_str(), &status), 0);
  EXPECT_EQ(status.st_mode & 0777, 0600u);
  std::ifstream in(path);
  std::string token;
  std::getline(in, token);
  EXPECT_EQ(token.size(), 64u);
  EXPECT_EQ(
      server.Send("GET", "/v1/ledger/digest", "", {{"Authorization", "Bearer " + token}}).status,
      200);
  EXPECT_EQ(server.Log().find(token), std::string::npos) << "the token must never be logged";
}

TEST_F(ServeTest, TheRequestLogNamesRoutePatternsNeverTokensOrRawPaths) {
  auto& server = Start();
  ASSERT_EQ(server.SendAsAdmin("GET", "/v1/events?after=0&limit=5").status, 200);
  ASSERT_EQ(server.SendAsAdmin("GET", "/v1/secret-person-name").status, 404);
  ASSERT_EQ(server.Stop(), 0);
  const std::string log = server.Log();
  EXPECT_NE(log.find("http GET /v1/events 200"), std::string::npos) << log;
  EXPECT_NE(log.find("actor=admin"), std::string::npos) << log;
  EXPECT_EQ(log.find(kAdminToken), std::string::npos);
  EXPECT_EQ(log.find("secret-person-name"), std::string::npos);
  EXPECT_EQ(log.find("limit=5"), std::string::npos);
}

TEST_F(ServeTest, MetricsCountRequestsByRoute) {
  auto& server = Start();
  ASSERT_EQ(server.Send("GET", "/healthz").status, 200);
  const Response metrics = server.Send("GET", "/metrics");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_TRUE(metrics.Header("content-type").starts_with("text/plain"));
  EXPECT_NE(metrics.body.find(
                R"(ctom_http_requests_total{method="GET",route="/healthz",status="200"} 1)"),
            std::string::npos)
      << metrics.body;
}

TEST_F(ServeTest, OpenApiDocumentIsServed) {
  auto& server = Start();
  const Response response = server.Send("GET", "/openapi.json");
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(response.Json().at("openapi"), "3.1.0");
}

TEST_F(ServeTest, BadUsageExitsTwoWithOneLine) {
  // Not through ServerProcess: this one must not start.
  const std::string command = std::string(CTOM_BINARY) + " serve --threads 0 2>&1 >/dev/null";
  FILE* pipe = ::popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string output;
  char buffer[256];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) output += buffer;
  const int status = ::pclose(pipe);
  EXPECT_EQ(WEXITSTATUS(status), 2);
  EXPECT_EQ(std::count(output.begin(), output.end(), '\n'), 1) << output;
}

}  // namespace
}  // namespace ctom::e2e
