// The CSV import routes (API.md, "Imports, exports and reminders"): a file of one kind's rows,
// each decided by its command's rules, as a dry run or for real; and each kind's template.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "api/import_rows.hpp"
#include "api/program_commands.hpp"
#include "command/command_service.hpp"
#include "projections/live_views.hpp"

namespace ctom::api {

// The largest file POST /v1/imports/{kind} reads; larger is 413.
inline constexpr std::size_t kImportBodyBytesMax = 10 * 1024 * 1024;
// Rows decided and queued before the import waits for them to be durable: other requests'
// commands are decided between any two rows, and a chunk's appends share group commits.
inline constexpr std::size_t kImportChunkRows = 256;

// One row refused, and why: the code an HTTP request with its body would get, and a detail that
// names the column ("employer.kind: must be one of district, county_office, non_k12").
struct RowRefusal {
  std::size_t row = 0;
  std::string code;
  std::string detail;
};

// What a file came to: rows read, accepted (recorded now, recorded by an earlier import of the
// same row, or, in a dry run, would be), refused, and rows recorded now (0 in a dry run).
struct ImportResult {
  std::size_t rows = 0;
  std::size_t accepted = 0;
  std::vector<RowRefusal> refused;  // in row order
  std::size_t appended = 0;
};

class CsvImport {
 public:
  // Every argument outlives this.
  CsvImport(ProgramCommands& commands, command::CommandService& service,
            projections::LiveViews& views);

  // POST /v1/imports/{kind}?dry_run=: 200 with the ImportResult as JSON; 404 for an unknown
  // kind; 415 unless the body is text/csv (UTF-8); 400 validation for a dry_run other than true
  // or false, a file that cannot be read as CSV (no header, a malformed header, too many rows),
  // or an unknown, repeated or missing column, before any row is decided. Thread-safe.
  HttpResponse Import(const HttpRequest& request, const PathParameters& path, const Caller& caller);

  // GET /v1/imports/templates/{file}: the kind's template for "<kind>.csv" (text/csv), else 404.
  static HttpResponse Template(const PathParameters& path);

  // The same import on text already read (ctom import --csv): the result, or the 400 answer.
  std::expected<ImportResult, HttpResponse> Run(const ImportKind& kind, std::string_view text,
                                                const Caller& caller, bool dry_run);

 private:
  // Each command recorded in turn, in chunks of kImportChunkRows (CommandService::Submit).
  std::vector<CommandResult> Record(const std::vector<CommandRequest>& requests);

  ProgramCommands& commands_;
  command::CommandService& service_;
  projections::LiveViews& views_;
};

// The result as API.md writes it: {rows, accepted, refused:[{row, code, detail}], appended}.
[[nodiscard]] std::string ImportResultJson(const ImportResult& result);

}  // namespace ctom::api
