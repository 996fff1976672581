// The ctom program: `ctom serve` and the auditor's and administrator's subcommands.
#include <cstdio>
#include <string>
#include <string_view>

#include "api/program_routes.hpp"
#include "cli/command_line.hpp"
#include "cli/import_command.hpp"
#include "cli/keys_command.hpp"
#include "cli/serve_command.hpp"

namespace {

constexpr std::string_view kUsage =
    "usage: ctom <serve|replay|verify|rebuild|export|backup|restore|import|keys> [options]\n"
    "       ctom <command> --help\n";

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fputs(kUsage.data(), stderr);
    return 2;
  }
  const std::string_view command = argv[1];
  if (command == "--help" || command == "help") {
    std::fputs(kUsage.data(), stdout);
    return 0;
  }
  if (command == "serve") {
    static constexpr ctom::api::RouteRegistration kProgram[] = {&ctom::api::RegisterProgramRoutes};
    return ctom::cli::RunServe(argc, argv, kProgram);
  }
  if (command == "import") return ctom::cli::RunImport(argc, argv);
  if (command == "keys") return ctom::cli::RunKeys(argc, argv);
  if (ctom::cli::IsReplaySubcommand(std::string(command))) {
    return ctom::cli::RunSubcommand(argc, argv);
  }
  std::fprintf(stderr, "ctom: unknown command '%s'\n", argv[1]);
  return 2;
}
