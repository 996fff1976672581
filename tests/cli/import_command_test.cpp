// ctom import end to end: JSON lines of commands through the API's rules; a refused line in the
// middle is reported by number and code and writes nothing, the others are written, and
// --dry-run writes nothing at all.
#include <filesystem>

#include "tests/cli/cli_test_support.hpp"
#include "vault/key_file.hpp"

namespace ctom::cli::testing {
namespace {

constexpr const char* kComment = "# cohort 2011 and its mentors, from the old spreadsheet";
// The 2011 cohort with its ten sessions, kickoff (0) to commencement (9), one a month in 2011.
std::string CohortLine() {
  std::string sessions;
  for (int n = 0; n <= 9; ++n) {
    const std::string month = (n + 2 < 10 ? "0" : "") + std::to_string(n + 2);
    sessions += std::string(n == 0 ? "" : ",") + R"({"number":)" + std::to_string(n) +
                R"(,"title":"Session )" + std::to_string(n) + R"(","starts_at":"2011-)" + month +
                R"(-05T18:00:00Z","ends_at":"2011-)" + month + R"(-06T00:00:00Z"})";
  }
  return R"({"command":"POST /v1/cohorts","occurred_at":"2010-08-01T00:00:00Z","body":{)"
         R"("year":2011,"application_opens":"2010-08-23T07:00:00Z",)"
         R"("application_deadline":"2010-09-30T00:00:00Z","tuition_cents":250000,)"
         R"("location":"Sacramento, CA","sessions":[)" +
         sessions + "]}}";
}
const std::string kCohort = CohortLine();
constexpr const char* kMentorOne =
    R"({"command":"POST /v1/mentors","occurred_at":"2010-08-02T00:00:00Z","body":{)"
    R"("name":"Mentor One","email":"one@example.org","employer":{"name":"Davis Joint Unified",)"
    R"("kind":"district"},"position":"CTO","currently_k12_leader":true,)"
    R"("hands_on_experience":true,"qualification":"work_experience","years_k12_leadership":12}})";
// Refused by a business rule: applications are accepted electronically only.
constexpr const char* kMailedApplication =
    R"({"command":"POST /v1/cohorts/2011/applications","occurred_at":"2010-08-25T00:00:00Z",)"
    R"("body":{"name":"Pat Doe","email":"pat@example.org","employer":{"name":"Yolo County )"
    R"(Office","kind":"county_office"},"position":"Director","documents":{},"channel":"mail"}})";
constexpr const char* kMentorTwo =
    R"({"command":"POST /v1/mentors","occurred_at":"2010-08-03T00:00:00Z","body":{)"
    R"("name":"Mentor Two","email":"two@example.org","employer":{"name":"Yolo County Office",)"
    R"("kind":"county_office"},"position":"CIO","currently_k12_leader":true,)"
    R"("hands_on_experience":true,"qualification":"business_degree","years_k12_leadership":7}})";

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  return text;
}

// Type and stream kind ("mentor", "cohort-2011", ...) of every record, in log order; mentor ids
// are generated, so only the stream's kind is kept for them.
std::vector<std::string> Shape(const std::string& ledger_path) {
  std::vector<std::string> shape;
  if (!std::filesystem::exists(ledger_path + "/CURRENT")) return shape;
  eventstore::OpenOptions options;
  options.path = ledger_path;
  auto ledger = eventstore::Ledger::Open(options);
  EXPECT_TRUE(ledger.has_value());
  if (!ledger) return shape;
  auto records = (*ledger)->ReadAll(1, eventstore::kReadPageEventsMax);
  EXPECT_TRUE(records.has_value());
  for (const eventstore::RecordedEvent& r : records.value_or(decltype(records)::value_type{})) {
    const std::string kind = r.stream.starts_with("mentor-") ? "mentor" : r.stream;
    shape.push_back(r.type + " " + kind);
  }
  return shape;
}

class ImportCommand : public ::testing::Test {
 protected:
  // The key file an operator passes (CTOM_KEY_FILE), so no master.key is generated with a warning.
  void SetUp() override {
    const std::string key_file = scratch_.path() + "/operator.key";
    ASSERT_TRUE(vault::CreateKeyFile(key_file).has_value());
    ::setenv("CTOM_KEY_FILE", key_file.c_str(), 1);
  }
  void TearDown() override { ::unsetenv("CTOM_KEY_FILE"); }

