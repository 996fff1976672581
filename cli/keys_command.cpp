// ctom keys rotate.
#include "cli/keys_command.hpp"

#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

#include "cli/command_line.hpp"
#include "cli/ledger_access.hpp"
#include "credentials/issuer_keys.hpp"

namespace ctom::cli {
namespace {

constexpr const char* kKeysUsage =
    "usage: ctom keys rotate --data DIR\n"
    "  rotate   a new credential-signing key; the old one stays in /.well-known/jwks.json so\n"
    "           credentials signed before keep verifying. Offline: stop the server first.\n";

int RunRotate(int argc, char** argv) {
  auto args = ParseArguments(argc, argv, 3, {"data"}, {});
  if (!args) return kExitUsage;
  if (args->help) return std::fputs(kKeysUsage, stdout), kExitOk;
  if (!args->Has("data")) return UsageError("keys rotate needs --data DIR");
  const std::string data = *args->Option("data");
  std::error_code error;
  if (!std::filesystem::is_directory(data, error)) {
    return UsageError("keys rotate: no data folder " + data);
  }
  if (LedgerInUse(data)) {
    return UsageError("keys rotate: a server is running on " + data +
                      "; stop it first (keys are rotated offline)");
  }
  auto kid = credentials::IssuerKeys::Rotate(data);
  if (!kid) return UsageError("keys rotate: " + kid.error());
  auto keys = credentials::IssuerKeys::OpenOrCreate(data);
  if (!keys) return UsageError("keys rotate: " + keys.error());
  std::printf("issuer key %s is current; the JWKS lists %zu keys\n", kid->c_str(),
              keys->public_keys().size());
  return kExitOk;
}

}  // namespace

int RunKeys(int argc, char** argv) {
  const std::string_view action = argc > 2 ? argv[2] : "";
  if (action == "--help" || action == "-h" || action == "help") {
    return std::fputs(kKeysUsage, stdout), kExitOk;
  }
  if (action == "rotate") return RunRotate(argc, argv);
  if (action.empty()) return UsageError("keys needs an action: rotate");
  return UsageError("keys: unknown action '" + std::string(action) + "'");
}

}  // namespace ctom::cli
