// `ctom serve`: the server's start-up and shutdown.
#include "cli/serve_command.hpp"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <vector>

#include "api/console_routes.hpp"
#include "api/ledger_routes.hpp"
#include "api/program_time_zone.hpp"
#include "api/system_routes.hpp"
#include "cli/vault_access.hpp"
#include "eventstore/ledger.hpp"
#include "eventstore/private_folder.hpp"
#include "server/auth.hpp"
#include "server/batched_stderr_sink.hpp"
#include "server/browser_sessions.hpp"
#include "server/client_address.hpp"
#include "server/dispatcher.hpp"
#include "server/metrics.hpp"
#include "server/router.hpp"
#include "server/server.hpp"
#include "server/sign_in_limiter.hpp"
#include "vault/vault.hpp"

namespace ctom::cli {

using namespace ctom::api;
using namespace ctom::server;
namespace {

constexpr std::string_view kUsage =
    "usage: ctom serve --data DIR [--listen HOST:PORT] [--threads N] [--read-timeout-ms N]\n"
    "                  [--public-url URL] [--time-zone TZ] [--trusted-proxy ADDR]\n"
    "                  [--key-file F]\n"
    "  --data DIR            the data folder (the ledger is DIR/ledger; created if missing)\n"
    "  --listen HOST:PORT    default 127.0.0.1:8080; port 0 picks a free port\n"
    "  --threads N           I/O threads, 1..64 (default 2); handlers run on 64 workers\n"
    "  --read-timeout-ms N   per request and between keep-alive requests (default 30000)\n"
    "  --public-url URL      the base of absolute links (default http://<listen>); https makes\n"
    "                        the session cookie Secure\n"
    "  --time-zone TZ        the program's time zone for instants shown (default\n"
    "                        America/Los_Angeles)\n"
    "  --trusted-proxy ADDR  the reverse proxy whose X-Forwarded-For names the client\n"
    "  --key-file F          the key that wraps personal data keys (else CTOM_KEY_FILE, else\n"
    "                        DIR/master.key, generated into a new data folder with a warning)\n"
    "  CTOM_ADMIN_TOKEN      the first admin's token; else one is generated into DIR/admin.token\n";

constexpr std::size_t kPublicUrlBytesMax = 2048;

template <typename Number>
std::optional<Number> ParseNumber(std::string_view text, Number min, Number max) {
  Number value{};
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size() || value < min ||
      value > max) {
    return std::nullopt;
  }
  return value;
}

// "127.0.0.1:8080" or "[::1]:8080".
std::expected<void, std::string> ParseListen(std::string_view text, ServeArguments& arguments) {
  const std::size_t colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0) {
    return std::unexpected("--listen must be HOST:PORT, e.g. 127.0.0.1:8080");
  }
  std::string_view host = text.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  const auto port = ParseNumber<std::uint16_t>(text.substr(colon + 1), 0, 65535);
  if (!port || host.empty())
    return std::unexpected("--listen must be HOST:PORT, e.g. 127.0.0.1:8080");
  arguments.host = std::string(host);
  arguments.port = *port;
  return {};
}

// An absolute http(s) URL with a host and no spaces or control characters; a trailing '/' is
// dropped, so links are public_url + "/v1/...".
std::expected<std::string, std::string> ParsePublicUrl(std::string_view text) {
  const std::string lower = AsciiLower(text);
  const std::size_t scheme = lower.starts_with("https://")  ? 8
                             : lower.starts_with("http://") ? 7
                                                            : 0;
  const bool printable = std::all_of(text.begin(), text.end(), [](char c) {
    return static_cast<unsigned char>(c) > ' ' && static_cast<unsigned char>(c) < 0x7f;
  });
  if (scheme == 0 || text.size() > kPublicUrlBytesMax || !printable || text.size() == scheme ||
      text[scheme] == '/' || text.find_first_of("?#", scheme) != std::string_view::npos) {
    return std::unexpected(
        "--public-url must be an absolute http:// or https:// URL, e.g. "
        "https://ctom.example.org");
  }
  std::string url(text);
  while (url.size() > scheme + 1 && url.back() == '/') url.pop_back();
  return url;
}

