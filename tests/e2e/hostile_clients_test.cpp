// End-to-end: hostile clients against the real `ctom serve` on loopback. Each attack runs while a
// well-behaved client keeps making requests; the test holds the server to its budgets: every good
// request answered 200 within kGoodRequestMax (and the median within kGoodRequestMedianMax), never
// more open sockets than the connection cap allows, resident memory under kResidentBytesMax, and
// the server still healthy afterwards. Figures are printed for docs/reliability-hostile-clients.md.
#include "tests/e2e/hostile_clients.hpp"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <boost/json/parse.hpp>
#include <cerrno>
#include <cstring>
#include <iostream>
#include <random>

#include "server/limits.hpp"

namespace ctom::e2e {
namespace {

using std::chrono::milliseconds;

// The budgets. Generous on purpose: they must hold on a loaded two-core CI machine; the point is
// that the good client is never starved, not a benchmark.
constexpr milliseconds kGoodRequestMedianMax{100};
// A server built with AddressSanitizer (the asan preset builds the server and the tests alike)
// keeps freed memory in quarantine (256 MiB by default) and shadow memory besides.
#if defined(__SANITIZE_ADDRESS__)
#define CTOM_ADDRESS_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CTOM_ADDRESS_SANITIZER 1
#endif
#endif
// An ASan Debug server answers several times slower: under the idle-connection flood on a loaded
// CI machine its good client's slowest request took 1.7 s.
#ifdef CTOM_ADDRESS_SANITIZER
constexpr std::size_t kResidentBytesMax = 1024 * 1024 * 1024;
constexpr milliseconds kGoodRequestMax{4000};
#else
constexpr std::size_t kResidentBytesMax = 256 * 1024 * 1024;
constexpr milliseconds kGoodRequestMax{1000};
#endif
// Sockets the server may hold beyond its connections: the listener, a connection waiting for the
// place of an idle one, and connections beyond the cap being answered 503 at that instant.
constexpr std::size_t kSocketsBeyondCapMax = 1 + 16;
constexpr std::size_t kSocketsMax = server::kConnectionsMax + kSocketsBeyondCapMax;
// How long each attack runs while the good client keeps asking.
constexpr milliseconds kAttackDuration{3000};

// The usual default soft limit of open files; the server must reach its cap even under it.
constexpr rlim_t kDefaultOpenFilesSoftLimit = 1024;

std::string HexToken(std::mt19937_64& random) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string token(64, '0');
  for (char& c : token) c = kDigits[random() % 16];
  return token;
}

// Runs attacker(thread, round) on `threads` threads, round after round, until `duration` passed.
template <typename Attacker>
void RepeatFor(milliseconds duration, int threads, Attacker attacker) {
  const auto until = Clock::now() + duration;
  std::vector<std::thread> running;
  for (int thread = 0; thread < threads; ++thread) {
    running.emplace_back([&, thread] {
      for (std::size_t round = 0; Clock::now() < until; ++round) attacker(thread, round);
    });
  }
  for (std::thread& t : running) t.join();
}

// The "code" of a problem body, or "" when it is not one.
std::string ProblemCode(const std::string& body) {
  boost::system::error_code ec;
  const boost::json::value value = boost::json::parse(body, ec);
  if (ec || !value.is_object()) return {};
  const auto* code = value.as_object().if_contains("code");
  return code != nullptr && code->is_string() ? std::string(code->as_string()) : std::string();
}

// Counts what attackers saw, thread-safely, and keeps the first few surprises for the message.
class Tally {
 public:
  void Expected() { ++expected_; }
  void Surprise(std::string what) {
    std::lock_guard lock(mutex_);
    if (surprises_.size() < 5) surprises_.push_back(std::move(what));
    ++surprise_count_;
  }
  std::size_t expected() const { return expected_; }
  std::size_t surprises() const { return surprise_count_; }
  std::string Samples() const {
    std::lock_guard lock(mutex_);
    std::string text;
    for (const std::string& sample : surprises_) text += "\n  " + sample.substr(0, 300);
    return text;
  }

