// End-to-end: the program's 2007-2012 spreadsheets (tests/data/seeds-2007-2012, written by
// scripts/generate-seed-imports) imported through `ctom import --csv` and through HTTP, each
// file dry-run first (nothing appended, the same per-row result as the real run); the program
// report as of the seeds' slide then reads what the slide says.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/e2e/program_client.hpp"
#include "tests/support/run_ctom.hpp"

namespace ctom::e2e {
namespace {

const std::filesystem::path kSeeds =
    std::filesystem::path(CTOM_SOURCE_DIR) / "tests/data/seeds-2007-2012";
const std::vector<std::string> kFiles{
    "01-applications.csv",       "02-decision.csv",      "03-attendance.csv", "04-drop.csv",
    "05-final-presentation.csv", "06-certification.csv", "07-promotions.csv"};
constexpr const char* kSlide = "2012-02-17T12:00:00-08:00";

std::string KindOf(const std::string& file) {
  return file.substr(3, file.size() - 3 - 4);  // "01-applications.csv" -> "applications"
}

std::string ReadText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The slide: 121 enrolled, 97 completed, 21 currently enrolled, 92 certified, 12 promoted,
// 93 districts and 19 county offices.
void ExpectTheSlide(const ServerProcess& server) {
  const Response report = Expect2xx(
      server.SendAsAdmin("GET", std::string("/v1/reports/program?as_of=") + kSlide), "report");
  const json::value counts = report.Json();
  EXPECT_EQ(counts.at("enrolled").as_int64(), 121) << report.body;
  EXPECT_EQ(counts.at("completed").as_int64(), 97);
  EXPECT_EQ(counts.at("currently_enrolled").as_int64(), 21);
  EXPECT_EQ(counts.at("certified").as_int64(), 92);
  EXPECT_EQ(counts.at("promoted").as_int64(), 12);
  EXPECT_EQ(counts.at("districts").as_int64(), 93);
  EXPECT_EQ(counts.at("county_offices").as_int64(), 19);
}

// A dry run's answer and the real run's agree row for row; the dry run appended nothing and the
// real run appended every row.
void ExpectSameRows(const json::value& dry, const json::value& real, const std::string& file) {
  EXPECT_EQ(dry.at("rows"), real.at("rows")) << file;
  EXPECT_EQ(dry.at("accepted"), real.at("accepted")) << file;
  EXPECT_EQ(dry.at("refused"), real.at("refused")) << file;
  EXPECT_TRUE(real.at("refused").as_array().empty()) << file << ": " << real;
  EXPECT_EQ(dry.at("appended").as_int64(), 0) << file;
  EXPECT_EQ(real.at("appended"), real.at("rows")) << file;
}

TEST(SeedsImport, TheSpreadsheetsImportedWithCtomImportReproduceTheSlide) {
  TemporaryFolder folder;
  const std::string data = folder.path().string();
  const testing::CtomRun setup = testing::RunCtomIn(
      folder.path(), {"import", "--data", data, (kSeeds / "setup.jsonl").string()});
  ASSERT_EQ(setup.exit_code, 0) << setup;
  for (const std::string& file : kFiles) {
    const std::string path = (kSeeds / file).string();
    const testing::CtomRun dry = testing::RunCtomIn(
        folder.path(), {"import", "--data", data, "--csv", KindOf(file), path, "--dry-run"});
    ASSERT_EQ(dry.exit_code, 0) << file << ": " << dry;
    const testing::CtomRun real =
        testing::RunCtomIn(folder.path(), {"import", "--data", data, "--csv", KindOf(file), path});
    ASSERT_EQ(real.exit_code, 0) << file << ": " << real;
    ExpectSameRows(json::parse(dry.out), json::parse(real.out), file);
  }
  const ServerProcess server(ServeOptions(folder.path()));
  ExpectTheSlide(server);
}

TEST(SeedsImport, TheSpreadsheetsImportedOverHttpReproduceTheSlide) {
  TemporaryFolder folder;
  const ServerProcess server(ServeOptions(folder.path()));
  // setup.jsonl's lines are requests: rule sets and cohorts are not import kinds.
  std::istringstream setup(ReadText(kSeeds / "setup.jsonl"));
  for (std::string line; std::getline(setup, line);) {
    if (line.empty() || line.front() == '#') continue;
    const json::object command = json::parse(line).as_object();
    json::object body = command.at("body").as_object();
    if (const json::value* at = command.if_contains("occurred_at")) body["occurred_at"] = *at;
    const std::string target(command.at("command").as_string().subview().substr(5));
    Expect2xx(Call(server, kAdminToken, "POST", target, body), target);
  }
  for (const std::string& file : kFiles) {
    const std::string csv = ReadText(kSeeds / file);
    const std::string target = "/v1/imports/" + KindOf(file);
    const Response dry = Expect2xx(Call(server, kAdminToken, "POST", target + "?dry_run=true", csv,
                                        {{"Content-Type", "text/csv"}}),
                                   file);
    const Response real = Expect2xx(
        Call(server, kAdminToken, "POST", target, csv, {{"Content-Type", "text/csv"}}), file);
    ExpectSameRows(dry.Json(), real.Json(), file);
  }
  ExpectTheSlide(server);
  // The certificates keep the numbers the spreadsheets gave them.
  EXPECT_EQ(server.Send("GET", "/v1/certificates/CETPA-07-001").status, 200);
  // Importing the files again appends nothing.
  const std::int64_t position = LedgerPosition(server);
  for (const std::string& file : kFiles) {
    const Response again =
        Expect2xx(Call(server, kAdminToken, "POST", "/v1/imports/" + KindOf(file),
                       ReadText(kSeeds / file), {{"Content-Type", "text/csv"}}),
                  file);
    EXPECT_EQ(again.Json().at("appended").as_int64(), 0) << file;
  }
  EXPECT_EQ(LedgerPosition(server), position);
}

}  // namespace
}  // namespace ctom::e2e
