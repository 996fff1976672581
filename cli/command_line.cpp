// Argument parsing and dispatch of the command-line subcommands.
#include "cli/command_line.hpp"

#include <algorithm>
#include <cstdio>

namespace ctom::cli {

std::optional<std::string> Arguments::Option(const std::string& name) const {
  auto found = options.find(name);
  if (found == options.end()) return std::nullopt;
  return found->second;
}

int UsageError(const std::string& what) {
  std::fprintf(stderr, "ctom: %s\n", what.c_str());
  return kExitUsage;
}

std::optional<Arguments> ParseArguments(int argc, char** argv, int first,
                                        const std::vector<std::string>& known_options,
                                        const std::vector<std::string>& switches,
                                        std::size_t positional_max) {
  Arguments arguments;
  auto known = [](const std::vector<std::string>& list, const std::string& name) {
    return std::find(list.begin(), list.end(), name) != list.end();
  };
  for (int i = first; i < argc; ++i) {
    std::string word = argv[i];
    if (word == "--help" || word == "-h") {
      arguments.help = true;
      continue;
    }
    if (word.rfind("--", 0) != 0) {
      if (arguments.positional.size() == positional_max) {
        UsageError("unexpected argument '" + word + "'");
        return std::nullopt;
      }
      arguments.positional.push_back(word);
      continue;
    }
    std::string name = word.substr(2);
    std::optional<std::string> value;
    if (const auto equals = name.find('='); equals != std::string::npos) {
      value = name.substr(equals + 1);
      name = name.substr(0, equals);
    }
    if (known(switches, name)) {
      if (value) {
        UsageError("--" + name + " takes no value");
        return std::nullopt;
      }
      arguments.options[name] = "true";
      continue;
    }
    if (!known(known_options, name)) {
      UsageError("unknown option --" + name);
      return std::nullopt;
    }
    if (!value) {
      if (i + 1 >= argc) {
        UsageError("--" + name + " needs a value");
        return std::nullopt;
      }
      value = argv[++i];
    }
    arguments.options[name] = *value;
  }
  return arguments;
}

bool IsReplaySubcommand(const std::string& name) {
  return name == "replay" || name == "verify" || name == "rebuild" || name == "export" ||
         name == "backup" || name == "restore";
}

int RunSubcommand(int argc, char** argv) {
  const std::string name = argv[1];
  if (name == "replay") return RunReplay(argc, argv);
  if (name == "verify") return RunVerify(argc, argv);
  if (name == "rebuild") return RunRebuild(argc, argv);
  if (name == "export") return RunExport(argc, argv);
  if (name == "backup") return RunBackup(argc, argv);
  if (name == "restore") return RunRestore(argc, argv);
  return UsageError("unknown command '" + name + "'");
}

}  // namespace ctom::cli
