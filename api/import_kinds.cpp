// The import kinds as data, each on its command route of CommandRoutes().
#include "api/import_kinds.hpp"

#include <csv.h>

#include "domain/invariant.hpp"

namespace ctom::api {
namespace {

using enum CellType;

const CommandRoute* RouteOf(std::string_view pattern) {
  for (const CommandRoute& route : CommandRoutes()) {
    if (route.method == "POST" && route.pattern == pattern) return &route;
  }
  CTOM_INVARIANT(false, "every import kind has a command route");
  return nullptr;
}

std::vector<ImportColumn> EmployerColumns() {
  return {{"employer.name", text, "Lakeside Unified"},
          {"employer.kind", text, "district"},
          {"employer.cds_code", text, "34674390000000"}};
}

std::vector<ImportColumn> Concat(std::vector<ImportColumn> a, const std::vector<ImportColumn>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

ImportKind AboutCandidate(std::string_view name, std::vector<ImportColumn> columns) {
  const std::string pattern = "/v1/candidates/{id}/" + std::string(name);
  return ImportKind{name, RouteOf(pattern), RowSubject::candidate, std::move(columns)};
}

std::vector<ImportKind> MakeKinds() {
  std::vector<ImportKind> kinds;
  kinds.push_back(ImportKind{
      "applications", RouteOf("/v1/cohorts/{year}/applications"), RowSubject::cohort,
      Concat(Concat({{"name", text, "Jane Doe"}, {"email", text, "jane.doe@example.org"}},
                    EmployerColumns()),
             {{"position", text, "Director of Technology"},
              {"documents.application", text, ""},
              {"documents.resume", text, ""},
              {"documents.nomination", text, ""},
              {"requested_mentor_id", text, ""},
              {"channel", text, "mail"}})});
  kinds.push_back(
      ImportKind{"mentors", RouteOf("/v1/mentors"), RowSubject::none,
                 Concat(Concat({{"name", text, "Sam Lee"}, {"email", text, "sam.lee@example.org"}},
                               EmployerColumns()),
                        {{"position", text, "Chief Technology Officer"},
                         {"currently_k12_leader", boolean, "true"},
                         {"hands_on_experience", boolean, "true"},
                         {"qualification", text, "cto_certification"},
                         {"years_k12_leadership", integer, "12"},
                         {"cohort", integer, "2009"}})});
  kinds.push_back(
      AboutCandidate("decision", {{"decision", text, "accepted"}, {"reason", text, ""}}));
  kinds.push_back(AboutCandidate("payments", {{"amount_cents", integer, "250000"},
                                              {"method", text, "check"},
                                              {"payer.kind", text, "employer"},
                                              {"payer.name", text, "Lakeside Unified"},
                                              {"payer.funding_source", text, "general_fund"},
                                              {"reference", text, "check 1042"}}));
  kinds.push_back(AboutCandidate(
      "attendance", {{"session", integer, "1"}, {"status", text, "present"}, {"note", text, ""}}));
  kinds.push_back(AboutCandidate(
      "makeups", {{"session", integer, "2"}, {"description", text, "Essay on session 2"}}));
  kinds.push_back(AboutCandidate("participation",
                                 {{"session", integer, "1"}, {"rating", text, "satisfactory"}}));
  kinds.push_back(AboutCandidate("submissions", {{"assignment", text, "homework-1"},
                                                 {"document", text, ""},
                                                 {"url", text, "https://example.org/plan"}}));
  kinds.push_back(AboutCandidate("grades", {{"assignment", text, "homework-1"},
                                            {"result", text, "pass"},
                                            {"score", integer, "90"},
                                            {"comment", text, ""}}));
  kinds.push_back(AboutCandidate("portfolio", {{"kind", text, "artifact"},
                                               {"session", integer, "1"},
                                               {"title", text, "Network plan"},
                                               {"url", text, "https://example.org/artifact"}}));
  kinds.push_back(AboutCandidate("meetings", {{"kind", text, "check_in"},
                                              {"mode", text, "phone"},
                                              {"held_on", text, "2009-03-10"},
                                              {"notes", text, ""}}));
  kinds.push_back(
      AboutCandidate("reviews", {{"held_on", text, "2009-06-01"}, {"notes", text, ""}}));
  kinds.push_back(AboutCandidate(
      "final-presentation",
      {{"result", text, "pass"}, {"executive_summary", text, "accepted"}, {"comment", text, ""}}));
  kinds.push_back(AboutCandidate("mentor-assessment", {{"recommend", boolean, "true"},
                                                       {"statement", text, "Ready to lead."}}));
  kinds.push_back(AboutCandidate("feedback", {{"text", text, "A demanding, useful year."}}));
  kinds.push_back(AboutCandidate(
      "employment", Concat(EmployerColumns(), {{"position", text, "Chief Technology Officer"}})));
  kinds.push_back(
      AboutCandidate("drop", {{"reason", text, "unexcused_absence"}, {"detail", text, ""}}));
  kinds.push_back(AboutCandidate("certification", {{"decision", text, "certify"},
                                                   {"reason", text, ""},
                                                   {"certificate", text, "CCTO-2009-0007"}}));
  kinds.push_back(AboutCandidate("ceus", {{"activity", text, "Network security workshop"},
                                          {"provider", text, "CETPA"},
                                          {"completed_on", text, "2010-04-12"},
                                          {"contact_hours", number, "6.5"},
                                          {"document", text, ""}}));
  kinds.push_back(
      AboutCandidate("annual-documentation", {{"year", integer, "2010"}, {"document", text, ""}}));
  kinds.push_back(AboutCandidate("promotions", {{"title", text, "Chief Technology Officer"},
                                                {"effective_on", text, "2010-07-01"}}));
  return kinds;
}

// A cell as CSV writes it: quoted (by libcsv) when it holds a comma, a quote or a line break.
std::string CsvCell(std::string_view cell) {
  if (cell.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(cell);
  std::string quoted(cell.size() * 2 + 2, '\0');
  quoted.resize(csv_write(quoted.data(), quoted.size(), cell.data(), cell.size()));
  return quoted;
}

}  // namespace

const std::vector<ImportKind>& ImportKinds() {
  static const std::vector<ImportKind> kinds = MakeKinds();
  return kinds;
}

const ImportKind* FindImportKind(std::string_view name) {
  for (const ImportKind& kind : ImportKinds()) {
    if (kind.name == name) return &kind;
  }
  return nullptr;
}

std::string ImportTemplate(const ImportKind& kind) {
  std::vector<ImportColumn> columns{{kOccurredAtColumn, text, "2009-02-07T09:00:00-08:00"}};
  if (kind.subject == RowSubject::cohort) columns.push_back({kCohortColumn, integer, "2009"});
  if (kind.subject == RowSubject::candidate) {
    columns.push_back({kCandidateColumn, text, "jane.doe@example.org"});
    columns.push_back({kCohortColumn, integer, "2009"});
  }
  columns.insert(columns.end(), kind.columns.begin(), kind.columns.end());
  std::string header, example;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    header += (i == 0 ? "" : ",") + CsvCell(columns[i].name);
    example += (i == 0 ? "" : ",") + CsvCell(columns[i].example);
  }
  return header + "\r\n" + example + "\r\n";
}

}  // namespace ctom::api
