// A cohort's attendance and grades sheets (GET /v1/cohorts/{year}/attendance and .../grades): one
// line a enrolled candidate, as JSON items or as CSV.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <vector>

#include "domain/state.hpp"

namespace ctom::api {

// The candidates the sheets list: those of the cohort ever accepted, in id order.
std::vector<const domain::Candidate*> EnrolledCandidates(const domain::Program& program,
                                                         const domain::Cohort& cohort);

// {candidate, name, sessions:{"0": status, ...}}: the sessions with attendance recorded.
boost::json::object AttendanceLineJson(const domain::Candidate& candidate);
// {candidate, name, assignments:{"<id>": pass|fail|submitted|missing}}.
boost::json::object GradesLineJson(const domain::Program& program,
                                   const domain::Candidate& candidate);

// candidate,name,session_0,...,session_8 (a session without attendance is an empty cell).
std::string AttendanceCsv(const std::vector<const domain::Candidate*>& candidates);
// candidate,name, then one column per assignment id in definition order.
std::string GradesCsv(const domain::Program& program, const domain::Cohort& cohort,
                      const std::vector<const domain::Candidate*>& candidates);

}  // namespace ctom::api
