// Writing CSV cells and documents, with the spreadsheet formula guard.
#include "api/csv_writer.hpp"

#include "domain/invariant.hpp"

namespace ctom::api {
namespace {

// "12", "-3.05": what the exports write for counts, cents and CEUs, which no spreadsheet runs.
bool IsPlainNumber(std::string_view value) {
  if (!value.empty() && value.front() == '-') value.remove_prefix(1);
  const std::size_t point = value.find('.');
  const std::string_view whole = value.substr(0, point);
  const std::string_view fraction =
      point == std::string_view::npos ? std::string_view("0") : value.substr(point + 1);
  auto digits = [](std::string_view text) {
    return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
  };
  return digits(whole) && digits(fraction);
}

bool StartsLikeAFormula(std::string_view value) {
  if (value.empty()) return false;
  const char first = value.front();
  const bool formula_lead = first == '=' || first == '+' || first == '-' || first == '@' ||
                            first == '\t' || first == '\r';
  return formula_lead && !IsPlainNumber(value);
}

}  // namespace

std::string CsvCell(std::string_view value) {
  std::string cell = StartsLikeAFormula(value) ? "'" : "";
  cell += value;
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (const char ch : cell) {
    if (ch == '"') quoted += '"';
    quoted += ch;
  }
  return quoted + "\"";
}

CsvWriter::CsvWriter(std::initializer_list<std::string_view> header) : columns_(header.size()) {
  std::vector<std::string> cells;
  for (std::string_view name : header) cells.emplace_back(name);
  Line(cells);
}

CsvWriter::CsvWriter(const std::vector<std::string>& header) : columns_(header.size()) {
  Line(header);
}

void CsvWriter::Row(const std::vector<std::string>& cells) {
  CTOM_INVARIANT(cells.size() == columns_, "a CSV row has as many cells as its header");
  Line(cells);
}

void CsvWriter::Line(const std::vector<std::string>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) text_ += ',';
    text_ += CsvCell(cells[i]);
  }
  text_ += "\r\n";
}

bool WantsCsv(const HttpRequest& request) {
  return request.Header("accept").value_or("").find("text/csv") != std::string_view::npos;
}

HttpResponse CsvOk(std::string text) {
  return TextResponse(200, "text/csv; charset=utf-8", std::move(text));
}

}  // namespace ctom::api
