// `ctom serve`: opens the ledger, sets up the first admin token, registers the routes and serves.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <span>
#include <string>
#include <string_view>

#include "api/server_context.hpp"
#include "server/limits.hpp"

namespace ctom::cli {

struct ServeArguments {
  std::string data_directory;      // --data DIR (required)
  std::string host = "127.0.0.1";  // --listen HOST:PORT
  std::uint16_t port = 8080;
  std::size_t io_threads = server::kIoThreadsDefault;  // --threads N (1..server::kIoThreadsMax)
  std::chrono::milliseconds read_timeout = server::kReadTimeoutDefault;  // --read-timeout-ms N
  std::string
      public_url;  // --public-url URL (http or https, no trailing '/'); "" = http://<listen>
  std::string time_zone = "America/Los_Angeles";  // --time-zone TZ: how instants are shown
  std::string trusted_proxy;  // --trusted-proxy ADDR, canonical (CanonicalIpAddress); "" = none
  std::string key_file;       // --key-file F, else CTOM_KEY_FILE; "" = DIR/master.key
  bool help = false;          // --help
};

// Parses the arguments after "serve". Fails with one line saying what is wrong.
[[nodiscard]] std::expected<ServeArguments, std::string> ParseServeArguments(
    std::span<const std::string_view> arguments);

// The files `ctom serve` keeps in DIR besides the ledger.
inline constexpr std::string_view kLedgerFolderName = "ledger";            // DIR/ledger: RocksDB
inline constexpr std::string_view kAdminTokenFileName = "admin.token";     // mode 0600
inline constexpr std::string_view kListenAddressFileName = "listen.addr";  // "127.0.0.1:PORT\n"
// The user id of the first admin (CTOM_ADMIN_TOKEN or DIR/admin.token).
inline constexpr std::string_view kFirstAdminUserId = "admin";

// `ctom serve --data DIR [--listen HOST:PORT] [--threads N] [--read-timeout-ms N]`, called with
// main's own argc/argv (argv[1] is "serve"). Returns the exit code: 0 after a clean stop (SIGINT or
// SIGTERM), 1 when the server cannot listen, 2 on bad usage or an unreadable data folder (one
// line on stderr). Prints "listening on HOST:PORT" on stdout once it accepts connections and
// writes the same address to DIR/listen.addr (removed again on a clean stop).
//
// Routes: GET /healthz, /metrics, /openapi.json, the ledger routes, then each of registrations in
// order (the domain's endpoints).
int RunServe(int argc, char** argv, std::span<const api::RouteRegistration> registrations = {});

}  // namespace ctom::cli
