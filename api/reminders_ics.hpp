// The reminders feed as iCalendar: each reminder an all-day event on its due date, each session
// not yet ended a timed event (the same UIDs as the cohort's schedule.ics).
#pragma once

#include <string>
#include <vector>

#include "domain/state.hpp"
#include "projections/reminders.hpp"

namespace ctom::api {

// UIDs are the reminders' keys (stable while the thing to do is the same); DESCRIPTION says what
// to do and links to the console page (console_url: "<public-url>/console"). Reminders of kind
// session_upcoming are left out: the sessions are in the feed themselves. No names of people.
std::string RemindersIcs(const domain::Program& program,
                         const std::vector<projections::Reminder>& reminders, domain::Instant now,
                         const std::string& console_url);

}  // namespace ctom::api
