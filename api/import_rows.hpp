// One row of a CSV import made into the command its route would read from a JSON body: cells
// typed and nested, the candidate named by id or e-mail, the row's idempotency key.
#pragma once

#include <cstdint>
#include <expected>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/import_kinds.hpp"
#include "domain/state.hpp"

namespace ctom::api {

// The candidates a row's candidate column may name: by id, or by the e-mail given at
// application (any case), with the cohort applied to. A snapshot of the views.
class CandidateDirectory {
 public:
  explicit CandidateDirectory(const domain::Program& program);

  // The id of the candidate cell names (cohort, when given, picks among several applications
  // with one e-mail). Fails with the problem to refuse the row with: 404 not_found for no such
  // candidate, 400 validation when an e-mail applied to several cohorts and none is given.
  [[nodiscard]] std::expected<std::string, HttpResponse> Find(
      std::string_view cell, std::optional<std::int64_t> cohort) const;

 private:
  std::map<std::string, std::int64_t, std::less<>> cohort_by_id_;
  std::multimap<std::string, std::string, std::less<>> ids_by_email_;
};

// A file's columns checked against its kind: every column known, none twice, the columns a
// kind cannot do without present. Fails with the 400 validation answer naming the column.
[[nodiscard]] std::expected<void, HttpResponse> CheckColumns(
    const ImportKind& kind, const std::vector<std::string>& header);

// What a row needs besides its cells.
struct RowContext {
  const ImportKind& kind;
  const std::vector<std::string>& header;  // checked by CheckColumns
  const CandidateDirectory& candidates;
  const Caller& caller;
};

// A row read as its route reads a body: the command, the instant it happened, the row's key.
struct RowCommand {
  domain::Command command;
  std::int64_t occurred_at = 0;
  std::string key;  // RowKey
};

// The row's command; or the problem refusing the row (the route's own 400 naming the column, a
// candidate not found). An empty cell is an absent field. Decides nothing.
// REQUIRES: cells has one cell per header column.
[[nodiscard]] std::expected<RowCommand, HttpResponse> PrepareRow(
    const RowContext& context, const std::vector<std::string>& cells);

// A row's idempotency key: "csv-" and the hex SHA-256 of the kind and the row's non-empty cells
// by column name (so the order of the columns does not matter).
[[nodiscard]] std::string RowKey(std::string_view kind, const std::vector<std::string>& header,
                                 const std::vector<std::string>& cells);

}  // namespace ctom::api
