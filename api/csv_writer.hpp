// CSV out (RFC 4180), the one writer of every `Accept: text/csv` answer: the program report, the
// candidate and certificate lists, a cohort's attendance and grades, the CEU transcript.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "api/http.hpp"

namespace ctom::api {

// One cell as a spreadsheet must read it: a text that a spreadsheet would take for a formula
// (one starting with '=', '+', '-', '@', a tab or a carriage return) is prefixed with "'", unless
// it is a plain decimal number ("-3.05"); a cell holding ',', '"', CR or LF is quoted, with its
// quotes doubled.
[[nodiscard]] std::string CsvCell(std::string_view value);

// A CSV document: a header row, then rows of as many cells, each line ending in CRLF.
class CsvWriter {
 public:
  explicit CsvWriter(std::initializer_list<std::string_view> header);
  explicit CsvWriter(const std::vector<std::string>& header);

  // REQUIRES: as many cells as the header has.
  void Row(const std::vector<std::string>& cells);
  [[nodiscard]] const std::string& text() const { return text_; }

 private:
  void Line(const std::vector<std::string>& cells);

  std::size_t columns_ = 0;
  std::string text_;
};

// Whether the request asks for CSV (`Accept: text/csv`).
[[nodiscard]] bool WantsCsv(const HttpRequest& request);

// A 200 answer of CSV text (`text/csv; charset=utf-8`).
[[nodiscard]] HttpResponse CsvOk(std::string text);

}  // namespace ctom::api
