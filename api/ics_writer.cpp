// Writing iCalendar text: instants, escaping, line folding and session events.
#include "api/ics_writer.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace ctom::api {
namespace {

// Equal but for letter case and surrounding spaces.
bool SameWords(std::string_view a, std::string_view b) {
  auto trim = [](std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
  };
  a = trim(a);
  b = trim(b);
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string WithoutSeparators(const std::string& text) {
  std::string out;
  for (char ch : text) {
    if (ch != '-' && ch != ':') out += ch;
  }
  return out;
}

}  // namespace

std::string IcsInstant(domain::Instant instant) {
  return WithoutSeparators(domain::FormatInstant(instant - instant % 1'000'000));
}

std::string IcsDate(domain::Date date) { return WithoutSeparators(domain::FormatDate(date)); }

std::string IcsText(const std::string& text) {
  std::string out;
  for (char ch : text) {
    if (ch == '\\' || ch == ';' || ch == ',') {
      out += '\\';
      out += ch;
    } else if (ch == '\n') {
      out += "\\n";
    } else if (ch != '\r') {
      out += ch;
    }
  }
  return out;
}

std::string IcsLine(const std::string& line) {
  constexpr std::size_t kLineOctetsMax = 75;
  std::string out;
  std::size_t start = 0;
  std::size_t limit = kLineOctetsMax;
  while (line.size() - start > limit) {
    std::size_t end = start + limit;
    while (end > start + 1 && (static_cast<unsigned char>(line[end]) & 0xC0) == 0x80) --end;
    out += line.substr(start, end - start) + "\r\n ";
    start = end;
    limit = kLineOctetsMax - 1;  // the leading space of a continuation counts
  }
  return out + line.substr(start) + "\r\n";
}

std::string IcsCalendarBegin() {
  return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//ctom//CTO Mentor Program//EN\r\n"
         "CALSCALE:GREGORIAN\r\n";
}

std::string IcsCalendarEnd() { return "END:VCALENDAR\r\n"; }

std::string SessionIcsEvent(const domain::Cohort& cohort, std::int64_t number,
                            const domain::Session& session) {
  const std::string year = std::to_string(cohort.opened.year);
  const std::string label = number == 0   ? "Kickoff"
                            : number == 9 ? "Final presentations and commencement"
                                          : "Session " + std::to_string(number);
  std::string summary = "CTO Mentor Program " + year + " - " + label;
  // A title that only repeats the label ("Kickoff: Kickoff") adds nothing.
  if (!session.slot.title.empty() && !SameWords(session.slot.title, label))
    summary += ": " + session.slot.title;
  const std::string location =
      session.slot.location.empty() ? cohort.opened.location : session.slot.location;
  std::string ics = "BEGIN:VEVENT\r\n";
  ics += "UID:cohort-" + year + "-session-" + std::to_string(number) + "@ctom\r\n";
  ics += "SEQUENCE:" + std::to_string(session.reschedules) + "\r\n";
  ics += "DTSTAMP:" + IcsInstant(cohort.opened.application_opens) + "\r\n";
  ics += "DTSTART:" + IcsInstant(session.slot.starts_at) + "\r\n";
  ics += "DTEND:" + IcsInstant(session.slot.ends_at) + "\r\n";
  ics += IcsLine("SUMMARY:" + IcsText(summary));
  if (!location.empty()) ics += IcsLine("LOCATION:" + IcsText(location));
  ics += "END:VEVENT\r\n";
  return ics;
}

}  // namespace ctom::api
