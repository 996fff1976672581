// Rendering a cohort's attendance and grades sheets.
#include "api/cohort_sheets.hpp"

#include <algorithm>

#include "api/csv_writer.hpp"
#include "api/view_json.hpp"
#include "domain/requirements.hpp"

namespace ctom::api {
namespace json = boost::json;

std::vector<const domain::Candidate*> EnrolledCandidates(const domain::Program& program,
                                                         const domain::Cohort& cohort) {
  std::vector<const domain::Candidate*> out;
  for (const std::string& id : cohort.candidate_ids) {
    const domain::Candidate* candidate = program.FindCandidate(id);
    if (candidate != nullptr && candidate->ever_accepted) out.push_back(candidate);
  }
  std::sort(out.begin(), out.end(),
            [](const domain::Candidate* a, const domain::Candidate* b) { return a->id < b->id; });
  return out;
}

json::object AttendanceLineJson(const domain::Candidate& candidate) {
  json::object sessions;
  for (const auto& [session, mark] : candidate.attendance) {
    sessions[std::to_string(session)] = mark.status;
  }
  return json::object{
      {"candidate", candidate.id}, {"name", candidate.name}, {"sessions", std::move(sessions)}};
}

json::object GradesLineJson(const domain::Program& program, const domain::Candidate& candidate) {
  return json::object{{"candidate", candidate.id},
                      {"name", candidate.name},
                      {"assignments", AssignmentsJson(program, candidate)}};
}

std::string AttendanceCsv(const std::vector<const domain::Candidate*>& candidates) {
  std::vector<std::string> header{"candidate", "name"};
  for (std::int64_t session = domain::kFirstAttendedSession;
       session <= domain::kLastAttendedSession; ++session) {
    header.push_back("session_" + std::to_string(session));
  }
  CsvWriter csv(header);
  for (const domain::Candidate* candidate : candidates) {
    std::vector<std::string> cells{candidate->id, candidate->name};
    for (std::int64_t session = domain::kFirstAttendedSession;
         session <= domain::kLastAttendedSession; ++session) {
      const auto found = candidate->attendance.find(session);
      cells.push_back(found == candidate->attendance.end() ? "" : found->second.status);
    }
    csv.Row(cells);
  }
  return csv.text();
}

std::string GradesCsv(const domain::Program& program, const domain::Cohort& cohort,
                      const std::vector<const domain::Candidate*>& candidates) {
  std::vector<std::string> header{"candidate", "name"};
  for (const std::string& id : cohort.assignment_order) header.push_back(id);
  CsvWriter csv(header);
  for (const domain::Candidate* candidate : candidates) {
    const json::object results = AssignmentsJson(program, *candidate);
    std::vector<std::string> cells{candidate->id, candidate->name};
    for (const std::string& id : cohort.assignment_order) {
      const json::value* result = results.if_contains(id);
      cells.push_back(result != nullptr && result->is_string() ? std::string(result->as_string())
                                                               : "");
    }
    csv.Row(cells);
  }
  return csv.text();
}

}  // namespace ctom::api
