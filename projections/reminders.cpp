// Computing reminders: one function per area of the program, each judged by the rules in force
// at the instant asked.
#include "projections/reminders.hpp"

#include <algorithm>
#include <tuple>

#include "domain/invariant.hpp"
#include "domain/requirements.hpp"

namespace ctom::projections {
namespace {

using domain::Candidate;
using domain::Date;
using domain::FormatDate;
using domain::RuleParameters;

// What every rule below looks at: the day asked, how far ahead, the rules then in force.
struct Horizon {
  domain::Instant as_of = 0;
  Date today;
  Date until;  // today + within_days
  const RuleParameters* rules = nullptr;
};

Date AddDays(Date date, std::int64_t days) {
  return Date{static_cast<std::int32_t>(date.days + days)};
}

std::string Cents(std::int64_t cents) {
  const std::string fraction = std::to_string(100 + cents % 100).substr(1);
  return "$" + std::to_string(cents / 100) + "." + fraction;
}

std::string JoinCodes(const std::vector<std::string>& codes) {
  std::string out;
  for (const std::string& code : codes) out += (out.empty() ? "" : ", ") + code;
  return out;
}

Reminder About(ReminderKind kind, Date due_on, const Candidate& c, std::string detail,
               const std::string& qualifier) {
  std::string key = std::string(ReminderKindName(kind)) + "/candidate-" + c.id;
  if (!qualifier.empty()) key += "/" + qualifier;
  return Reminder{kind, due_on, c.id, "", c.cohort, std::move(detail), std::move(key)};
}

// A certified CTO's certificate: renewal, lapse, CEUs and annual documentation.
void CertificateReminders(const Candidate& c, const Horizon& h, std::vector<Reminder>& out) {
  const domain::Certification& cert = c.certification;
  if (cert.state != "certified" || cert.revoked) return;
  const RuleParameters& rules = *h.rules;
  const Date expires = cert.expires_on;
  const std::string number = "certificate " + cert.certificate;
  const std::vector<std::string> unmet = domain::EvaluateRecertification(c, rules).Unmet();
  if (h.today >= expires) {
    // Shown for as long after the lapse as the renewal window runs before it.
    if (h.today < AddDays(expires, rules.renewal_window_days)) {
      out.push_back(About(ReminderKind::certificate_lapsed, expires, c,
                          number + " lapsed on " + FormatDate(expires) +
                              ": record the recertification once its requirements are met" +
                              (unmet.empty() ? "" : " (unmet: " + JoinCodes(unmet) + ")"),
                          FormatDate(expires)));
    }
    return;
  }
  if (h.until >= AddDays(expires, -rules.renewal_window_days)) {
    out.push_back(About(
        ReminderKind::renewal_due, expires, c,
        number + " expires on " + FormatDate(expires) + ": record the recertification" +
            (unmet.empty() ? " (its requirements are met)"
                           : " once its requirements are met (unmet: " + JoinCodes(unmet) + ")"),
        FormatDate(expires)));
    const std::int64_t earned = domain::CeusInCycleThousandths(c);
    const std::int64_t needed = rules.min_ceus_per_cycle_hundredths * 10;
    if (earned < needed) {
      out.push_back(About(ReminderKind::ceus_short, expires, c,
                          domain::FormatCeus(earned) + " CEUs in the cycle " +
                              FormatDate(cert.cycle_start) + " to " + FormatDate(expires) +
                              ", need " + domain::FormatCeus(needed) + ": log " +
                              domain::FormatCeus(needed - earned) + " more before it ends",
                          FormatDate(cert.cycle_start)));
    }
  }
  if (!rules.annual_documentation_required) return;
  const int this_year = domain::CivilFromDate(h.today).year;
  for (std::int64_t year : domain::CycleYears(cert)) {
    if (year > this_year || c.annual_documentation.contains(year)) continue;
    const Date year_end = domain::DateFromCivil({static_cast<int>(year), 12, 31});
    out.push_back(About(ReminderKind::annual_documentation_missing, std::min(year_end, expires), c,
                        "no annual documentation for " + std::to_string(year) +
                            ": record it (the cycle to " + FormatDate(expires) +
                            " needs one for each of its years)",
                        std::to_string(year)));
  }
}

Date SessionDay(const domain::Cohort& cohort, std::int64_t number, Date otherwise) {
  const auto found = cohort.sessions.find(number);
  return found == cohort.sessions.end() ? otherwise
                                        : domain::ProgramDateOf(found->second.slot.starts_at);
}

// An enrolled candidate's year: risk, make-ups, assignments and tuition.
void YearReminders(const domain::Program& p, const Candidate& c, const Horizon& h,
                   std::vector<Reminder>& out) {
  const domain::Cohort* cohort = p.FindCohort(c.cohort);
  if (c.status != "accepted" || cohort == nullptr) return;
  const RuleParameters& rules = *h.rules;
  const Date commencement = SessionDay(*cohort, 9, h.today);
  const domain::Evaluation risk = domain::EvaluateAtRisk(c, rules);
  if (!risk.met) {
    Date last_absence = h.today;
    for (const auto& [session, mark] : c.attendance) {
      if (mark.status == "absent_unexcused") last_absence = SessionDay(*cohort, session, h.today);
    }
    out.push_back(About(ReminderKind::at_risk, last_absence, c,
                        risk.requirements.front().detail +
                            ": the steering committee decides whether the candidate is dropped",
                        ""));
  }
  for (const auto& [session, mark] : c.attendance) {
    if (mark.status != "absent_excused" || mark.makeup_position ||
        !rules.makeup_required_for_excused_absence) {
      continue;
    }
    out.push_back(About(ReminderKind::makeup_missing, commencement, c,
                        "excused absence from session " + std::to_string(session) +
                            " has no make-up: record one before commencement on " +
                            FormatDate(commencement),
                        "session-" + std::to_string(session)));
  }
  for (const std::string& id : cohort->assignment_order) {
    const domain::AssignmentDefined& assignment = cohort->assignments.at(id).definition;
    const Date due = domain::ProgramDateOf(assignment.due_at);
    const auto work = c.assignments.find(id);
    const bool handed_in =
        work != c.assignments.end() && (work->second.submitted || !work->second.result.empty());
    if (handed_in || due > h.until) continue;
    out.push_back(About(ReminderKind::assignment_due, due, c,
                        "assignment " + id + " (" + assignment.title + ") due on " +
                            FormatDate(due) + " has not been submitted",
                        id));
  }
  const std::int64_t balance = domain::BalanceCents(p, c);
  if (rules.tuition_paid_required && balance > 0) {
    out.push_back(About(ReminderKind::tuition_unpaid, commencement, c,
                        "tuition balance " + Cents(balance) +
                            " unpaid: record the payment; certification at commencement on " +
                            FormatDate(commencement) + " needs tuition paid",
                        ""));
  }
}

// Sessions that start between now and the horizon.
void SessionReminders(const domain::Cohort& cohort, const Horizon& h, std::vector<Reminder>& out) {
  const std::int64_t year = cohort.opened.year;
  for (const auto& [number, session] : cohort.sessions) {
    const Date day = domain::ProgramDateOf(session.slot.starts_at);
    if (session.slot.starts_at <= h.as_of || day > h.until) continue;
    const std::string label = number == 0   ? "the kickoff"
                              : number == 9 ? "the final presentations and commencement"
                                            : "session " + std::to_string(number);
    std::string detail = "cohort " + std::to_string(year) + ": " + label;
    if (!session.slot.title.empty()) detail += " (" + session.slot.title + ")";
    detail += " starts on " + FormatDate(day) +
              (number == 9 ? ": grade the final presentations, then decide certification"
                           : ": record attendance once it has started");
    out.push_back(Reminder{
        ReminderKind::session_upcoming, day, "", "", year, std::move(detail),
        "session_upcoming/cohort-" + std::to_string(year) + "/session-" + std::to_string(number)});
  }
}

// Approved mentors without a contract cannot be matched: due by the next kickoff.
void MentorReminders(const domain::Program& p, const Horizon& h, std::vector<Reminder>& out) {
  Date next_kickoff = h.today;
  bool kickoff_ahead = false;
  for (const auto& [year, cohort] : p.cohorts) {
    const auto kickoff = cohort.sessions.find(0);
    if (kickoff == cohort.sessions.end() || kickoff->second.slot.starts_at <= h.as_of) continue;
    const Date day = domain::ProgramDateOf(kickoff->second.slot.starts_at);
    if (!kickoff_ahead || day < next_kickoff) next_kickoff = day;
    kickoff_ahead = true;
  }
  for (const auto& [id, mentor] : p.mentors) {
    if (mentor.approval != "approved" || mentor.contract_signed_on) continue;
    out.push_back(Reminder{
        ReminderKind::mentor_contract_missing, next_kickoff, "", id, std::nullopt,
        "approved mentor has no signed contract: record it" +
            std::string(kickoff_ahead ? " before the kickoff on " + FormatDate(next_kickoff) : "") +
            "; a mentor is matched only under contract",
        "mentor_contract_missing/mentor-" + id});
  }
}

}  // namespace

std::string_view ReminderKindName(ReminderKind kind) {
  switch (kind) {
    case ReminderKind::renewal_due:
      return "renewal_due";
    case ReminderKind::certificate_lapsed:
      return "certificate_lapsed";
    case ReminderKind::annual_documentation_missing:
      return "annual_documentation_missing";
    case ReminderKind::ceus_short:
      return "ceus_short";
    case ReminderKind::at_risk:
      return "at_risk";
    case ReminderKind::makeup_missing:
      return "makeup_missing";
    case ReminderKind::assignment_due:
      return "assignment_due";
    case ReminderKind::session_upcoming:
      return "session_upcoming";
    case ReminderKind::mentor_contract_missing:
      return "mentor_contract_missing";
    case ReminderKind::tuition_unpaid:
      return "tuition_unpaid";
  }
  InvariantBroken("a reminder kind has a name", __FILE__, __LINE__);
}

std::vector<Reminder> BuildReminders(const domain::Program& program, domain::Instant as_of,
                                     std::int64_t within_days) {
  CTOM_INVARIANT(within_days >= 0 && within_days <= kReminderWithinDaysMax,
                 "reminders look at most kReminderWithinDaysMax days ahead");
  Horizon h;
  h.as_of = as_of;
  h.today = domain::ProgramDateOf(as_of);
  h.until = AddDays(h.today, within_days);
  h.rules = &program.rules.At(as_of);
  std::vector<Reminder> out;
  for (const auto& [id, candidate] : program.candidates) {
    CertificateReminders(candidate, h, out);
    YearReminders(program, candidate, h, out);
  }
  for (const auto& [year, cohort] : program.cohorts) SessionReminders(cohort, h, out);
  MentorReminders(program, h, out);
  std::sort(out.begin(), out.end(), [](const Reminder& a, const Reminder& b) {
    return std::tie(a.kind, a.due_on, a.key) < std::tie(b.kind, b.due_on, b.key);
  });
  return out;
}

}  // namespace ctom::projections
