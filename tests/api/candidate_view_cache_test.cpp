// Memoised live candidate answers: reused only under the same position, program day and rule set,
// so an answer never outlives what it was made of.
#include "api/candidate_view_cache.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/json/parse.hpp>

#include "api/formats.hpp"
#include "api/program_routes.hpp"
#include "domain/time.hpp"
#include "server/auth.hpp"
#include "server/metrics.hpp"
#include "server/router.hpp"
#include "tests/support/history_append.hpp"
#include "tests/support/program_history.hpp"

namespace ctom::api {
namespace {

HttpResponse Answer(std::string body) { return TextResponse(200, "application/json", body); }

TEST(CandidateViewCache, AnAnswerIsFoundOnlyUnderExactlyItsKey) {
  CandidateViewCache cache(10);
  const CandidateViewKey key{7, 0, 100, 1};
  cache.Keep("c-1", key, Answer("seven"));
  ASSERT_TRUE(cache.Find("c-1", key).has_value());
  EXPECT_EQ(cache.Find("c-1", key)->body, "seven");
  EXPECT_FALSE(cache.Find("c-2", key).has_value());
  EXPECT_FALSE(cache.Find("c-1", CandidateViewKey{8, 0, 100, 1}).has_value());
  EXPECT_FALSE(cache.Find("c-1", CandidateViewKey{7, 0, 101, 1}).has_value());
  EXPECT_FALSE(cache.Find("c-1", CandidateViewKey{7, 0, 100, 2}).has_value());
  EXPECT_FALSE(cache.Find("c-1", CandidateViewKey{7, 1, 100, 1}).has_value());
}

TEST(CandidateViewCache, WhenFullAnswersOfEarlierPositionsGoFirstThenEverything) {
  CandidateViewCache cache(2);
  cache.Keep("old", CandidateViewKey{1, 0, 0, 1}, Answer("old"));
  cache.Keep("new", CandidateViewKey{2, 0, 0, 1}, Answer("new"));
  cache.Keep("newer", CandidateViewKey{2, 0, 0, 1}, Answer("newer"));  // "old" makes room
  EXPECT_FALSE(cache.Find("old", CandidateViewKey{1, 0, 0, 1}).has_value());
  EXPECT_TRUE(cache.Find("new", CandidateViewKey{2, 0, 0, 1}).has_value());
  EXPECT_TRUE(cache.Find("newer", CandidateViewKey{2, 0, 0, 1}).has_value());
  cache.Keep("newest", CandidateViewKey{2, 0, 0, 1}, Answer("newest"));  // none older: all go
  EXPECT_FALSE(cache.Find("new", CandidateViewKey{2, 0, 0, 1}).has_value());
  EXPECT_TRUE(cache.Find("newest", CandidateViewKey{2, 0, 0, 1}).has_value());
}

// The program routes over the seeds' slide, with a clock the test moves.
class LiveCandidateAnswer : public ::testing::Test {
 protected:
  void SetUp() override {
    static const testing::HistoryBuilder history = testing::SlideHistory();
    for (const auto& [id, candidate] : history.program().candidates) {
      if (candidate.certification.state == "certified" && !candidate.certification.revoked) {
        certified_ = id;
        expires_on_ = candidate.certification.expires_on;
        break;
      }
    }
    ASSERT_FALSE(certified_.empty());
    eventstore::OpenOptions options;
    options.path = folder_.path() + "/ledger";
    options.sync_writes = false;
    ledger_ = std::move(*eventstore::Ledger::Open(options));
    for (const domain::Recorded& recorded : history.history()) {
      ASSERT_TRUE(ledger_->Append(testing::AppendRequestOf(recorded)).has_value());
    }
    ASSERT_TRUE(tokens_.Put(
        HashToken("admin-token"),
        Principal{
            .user_id = "u-test-admin", .role = "admin", .candidate_id = {}, .mentor_id = {}}));
    context_.emplace(ServerContext{
        *ledger_, metrics_, tokens_, folder_.path(), [this] { return now_.load(); }, {}});
    router_.emplace(tokens_);
    RegisterProgramRoutes(*router_, *context_);
  }

  void TearDown() override {
    router_.reset();
    if (context_) {
      while (!context_->owned.empty()) context_->owned.pop_back();
    }
  }

  // Noon in California on the given program day.
  static std::int64_t NoonOn(domain::Date day) {
    return static_cast<std::int64_t>(day.days) * 86'400'000'000 + 20LL * 3'600'000'000;
  }