// An IANA zone name ("America/Los_Angeles", "UTC") that the system's zone database holds (when it
// has one).
std::expected<std::string, std::string> ParseTimeZone(std::string_view text) {
  const auto segment_ok = [](std::string_view segment) {
    return !segment.empty() && segment != "." && segment != ".." &&
           std::all_of(segment.begin(), segment.end(), [](char c) {
             return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '+';
           });
  };
  bool ok = !text.empty() && text.size() <= 64;
  for (std::string_view rest = text; ok && !rest.empty();) {
    const std::size_t slash = rest.find('/');
    ok = segment_ok(rest.substr(0, slash));
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (slash != std::string_view::npos && rest.empty()) ok = false;
  }
  // The zone must be one the system's tzdata holds: it writes every refusal's instants.
  if (ok) ok = ProgramTimeZone::Load(text).has_value();
  if (!ok) {
    return std::unexpected(
        "--time-zone must be a time zone name such as America/Los_Angeles, "
        "not '" +
        std::string(text.substr(0, 64)) + "'");
  }
  return std::string(text);
}

// One option and its value. Fails with one line saying what is wrong.
std::expected<void, std::string> ApplyOption(std::string_view name, std::string_view value,
                                             ServeArguments& parsed) {
  if (name == "--data") {
    if (value.empty()) return std::unexpected("--data needs a folder");
    parsed.data_directory = std::string(value);
  } else if (name == "--listen") {
    return ParseListen(value, parsed);
  } else if (name == "--threads") {
    const auto threads = ParseNumber<std::size_t>(value, 1, kIoThreadsMax);
    if (!threads) return std::unexpected("--threads must be 1.." + std::to_string(kIoThreadsMax));
    parsed.io_threads = *threads;
  } else if (name == "--read-timeout-ms") {
    const auto milliseconds = ParseNumber<std::int64_t>(value, 1, 3'600'000);
    if (!milliseconds) return std::unexpected("--read-timeout-ms must be 1..3600000");
    parsed.read_timeout = std::chrono::milliseconds(*milliseconds);
  } else if (name == "--public-url") {
    auto url = ParsePublicUrl(value);
    if (!url) return std::unexpected(url.error());
    parsed.public_url = std::move(*url);
  } else if (name == "--time-zone") {
    auto zone = ParseTimeZone(value);
    if (!zone) return std::unexpected(zone.error());
    parsed.time_zone = std::move(*zone);
  } else if (name == "--key-file") {
    if (value.empty()) return std::unexpected("--key-file needs a file");
    parsed.key_file = std::string(value);
  } else {
    auto address = CanonicalIpAddress(value);
    if (!address) {
      return std::unexpected("--trusted-proxy must be an IP address such as 127.0.0.1 or ::1");
    }
    parsed.trusted_proxy = std::move(*address);
  }
  return {};
}

bool IsBearerTokenText(std::string_view token) {
  if (token.empty() || token.size() > kBearerTokenBytesMax) return false;
  for (const char c : token) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/' ||
                    c == '=';
    if (!ok) return false;
  }
  return true;
}

// Writes text to path through a temporary file and a rename, so readers see all or nothing.
bool WriteFileAtomically(const std::filesystem::path& path, std::string_view text) {
  const std::filesystem::path temporary = path.string() + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) return false;
  }
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  return !ec;
}

// The first admin's token: CTOM_ADMIN_TOKEN, else DIR/admin.token (created with a new random
// token, mode 0600, when missing). Fails with one line for stderr.
std::expected<std::string, std::string> FirstAdminToken(const std::filesystem::path& directory) {
  if (const char* from_environment = std::getenv("CTOM_ADMIN_TOKEN")) {
    if (!IsBearerTokenText(from_environment)) {
      return std::unexpected(
          "CTOM_ADMIN_TOKEN must be 1..256 characters of A-Z a-z 0-9 - . _ ~ + / =");
    }
    spdlog::info("first admin token: from CTOM_ADMIN_TOKEN");
    return std::string(from_environment);
  }
  const std::filesystem::path path = directory / kAdminTokenFileName;
  const std::string where = path.string();
  if (std::filesystem::exists(path)) {
    std::ifstream in(path, std::ios::binary);
    std::string token;
    std::getline(in, token);
    if (!in && !in.eof()) return std::unexpected("cannot read " + where);
    if (!IsBearerTokenText(token)) return std::unexpected(where + " does not hold a token");
    if (eventstore::OpenToOthers(path)) {
      spdlog::warn("{} may be read by other users: chmod 600 it (it holds the admin token)", where);
    }
    spdlog::info("first admin token: in {}", where);
    return token;
  }
  auto token = GenerateToken();
  if (!token) return std::unexpected("cannot generate a random token (OpenSSL RAND_bytes failed)");
  const int fd = ::open(where.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return std::unexpected("cannot create " + where);
  const std::string line = *token + "\n";
  const bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) &&
                       ::fsync(fd) == 0;
  ::close(fd);
  if (!written) return std::unexpected("cannot write " + where);
  spdlog::info("first admin token: generated into {}", where);
  return *token;
}

