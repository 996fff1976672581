// ctom rebuild end to end: the program report from an offline fold, a what-if under a rules file
// that lists the candidates whose outcomes change, and bad rules files refused as bad usage.
#include "tests/cli/cli_test_support.hpp"

namespace ctom::cli::testing {
namespace {

class RebuildCommand : public ::testing::Test {
 protected:
  void SetUp() override { folder_.AppendAll(SmallHistory()); }

  CtomRun Rebuild(std::vector<std::string> options = {}) {
    std::vector<std::string> arguments{"rebuild", "--data", folder_.data()};
    arguments.insert(arguments.end(), options.begin(), options.end());
    return RunCtom(arguments);
  }

  std::string RulesFile(const std::string& text) {
    const std::string path = scratch_.path() + "/rules" + std::to_string(++files_) + ".json";
    WriteText(path, text);
    return path;
  }

  // The program row of the report: scope, then the counts.
  static std::vector<std::string> ProgramRow(const std::string& out) {
    for (const std::string& line : Lines(out)) {
      if (!line.starts_with("program ") || line.starts_with("program report")) continue;
      std::istringstream words(line);
      std::vector<std::string> row;
      for (std::string word; words >> word;) row.push_back(word);
      return row;
    }
    return {};
  }

  DataFolder folder_;
  ScratchFolder scratch_;
  int files_ = 0;
};

TEST_F(RebuildCommand, PrintsTheProgramReportOfTheWholeLog) {
  const CtomRun run = Rebuild();
  ASSERT_EQ(run.exit_code, 0) << run;
  const std::vector<std::string> lines = Lines(run.out);
  ASSERT_GE(lines.size(), 4u) << run;
  EXPECT_TRUE(lines[0].starts_with("program report as of ")) << lines[0];
  EXPECT_NE(lines[0].find("(position " + std::to_string(folder_.ledger().GetHead().position) + ")"),
            std::string::npos)
      << lines[0];
  // enrolled 2 (c1 certified, c2 dropped), completed 1, certified 1, dropped 1.
  const std::vector<std::string> row = ProgramRow(run.out);
  ASSERT_GE(row.size(), 5u) << run;
  EXPECT_EQ(row[1], "2") << run.out;
  EXPECT_EQ(row[2], "1") << run.out;
  EXPECT_EQ(row[3], "1") << run.out;
  EXPECT_EQ(row[4], "1") << run.out;
  EXPECT_NE(run.out.find("\n2011 "), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find("changed under these rules"), std::string::npos);
  // Every column of the CSV report, revoked certificates last.
  EXPECT_TRUE(lines[1].starts_with("scope ")) << lines[1];
  EXPECT_TRUE(lines[1].ends_with(" lapsed revoked")) << lines[1];
  ASSERT_EQ(row.size(), 13u) << run.out;
  EXPECT_EQ(row[12], "0") << run.out;
}

TEST_F(RebuildCommand, WhatIfWithAChangedParameterListsTheChangedCandidates) {
  // c1 had two portfolio reviews; under a rule asking for three, its completion changes.
  const CtomRun run = Rebuild({"--rules", RulesFile(R"({"min_portfolio_reviews": 3})")});
  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_TRUE(run.out.starts_with("program report as of ")) << run.out;
  const std::size_t changed = run.out.find("changed under these rules: ");
  ASSERT_NE(changed, std::string::npos) << run.out;
  EXPECT_NE(run.out.find("  c1 completion: met -> unmet: mentor_meetings"), std::string::npos)
      << run.out;
  EXPECT_EQ(run.out.find("  c2 "), std::string::npos) << run.out;
}

TEST_F(RebuildCommand, WhatIfWithUnchangedParametersChangesNothing) {
  const CtomRun run = Rebuild({"--rules", RulesFile(R"({"parameters": {"min_portfolio_reviews": 2},
      "effective_from": "2010-01-01T00:00:00Z"})")});
  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_NE(run.out.find("changed under these rules: 0\n"), std::string::npos) << run.out;
}

TEST_F(RebuildCommand, BadRulesFileIsBadUsageWithOneLine) {
  for (const std::string& text : {
           std::string("not json"),
           std::string("[1, 2]"),
           std::string(R"({"no_such_rule": 1})"),
           std::string(R"({"min_portfolio_reviews": 1000})"),
           std::string(R"({"min_portfolio_reviews": 2.5})"),
           std::string(R"({"min_portfolio_reviews": 1e300})"),
           std::string(R"({"min_ceus_per_cycle": 1.234})"),
           std::string(R"({"feedback_required": "yes"})"),
           std::string(R"({"required_documents": ["passport"]})"),
           std::string(R"({"parameters": [], "effective_from": "2010-01-01T00:00:00Z"})"),
           std::string(R"({"parameters": {}, "effective_from": "soon"})"),
       }) {
    const CtomRun run = Rebuild({"--rules", RulesFile(text)});
    EXPECT_EQ(run.exit_code, 2) << text << "\n" << run;
    EXPECT_EQ(run.out, "") << text;
    EXPECT_EQ(Lines(run.err).size(), 1u) << text << "\n" << run.err;
  }
  const CtomRun missing = Rebuild({"--rules", scratch_.path() + "/missing.json"});
  EXPECT_EQ(missing.exit_code, 2) << missing;
  EXPECT_EQ(Lines(missing.err).size(), 1u) << missing.err;
}

TEST_F(RebuildCommand, ARulesFileThatCannotBeReadSaysWhyAndWhere) {
  const std::string broken = RulesFile("{\n  \"min_portfolio_reviews\": 3,\n  oops\n}\n");
  const CtomRun run = Rebuild({"--rules", broken});
  EXPECT_EQ(run.exit_code, 2) << run;
  EXPECT_EQ(run.err, "ctom: " + broken + ": not JSON at line 3, column 3: syntax error\n");
  const std::string unfinished = RulesFile("{\"min_portfolio_reviews\": 3");
  EXPECT_EQ(Rebuild({"--rules", unfinished}).err,
            "ctom: " + unfinished + ": not JSON at line 1, column 28: incomplete JSON\n");
  const std::string missing = scratch_.path() + "/missing.json";
  EXPECT_EQ(Rebuild({"--rules", missing}).err,
            "ctom: cannot read " + missing + ": No such file or directory\n");
  EXPECT_EQ(Rebuild({"--rules", scratch_.path()}).err,
            "ctom: cannot read " + scratch_.path() + ": Is a directory\n");
}

}  // namespace
}  // namespace ctom::cli::testing