  std::string Write(const std::string& name, const std::vector<std::string>& lines) {
    const std::string path = scratch_.path() + "/" + name;
    WriteText(path, JoinLines(lines));
    return path;
  }
  std::string Data(const std::string& name) const { return scratch_.path() + "/" + name; }

  ScratchFolder scratch_;
};

TEST_F(ImportCommand, RefusedLineInTheMiddleIsReportedAndWritesNothingTheOthersAreWritten) {
  const std::string file =
      Write("years.jsonl", {kComment, kCohort, kMentorOne, kMailedApplication, "", kMentorTwo});
  const CtomRun run = RunCtom({"import", "--data", Data("data"), file});
  EXPECT_EQ(run.exit_code, 1) << run;
  ASSERT_EQ(Lines(run.err).size(), 1u) << run;
  EXPECT_TRUE(run.err.starts_with("line 4: electronic_only: ")) << run.err;
  EXPECT_EQ(run.out, "imported 3 lines, refused 1\n");
  // What is written is exactly what the accepted lines alone write.
  const std::string accepted = Write("accepted.jsonl", {kCohort, kMentorOne, kMentorTwo});
  const CtomRun alone = RunCtom({"import", "--data", Data("alone"), accepted});
  ASSERT_EQ(alone.exit_code, 0) << alone;
  const std::vector<std::string> shape = Shape(Data("data") + "/ledger");
  EXPECT_EQ(shape, Shape(Data("alone") + "/ledger"));
  ASSERT_FALSE(shape.empty());
  for (const std::string& record : shape) {
    EXPECT_EQ(record.find("candidate"), std::string::npos) << record;
  }
  // The folder verifies and replays like one the server wrote.
  EXPECT_EQ(RunCtom({"verify", "--data", Data("data")}).exit_code, 0);
}

TEST_F(ImportCommand, LinesThatAreNotCommandsAreValidationRefusals) {
  const std::string file = Write("bad.jsonl", {kCohort, "{not json", R"({"command":"POST"})",
                                               R"({"command":"POST /v1/mentors","extra":1})",
                                               R"({"command":"GET /v1/cohorts"})"});
  const CtomRun run = RunCtom({"import", "--data", Data("data"), file});
  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_EQ(run.out, "imported 1 lines, refused 4\n");
  const std::vector<std::string> errors = Lines(run.err);
  ASSERT_EQ(errors.size(), 4u) << run;
  for (std::size_t i = 0; i < errors.size(); ++i) {
    EXPECT_TRUE(errors[i].starts_with("line " + std::to_string(i + 2) + ": validation: "))
        << errors[i];
  }
  EXPECT_EQ(Shape(Data("data") + "/ledger").size(), 1u);
  // Where the JSON stops being JSON: the column Boost.JSON stopped at.
  EXPECT_EQ(errors[0], "line 2: validation: not JSON at column 2: syntax error");
}

