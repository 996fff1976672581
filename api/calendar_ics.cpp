// A cohort's sessions as an iCalendar file: one VEVENT per session, with a UID that never
// changes and a SEQUENCE that counts reschedules, so calendar clients update in place.
#include "api/ics_writer.hpp"
#include "api/view_json.hpp"

namespace ctom::api {

std::string CohortIcs(const domain::Cohort& cohort) {
  std::string ics = IcsCalendarBegin();
  for (const auto& [number, session] : cohort.sessions) {
    ics += SessionIcsEvent(cohort, number, session);
  }
  return ics + IcsCalendarEnd();
}

}  // namespace ctom::api
