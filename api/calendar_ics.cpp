// A cohort's sessions as an iCalendar file: one VEVENT per session, with a UID that never
// changes and a SEQUENCE that counts reschedules, so calendar clients update in place.
#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

#include "api/view_json.hpp"
#include "domain/time.hpp"

namespace ctom::api {
namespace {

// 20180202T180000Z
std::string IcsInstant(domain::Instant instant) {
  std::string text = domain::FormatInstant(instant - instant % 1'000'000);
  std::string out;
  for (char ch : text) {
    if (ch != '-' && ch != ':') out += ch;
  }
  return out;
}

// RFC 5545 text: backslash, semicolon and comma escaped, newlines as \n.
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

// One content line: CRLF-terminated and folded (CRLF and a space) so that no line is longer than
// 75 octets (RFC 5545 3.1), never splitting a UTF-8 sequence.
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

}  // namespace

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

}  // namespace

std::string CohortIcs(const domain::Cohort& cohort) {
  const std::string year = std::to_string(cohort.opened.year);
  std::string ics =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//ctom//CTO Mentor Program//EN\r\n"
      "CALSCALE:GREGORIAN\r\n";
  for (const auto& [number, session] : cohort.sessions) {
    const std::string label = number == 0   ? "Kickoff"
                              : number == 9 ? "Final presentations and commencement"
                                            : "Session " + std::to_string(number);
    std::string summary = "CTO Mentor Program " + year + " - " + label;
    // A title that only repeats the label ("Kickoff: Kickoff") adds nothing.
    if (!session.slot.title.empty() && !SameWords(session.slot.title, label))
      summary += ": " + session.slot.title;
    const std::string location =
        session.slot.location.empty() ? cohort.opened.location : session.slot.location;
    ics += "BEGIN:VEVENT\r\n";
    ics += "UID:cohort-" + year + "-session-" + std::to_string(number) + "@ctom\r\n";
    ics += "SEQUENCE:" + std::to_string(session.reschedules) + "\r\n";
    ics += "DTSTAMP:" + IcsInstant(cohort.opened.application_opens) + "\r\n";
    ics += "DTSTART:" + IcsInstant(session.slot.starts_at) + "\r\n";
    ics += "DTEND:" + IcsInstant(session.slot.ends_at) + "\r\n";
    ics += IcsLine("SUMMARY:" + IcsText(summary));
    if (!location.empty()) ics += IcsLine("LOCATION:" + IcsText(location));
    ics += "END:VEVENT\r\n";
  }
  ics += "END:VCALENDAR\r\n";
  return ics;
}

}  // namespace ctom::api
