// The kinds of CSV import (API.md, "Imports, exports and reminders"): each kind's command route,
// its columns with their JSON types, and the example row of its template.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "api/command_routes.hpp"

namespace ctom::api {

// How a cell becomes the JSON value of its field.
enum class CellType {
  text,     // a string
  integer,  // a JSON integer ("12"); anything else stays text, for the route to refuse
  number,   // a JSON number ("1.5")
  boolean,  // true or false
};

struct ImportColumn {
  std::string_view name;  // the body's field, nested fields joined by "." ("employer.kind")
  CellType type;
  std::string_view example;  // the template's example cell ("" for none)
};

// Whose record a row is about.
enum class RowSubject {
  cohort,     // applications: the cohort column names the year of the route's path
  candidate,  // the candidate column (id or e-mail) names the route's {id}
  none,       // mentors: the body alone
};

struct ImportKind {
  std::string_view name;  // "attendance"
  const CommandRoute* route;
  RowSubject subject;
  std::vector<ImportColumn> columns;  // the body's fields, without occurred_at, cohort, candidate
};

// The columns every kind has besides its body's fields.
inline constexpr std::string_view kOccurredAtColumn = "occurred_at";
inline constexpr std::string_view kCohortColumn = "cohort";
inline constexpr std::string_view kCandidateColumn = "candidate";

// Every kind, in API.md's order.
const std::vector<ImportKind>& ImportKinds();
// The kind named name, or nullptr.
const ImportKind* FindImportKind(std::string_view name);

// The template of a kind: the header row (every column) and one example row, as CSV text.
std::string ImportTemplate(const ImportKind& kind);

}  // namespace ctom::api