TEST_F(ImportCommand, AValidationRefusalListsEveryRefusedFieldWithItsPath) {
  constexpr const char* kMentorWithExtras =
      R"({"command":"POST /v1/mentors","occurred_at":"2010-08-02T00:00:00Z","body":{)"
      R"("name":"Mentor One","email":"one@example.org","employer":{"name":"Davis Joint Unified",)"
      R"("kind":"district","region":"north"},"position":"CTO","currently_k12_leader":true,)"
      R"("hands_on_experience":true,"qualification":"work_experience","years_k12_leadership":12,)"
      R"("nickname":"Al"}})";
  const std::string file = Write("extras.jsonl", {kMentorWithExtras});
  const CtomRun run = RunCtom({"import", "--data", Data("data"), file});
  EXPECT_EQ(run.exit_code, 1) << run;
  ASSERT_EQ(Lines(run.err).size(), 1u) << run;
  EXPECT_TRUE(run.err.starts_with("line 1: validation: ")) << run.err;
  EXPECT_NE(run.err.find("employer.region: unknown field"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("nickname: unknown field"), std::string::npos) << run.err;
}

TEST_F(ImportCommand, DryRunReportsTheSameButWritesNothing) {
  const std::string file =
      Write("years.jsonl", {kComment, kCohort, kMentorOne, kMailedApplication, kMentorTwo});
  const CtomRun dry = RunCtom({"import", "--data", Data("data"), "--dry-run", file});
  EXPECT_EQ(dry.exit_code, 1) << dry;
  EXPECT_TRUE(dry.err.starts_with("line 4: electronic_only: ")) << dry.err;
  EXPECT_EQ(Shape(Data("data") + "/ledger").size(), 0u);
  const CtomRun real = RunCtom({"import", "--data", Data("data"), file});
  EXPECT_EQ(real.exit_code, 1) << real;
  EXPECT_EQ(real.err, dry.err);
  // The same counts, said as what would happen.
  EXPECT_EQ(dry.out, "would import 3 lines, would refuse 1\n");
  EXPECT_EQ(real.out, "imported 3 lines, refused 1\n");
}

TEST_F(ImportCommand, DryRunOnAnExistingLedgerJudgesAgainstItAndLeavesItUnchanged) {
  const std::string file = Write("years.jsonl", {kCohort, kMentorOne});
  ASSERT_EQ(RunCtom({"import", "--data", Data("data"), file}).exit_code, 0);
  const std::vector<std::string> before = Shape(Data("data") + "/ledger");
  ASSERT_EQ(before.size(), 2u);
  // Cohort 2011 exists now, so a second import of it is refused, in a dry run as for real.
  const std::string again = Write("again.jsonl", {kCohort, kMentorTwo});
  const CtomRun dry = RunCtom({"import", "--data", Data("data"), "--dry-run", again});
  EXPECT_EQ(dry.exit_code, 1) << dry;
  ASSERT_EQ(Lines(dry.err).size(), 1u) << dry;
  EXPECT_TRUE(dry.err.starts_with("line 1: already_exists: ")) << dry.err;
  EXPECT_EQ(Shape(Data("data") + "/ledger"), before);
}

TEST_F(ImportCommand, BadUsageExitsTwoWithOneLine) {
  const std::string file = Write("years.jsonl", {kCohort});
  for (const std::vector<std::string>& arguments : {
           std::vector<std::string>{"import"},
           std::vector<std::string>{"import", file},
           std::vector<std::string>{"import", "--data", Data("data")},
           std::vector<std::string>{"import", "--data", Data("data"), file, file},
           std::vector<std::string>{"import", "--data", Data("data"), "--fast", file},
           std::vector<std::string>{"import", "--data", Data("data"), Data("missing.jsonl")},
           std::vector<std::string>{"import", file, "--data"},
       }) {
    const CtomRun run = RunCtom(arguments);
    EXPECT_EQ(run.exit_code, 2) << run;
    EXPECT_EQ(run.out, "");
    EXPECT_EQ(Lines(run.err).size(), 1u) << run.err;
  }
  EXPECT_FALSE(std::filesystem::exists(Data("data") + "/ledger/CURRENT"));
}

TEST_F(ImportCommand, ALedgerTheServerHoldsIsSaidPlainlyInOneLine) {
  DataFolder serving;  // its primary ledger stays open, as a running server's does
  const std::string file = Write("years.jsonl", {kCohort});
  const CtomRun run = RunCtom({"import", "--data", serving.data(), file});
  EXPECT_EQ(run.exit_code, 2) << run;
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err, "ctom import: the ledger in " + serving.data() +
                         " is in use by another process (is ctom serve running?)\n");
}

