// Reading a CSV file (RFC 4180, UTF-8, a header row) into rows of cells with Debian's libcsv, a
// malformed row refused on its own: docs/imports.md.
#pragma once

#include <cstddef>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace ctom::api {

// At most this many rows (the header not counted) in one file; a 10 MiB body of short lines
// would otherwise make a refusal list hundreds of megabytes long.
inline constexpr std::size_t kCsvRowsMax = 50'000;

struct CsvRow {
  std::size_t number = 0;          // from 1, the header not counted
  std::vector<std::string> cells;  // one per header column when the row is well formed
  std::string malformed;           // why the row cannot be read ("" when well formed)
};

struct CsvTable {
  std::vector<std::string> header;
  std::vector<CsvRow> rows;
};

// The file's header and rows. A UTF-8 byte order mark at the start is skipped; empty lines are
// not rows. A row is malformed when its quoting breaks RFC 4180 (a quote inside an unquoted
// field, text after a closing quote, a quote never closed), when it has another number of cells
// than the header, or when a cell is not UTF-8: the row is kept with its number and why, and
// reading goes on with the next line (after a quote never closed, with the line after the row's
// first). Fails with a sentence when the file has no header, a malformed header, or more than
// kCsvRowsMax rows. Decides nothing about the cells' meaning.
[[nodiscard]] std::expected<CsvTable, std::string> ReadCsv(std::string_view text);

}  // namespace ctom::api
