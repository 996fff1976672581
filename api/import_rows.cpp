// Rows of a CSV import to commands, through the command routes' own body readers.
#include "api/import_rows.hpp"

#include <algorithm>
#include <boost/json/object.hpp>
#include <charconv>
#include <cmath>
#include <set>

#include "eventstore/hex.hpp"
#include "eventstore/ledger.hpp"

namespace ctom::api {
namespace json = boost::json;

namespace {

std::optional<std::int64_t> IntegerOf(std::string_view cell) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
  if (error != std::errc() || end != cell.data() + cell.size()) return std::nullopt;
  return value;
}

// A cell as its column's JSON value; a cell that does not read as the column's type stays text,
// for the route's reader to refuse in its own words ("must be an integer").
json::value CellValue(CellType type, const std::string& cell) {
  switch (type) {
    case CellType::text:
      return json::value(cell);
    case CellType::integer:
      if (auto value = IntegerOf(cell)) return json::value(*value);
      return json::value(cell);
    case CellType::number: {
      if (auto value = IntegerOf(cell)) return json::value(*value);
      double number = 0;
      const auto [end, error] = std::from_chars(cell.data(), cell.data() + cell.size(), number);
      if (error == std::errc() && end == cell.data() + cell.size() && std::isfinite(number))
        return json::value(number);
      return json::value(cell);
    }
    case CellType::boolean: {
      const std::string lower = AsciiLower(cell);
      if (lower == "true" || lower == "false") return json::value(lower == "true");
      return json::value(cell);
    }
  }
  return json::value(cell);
}

// Makes the objects on a dotted path ("employer" for "employer.kind"); returns the innermost and
// leaves path at the field's own name.
json::object& MakeObjectsOn(json::object& object, std::string_view& path) {
  json::object* at = &object;
  for (std::size_t dot = path.find('.'); dot != std::string_view::npos; dot = path.find('.')) {
    json::value& nested = (*at)[path.substr(0, dot)];
    if (!nested.is_object()) nested = json::object{};
    at = &nested.as_object();
    path.remove_prefix(dot + 1);
  }
  return *at;
}

void MakeObjectsOn(json::object& object, const std::string& column) {
  std::string_view path = column;
  (void)MakeObjectsOn(object, path);
}

// Sets a field at its dotted path ("employer.kind"), making the objects on the way.
void SetAt(json::object& object, std::string_view path, json::value value) {
  json::object& at = MakeObjectsOn(object, path);
  at[path] = std::move(value);
}

const ImportColumn* FindColumn(const ImportKind& kind, std::string_view name) {
  for (const ImportColumn& column : kind.columns) {
    if (column.name == name) return &column;
  }
  return nullptr;
}

// The columns a row has besides its body's fields.
bool IsRowColumn(const ImportKind& kind, std::string_view name) {
  if (name == kOccurredAtColumn) return true;
  if (name == kCohortColumn) return kind.subject != RowSubject::none;
  if (name == kCandidateColumn) return kind.subject == RowSubject::candidate;
  return false;
}

std::optional<std::int64_t> YearOf(std::string_view cell) {
  auto year = IntegerOf(cell);
  if (!year || *year < 2000 || *year > 2200) return std::nullopt;
  return year;
}

}  // namespace

CandidateDirectory::CandidateDirectory(const domain::Program& program) {
  for (const auto& [id, candidate] : program.candidates) {
    cohort_by_id_.emplace(id, candidate.cohort);
    ids_by_email_.emplace(domain::NormalizedEmail(candidate.email), id);
  }
}

std::expected<std::string, HttpResponse> CandidateDirectory::Find(
    std::string_view cell, std::optional<std::int64_t> cohort) const {
  if (cohort_by_id_.contains(cell)) return std::string(cell);
  std::vector<std::string> found;
  const auto [first, last] = ids_by_email_.equal_range(domain::NormalizedEmail(std::string(cell)));
  for (auto it = first; it != last; ++it) {
    if (!cohort || cohort_by_id_.find(it->second)->second == *cohort) found.push_back(it->second);
  }
  if (found.size() == 1) return found.front();
  if (found.empty()) {
    return std::unexpected(NotFoundProblem(
        "candidate: no candidate has the id or applied with the e-mail " + std::string(cell) +
        (cohort ? " to cohort " + std::to_string(*cohort) : "")));
  }
  return std::unexpected(ValidationProblem(std::string(kCandidateColumn),
                                           "applied to several cohorts: give the cohort column"));
}

