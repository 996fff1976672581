// Writing the reminders feed.
#include "api/reminders_ics.hpp"

#include "api/ics_writer.hpp"

namespace ctom::api {
namespace {

std::string ConsolePage(const projections::Reminder& reminder, const std::string& console_url) {
  if (!reminder.candidate.empty()) return console_url + "/candidates/" + reminder.candidate;
  if (!reminder.mentor.empty()) return console_url + "/mentors/" + reminder.mentor;
  if (reminder.cohort) return console_url + "/cohorts/" + std::to_string(*reminder.cohort);
  return console_url + "/reminders";
}

std::string ReminderEvent(const projections::Reminder& reminder, domain::Instant now,
                          const std::string& console_url) {
  std::string kind(projections::ReminderKindName(reminder.kind));
  std::string title = kind;
  for (char& ch : title) {
    if (ch == '_') ch = ' ';
  }
  std::string ics = "BEGIN:VEVENT\r\n";
  ics += IcsLine("UID:" + IcsText(reminder.key) + "@ctom");
  ics += "DTSTAMP:" + IcsInstant(now) + "\r\n";
  ics += "DTSTART;VALUE=DATE:" + IcsDate(reminder.due_on) + "\r\n";
  ics += "DTEND;VALUE=DATE:" + IcsDate(domain::Date{reminder.due_on.days + 1}) + "\r\n";
  ics += IcsLine("SUMMARY:" + IcsText("CTO Mentor Program: " + title));
  ics += IcsLine("DESCRIPTION:" +
                 IcsText(reminder.detail + "\n" + ConsolePage(reminder, console_url)));
  ics += IcsLine("CATEGORIES:" + IcsText(kind));
  ics += "TRANSP:TRANSPARENT\r\nEND:VEVENT\r\n";
  return ics;
}

}  // namespace

std::string RemindersIcs(const domain::Program& program,
                         const std::vector<projections::Reminder>& reminders, domain::Instant now,
                         const std::string& console_url) {
  std::string ics = IcsCalendarBegin();
  ics += "X-WR-CALNAME:CTO Mentor Program reminders\r\n";
  for (const projections::Reminder& reminder : reminders) {
    if (reminder.kind == projections::ReminderKind::session_upcoming) continue;
    ics += ReminderEvent(reminder, now, console_url);
  }
  for (const auto& [year, cohort] : program.cohorts) {
    for (const auto& [number, session] : cohort.sessions) {
      if (session.slot.ends_at > now) ics += SessionIcsEvent(cohort, number, session);
    }
  }
  return ics + IcsCalendarEnd();
}

}  // namespace ctom::api
