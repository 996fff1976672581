// Reminders: what needs doing at an instant, each with what to do (API.md, GET /v1/reminders).
// A projection of the folded state under the rule set in force at that instant; docs/reminders.md
// says when each kind appears and when it goes away.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/state.hpp"
#include "domain/time.hpp"

namespace ctom::projections {

// In API.md's order, which is the order the list shows them in.
enum class ReminderKind {
  renewal_due,
  certificate_lapsed,
  annual_documentation_missing,
  ceus_short,
  at_risk,
  makeup_missing,
  assignment_due,
  session_upcoming,
  mentor_contract_missing,
  tuition_unpaid,
};

// The kind as API.md names it ("renewal_due").
std::string_view ReminderKindName(ReminderKind kind);

struct Reminder {
  ReminderKind kind = ReminderKind::renewal_due;
  domain::Date due_on;
  std::string candidate;  // the candidate's id, or "" when the reminder is about none
  std::string mentor;     // the mentor's id, or ""
  std::optional<std::int64_t> cohort;
  std::string detail;  // what is missing and what to do, in words
  // The same thing to do keeps its key from one instant to the next (an iCalendar UID).
  std::string key;
  bool operator==(const Reminder&) const = default;
};

// How far ahead a list may look.
inline constexpr std::int64_t kReminderWithinDaysMax = 366;
inline constexpr std::int64_t kReminderWithinDaysDefault = 30;

// Every reminder at `as_of`, looking `within_days` ahead (program calendar days), ordered by
// kind, then due date, then key. REQUIRES: 0 <= within_days <= kReminderWithinDaysMax.
std::vector<Reminder> BuildReminders(const domain::Program& program, domain::Instant as_of,
                                     std::int64_t within_days);

}  // namespace ctom::projections
