// Crash drill: client threads send durable commands (candidate feedback), each with an
// Idempotency-Key of its own, while the real server is killed with SIGKILL at random moments and
// started again on the same data folder. Afterwards every command that was answered 2xx is in the
// ledger exactly once, every command that went unanswered is retried with its key and then is in
// the ledger exactly once too, nothing else was written, and `ctom verify` passes.
//
// The short form runs here under ctest; scripts/crash-drill runs the long form (CTOM_DRILL_KILLS,
// CTOM_DRILL_CLIENTS) and prints the figures line.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <iostream>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "tests/e2e/program_client.hpp"
#include "tests/support/run_ctom.hpp"

namespace ctom::e2e {
namespace {

int Setting(const char* name, int fallback) {
  const char* text = std::getenv(name);
  return text != nullptr && std::atoi(text) > 0 ? std::atoi(text) : fallback;
}

// What the clients saw, by idempotency key.
class Outcomes {
 public:
  void Acknowledged(const std::string& key, std::int64_t position) {
    std::lock_guard lock(mutex_);
    acknowledged_[key] = position;
    highest_ = std::max(highest_, position);
  }
  void Unanswered(const std::string& key) {
    std::lock_guard lock(mutex_);
    unanswered_.push_back(key);
  }
  void Refused(const std::string& key, const Response& response) {
    std::lock_guard lock(mutex_);
    refused_.push_back(key + ": " + std::to_string(response.status) + " " + response.body);
  }

  std::map<std::string, std::int64_t> acknowledged() const {
    std::lock_guard lock(mutex_);
    return acknowledged_;
  }
  std::vector<std::string> unanswered() const {
    std::lock_guard lock(mutex_);
    return unanswered_;
  }
  std::vector<std::string> refused() const {
    std::lock_guard lock(mutex_);
    return refused_;
  }
  std::int64_t highest() const {
    std::lock_guard lock(mutex_);
    return highest_;
  }

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::int64_t> acknowledged_;  // key -> position in the answer
  std::vector<std::string> unanswered_;               // no answer, or 503 while stopping
  std::vector<std::string> refused_;                  // any other answer: a drill failure
  std::int64_t highest_ = 0;
};

class CrashDrill : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.emplace(ServeOptions(folder_.path()));
    ProgramWalk walk(*server_);
    walk.OpenCohort2018();
    candidate_ = walk.Apply("Drill Candidate", "drill@district.example");
    walk.Accept(candidate_);
    port_ = server_->port();
  }

  // One feedback command with its key: 2xx, unanswered (no connection, reset, 503), or refused.
  Response SendFeedback(const std::string& key) const {
    const json::object body{{"text", "drill feedback " + key}};
    return SendHttp(port_.load(), "POST", "/v1/candidates/" + candidate_ + "/feedback",
                    json::serialize(body),
                    {{"Authorization", std::string("Bearer ") + kAdminToken},
                     {"Content-Type", "application/json"},
                     {"Idempotency-Key", key}});
  }

  void RunClient(int client) {
    for (int sequence = 0; !stopping_.load(); ++sequence) {
      const std::string key = "drill-" + std::to_string(client) + "-" + std::to_string(sequence);
      try {
        const Response answer = SendFeedback(key);
        if (answer.status / 100 == 2) {
          outcomes_.Acknowledged(key, answer.Json().at("position").as_int64());
        } else if (answer.status == 503) {
          outcomes_.Unanswered(key);
        } else {
          outcomes_.Refused(key, answer);
        }
      } catch (const std::exception&) {
        outcomes_.Unanswered(key);  // killed mid-request, or down: try the next one a bit later
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    }
  }

  // Kills the server at a random moment, checks that the restarted one holds every write
  // acknowledged before the kill, and lets the clients find it on its new port.
  void KillAndRestart(std::mt19937& random) {
    std::this_thread::sleep_for(
        std::chrono::milliseconds(std::uniform_int_distribution<int>(50, 400)(random)));
    server_->Kill9();
    const std::int64_t acknowledged_before_kill = outcomes_.highest();
    server_.reset();
    server_.emplace(ServeOptions(folder_.path()));
    EXPECT_GE(LedgerPosition(*server_), acknowledged_before_kill)
        << "a write acknowledged before the kill is missing after the restart";
    port_ = server_->port();
  }

  TemporaryFolder folder_;
  std::optional<ServerProcess> server_;
  std::string candidate_;
  std::atomic<std::uint16_t> port_{0};
  std::atomic<bool> stopping_{false};
  Outcomes outcomes_;
};

TEST_F(CrashDrill, EveryAcknowledgedOrRetriedCommandIsInTheLedgerExactlyOnceAfterKills) {
  const int kills = Setting("CTOM_DRILL_KILLS", 3);
  const int clients = Setting("CTOM_DRILL_CLIENTS", 8);
  const auto started = Clock::now();
  std::vector<std::thread> threads;
  for (int client = 0; client < clients; ++client) {
    threads.emplace_back([this, client] { RunClient(client); });
  }
  std::mt19937 random(std::random_device{}());
  for (int kill = 0; kill < kills; ++kill) KillAndRestart(random);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // some load on the last server
  stopping_ = true;
  for (std::thread& thread : threads) thread.join();

  EXPECT_TRUE(outcomes_.refused().empty())
      << outcomes_.refused().size() << " commands refused, first: " << outcomes_.refused()[0];
  const auto acknowledged = outcomes_.acknowledged();
  const auto unanswered = outcomes_.unanswered();
  const auto before_retry = IdempotencyKeysInLedger(*server_);
  for (const auto& [key, position] : acknowledged) {
    const auto found = before_retry.find(key);
    ASSERT_NE(found, before_retry.end()) << key << " was acknowledged but is not in the ledger";
    EXPECT_EQ(found->second, std::vector<std::int64_t>{position}) << key;
  }
  std::size_t unanswered_but_durable = 0;
  for (const std::string& key : unanswered) {
    if (before_retry.contains(key)) ++unanswered_but_durable;
    const Response answer = SendFeedback(key);
    EXPECT_EQ(answer.status / 100, 2) << key << ": " << answer.body;
  }

  const auto keys = IdempotencyKeysInLedger(*server_);
  std::set<std::string> sent(unanswered.begin(), unanswered.end());
  for (const auto& [key, position] : acknowledged) sent.insert(key);
  for (const auto& [key, positions] : keys) {
    EXPECT_EQ(positions.size(), 1U) << key << " is in the ledger " << positions.size() << " times";
    EXPECT_TRUE(sent.contains(key)) << key << " is in the ledger but was never sent";
  }
  EXPECT_EQ(keys.size(), sent.size()) << "a retried command is missing from the ledger";

  ASSERT_EQ(server_->Stop(), 0);
  const testing::CtomRun verify =
      testing::RunCtomIn(folder_.path(), {"verify", "--data", folder_.path().string()});
  EXPECT_EQ(verify.exit_code, 0) << verify;

  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  std::cout << "crash drill: " << kills << " kills, " << clients << " clients, "
            << acknowledged.size() << " acknowledged, " << unanswered.size()
            << " unanswered and retried (" << unanswered_but_durable
            << " of them already durable), " << keys.size() << " drill events in the ledger, "
            << "ctom verify exit " << verify.exit_code << ", " << seconds << " s\n";
}

}  // namespace
}  // namespace ctom::e2e