void SetUpLogging() {
  // Logs go to stderr; stdout carries only "listening on ...". UTC timestamps.
  // One line per request: written in batches, not with a write(2) each (batched_stderr_sink.hpp).
  auto logger = std::make_shared<spdlog::logger>("ctom", std::make_shared<BatchedStderrSink>());
  spdlog::set_default_logger(std::move(logger));
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %l %v", spdlog::pattern_time_type::utc);
  spdlog::set_level(spdlog::level::info);
}

// Raises the soft limit of open files so that `wanted` connections fit beside
// kFileDescriptorsReserve, and returns how many connections fit (fewer when the hard limit is
// lower). Without this a server under the usual soft limit of 1024 would run out of descriptors
// before its connection cap and leave new clients waiting in the listen backlog.
std::size_t RaiseOpenFilesLimit(std::size_t wanted) {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return wanted;
  const rlim_t needed = static_cast<rlim_t>(wanted + kFileDescriptorsReserve);
  if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < needed) {
    rlimit raised = limit;
    raised.rlim_cur =
        limit.rlim_max == RLIM_INFINITY ? needed : std::min<rlim_t>(needed, limit.rlim_max);
    if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
  }
  if (limit.rlim_cur == RLIM_INFINITY || limit.rlim_cur >= needed) return wanted;
  const std::size_t open_files = static_cast<std::size_t>(limit.rlim_cur);
  const std::size_t fit = open_files > 2 * kFileDescriptorsReserve
                              ? open_files - kFileDescriptorsReserve
                              : std::max<std::size_t>(open_files / 2, 1);
  spdlog::warn(
      "open files are limited to {} (RLIMIT_NOFILE): serving at most {} connections, not {}",
      open_files, fit, wanted);
  return fit;
}

std::int64_t SystemClockMicroseconds() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

int Usage(const std::string& message) {
  std::fprintf(stderr, "ctom serve: %s\n", message.c_str());
  return 2;
}

}  // namespace

std::expected<ServeArguments, std::string> ParseServeArguments(
    std::span<const std::string_view> arguments) {
  ServeArguments parsed;
  bool have_data = false;
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    const std::string_view name = arguments[i];
    if (name == "--help" || name == "-h") {
      parsed.help = true;
      return parsed;
    }
    static constexpr std::array<std::string_view, 8> kOptions{
        "--data",       "--listen",    "--threads",       "--read-timeout-ms",
        "--public-url", "--time-zone", "--trusted-proxy", "--key-file"};
    if (std::find(kOptions.begin(), kOptions.end(), name) == kOptions.end()) {
      return std::unexpected("unknown argument '" + std::string(name) + "'");
    }
    if (i + 1 >= arguments.size()) return std::unexpected(std::string(name) + " needs a value");
    if (auto applied = ApplyOption(name, arguments[++i], parsed); !applied) {
      return std::unexpected(applied.error());
    }
    have_data = have_data || name == "--data";
  }
  if (!have_data) return std::unexpected("--data DIR is required");
  if (parsed.key_file.empty()) {
    if (const char* from_environment = std::getenv("CTOM_KEY_FILE")) {
      parsed.key_file = from_environment;
    }
  }
  return parsed;
}

