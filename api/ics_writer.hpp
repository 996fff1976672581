// iCalendar (RFC 5545) pieces shared by the cohort schedule (schedule.ics) and the reminders feed
// (reminders.ics): instants and dates, escaped text, folded lines, and a session's VEVENT.
#pragma once

#include <string>

#include "domain/state.hpp"
#include "domain/time.hpp"

namespace ctom::api {

// "20180202T180000Z" (UTC, whole seconds).
std::string IcsInstant(domain::Instant instant);
// "20180202", for all-day events (VALUE=DATE).
std::string IcsDate(domain::Date date);
// TEXT: backslash, semicolon and comma escaped, a newline as \n, carriage returns dropped.
std::string IcsText(const std::string& text);
// One content line ending in CRLF, folded (CRLF and a space) so that no line is longer than 75
// octets, never splitting a UTF-8 sequence.
std::string IcsLine(const std::string& line);

// BEGIN:VCALENDAR with the version and product lines; and its end.
std::string IcsCalendarBegin();
std::string IcsCalendarEnd();

// One session of a cohort as a VEVENT whose UID never changes (cohort-<year>-session-<n>@ctom)
// and whose SEQUENCE counts reschedules, so calendar clients update it in place.
std::string SessionIcsEvent(const domain::Cohort& cohort, std::int64_t number,
                            const domain::Session& session);

}  // namespace ctom::api
