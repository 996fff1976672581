// ctom replay end to end: the auditor's timeline of a known history against a golden text, its
// JSON lines, the bitemporal bounds, and reading while another process holds the ledger open.
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <cstdlib>

#include "tests/cli/cli_test_support.hpp"

namespace ctom::cli::testing {
namespace {

constexpr const char* kGoldenPath = CTOM_SOURCE_DIR "/tests/cli/golden/replay_c1.txt";
// The golden timeline is judged at this instant: after c1's last event, before its certificate
// is due.
constexpr const char* kGoldenJudgedAt = "2013-06-01T00:00:00Z";

// The small history in a data folder whose primary ledger stays open, as a running server's
// would: every run of `ctom replay` below reads as a secondary instance beside it.
class ReplayTimeline : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    history_ = new HistoryBuilder(SmallHistory());
    folder_ = new DataFolder;
    folder_->AppendAll(*history_);
  }
  static void TearDownTestSuite() {
    delete folder_;
    delete history_;
  }

  static CtomRun Replay(std::vector<std::string> options) {
    std::vector<std::string> arguments{"replay", "--data", folder_->data()};
    arguments.insert(arguments.end(), options.begin(), options.end());
    return RunCtom(arguments);
  }

  // The positions of c1's events the history holds, keeping those `keep` admits.
  template <typename Keep>
  static std::vector<std::uint64_t> CandidatePositions(Keep keep) {
    std::vector<std::uint64_t> positions;
    domain::Instant high_water = 0;
    for (const domain::Recorded& r : history_->history()) {
      high_water = std::max(high_water, r.occurred_at);
      if (r.stream == "candidate-c1" && keep(r, high_water)) positions.push_back(r.position);
    }
    return positions;
  }

  // The "position" of each JSON line's event, after the first line (the instant judged at).
  static std::vector<std::uint64_t> JsonPositions(const std::string& out) {
    std::vector<std::uint64_t> positions;
    std::vector<std::string> lines = Lines(out);
    EXPECT_FALSE(lines.empty());
    if (lines.empty()) return positions;
    EXPECT_TRUE(lines.front().starts_with("{\"judged_at\":")) << lines.front();
    lines.erase(lines.begin());
    for (const std::string& line : lines) {
      boost::system::error_code error;
      const boost::json::value parsed = boost::json::parse(line, error);
      EXPECT_FALSE(error) << line;
      if (error) continue;
      positions.push_back(parsed.at("event").at("position").to_number<std::uint64_t>());
    }
    return positions;
  }

  static HistoryBuilder* history_;
  static DataFolder* folder_;
};

HistoryBuilder* ReplayTimeline::history_ = nullptr;
DataFolder* ReplayTimeline::folder_ = nullptr;

TEST_F(ReplayTimeline, TimelineOfAKnownHistoryMatchesTheGoldenText) {
  const CtomRun run = Replay({"c1", "--as-of", kGoldenJudgedAt});
  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(run.err, "");
  if (std::getenv("CTOM_REGENERATE_GOLDEN") != nullptr) {
    WriteText(kGoldenPath, run.out);
    GTEST_SKIP() << "regenerated " << kGoldenPath;
  }
  const std::string golden = ReadText(kGoldenPath);
  ASSERT_FALSE(golden.empty()) << kGoldenPath << " (CTOM_REGENERATE_GOLDEN=1 writes it)";
  EXPECT_EQ(run.out, golden);
}

TEST_F(ReplayTimeline, StreamNameAndCandidateIdGiveTheSameTimeline) {
  const CtomRun by_id = Replay({"c1", "--as-of", kGoldenJudgedAt});
  const CtomRun by_stream = Replay({"candidate-c1", "--as-of", kGoldenJudgedAt});
  ASSERT_EQ(by_id.exit_code, 0) << by_id;
  EXPECT_EQ(by_stream.exit_code, 0) << by_stream;
  EXPECT_EQ(by_id.out, by_stream.out);
}