int RunServe(int argc, char** argv, std::span<const RouteRegistration> registrations) {
  std::vector<std::string_view> words;
  for (int i = 2; i < argc; ++i) words.emplace_back(argv[i]);
  auto arguments = ParseServeArguments(words);
  if (!arguments) return Usage(arguments.error());
  if (arguments->help) {
    std::fputs(kUsage.data(), stdout);
    return 0;
  }
  std::signal(SIGPIPE, SIG_IGN);  // a vanished client or stdout reader is an error value, not death
  SetUpLogging();
  const std::size_t connections_max = RaiseOpenFilesLimit(kConnectionsMax);

  const std::filesystem::path directory = arguments->data_directory;
  std::error_code ec;
  // The ledger holds personal data: a data folder the server creates is its owner's alone.
  if (auto created = eventstore::CreatePrivateFolder(directory); !created) {
    return Usage("data folder: " + created.error());
  }
  if (eventstore::OpenToOthers(directory)) {
    spdlog::warn("{} may be read by other users: chmod 700 it (the ledger holds personal data)",
                 directory.string());
  }
  std::filesystem::remove(directory / kListenAddressFileName, ec);

  // The vault before the ledger: a missing or wrong key file stops here, before anything is read.
  auto vault = OpenVaultForWriting(directory.string(), arguments->key_file);
  if (!vault) return Usage(vault.error());
  eventstore::OpenOptions ledger_options;
  ledger_options.path = (directory / kLedgerFolderName).string();
  auto ledger = eventstore::Ledger::Open(ledger_options);
  if (!ledger) {
    return Usage("cannot open the ledger in " + (directory / kLedgerFolderName).string() + ": " +
                 ledger.error().detail);
  }
  InMemoryTokenDirectory tokens;
  auto admin_token = FirstAdminToken(directory);
  if (!admin_token) return Usage(admin_token.error());
  tokens.Put(HashToken(*admin_token), Principal{.user_id = std::string(kFirstAdminUserId),
                                                .role = std::string(role::kAdmin),
                                                .candidate_id = {},
                                                .mentor_id = {}});
  admin_token->assign(admin_token->size(), '\0');

  // Checked by ParseTimeZone, so it loads; Pacific remains the fallback all the same.
  const auto time_zone = ProgramTimeZone::Load(arguments->time_zone);
  Metrics metrics;
  ServerContext context{.ledger = **ledger,
                        .metrics = metrics,
                        .tokens = tokens,
                        .data_directory = directory.string(),
                        .clock = SystemClockMicroseconds,
                        .owned = {},
                        .settings = {.public_url = arguments->public_url,
                                     .time_zone = arguments->time_zone,
                                     .trusted_proxy = arguments->trusted_proxy},
                        .sessions = std::make_shared<SessionStore>(SystemClockMicroseconds),
                        .sign_in_limiter = std::make_shared<SignInLimiter>(SystemClockMicroseconds),
                        .time_zone = time_zone ? &*time_zone : nullptr,
                        .vault = vault->get(),
                        .unsealer = projections::Unsealer(**vault)};
  Router router(tokens, context.sessions.get());
  RegisterSystemRoutes(router, context);
  RegisterLedgerRoutes(router, context);
  RegisterConsoleRoutes(router, context);
  for (const RouteRegistration registration : registrations) registration(router, context);

  Dispatcher dispatcher(router, metrics);
  auto server = Server::Create(ServerOptions{.host = arguments->host,
                                             .port = arguments->port,
                                             .io_threads = arguments->io_threads,
                                             .connections_max = connections_max,
                                             .read_timeout = arguments->read_timeout},
                               dispatcher);
  if (!server) {
    std::fprintf(stderr, "ctom serve: %s\n", server.error().c_str());
    return 1;
  }
  const std::string address = (*server)->address();
  // Links name the address bound (the real port when --listen asked for port 0).
  if (context.settings.public_url.empty()) context.settings.public_url = "http://" + address;
  if (!WriteFileAtomically(directory / kListenAddressFileName, address + "\n")) {
    spdlog::warn("cannot write {}", (directory / kListenAddressFileName).string());
  }
  spdlog::info("listening on {} with {} I/O threads, data in {}", address, arguments->io_threads,
               directory.string());
  std::printf("listening on %s\n", address.c_str());
  std::fflush(stdout);

  (*server)->Run();
  server->reset();
  std::filesystem::remove(directory / kListenAddressFileName, ec);
  // Objects of the registrations go before the ledger they may read.
  while (!context.owned.empty()) context.owned.pop_back();
  ledger->reset();
  vault->reset();
  spdlog::info("stopped");
  spdlog::default_logger()->flush();
  return 0;
}

}  // namespace ctom::cli
