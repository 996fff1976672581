// A room's attendance as one command (POST /v1/cohorts/{year}/sessions/{n}/attendance): every
// row decided, all or nothing.
#pragma once

#include "api/http.hpp"
#include "api/program_commands.hpp"
#include "projections/live_views.hpp"

namespace ctom::api {

// The most rows one room's attendance may hold.
inline constexpr std::size_t kRoomRecordsMax = 500;

// Reads {records:[{candidate, status, note?}], occurred_at?}: one attendance_recorded command per
// row, each for session n, decided as one group (ProgramCommands::RunAll). Answers
//   200 {id: "<year>", stream, version, position} of the last row's record, plus
//       records:[{candidate, stream, version, position}] (an idempotent replay: the standard
//       fields only)
//   400 validation: a malformed body, a candidate named twice (records[i].candidate), a
//       candidate not of cohort {year}, or an If-Match header (the command spans several records)
//   404 not_found: no cohort {year}; a row's refusal otherwise: its status and code, with
//       "records[i]: " before its detail and errors [{field: "records[i]", message}]
// Nothing is appended unless every row is accepted.
class RoomAttendance {
 public:
  // commands and views must outlive this.
  RoomAttendance(ProgramCommands& commands, const projections::LiveViews& views);

  HttpResponse Record(const HttpRequest& request, const PathParameters& path, const Caller& caller);

 private:
  ProgramCommands& commands_;
  const projections::LiveViews& views_;
};

}  // namespace ctom::api