 private:
  std::atomic<std::size_t> expected_{0};
  std::atomic<std::size_t> surprise_count_{0};
  mutable std::mutex mutex_;
  std::vector<std::string> surprises_;
};

class HostileClientsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // Thousands of client sockets live in this process.
    rlimit limit{};
    ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &limit), 0);
    limit.rlim_cur = limit.rlim_max;
    ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &limit), 0);
  }

  // Starts `ctom serve` under the usual soft limit of open files (the child inherits it), so
  // the server has to raise its own to reach its connection cap.
  ServerProcess& Start(std::vector<std::string> extra_arguments = {}) {
    rlimit limit{};
    EXPECT_EQ(::getrlimit(RLIMIT_NOFILE, &limit), 0);
    const rlim_t own = limit.rlim_cur;
    limit.rlim_cur = std::min(own, kDefaultOpenFilesSoftLimit);
    EXPECT_EQ(::setrlimit(RLIMIT_NOFILE, &limit), 0);
    try {
      server_.emplace(ServerProcess::Options{.data_directory = folder_.path(),
                                             .admin_token = kAdminToken,
                                             .extra_arguments = std::move(extra_arguments)});
    } catch (...) {
      limit.rlim_cur = own;
      ::setrlimit(RLIMIT_NOFILE, &limit);
      throw;
    }
    limit.rlim_cur = own;
    EXPECT_EQ(::setrlimit(RLIMIT_NOFILE, &limit), 0);
    return *server_;
  }

  // Runs attack while the good client asks and the watch looks on, then checks the budgets and
  // prints the figures under `name`.
  template <typename Attack>
  void UnderAttack(const std::string& name, Attack attack) {
    ServerProcess& server = *server_;
    ProcessWatch watch(server.pid());
    GoodClient good(server.port(), kAdminToken);
    WaitUntilAnswered(good);
    attack(server);
    const GoodClientReport report = good.Stop();
    watch.Stop();
    std::cout << "[figures] " << name << ": good requests " << report.requests << ", failed "
              << report.failures << ", p50 " << report.p50.count() << " ms, p99 "
              << report.p99.count() << " ms, max " << report.max.count()
              << " ms; peak open connections (metrics) " << report.peak_open_connections
              << ", peak sockets (/proc) " << watch.peak_sockets() << ", peak RSS "
              << watch.peak_rss_kib() / 1024 << " MiB; keep-alive reopened " << report.reopened
              << "\n";
    std::string failures;
    for (const std::string& sample : report.failure_samples) failures += "\n  " + sample;
    EXPECT_EQ(report.failures, 0u)
        << name << ": the good client was refused or starved" << failures;
    EXPECT_GT(report.requests, 10u) << name;
    EXPECT_LE(report.max, kGoodRequestMax) << name;
    EXPECT_LE(report.p50, kGoodRequestMedianMax) << name;
    EXPECT_LE(report.peak_open_connections, server::kConnectionsMax) << name;
    EXPECT_LE(watch.peak_sockets(), kSocketsMax) << name;
    EXPECT_LE(watch.peak_rss_kib() * 1024, kResidentBytesMax) << name;
    EXPECT_EQ(server.Send("GET", "/healthz").status, 200) << name << ": " << server.Log();
  }

  static void WaitUntilAnswered(const GoodClient& good) {
    const auto deadline = Clock::now() + kStartDeadline;
    while (good.answered() == 0 && Clock::now() < deadline)
      std::this_thread::sleep_for(kPollInterval);
  }

  TemporaryFolder folder_;
  std::optional<ServerProcess> server_;
};