  HttpResponse Send(std::string method, std::string target, std::string body = {}) {
    HttpRequest request;
    request.method = std::move(method);
    request.target = std::move(target);
    request.body = std::move(body);
    request.headers["authorization"] = "Bearer admin-token";
    request.headers["content-type"] = "application/json";
    return router_->Handle(std::move(request)).response;
  }

  // The candidate's certificate status, read live at noon of the given program day.
  std::string StatusOn(domain::Date day) { return StatusAt(NoonOn(day)); }

  // The candidate's certificate status, read live at the instant.
  std::string StatusAt(std::int64_t instant) {
    now_ = instant;
    const HttpResponse response = Send("GET", "/v1/candidates/" + certified_);
    EXPECT_EQ(response.status, 200) << response.body;
    return std::string(
        boost::json::parse(response.body).at("certification").at("status").as_string());
  }

  testing::ScratchFolder folder_;
  std::unique_ptr<eventstore::Ledger> ledger_;
  Metrics metrics_;
  InMemoryTokenDirectory tokens_;
  std::optional<ServerContext> context_;
  std::optional<Router> router_;
  std::atomic<std::int64_t> now_{0};
  std::string certified_;
  domain::Date expires_on_;
};

TEST_F(LiveCandidateAnswer, FollowsTheDayItIsJudgedOnWhileTheLogStandsStill) {
  const std::uint64_t position = ledger_->GetHead().position;
  const domain::Date long_before{expires_on_.days - 1000};
  const domain::Date day_before_expiry{expires_on_.days - 1};
  EXPECT_EQ(StatusOn(long_before), "active");
  EXPECT_EQ(StatusOn(long_before), "active");  // the kept answer
  EXPECT_EQ(StatusOn(day_before_expiry), "due");
  EXPECT_EQ(StatusOn(expires_on_), "lapsed");
  EXPECT_EQ(StatusOn(long_before), "active");
  EXPECT_EQ(ledger_->GetHead().position, position);
}

TEST_F(LiveCandidateAnswer, FollowsTheRuleSetInForceWithinOneDayWhileTheLogStandsStill) {
  // From noon, 20 days before expiry, the renewal window shrinks to 10 days: "due" in the morning
  // turns "active" in the afternoon of the same program day.
  const domain::Date day{expires_on_.days - 20};
  const std::int64_t hour = 3'600'000'000;
  now_ = NoonOn(domain::Date{day.days - 60});
  const HttpResponse published =
      Send("POST", "/v1/rulesets",
           R"({"effective_from":")" + domain::FormatInstant(NoonOn(day)) +
               R"(","parameters":{"renewal_window_days":10}})");
  ASSERT_EQ(published.status, 201) << published.body;
  const std::uint64_t position = ledger_->GetHead().position;
  EXPECT_EQ(StatusAt(NoonOn(day) - 3 * hour), "due");
  EXPECT_EQ(StatusAt(NoonOn(day) + 3 * hour), "active");
  EXPECT_EQ(StatusAt(NoonOn(day) - 2 * hour), "due");
  EXPECT_EQ(ledger_->GetHead().position, position);
}

// The publication's answer is a command answer (the program stream's version) carrying the rule
// set it published under `ruleset`, with the rule set's own version there and as `id`.
using RuleSetPublication = LiveCandidateAnswer;

TEST_F(RuleSetPublication, AnswersTheRuleSetsOwnVersionApartFromTheProgramStreamsVersion) {
  now_ = NoonOn(domain::Date{expires_on_.days - 60});
  const HttpResponse published =
      Send("POST", "/v1/rulesets",
           R"({"effective_from":"2030-01-01T00:00:00Z","parameters":{"renewal_window_days":10}})");
  ASSERT_EQ(published.status, 201) << published.body;
  const boost::json::object answer = boost::json::parse(published.body).as_object();
  EXPECT_EQ(answer.at("id").as_string(), "2");
  EXPECT_EQ(answer.at("stream").as_string(), "program");
  EXPECT_EQ(answer.at("position").as_int64(),
            static_cast<std::int64_t>(ledger_->GetHead().position));
  EXPECT_TRUE(answer.at("version").is_int64()) << "the program stream's version";
  const boost::json::object& rule_set = answer.at("ruleset").as_object();
  EXPECT_EQ(rule_set.at("version").as_int64(), 2);
  EXPECT_EQ(rule_set.at("effective_from").as_string(), "2030-01-01T00:00:00Z");
  EXPECT_EQ(rule_set.at("parameters").at("renewal_window_days").as_int64(), 10);
}

}  // namespace
}  // namespace ctom::api
