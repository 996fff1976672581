// ctom import: JSON lines of commands replayed through the router with an import admin token.
#include "cli/import_command.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <stdlib.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/stream_parser.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <string>

#include "api/csv_import.hpp"
#include "api/json_body.hpp"
#include "api/program_routes.hpp"
#include "api/server_context.hpp"
#include "cli/ledger_access.hpp"
#include "cli/vault_access.hpp"
#include "eventstore/ledger.hpp"
#include "eventstore/private_folder.hpp"
#include "server/auth.hpp"
#include "server/metrics.hpp"
#include "server/router.hpp"
#include "vault/vault.hpp"

namespace ctom::cli {

using namespace ctom::api;
using namespace ctom::server;
namespace {

constexpr const char* kUsage =
    "usage: ctom import --data DIR FILE [--dry-run]\n"
    "       ctom import --data DIR --csv KIND FILE [--dry-run]\n"
    "Loads JSON lines {\"command\": \"POST /v1/...\", \"occurred_at\": T, \"body\": {...}} through "
    "the\n"
    "API's own rules. Refused lines are reported with their number and code and write nothing.\n"
    "With --csv, FILE is a CSV file of one import kind's rows (docs/imports.md); the result is\n"
    "printed as POST /v1/imports/KIND answers it, each refused row also on stderr.\n"
    "--dry-run reports without writing. Stop the server first.\n";
constexpr std::size_t kLineBytesMax = 16 * 1024 * 1024;

int Usage(const std::string& what) {
  std::fprintf(stderr, "ctom import: %s\n", what.c_str());
  return 2;
}

std::int64_t Now() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Stdout carries only the import's summary; the routes' logs go to stderr, warnings and errors
// only, so a refused line stays one line there.
void QuietLogging() {
  auto logger = std::make_shared<spdlog::logger>("ctom-import",
                                                 std::make_shared<spdlog::sinks::stderr_sink_mt>());
  spdlog::set_default_logger(std::move(logger));
  spdlog::set_level(spdlog::level::warn);
}

// Prints "import: line N" on stderr at most once a second, after the first second.
class ProgressLine {
 public:
  void Update(int line) {
    const auto now = std::chrono::steady_clock::now();
    if (now - started_ < std::chrono::seconds(1) || now - last_ < std::chrono::seconds(1)) return;
    last_ = now;
    std::fprintf(stderr, "import: line %d\n", line);
  }

