// The command line of every ctom subcommand: --help exits 0 with the usage on stdout; unknown
// options, stray arguments and unknown commands exit 2 with one line on stderr.
#include "tests/cli/cli_test_support.hpp"

namespace ctom::cli::testing {
namespace {

const std::vector<std::string> kSubcommands = {"serve",  "replay", "verify",  "rebuild",
                                               "export", "backup", "restore", "import"};

TEST(CommandLine, HelpOfEverySubcommandExitsZeroWithItsUsageOnStdout) {
  for (const std::string& name : kSubcommands) {
    for (const char* help : {"--help", "-h"}) {
      const CtomRun run = RunCtom({name, help});
      EXPECT_EQ(run.exit_code, 0) << name << " " << help << "\n" << run;
      EXPECT_TRUE(run.out.starts_with("usage: ctom " + name)) << name << "\n" << run.out;
      EXPECT_EQ(run.err, "") << name;
    }
  }
  const CtomRun top = RunCtom({"--help"});
  EXPECT_EQ(top.exit_code, 0) << top;
  EXPECT_TRUE(top.out.starts_with("usage: ctom ")) << top.out;
}

TEST(CommandLine, UnknownOptionExitsTwoWithOneLineNamingIt) {
  ScratchFolder scratch;
  for (const std::string& name : kSubcommands) {
    const CtomRun run = RunCtom({name, "--data", scratch.path(), "--no-such-option"});
    EXPECT_EQ(run.exit_code, 2) << name << "\n" << run;
    EXPECT_EQ(run.out, "") << name;
    ASSERT_EQ(Lines(run.err).size(), 1u) << name << "\n" << run.err;
    EXPECT_NE(run.err.find("--no-such-option"), std::string::npos) << name << "\n" << run.err;
  }
}

TEST(CommandLine, StrayArgumentExitsTwoWithOneLine) {
  ScratchFolder scratch;
  for (const std::vector<std::string>& arguments : {
           std::vector<std::string>{"verify", "--data", scratch.path(), "stray"},
           std::vector<std::string>{"rebuild", "--data", scratch.path(), "stray"},
           std::vector<std::string>{"export", "--data", scratch.path(), "stray"},
           std::vector<std::string>{"backup", "--data", scratch.path(), "--to", "b", "stray"},
           std::vector<std::string>{"restore", "--from", "b", "--data", scratch.path(), "stray"},
       }) {
    const CtomRun run = RunCtom(arguments);
    EXPECT_EQ(run.exit_code, 2) << arguments[0] << "\n" << run;
    EXPECT_EQ(Lines(run.err).size(), 1u) << arguments[0] << "\n" << run.err;
    EXPECT_NE(run.err.find("stray"), std::string::npos) << arguments[0] << "\n" << run.err;
  }
}

TEST(CommandLine, OptionWithoutItsValueExitsTwoWithOneLine) {
  for (const char* name : {"replay", "verify", "rebuild", "export", "backup", "import"}) {
    const CtomRun run = RunCtom({name, "--data"});
    EXPECT_EQ(run.exit_code, 2) << name << "\n" << run;
    ASSERT_EQ(Lines(run.err).size(), 1u) << name << "\n" << run.err;
    EXPECT_NE(run.err.find("--data"), std::string::npos) << name << "\n" << run.err;
  }
}

TEST(CommandLine, UnknownCommandAndNoCommandExitTwo) {
  const CtomRun unknown = RunCtom({"frobnicate"});
  EXPECT_EQ(unknown.exit_code, 2) << unknown;
  EXPECT_EQ(Lines(unknown.err).size(), 1u) << unknown.err;
  const CtomRun none = RunCtom({});
  EXPECT_EQ(none.exit_code, 2) << none;
  EXPECT_EQ(none.out, "");
}

}  // namespace
}  // namespace ctom::cli::testing
