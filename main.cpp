// The ctom program: `ctom serve` and the auditor's and administrator's subcommands.
#include <cstdio>
#include <string>
#include <string_view>

#include "api/import_command.hpp"
#include "api/program_routes.hpp"
#include "api/serve_command.hpp"
#include "replay/command_line.hpp"

namespace {

constexpr std::string_view kUsage =
    "usage: ctom <serve|replay|verify|rebuild|export|backup|restore|import> [options]\n"
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
    return ctom::api::RunServe(argc, argv, kProgram);
  }
  if (command == "import") return ctom::api::RunImport(argc, argv);
  if (ctom::replay::IsReplaySubcommand(std::string(command))) {
    return ctom::replay::RunSubcommand(argc, argv);
  }
  std::fprintf(stderr, "ctom: unknown command '%s'\n", argv[1]);
  return 2;
}
