// Reading CSV with libcsv, one line at a time, so that a malformed row is refused alone.
#include "api/csv_table.hpp"

#include <csv.h>

#include "domain/invariant.hpp"
#include "server/http_message.hpp"

namespace ctom::api {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// What libcsv's callbacks fill: the cells of the row being read, and the rows it finished.
struct Cells {
  std::vector<std::string> current;
  std::vector<std::vector<std::string>> finished;
};

void OnCell(void* cell, std::size_t bytes, void* data) {
  auto& cells = *static_cast<Cells*>(data);
  cells.current.emplace_back(cell == nullptr ? "" : std::string(static_cast<char*>(cell), bytes));
}

void OnRowEnd(int, void* data) {
  auto& cells = *static_cast<Cells*>(data);
  cells.finished.push_back(std::move(cells.current));
  cells.current.clear();
}

// RFC 4180 keeps spaces: none is trimmed.
int NoSpace(unsigned char) { return 0; }

// One libcsv parser in strict mode (a stray quote is an error, so is a quote never closed).
class Parser {
 public:
  Parser() { Start(); }
  ~Parser() { csv_free(&parser_); }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;

  // False when the bytes break RFC 4180's quoting.
  bool Feed(std::string_view bytes, Cells& cells) {
    return csv_parse(&parser_, bytes.data(), bytes.size(), OnCell, OnRowEnd, &cells) ==
           bytes.size();
  }
  // Ends the last row; false when it holds a quote never closed.
  bool Finish(Cells& cells) { return csv_fini(&parser_, OnCell, OnRowEnd, &cells) == 0; }
  // Whether a row is begun and not ended (0 is libcsv's ROW_NOT_BEGUN).
  bool InRow() const { return parser_.pstate != 0; }
  void Restart() {
    csv_free(&parser_);
    Start();
  }

 private:
  void Start() {
    CTOM_INVARIANT(csv_init(&parser_, CSV_STRICT | CSV_STRICT_FINI) == 0, "libcsv starts");
    csv_set_space_func(&parser_, NoSpace);
  }
  csv_parser parser_{};
};

// The file cut after each line feed, each line keeping its terminator.
std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    const std::size_t length = end == std::string_view::npos ? text.size() : end + 1;
    lines.push_back(text.substr(0, length));
    text.remove_prefix(length);
  }
  return lines;
}

// Turns the records libcsv reads into the table: the first is the header, the rest rows.
class TableBuilder {
 public:
  void Add(std::vector<std::string> cells) {
    if (!has_header_) {
      has_header_ = true;
      table_.header = std::move(cells);
      return;
    }
    CsvRow row{table_.rows.size() + 1, std::move(cells), ""};
    if (row.cells.size() != table_.header.size()) {
      row.malformed = "the row has " + std::to_string(row.cells.size()) +
                      " cells; the header has " + std::to_string(table_.header.size());
    }
    for (std::size_t i = 0; row.malformed.empty() && i < row.cells.size(); ++i) {
      if (!server::IsUtf8(row.cells[i])) row.malformed = table_.header[i] + ": is not UTF-8";
    }
    if (!row.malformed.empty()) row.cells.clear();
    table_.rows.push_back(std::move(row));
  }
  // A row whose quoting libcsv refused.
  void AddMalformed(std::string why) {
    if (!has_header_) {
      header_malformed_ = "the header row " + why;
      has_header_ = true;
      return;
    }
    table_.rows.push_back(CsvRow{table_.rows.size() + 1, {}, "the row " + why});
  }
  std::size_t rows() const { return table_.rows.size(); }

  std::expected<CsvTable, std::string> Finish() && {
    if (!header_malformed_.empty()) return std::unexpected(header_malformed_);
    if (!has_header_ || table_.header.empty()) return std::unexpected("the file has no header row");
    for (const std::string& column : table_.header) {
      if (!server::IsUtf8(column)) return std::unexpected("the header row is not UTF-8");
    }
    return std::move(table_);
  }

 private:
  CsvTable table_;
  bool has_header_ = false;
  std::string header_malformed_;
};

constexpr const char* kStrayQuote =
    "breaks RFC 4180 quoting (a quote inside an unquoted cell or after a closing quote)";
constexpr const char* kUnclosedQuote = "has a quote that is never closed";

}  // namespace

std::expected<CsvTable, std::string> ReadCsv(std::string_view text) {
  if (text.starts_with(kByteOrderMark)) text.remove_prefix(kByteOrderMark.size());
  const std::vector<std::string_view> lines = Lines(text);
  TableBuilder table;
  Parser parser;
  Cells cells;
  std::size_t row_start = 0;  // the line the row being read began on
  auto take_finished = [&] {
    for (auto& finished : cells.finished) table.Add(std::move(finished));
    cells.finished.clear();
  };
  for (std::size_t line = 0; line <= lines.size(); ++line) {
    if (table.rows() > kCsvRowsMax) {
      return std::unexpected("the file has more than " + std::to_string(kCsvRowsMax) +
                             " rows; split it");
    }
    if (!parser.InRow()) row_start = line;
    const bool read = line < lines.size() ? parser.Feed(lines[line], cells) : parser.Finish(cells);
    take_finished();
    if (read) continue;
    table.AddMalformed(line < lines.size() ? kStrayQuote : kUnclosedQuote);
    parser.Restart();
    cells.current.clear();
    // A stray quote: go on after its line. A quote never closed swallowed the rest of the file:
    // read it again from the line after the row's first.
    if (line == lines.size()) line = row_start;
  }
  if (table.rows() > kCsvRowsMax) {
    return std::unexpected("the file has more than " + std::to_string(kCsvRowsMax) +
                           " rows; split it");
  }
  return std::move(table).Finish();
}

}  // namespace ctom::api