 private:
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_ = started_;
};

// What a refusal's problem says: "<code>: <detail>", or for a validation refusal that names
// fields, "<code>: <field>: <message>; <field>: <message>", every field as the HTTP answer lists
// them.
std::string RefusalText(const std::string& problem_body) {
  boost::system::error_code error;
  const boost::json::value problem = boost::json::parse(problem_body, error);
  const boost::json::object* object = !error ? problem.if_object() : nullptr;
  if (object == nullptr) return "refused: ";
  auto text = [](const boost::json::value* value) {
    return value != nullptr && value->is_string() ? std::string(value->as_string()) : "";
  };
  const boost::json::value* code = object->if_contains("code");
  std::string refusal = code != nullptr && code->is_string() ? text(code) : "refused";
  std::string fields;
  const boost::json::value* errors = object->if_contains("errors");
  if (errors != nullptr && errors->is_array()) {
    for (const boost::json::value& field : errors->get_array()) {
      if (!field.is_object()) continue;
      fields += (fields.empty() ? "" : "; ") + text(field.as_object().if_contains("field")) + ": " +
                text(field.as_object().if_contains("message"));
    }
  }
  return refusal + ": " + (fields.empty() ? text(object->if_contains("detail")) : fields);
}

struct ImportCounts {
  int accepted = 0;
  int refused = 0;
};

// Runs every line of the file against the ledger in data_path; nullopt (after the one-line
// error) when the ledger cannot be opened.
std::optional<ImportCounts> ImportLines(const std::string& data_path, const std::string& vault_data,
                                        const std::string& key_file, std::ifstream& file) {
  auto vault = OpenVaultForWriting(vault_data, key_file);
  if (!vault) {
    Usage(vault.error());
    return std::nullopt;
  }
  eventstore::OpenOptions options;
  options.path = data_path;
  auto ledger = eventstore::Ledger::Open(options);
  if (!ledger) {
    Usage("cannot open the ledger in " + data_path + ": " + ledger.error().detail);
    return std::nullopt;
  }
  Metrics metrics;
  InMemoryTokenDirectory tokens;
  const std::string token = GenerateToken().value_or("import-token");
  tokens.Put(HashToken(token), Principal{"import", "admin", "", ""});
  ServerContext context{**ledger, metrics, tokens, data_path, Now, {}};
  context.vault = vault->get();
  context.unsealer = projections::Unsealer(**vault);
  Router router(tokens);
  RegisterProgramRoutes(router, context);
  std::string line;
  int number = 0, refused = 0, accepted = 0;
  ProgressLine progress;
  while (std::getline(file, line)) {
    ++number;
    progress.Update(number);
    if (line.empty() || line.front() == '#') continue;
    if (line.size() > kLineBytesMax) {
      std::fprintf(stderr, "line %d: validation: the line is too long\n", number);
      ++refused;
      continue;
    }
    auto request = ImportLineRequest(line, token);
    if (!request) {
      std::fprintf(stderr, "line %d: validation: %s\n", number, request.error().c_str());
      ++refused;
      continue;
    }
    const RoutedResponse routed = router.Handle(std::move(*request));
    if (routed.response.status >= 300) {
      std::fprintf(stderr, "line %d: %s\n", number, RefusalText(routed.response.body).c_str());
      ++refused;
      continue;
    }
    ++accepted;
  }
  while (!context.owned.empty()) context.owned.pop_back();
  return ImportCounts{accepted, refused};
}

// A router with the program's routes on the ledger in data_path, and the import admin's token.
struct ImportRouter {
  std::unique_ptr<vault::Vault> vault;  // outlives the ledger and the routes that read through it
  std::unique_ptr<eventstore::Ledger> ledger;
  Metrics metrics;
  InMemoryTokenDirectory tokens;
  std::string token = GenerateToken().value_or("import-token");
  std::unique_ptr<ServerContext> context;
  std::unique_ptr<Router> router;

