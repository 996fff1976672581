// The auditor's and administrator's subcommands of `ctom`: replay, verify, rebuild, export,
// backup and restore. Each returns the process exit code: 0 success, 1 the check asked for
// failed, 2 bad usage or unreadable data (one line on stderr says what and where).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ctom::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitCheckFailed = 1;
inline constexpr int kExitUsage = 2;

// `--name value` and `--name=value` options, `--flag` switches, and positional arguments.
struct Arguments {
  std::map<std::string, std::string> options;
  std::vector<std::string> positional;
  bool help = false;

  std::optional<std::string> Option(const std::string& name) const;
  bool Has(const std::string& name) const { return options.contains(name); }
};

// Parses argv[first..]; `switches` are the options that take no value. nullopt (after printing
// the one-line error) on an unknown option, a missing value, or more than positional_max
// positional arguments.
std::optional<Arguments> ParseArguments(int argc, char** argv, int first,
                                        const std::vector<std::string>& known_options,
                                        const std::vector<std::string>& switches,
                                        std::size_t positional_max = 0);

// Runs `ctom <subcommand> ...` for the subcommands of this folder; argv[1] is the subcommand.
int RunSubcommand(int argc, char** argv);

// True for the subcommands RunSubcommand knows.
bool IsReplaySubcommand(const std::string& name);

int RunReplay(int argc, char** argv);
int RunVerify(int argc, char** argv);
int RunRebuild(int argc, char** argv);
int RunExport(int argc, char** argv);
int RunBackup(int argc, char** argv);
int RunRestore(int argc, char** argv);

// Prints "ctom: <what>" on stderr and returns kExitUsage.
int UsageError(const std::string& what);

}  // namespace ctom::cli