std::expected<void, HttpResponse> CheckColumns(const ImportKind& kind,
                                               const std::vector<std::string>& header) {
  std::set<std::string_view> seen;
  for (const std::string& column : header) {
    if (FindColumn(kind, column) == nullptr && !IsRowColumn(kind, column)) {
      return std::unexpected(
          ValidationProblem(column, "is not a column of " + std::string(kind.name) + " imports"));
    }
    if (!seen.insert(column).second) {
      return std::unexpected(ValidationProblem(column, "is given twice"));
    }
  }
  std::vector<std::string_view> needed{kOccurredAtColumn};
  if (kind.subject == RowSubject::cohort) needed.push_back(kCohortColumn);
  if (kind.subject == RowSubject::candidate) needed.push_back(kCandidateColumn);
  for (std::string_view column : needed) {
    if (!seen.contains(column)) {
      return std::unexpected(ValidationProblem(std::string(column), "the file needs this column"));
    }
  }
  return {};
}

std::string RowKey(std::string_view kind, const std::vector<std::string>& header,
                   const std::vector<std::string>& cells) {
  std::vector<std::pair<std::string_view, std::string_view>> filled;
  for (std::size_t i = 0; i < header.size() && i < cells.size(); ++i) {
    if (!cells[i].empty()) filled.emplace_back(header[i], cells[i]);
  }
  std::ranges::sort(filled);
  // Lengths before contents: no two rows write the same text.
  std::string content = std::to_string(kind.size()) + ":" + std::string(kind);
  for (const auto& [column, cell] : filled) {
    content += std::to_string(column.size()) + ":" + std::string(column) +
               std::to_string(cell.size()) + ":" + std::string(cell);
  }
  return "csv-" + eventstore::ToHex(eventstore::Sha256(content));
}

std::expected<RowCommand, HttpResponse> PrepareRow(const RowContext& context,
                                                   const std::vector<std::string>& cells) {
  const ImportKind& kind = context.kind;
  json::object body;
  std::optional<std::string> candidate, cohort;
  for (std::size_t i = 0; i < context.header.size(); ++i) {
    const std::string& column = context.header[i];
    const ImportColumn* field = FindColumn(kind, column);
    if (cells[i].empty()) {
      // The objects a file has columns of are given, with the fields that are filled in: a
      // paper-era application with no document cells has documents {}, as a form would send.
      if (field != nullptr) MakeObjectsOn(body, column);
      continue;
    }
    if (field != nullptr) {
      SetAt(body, column, CellValue(field->type, cells[i]));
    } else if (column == kOccurredAtColumn) {
      body["occurred_at"] = cells[i];
    } else if (column == kCandidateColumn) {
      candidate = cells[i];
    } else if (column == kCohortColumn) {
      cohort = cells[i];
    }
  }
  const std::optional<std::int64_t> year = cohort ? YearOf(*cohort) : std::nullopt;
  if (cohort && !year) {
    return std::unexpected(ValidationProblem(std::string(kCohortColumn), "must be a year"));
  }
  PathParameters path;
  if (kind.subject == RowSubject::cohort) {
    if (!cohort)
      return std::unexpected(ValidationProblem(std::string(kCohortColumn), "is required"));
    path["year"] = std::to_string(*year);
  }
  if (kind.subject == RowSubject::candidate) {
    if (!candidate) {
      return std::unexpected(ValidationProblem(std::string(kCandidateColumn), "is required"));
    }
    auto id = context.candidates.Find(*candidate, year);
    if (!id) return std::unexpected(std::move(id.error()));
    path["id"] = std::move(*id);
  }
  auto parsed = ParseCommandObject(*kind.route, body, path, context.caller);
  if (!parsed) return std::unexpected(std::move(parsed.error()));
  if (!parsed->occurred_at) {
    return std::unexpected(ValidationProblem(std::string(kOccurredAtColumn), "is required"));
  }
  return RowCommand{std::move(parsed->command), *parsed->occurred_at,
                    RowKey(kind.name, context.header, cells)};
}

}  // namespace ctom::api