TEST_F(ImportCommand, ALedgerThatCannotBeOpenedIsSaidWithTheReason) {
  // CURRENT names a manifest that is not there: RocksDB refuses to open the folder.
  std::filesystem::create_directories(Data("data") + "/ledger");
  WriteText(Data("data") + "/ledger/CURRENT", "MANIFEST-000099\n");
  const std::string file = Write("years.jsonl", {kCohort});
  const CtomRun run = RunCtom({"import", "--data", Data("data"), file});
  EXPECT_EQ(run.exit_code, 2) << run;
  EXPECT_EQ(run.out, "");
  // RocksDB logs its own warning on stderr before it; the program's line is the last.
  ASSERT_FALSE(Lines(run.err).empty()) << run;
  const std::string said = Lines(run.err).back();
  const std::string prefix = "ctom import: cannot open the ledger in " + Data("data") + "/ledger: ";
  EXPECT_TRUE(said.starts_with(prefix)) << run.err;
  EXPECT_NE(said.find("MANIFEST-000099"), std::string::npos) << "the reason is missing: " << said;
}

}  // namespace
}  // namespace ctom::cli::testing

namespace ctom::cli::testing {
namespace {

// Mentors of the 2011 spreadsheet, as CSV: the second row is unqualified.
constexpr const char* kMentorsCsv =
    "occurred_at,name,email,employer.name,employer.kind,position,currently_k12_leader,"
    "hands_on_experience,qualification,years_k12_leadership\r\n"
    "2010-08-02T00:00:00Z,Mentor One,one@example.org,Davis Joint Unified,district,CTO,true,true,"
    "work_experience,12\r\n"
    "2010-08-03T00:00:00Z,Mentor Two,two@example.org,Yolo County Office,county_office,CIO,false,"
    "false,,7\r\n";

TEST_F(ImportCommand, ACsvFilePrintsTheImportsAnswerAndEachRefusedRowAndImportsOnce) {
  const std::string file = scratch_.path() + "/mentors.csv";
  WriteText(file, kMentorsCsv);
  const CtomRun dry =
      RunCtom({"import", "--data", Data("data"), "--csv", "mentors", file, "--dry-run"});
  EXPECT_EQ(dry.exit_code, 1) << dry;
  EXPECT_TRUE(dry.out.starts_with(R"({"rows":2,"accepted":1,"refused":[{"row":2,)")) << dry;
  EXPECT_NE(dry.out.find(R"("appended":0})"), std::string::npos) << dry;
  ASSERT_EQ(Lines(dry.err).size(), 1u) << dry;
  EXPECT_TRUE(dry.err.starts_with("row 2: mentor_unqualified: ")) << dry.err;
  EXPECT_EQ(Shape(Data("data") + "/ledger").size(), 0u);
  const CtomRun real = RunCtom({"import", "--data", Data("data"), "--csv", "mentors", file});
  EXPECT_EQ(real.exit_code, 1) << real;
  EXPECT_EQ(real.err, dry.err);
  EXPECT_NE(real.out.find(R"("appended":1})"), std::string::npos) << real;
  const CtomRun again = RunCtom({"import", "--data", Data("data"), "--csv", "mentors", file});
  EXPECT_NE(again.out.find(R"("accepted":1,)"), std::string::npos) << again;
  EXPECT_NE(again.out.find(R"("appended":0})"), std::string::npos) << again;
  EXPECT_EQ(Shape(Data("data") + "/ledger"), (std::vector<std::string>{"mentor_applied mentor"}));
}

TEST_F(ImportCommand, ACsvFileRefusedAsAWholeExitsTwoInOneLine) {
  const std::string file = scratch_.path() + "/mentors.csv";
  WriteText(file, "occurred_at,name,shoe_size\r\n2010-08-02T00:00:00Z,Mentor One,9\r\n");
  for (const std::vector<std::string>& arguments : {
           std::vector<std::string>{"import", "--data", Data("data"), "--csv", "mentors", file},
           std::vector<std::string>{"import", "--data", Data("data"), "--csv", "pets", file},
           std::vector<std::string>{"import", "--data", Data("data"), file, "--csv"},
       }) {
    const CtomRun run = RunCtom(arguments);
    EXPECT_EQ(run.exit_code, 2) << run;
    EXPECT_EQ(run.out, "");
    EXPECT_EQ(Lines(run.err).size(), 1u) << run.err;
  }
  const CtomRun unknown = RunCtom({"import", "--data", Data("data"), "--csv", "mentors", file});
  EXPECT_NE(unknown.err.find("shoe_size"), std::string::npos) << unknown.err;
}

}  // namespace
}  // namespace ctom::cli::testing