// Slowloris: hundreds of connections each trickle a byte of an endless header every 100 ms. The
// read timeout covers the whole request, so trickling does not extend it: the server closes every
// one of them once the timeout passes, and serves others meanwhile.
TEST_F(HostileClientsTest, SlowHeadersAreCutOffAtTheReadTimeoutWhileOthersAreServed) {
  constexpr milliseconds kReadTimeout{1500};
  constexpr std::size_t kSlowConnections = 400;
  Start({"--read-timeout-ms", std::to_string(kReadTimeout.count())});
  std::vector<int> slow;
  std::vector<milliseconds> closed_after(kSlowConnections, milliseconds(-1));
  UnderAttack("slowloris", [&](ServerProcess& server) {
    const auto started = Clock::now();
    for (std::size_t i = 0; i < kSlowConnections; ++i) {
      const int fd = ConnectLoopback(server.port());
      ASSERT_GE(fd, 0);
      ASSERT_TRUE(SendAll(fd, "GET /healthz HTTP/1.1\r\nHost: slow\r\nX-Slow: "));
      slow.push_back(fd);
    }
    std::size_t open = kSlowConnections;
    const auto give_up = started + kReadTimeout + std::chrono::seconds(5);
    while (open > 0 && Clock::now() < give_up) {
      for (std::size_t i = 0; i < slow.size(); ++i) {
        if (closed_after[i].count() >= 0) continue;
        std::string received;
        if (DrainNow(slow[i], received) || !SendAll(slow[i], "a")) {
          closed_after[i] = std::chrono::duration_cast<milliseconds>(Clock::now() - started);
          --open;
        }
      }
      std::this_thread::sleep_for(milliseconds(100));
    }
  });
  for (const int fd : slow) ::close(fd);
  const auto latest = *std::max_element(closed_after.begin(), closed_after.end());
  const auto never = std::count(closed_after.begin(), closed_after.end(), milliseconds(-1));
  std::cout << "[figures] slowloris: " << kSlowConnections << " trickling connections, the last "
            << "closed by the server after " << latest.count() << " ms (read timeout "
            << kReadTimeout.count() << " ms)\n";
  EXPECT_EQ(never, 0) << "slow connections the server kept open past its read timeout";
  EXPECT_GE(*std::min_element(closed_after.begin(), closed_after.end()), kReadTimeout / 2)
      << "the server closed a slow connection long before its read timeout";
}

// Thousands of connections that never send a byte. The server holds at most its cap of them at
// once; each new one takes the place of the one idle longest (closed without an answer), so a
// client that connects afresh is still served. The server is started under the usual soft limit
// of 1024 open files, below what its cap needs, and raises it.
TEST_F(HostileClientsTest, ThousandsOfIdleConnectionsNeverTakeTheServerPastItsCap) {
  constexpr std::size_t kIdleConnections = 2000;
  rlimit limit{};
  ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &limit), 0);
  if (limit.rlim_cur < kIdleConnections + 256) {
    GTEST_SKIP() << "this process may open only " << limit.rlim_cur << " files";
  }
  Start();
  std::vector<int> idle;
  std::size_t still_open = 0, answered_busy = 0, closed_silently = 0;
  Tally answers;
  UnderAttack("idle connections", [&](ServerProcess& server) {
    const auto started = Clock::now();
    for (std::size_t i = 0; i < kIdleConnections; ++i) {
      const int fd = ConnectLoopback(server.port());
      ASSERT_GE(fd, 0) << "connection " << i << ": " << std::strerror(errno);
      idle.push_back(fd);
    }
    std::this_thread::sleep_until(started + kAttackDuration);
    for (const int fd : idle) {
      std::string received;
      if (!DrainNow(fd, received)) {
        ++still_open;
      } else if (received.empty()) {
        ++closed_silently;
      } else if (auto response = TakeResponse(received);
                 response && response->status == 503 &&
                 response->header.find("Retry-After: 1") != std::string::npos) {
        ++answered_busy;
      } else {
        answers.Surprise(received);
      }
    }
  });
  std::cout << "[figures] idle connections: " << idle.size() << " opened; " << still_open
            << " still open after " << kAttackDuration.count() << " ms, " << answered_busy
            << " answered 503, " << closed_silently << " closed without an answer\n";
  EXPECT_LE(still_open, server::kConnectionsMax);
  EXPECT_GE(closed_silently, idle.size() - server::kConnectionsMax) << "idle ones make room";
  EXPECT_EQ(answers.surprises(), 0u) << answers.Samples();
  // Once the attacker lets go, so does the server.
  for (const int fd : idle) ::close(fd);
  const auto deadline = Clock::now() + std::chrono::seconds(10);
  while (ProcessWatch::Sockets(server_->pid()) > 2 && Clock::now() < deadline) {
    std::this_thread::sleep_for(kPollInterval);
  }
  EXPECT_LE(ProcessWatch::Sockets(server_->pid()), 2u);
}

