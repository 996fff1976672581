// A rule set's certification and recertification requirements in sentences.
#include "credentials/criteria_narrative.hpp"

#include <cstdint>
#include <vector>

namespace ctom::credentials {
namespace {

std::string Count(std::int64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// Hundredths as a decimal without trailing zeros: 600 is "6", 650 is "6.5", 625 is "6.25".
std::string Hundredths(std::int64_t hundredths) {
  std::string text = std::to_string(hundredths / 100);
  const std::int64_t rest = hundredths % 100;
  if (rest != 0) {
    text += "." + std::to_string(rest / 10);
    if (rest % 10 != 0) text += std::to_string(rest % 10);
  }
  return text;
}

std::string Joined(const std::vector<std::string>& words) {
  std::string text;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) text += i + 1 == words.size() ? " and " : ", ";
    text += words[i];
  }
  return text;
}

std::string Attendance(const domain::RuleParameters& r) {
  std::string text = "Attend the program's sessions 0 to 8 with at most " +
                     Count(r.max_unexcused_absences, "unexcused absence", "unexcused absences") +
                     " and " + Count(r.max_excused_absences, "excused absence", "excused absences");
  if (r.makeup_required_for_excused_absence) text += ", each excused absence made up";
  text += ", and take part satisfactorily (at most " +
          Count(r.max_unsatisfactory_participation, "unsatisfactory session",
                "unsatisfactory sessions") +
          ").";
  return text;
}

std::string Work(const domain::RuleParameters& r) {
  std::vector<std::string> parts;
  if (r.all_assignments_passed) parts.push_back("pass every assignment");
  std::string portfolio =
      "keep a portfolio of at least " +
      Count(r.portfolio_min_artifacts_per_session, "artifact", "artifacts") + " and " +
      Count(r.portfolio_min_reflections_per_session, "reflection", "reflections") + " per session";
  if (r.curriculum_summary_required) portfolio += " with a curriculum summary";
  parts.push_back(portfolio);
  parts.push_back("meet a mentor for at least " +
                  Count(r.min_mid_year_evaluations, "mid-year evaluation", "mid-year evaluations") +
                  " and " +
                  Count(r.min_portfolio_reviews, "portfolio review", "portfolio reviews"));
  std::string text = Joined(parts);
  text[0] = static_cast<char>(text[0] - 'a' + 'A');
  return text + ".";
}

std::string Completion(const domain::RuleParameters& r) {
  std::vector<std::string> parts;
  if (r.final_presentation_pass_required) {
    parts.push_back(r.executive_summary_required
                        ? "a passing final presentation with an executive summary"
                        : "a passing final presentation");
  }
  if (r.mentor_recommendation_required) parts.push_back("the mentor's recommendation");
  if (r.feedback_required) parts.push_back("feedback on the program");
  if (r.tuition_paid_required) parts.push_back("tuition paid in full");
  if (!r.required_documents.empty()) {
    parts.push_back("the application documents (" + Joined(r.required_documents) + ")");
  }
  if (parts.empty()) return "";
  return " Complete the year with " + Joined(parts) + ".";
}

std::string Recertification(const domain::RuleParameters& r) {
  std::string text = " Renew every " + Count(r.recert_cycle_years, "year", "years") + " with " +
                     Hundredths(r.min_ceus_per_cycle_hundredths) +
                     " continuing education units (CEUs) in the cycle";
  if (r.annual_documentation_required) text += " and each year's professional documentation";
  return text + ".";
}

}  // namespace

std::string CriteriaNarrative(const domain::RuleParameters& rules) {
  return "Complete the CTO Mentor Program's year as a K-12 technology leader. " +
         Attendance(rules) + " " + Work(rules) + Completion(rules) + Recertification(rules);
}

}  // namespace ctom::credentials
