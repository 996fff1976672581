// Completion and certification requirements, each with its evidence.
#include "domain/requirements.hpp"

#include <string>

namespace ctom::domain {
namespace {

std::string JoinNumbers(const std::vector<std::int64_t>& numbers) {
  std::string text;
  for (std::int64_t number : numbers) {
    if (!text.empty()) text += ",";
    text += std::to_string(number);
  }
  return text;
}

Requirement Attendance(const Candidate& c, const RuleParameters& rules, Evaluation& out) {
  Requirement attendance{"attendance", true, "", {}};
  Requirement unexcused{"unexcused_absences", true, "", {}};
  Requirement excused{"excused_absences", true, "", {}};
  Requirement makeups{"makeups", true, "", {}};
  std::vector<std::int64_t> missing, without_makeup;
  std::int64_t unexcused_count = 0, excused_count = 0;
  for (std::int64_t session = kFirstAttendedSession; session <= kLastAttendedSession; ++session) {
    auto found = c.attendance.find(session);
    if (found == c.attendance.end()) {
      missing.push_back(session);
      continue;
    }
    const AttendanceMark& mark = found->second;
    attendance.evidence.push_back(mark.position);
    if (mark.status == "absent_unexcused") {
      ++unexcused_count;
      unexcused.evidence.push_back(mark.position);
    } else if (mark.status == "absent_excused") {
      ++excused_count;
      excused.evidence.push_back(mark.position);
      if (mark.makeup_position) {
        makeups.evidence.push_back(*mark.makeup_position);
      } else if (rules.makeup_required_for_excused_absence) {
        without_makeup.push_back(session);
        makeups.evidence.push_back(mark.position);
      }
    }
  }
  attendance.met = missing.empty();
  attendance.detail = missing.empty()
                          ? "every session 0-8 recorded"
                          : "no attendance recorded for sessions " + JoinNumbers(missing);
  unexcused.met = unexcused_count <= rules.max_unexcused_absences;
  unexcused.detail = std::to_string(unexcused_count) + " unexcused, at most " +
                     std::to_string(rules.max_unexcused_absences) + " allowed";
  excused.met = excused_count <= rules.max_excused_absences;
  excused.detail = std::to_string(excused_count) + " excused, at most " +
                   std::to_string(rules.max_excused_absences) + " allowed";
  makeups.met = without_makeup.empty();
  makeups.detail = without_makeup.empty() ? "every excused absence made good"
                                          : "excused absences without a make-up: sessions " +
                                                JoinNumbers(without_makeup);
  out.Add(std::move(unexcused));
  out.Add(std::move(excused));
  out.Add(std::move(makeups));
  return attendance;
}

Requirement Assignments(const Program& p, const Candidate& c, const RuleParameters& rules) {
  Requirement r{"assignments", true, "", {}};
  const Cohort* cohort = p.FindCohort(c.cohort);
  std::vector<std::string> not_passed;
  if (cohort != nullptr) {
    for (const std::string& id : cohort->assignment_order) {
      auto found = c.assignments.find(id);
      if (found != c.assignments.end()) r.evidence.push_back(found->second.position);
      if (found == c.assignments.end() || found->second.result != "pass") not_passed.push_back(id);
    }
  }
  r.met = !rules.all_assignments_passed || not_passed.empty();
  std::string list;
  for (const std::string& id : not_passed) list += (list.empty() ? "" : ",") + id;
  r.detail = not_passed.empty() ? "every assignment passed" : "not passed: " + list;
  return r;
}

Requirement Portfolio(const Candidate& c, const RuleParameters& rules) {
  Requirement r{"portfolio", true, "", c.portfolio_positions};
  std::vector<std::int64_t> short_sessions;
  for (std::int64_t session = 1; session <= kLastAttendedSession; ++session) {
    auto artifacts = c.artifacts_by_session.find(session);
    auto reflections = c.reflections_by_session.find(session);
    const std::int64_t a = artifacts == c.artifacts_by_session.end() ? 0 : artifacts->second;
    const std::int64_t f = reflections == c.reflections_by_session.end() ? 0 : reflections->second;
    if (a < rules.portfolio_min_artifacts_per_session ||
        f < rules.portfolio_min_reflections_per_session) {
      short_sessions.push_back(session);
    }
  }
  r.met = short_sessions.empty();
  r.detail = r.met ? "artifacts and reflections for sessions 1-8"
                   : "too few artifacts or reflections for sessions " + JoinNumbers(short_sessions);
  return r;
}

Requirement Meetings(const Candidate& c, const RuleParameters& rules) {
  auto count = [&](const std::string& kind) -> std::int64_t {
    auto found = c.meetings.find(kind);
    return found == c.meetings.end() ? 0 : static_cast<std::int64_t>(found->second.size());
  };
  Requirement r{"mentor_meetings", true, "", {}};
  for (const char* kind : {"mid_year_evaluation", "portfolio_review"}) {
    auto found = c.meetings.find(kind);
    if (found != c.meetings.end()) {
      r.evidence.insert(r.evidence.end(), found->second.begin(), found->second.end());
    }
  }
  const std::int64_t mid_year = count("mid_year_evaluation");
  const std::int64_t reviews = count("portfolio_review");
  r.met = mid_year >= rules.min_mid_year_evaluations && reviews >= rules.min_portfolio_reviews;
  r.detail = std::to_string(mid_year) + " mid-year evaluation" + (mid_year == 1 ? "" : "s") +
             " (need " + std::to_string(rules.min_mid_year_evaluations) + "), " +
             std::to_string(reviews) + " portfolio review" + (reviews == 1 ? "" : "s") + " (need " +
             std::to_string(rules.min_portfolio_reviews) + ")";
  return r;
}

Requirement Presence(std::string code, bool required, std::optional<std::uint64_t> position,
                     const std::string& what) {
  Requirement r{std::move(code), true, "", {}};
  if (position) r.evidence.push_back(*position);
  r.met = !required || position.has_value();
  r.detail =
      position ? what + " recorded" : (required ? "no " + what + " recorded" : "not required");
  return r;
}

std::optional<std::uint64_t> FinalPresentationPosition(const Candidate& c) {
  if (!c.final_presentation) return std::nullopt;
  return c.final_presentation_position;
}

}  // namespace

std::vector<std::string> Evaluation::Unmet() const {
  std::vector<std::string> codes;
  for (const Requirement& r : requirements) {
    if (!r.met) codes.push_back(r.code);
  }
  return codes;
}

void Evaluation::Add(Requirement requirement) {
  met = met && requirement.met;
  requirements.push_back(std::move(requirement));
}

Evaluation EvaluateCompletion(const Program& program, const Candidate& candidate,
                              const RuleParameters& rules) {
  Evaluation out;
  Evaluation attendance_parts;
  Requirement attendance = Attendance(candidate, rules, attendance_parts);
  out.Add(std::move(attendance));
  for (Requirement& part : attendance_parts.requirements) out.Add(std::move(part));
  out.Add(Assignments(program, candidate, rules));
  out.Add(Portfolio(candidate, rules));
  out.Add(Presence("curriculum_summary", rules.curriculum_summary_required,
                   candidate.curriculum_summary_position, "curriculum summary"));
  out.Add(Meetings(candidate, rules));
  out.Add(Presence("final_presentation_delivered", true, FinalPresentationPosition(candidate),
                   "final presentation"));
  out.Add(Presence("feedback", rules.feedback_required, candidate.feedback_position,
                   "program feedback"));
  return out;
}

}  // namespace ctom::domain