// Requests larger than the header limit in every place: the URL, one field, many fields, the
// method, megabytes of fields, a line that never ends. Each is answered 400 `validation` and the
// connection closed; the server reads at most kDrainBytesMax more for kDrainTimeout.
TEST_F(HostileClientsTest, OversizedHeadersAndUrlsAre400AndTheConnectionIsClosed) {
  struct Oversized {
    const char* what;
    std::string bytes;
    bool half_close;  // the client shuts its side once sent, else it keeps the connection open
  };
  const std::size_t over = server::kHeaderBytesMax + 4096;
  std::string many_fields, megabytes_of_fields;
  while (many_fields.size() < over) many_fields += "X-F: v\r\n";
  while (megabytes_of_fields.size() < 8 * 1024 * 1024) megabytes_of_fields += "X-Field: value\r\n";
  const std::vector<Oversized> requests = {
      {"a URL", "GET /healthz?q=" + std::string(over, 'u') + " HTTP/1.1\r\nHost: x\r\n\r\n", true},
      {"a field",
       "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(over, 'b') + "\r\n\r\n", true},
      {"many fields", "GET /healthz HTTP/1.1\r\nHost: x\r\n" + many_fields + "\r\n", true},
      {"a method", std::string(over, 'G') + " /healthz HTTP/1.1\r\n\r\n", true},
      {"8 MiB of fields", "GET /healthz HTTP/1.1\r\n" + megabytes_of_fields, true},
      {"an endless line, left open",
       "GET /healthz HTTP/1.1\r\nX-Endless: " + std::string(1024 * 1024, 'e'), false},
  };
  Start();
  Tally tally;
  std::vector<std::atomic<std::size_t>> answered(requests.size());
  UnderAttack("oversized headers and URLs", [&](ServerProcess& server) {
    RepeatFor(kAttackDuration, 2, [&](int thread, std::size_t round) {
      const std::size_t which = (round * 2 + static_cast<std::size_t>(thread)) % requests.size();
      const Oversized& request = requests[which];
      const int fd = ConnectLoopback(server.port());
      if (fd < 0) return tally.Surprise(std::string(request.what) + ": cannot connect");
      SendAll(fd, request.bytes);  // the server may stop reading once it has answered
      if (request.half_close) ::shutdown(fd, SHUT_WR);
      auto received = ReadUntilClosed(fd, server::kDrainTimeout + std::chrono::seconds(5));
      ::close(fd);
      if (!received) return tally.Surprise(std::string(request.what) + ": never closed");
      auto response = TakeResponse(*received);
      if (!response || response->status != 400 || ProblemCode(response->body) != "validation" ||
          !received->empty()) {
        return tally.Surprise(std::string(request.what) + ": " + *received);
      }
      ++answered[which];
      tally.Expected();
    });
  });
  std::cout << "[figures] oversized: " << tally.expected() << " answered 400 and closed\n";
  EXPECT_EQ(tally.surprises(), 0u) << tally.Samples();
  for (std::size_t i = 0; i < requests.size(); ++i) {
    EXPECT_GE(answered[i].load(), 1u) << requests[i].what;
  }
}

// After a valid request, bytes that are not HTTP on the same connection: the valid request is
// answered 200, the garbage 400 `validation`, and the connection closed.
TEST_F(HostileClientsTest, GarbagePipelinedAfterValidRequestsIs400AfterTheirAnswers) {
  std::mt19937_64 random(7);
  std::string binary(64 * 1024, '\0'), megabytes(4 * 1024 * 1024, '\0');
  for (char& c : binary) c = static_cast<char>(random());
  for (char& c : megabytes) c = static_cast<char>(random());
  const std::vector<std::pair<const char*, std::string>> garbage = {
      {"random bytes", binary},
      {"4 MiB of random bytes", megabytes},
      {"a TLS ClientHello",
       std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11) + std::string(500, '\x01')},
      {"the HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"},
      {"a bad Content-Length",
       "POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Length: 12a\r\n\r\n"},
      {"Content-Length with chunked",
       "POST /v1/documents HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n"
       "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /healthz HTTP/1.1\r\n\r\n"},
      {"a bad chunk size",
       "POST /v1/events HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"},
      {"a field without a colon", "GET /healthz HTTP/1.1\r\nHost x\r\n\r\n"},
      {"a NUL in the target", std::string("GET /heal\0thz HTTP/1.1\r\n\r\n", 27)},
  };
  constexpr std::size_t kValidBefore = 20;
  std::string valid;
  for (std::size_t i = 0; i < kValidBefore; ++i)
    valid += "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
  Start();
  Tally tally;
  UnderAttack("pipelined garbage", [&](ServerProcess& server) {
    RepeatFor(kAttackDuration, 2, [&](int thread, std::size_t round) {
      const auto& [what, bytes] =
          garbage[(round * 2 + static_cast<std::size_t>(thread)) % garbage.size()];
      const int fd = ConnectLoopback(server.port());
      if (fd < 0) return tally.Surprise(std::string(what) + ": cannot connect");
      SendAll(fd, valid + bytes);
      ::shutdown(fd, SHUT_WR);
      auto received = ReadUntilClosed(fd, server::kDrainTimeout + std::chrono::seconds(5));
      ::close(fd);
      if (!received) return tally.Surprise(std::string(what) + ": never closed");
      std::vector<int> statuses;
      std::string last_body;
      while (auto response = TakeResponse(*received)) {
        statuses.push_back(response->status);
        last_body = response->body;
      }
      std::vector<int> expected(kValidBefore, 200);
      expected.push_back(400);
      if (statuses != expected || ProblemCode(last_body) != "validation" || !received->empty()) {
        return tally.Surprise(std::string(what) + ": " + std::to_string(statuses.size()) +
                              " answers, the last " + last_body);
      }
      tally.Expected();
    });
  });
  std::cout << "[figures] pipelined garbage: " << tally.expected() << " connections of "
            << kValidBefore << " valid requests and garbage, each answered 200s then 400\n";
  EXPECT_EQ(tally.surprises(), 0u) << tally.Samples();
  EXPECT_GE(tally.expected(), garbage.size());
}