TEST_F(ReplayTimeline, JsonLinesCarryEachRecordAndTheCandidateAfterIt) {
  const CtomRun run = Replay({"c1", "--json", "--as-of", kGoldenJudgedAt});
  ASSERT_EQ(run.exit_code, 0) << run;
  std::vector<std::string> lines = Lines(run.out);
  const auto all =
      CandidatePositions([](const domain::Recorded&, domain::Instant) { return true; });
  ASSERT_EQ(lines.size(), all.size() + 1);
  EXPECT_EQ(JsonPositions(run.out), all);
  EXPECT_EQ(boost::json::parse(lines.front()),
            boost::json::parse(R"({"judged_at":"2013-06-01T00:00:00Z"})"));
  lines.erase(lines.begin());
  const boost::json::value first = boost::json::parse(lines.front());
  EXPECT_EQ(first.at("event").at("stream").as_string(), "candidate-c1");
  EXPECT_EQ(first.at("event").at("type").as_string(), "application_submitted");
  EXPECT_EQ(first.at("status").as_string(), "applied");
  // Completion and certification are data, not prose: the unmet codes as a list.
  EXPECT_EQ(first.at("completion").at("met"), false);
  EXPECT_EQ(first.at("completion").at("unmet").as_array().front(), "attendance") << lines.front();
  EXPECT_EQ(first.at("certification"), boost::json::parse(R"({"state":"none"})"));
  const boost::json::value last = boost::json::parse(lines.back());
  EXPECT_EQ(last.at("status").as_string(), "certified");
  EXPECT_EQ(last.at("completion"), boost::json::parse(R"({"met":true,"unmet":[]})"));
  EXPECT_EQ(last.at("certification"),
            boost::json::parse(R"({"state":"certified","certificate":"CCTO-2011-0001",)"
                               R"("status":"active","expires_on":"2014-11-12"})"));
  // What changed: everything after the first event, status and certification when certified.
  EXPECT_EQ(first.at("changed"), boost::json::parse(R"(["status","completion","certification"])"));
  bool granted = false;
  for (const std::string& line : lines) {
    const boost::json::value json = boost::json::parse(line);
    if (json.at("event").at("type") != "certification_granted") continue;
    granted = true;
    EXPECT_EQ(json.at("changed"), boost::json::parse(R"(["status","certification"])")) << line;
  }
  EXPECT_TRUE(granted);
  EXPECT_EQ(last.at("changed"), boost::json::array{});
}

TEST_F(ReplayTimeline, PositionBoundKeepsTheLogPrefix) {
  const auto all =
      CandidatePositions([](const domain::Recorded&, domain::Instant) { return true; });
  const std::uint64_t bound = all[all.size() / 2];
  const CtomRun run = Replay({"c1", "--json", "--position", std::to_string(bound)});
  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(JsonPositions(run.out),
            CandidatePositions(
                [&](const domain::Recorded& r, domain::Instant) { return r.position <= bound; }));
}

TEST_F(ReplayTimeline, AsOfBoundKeepsEventsThatHadHappenedByThen) {
  const domain::Instant as_of = At("2011-05-01T00:00:00Z");
  const CtomRun run = Replay({"c1", "--json", "--as-of", "2011-05-01T00:00:00Z"});
  ASSERT_EQ(run.exit_code, 0) << run;
  const auto expected = CandidatePositions(
      [&](const domain::Recorded& r, domain::Instant) { return r.occurred_at <= as_of; });
  ASSERT_FALSE(expected.empty());
  EXPECT_EQ(JsonPositions(run.out), expected);
  const boost::json::value last = boost::json::parse(Lines(run.out).back());
  EXPECT_EQ(last.at("status").as_string(), "accepted");
}

TEST_F(ReplayTimeline, KnownAtBoundKeepsWhatWasRecordedByThen) {
  // c2 was walked after c1 had finished, so its events were recorded late; c1's were recorded as
  // they happened. The bound at c1's mid-year leaves out c1's later events.
  const domain::Instant known_at = At("2011-06-15T00:00:00Z");
  const CtomRun run = Replay({"c1", "--json", "--known-at", "2011-06-15T00:00:00Z"});
  ASSERT_EQ(run.exit_code, 0) << run;
  const auto expected =
      CandidatePositions([&](const domain::Recorded&, domain::Instant recorded_at) {
        return recorded_at <= known_at;
      });
  ASSERT_FALSE(expected.empty());
  EXPECT_EQ(JsonPositions(run.out), expected);
}

TEST_F(ReplayTimeline, BoundsCombine) {
  const auto all =
      CandidatePositions([](const domain::Recorded&, domain::Instant) { return true; });
  const std::uint64_t bound = all[all.size() / 2];
  const domain::Instant as_of = At("2011-03-01T00:00:00Z");
  const CtomRun run = Replay(
      {"c1", "--json", "--position=" + std::to_string(bound), "--as-of=2011-03-01T00:00:00Z"});
  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(JsonPositions(run.out),
            CandidatePositions([&](const domain::Recorded& r, domain::Instant) {
              return r.position <= bound && r.occurred_at <= as_of;
            }));
}