  ~ImportRouter() {
    if (context) {
      while (!context->owned.empty()) context->owned.pop_back();
    }
  }
};

// Imports a CSV file of one kind through POST /v1/imports/{kind}: prints the answer's JSON on
// stdout and each refused row on stderr. Returns the exit code: 0 every row accepted, 1 some
// refused, 2 the file refused as a whole (or the ledger unreadable), in one line.
int ImportCsv(const std::string& data_path, const std::string& vault_data,
              const std::string& key_file, const std::string& kind, std::string text,
              bool dry_run) {
  auto vault = OpenVaultForWriting(vault_data, key_file, dry_run);
  if (!vault) return Usage(vault.error());
  eventstore::OpenOptions options;
  options.path = data_path;
  auto ledger = eventstore::Ledger::Open(options);
  if (!ledger)
    return Usage("cannot open the ledger in " + data_path + ": " + ledger.error().detail);
  ImportRouter run;
  run.vault = std::move(*vault);
  run.ledger = std::move(*ledger);
  run.tokens.Put(HashToken(run.token), Principal{"import", "admin", "", ""});
  run.context = std::make_unique<ServerContext>(
      ServerContext{*run.ledger, run.metrics, run.tokens, data_path, Now, {}});
  run.context->vault = run.vault.get();
  run.context->unsealer = projections::Unsealer(*run.vault);
  run.router = std::make_unique<Router>(run.tokens);
  RegisterProgramRoutes(*run.router, *run.context);
  HttpRequest request;
  request.method = "POST";
  request.target = "/v1/imports/" + kind + (dry_run ? "?dry_run=true" : "?dry_run=false");
  request.headers["authorization"] = "Bearer " + run.token;
  request.headers["content-type"] = "text/csv";
  request.body = std::move(text);
  const RoutedResponse routed = run.router->Handle(std::move(request));
  if (routed.response.status != 200) return Usage(RefusalText(routed.response.body));
  std::printf("%s\n", routed.response.body.c_str());
  boost::system::error_code error;
  const boost::json::value result = boost::json::parse(routed.response.body, error);
  const boost::json::array* refused = nullptr;
  if (!error && result.is_object()) {
    if (const auto* rows = result.as_object().if_contains("refused")) refused = rows->if_array();
  }
  if (refused == nullptr) return Usage("the import answered no result");
  for (const boost::json::value& row : *refused) {
    std::fprintf(stderr, "row %s: %s: %s\n", boost::json::serialize(row.at("row")).c_str(),
                 std::string(row.at("code").as_string()).c_str(),
                 std::string(row.at("detail").as_string()).c_str());
  }
  return refused->empty() ? 0 : 1;
}

// The line as JSON, or where and why Boost.JSON stopped reading it ("not JSON at column 2:
// syntax error"); columns count bytes from 1, and an unfinished line stops after its last byte.
std::expected<boost::json::value, std::string> ParseLine(const std::string& line) {
  boost::json::stream_parser parser;
  boost::system::error_code error;
  std::size_t read = parser.write(line.data(), line.size(), error);
  if (!error) {
    parser.finish(error);
    read = line.size();
  }
  if (error) {
    return std::unexpected("not JSON at column " + std::to_string(read + 1) + ": " +
                           error.message());
  }
  return parser.release();
}

}  // namespace

std::expected<HttpRequest, std::string> ImportLineRequest(const std::string& line,
                                                          const std::string& token) {
  auto parsed = ParseLine(line);
  if (!parsed) return std::unexpected(std::move(parsed.error()));
  if (!parsed->is_object()) return std::unexpected("not a JSON object");
  const boost::json::object& object = parsed->as_object();
  const auto* command = object.if_contains("command");
  if (command == nullptr || !command->is_string()) return std::unexpected("no \"command\"");
  const std::string text(command->as_string());
  const auto space = text.find(' ');
  if (space == std::string::npos) return std::unexpected("command is \"METHOD /path\"");
  // Commands only: a query writes nothing, and counting it as imported would mislead.
  if (text.substr(0, space) != "POST") return std::unexpected("command is \"POST /v1/...\"");
  HttpRequest request;
  request.method = text.substr(0, space);
  request.target = text.substr(space + 1);
  request.headers["authorization"] = "Bearer " + token;
  const auto* body = object.if_contains("body");
  if (body != nullptr && body->is_string()) {
    const auto* type = object.if_contains("content_type");
    request.headers["content-type"] =
        type != nullptr && type->is_string() ? std::string(type->as_string()) : "text/plain";
    request.body = std::string(body->as_string());
    return request;
  }
  boost::json::object payload =
      body != nullptr && body->is_object() ? body->as_object() : boost::json::object{};
  if (const auto* occurred_at = object.if_contains("occurred_at"))
    payload["occurred_at"] = *occurred_at;
  for (const auto& member : object) {
    const std::string key(member.key());
    if (key != "command" && key != "occurred_at" && key != "body" && key != "content_type") {
      return std::unexpected("unknown field \"" + key + "\"");
    }
  }
  request.headers["content-type"] = "application/json";
  request.body = boost::json::serialize(payload);
  // Boost.JSON reads a number it cannot represent (0e410) as NaN or infinity and writes that back
  // as a bare NaN, which is not JSON: such a line is refused here, as the server would refuse it.
  if (auto readable = ParseStrictJson(request.body); !readable) {
    return std::unexpected("the body holds a number JSON cannot carry");
  }
  return request;
}

int RunImport(int argc, char** argv) {
  std::string data, path, key_file, csv_kind;
  bool dry_run = false;
  for (int i = 2; i < argc; ++i) {
    const std::string word = argv[i];
    if (word == "--help" || word == "-h") return std::fputs(kUsage, stdout), 0;
    if (word == "--dry-run") {
      dry_run = true;
    } else if (word == "--data") {
      if (i + 1 >= argc) return Usage("--data needs a value");
      data = argv[++i];
    } else if (word == "--key-file") {
      if (i + 1 >= argc) return Usage("--key-file needs a value");
      key_file = argv[++i];
    } else if (word == "--csv") {
      if (i + 1 >= argc) return Usage("--csv needs a KIND");
      csv_kind = argv[++i];
    } else if (word.rfind("--", 0) == 0) {
      return Usage("unknown option " + word);
    } else if (path.empty()) {
      path = word;
    } else {
      return Usage("one FILE only");
    }
  }
  if (data.empty() || path.empty()) return Usage("needs --data DIR and FILE");
  std::ifstream file(path, std::ios::binary);
  if (!file) return Usage("cannot read " + path);
  std::string csv_text;
  if (!csv_kind.empty()) {
    // The limit the server puts on the body, so that a file imports offline as it would online.
    std::error_code size_error;
    const auto size = std::filesystem::file_size(path, size_error);
    if (size_error) return Usage("cannot read " + path);
    if (size > kImportBodyBytesMax) return Usage(path + " is over 10 MiB; split it");
    csv_text.assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
  }
  // RocksDB would refuse the lock the server holds, in its own words: say what it means. A dry
  // run works on a copy and takes no lock on the ledger.
  if (!dry_run && LedgerInUse(data)) {
    return Usage("the ledger in " + data +
                 " is in use by another process (is ctom serve running?)");
  }
  if (key_file.empty() && std::getenv("CTOM_KEY_FILE") != nullptr)
    key_file = std::getenv("CTOM_KEY_FILE");
  const std::string ledger = LedgerPath(data);
  std::string target = ledger;
  std::string vault_data = data;
  std::filesystem::path scratch;
  if (dry_run) {
    // The same code path against a throw-away copy: what would be refused is refused for real.
    std::string pattern = (std::filesystem::temp_directory_path() / "ctom-dry-run-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) return Usage("cannot make a temporary folder");
    scratch = pattern;
    std::error_code error;
    if (std::filesystem::exists(ledger + "/CURRENT", error)) {
      std::filesystem::copy(ledger, scratch / "ledger", std::filesystem::copy_options::recursive,
                            error);
      std::error_code ignored;
      if (error) {
        std::filesystem::remove_all(scratch, ignored);
        return Usage("cannot copy " + ledger + " for a dry run: " + error.message());
      }
      std::filesystem::remove(scratch / "ledger" / "LOCK", ignored);
    }
    // The vault too (its keys are made for new persons), and the key file it needs.
    if (std::filesystem::exists(VaultPath(data) + "/CURRENT", error)) {
      std::filesystem::copy(VaultPath(data), VaultPath(scratch.string()),
                            std::filesystem::copy_options::recursive, error);
      std::error_code ignored;
      std::filesystem::remove(VaultPath(scratch.string()) + "/LOCK", ignored);
    }
    if (key_file.empty() && std::filesystem::exists(DefaultKeyFilePath(data), error)) {
      key_file = DefaultKeyFilePath(data);
    }
    vault_data = scratch.string();
    target = (scratch / "ledger").string();
  }
  // The ledger holds personal data: a ledger folder the import creates is its owner's alone.
  if (auto created = eventstore::CreatePrivateFolder(target); !created) {
    return Usage(created.error());
  }
  QuietLogging();
  if (!csv_kind.empty()) {
    const int code =
        ImportCsv(target, vault_data, key_file, csv_kind, std::move(csv_text), dry_run);
    std::error_code ignored;
    if (dry_run) std::filesystem::remove_all(scratch, ignored);
    return code;
  }
  const std::optional<ImportCounts> counts = ImportLines(target, vault_data, key_file, file);
  if (dry_run) {
    std::error_code ignored;
    std::filesystem::remove_all(scratch, ignored);
  }
  if (!counts) return 2;
  if (dry_run) {
    std::printf("would import %d lines, would refuse %d\n", counts->accepted, counts->refused);
  } else {
    std::printf("imported %d lines, refused %d\n", counts->accepted, counts->refused);
  }
  return counts->refused == 0 ? 0 : 1;
}

}  // namespace ctom::cli