// Many requests with random bearer tokens on keep-alive connections, as fast as they go. Every
// one is 401 `unauthorized`, no guess is written to the log, and others are served meanwhile.
TEST_F(HostileClientsTest, ATokenBruteForceIsAll401AndNeverLoggedWhileOthersAreServed) {
  constexpr int kGuessers = 4;
  Start();
  Tally tally;
  std::mutex tried_mutex;
  std::vector<std::string> tried;
  UnderAttack("token brute force", [&](ServerProcess& server) {
    std::vector<std::mt19937_64> randoms;
    for (int g = 0; g < kGuessers; ++g) randoms.emplace_back(1000 + g);
    std::vector<std::unique_ptr<KeepAliveConnection>> connections;
    for (int g = 0; g < kGuessers; ++g) {
      connections.push_back(std::make_unique<KeepAliveConnection>(server.port()));
    }
    RepeatFor(kAttackDuration, kGuessers, [&](int thread, std::size_t round) {
      const auto index = static_cast<std::size_t>(thread);
      std::string token = HexToken(randoms[index]);
      if (round % 10 == 9) token = std::string(server::kBearerTokenBytesMax, 'A');
      const auto response = connections[index]->RoundTrip(
          "GET /v1/ledger/digest HTTP/1.1\r\nHost: guess\r\nAuthorization: Bearer " + token +
              "\r\n\r\n",
          std::chrono::seconds(10));
      if (!response || response->status != 401 || ProblemCode(response->body) != "unauthorized") {
        return tally.Surprise(response ? response->header : "no answer");
      }
      tally.Expected();
      if (round < 50) {
        std::lock_guard lock(tried_mutex);
        tried.push_back(token);
      }
    });
  });
  std::cout << "[figures] token brute force: " << tally.expected() << " guesses in "
            << kAttackDuration.count() << " ms on " << kGuessers << " connections, all 401\n";
  EXPECT_EQ(tally.surprises(), 0u) << tally.Samples();
  EXPECT_GE(tally.expected(), 100u);
  const std::string log = server_->Log();
  for (const std::string& token : tried) {
    EXPECT_EQ(log.find(token), std::string::npos) << "a guessed token in the log";
  }
}

}  // namespace
}  // namespace ctom::e2e