TEST_F(ReplayTimeline, EveryLineIsJudgedAtTheAsOfInstantPrintedFirst) {
  // c1's certificate expired on 2014-11-12: judged in 2015, every line that shows it says lapsed,
  // the lines of 2011 included.
  const CtomRun run = Replay({"c1", "--as-of", "2015-01-01T00:00:00Z"});
  ASSERT_EQ(run.exit_code, 0) << run;
  const std::vector<std::string> lines = Lines(run.out);
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines.front(), "judged at 2015-01-01T00:00:00Z");
  int certified = 0;
  for (const std::string& line : lines) {
    if (line.find("certification certified ") == std::string::npos) continue;
    ++certified;
    EXPECT_NE(line.find("certified CCTO-2011-0001 lapsed until 2014-11-12"), std::string::npos)
        << line;
  }
  EXPECT_GT(certified, 0) << run.out;
  const CtomRun json = Replay({"c1", "--json", "--as-of", "2015-01-01T00:00:00Z"});
  ASSERT_EQ(json.exit_code, 0) << json;
  EXPECT_EQ(boost::json::parse(Lines(json.out).back()).at("certification").at("status"), "lapsed");
}

TEST_F(ReplayTimeline, WithoutABoundEveryLineIsJudgedNow) {
  const domain::Instant started = std::chrono::duration_cast<std::chrono::microseconds>(
                                      std::chrono::system_clock::now().time_since_epoch())
                                      .count();
  const CtomRun run = Replay({"c1"});
  const domain::Instant ended = std::chrono::duration_cast<std::chrono::microseconds>(
                                    std::chrono::system_clock::now().time_since_epoch())
                                    .count();
  ASSERT_EQ(run.exit_code, 0) << run;
  const std::string first = Lines(run.out).front();
  ASSERT_TRUE(first.starts_with("judged at ")) << first;
  const auto judged_at = domain::ParseInstant(first.substr(10));
  ASSERT_TRUE(judged_at.has_value()) << first;
  EXPECT_GE(*judged_at, started - 1'000'000);  // whole seconds
  EXPECT_LE(*judged_at, ended);
  // Long after 2014-11-12, the certificate is lapsed on every line.
  EXPECT_EQ(run.out.find(" active until "), std::string::npos) << run.out;
}

TEST_F(ReplayTimeline, UnknownCandidateIsUnreadableDataWithOneLine) {
  const CtomRun run = Replay({"nobody"});
  EXPECT_EQ(run.exit_code, 2) << run;
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(Lines(run.err).size(), 1u) << run.err;
  EXPECT_NE(run.err.find("candidate-nobody"), std::string::npos) << run.err;
}

TEST_F(ReplayTimeline, MalformedBoundsAreBadUsage) {
  for (const std::vector<std::string>& options :
       {std::vector<std::string>{"c1", "--position", "ten"},
        std::vector<std::string>{"c1", "--as-of", "yesterday"},
        std::vector<std::string>{"c1", "--known-at", "2011-13-01T00:00:00Z"},
        std::vector<std::string>{"c1", "c2"}, std::vector<std::string>{}}) {
    const CtomRun run = Replay(options);
    EXPECT_EQ(run.exit_code, 2) << run;
    EXPECT_EQ(run.out, "");
    EXPECT_EQ(Lines(run.err).size(), 1u) << run.err;
  }
}

TEST(ReplayWhileServing, SeesWhatThePrimaryAppendsBetweenRuns) {
  // The primary stays open, as a running server's would; each run opens a secondary beside it.
  HistoryBuilder history = SmallHistory();
  DataFolder folder;
  folder.AppendAll(history);
  const CtomRun before =
      RunCtom({"replay", "--data", folder.data(), "c1", "--as-of", kGoldenJudgedAt});
  ASSERT_EQ(before.exit_code, 0) << before;
  const domain::Instant at = At("2012-03-01T12:00:00Z");  // 1 March in Pacific time too
  history.Do(On("c1", domain::CeuRecorded{"Workshop", "CETPA", domain::DateOf(at), 1000, ""}), at,
             "candidate");
  folder.Append(history.history().back());
  const CtomRun after =
      RunCtom({"replay", "--data", folder.data(), "c1", "--as-of", kGoldenJudgedAt});
  ASSERT_EQ(after.exit_code, 0) << after;
  EXPECT_TRUE(after.out.starts_with(before.out)) << after.out;
  EXPECT_NE(after.out.find("ceu_recorded"), std::string::npos) << after.out;
}

}  // namespace
}  // namespace ctom::cli::testing
