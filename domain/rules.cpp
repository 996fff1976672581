// The rule-set parameter table and the book of published rule sets.
#include "domain/rules.hpp"

#include <algorithm>
#include <cassert>

namespace ctom::domain {
namespace {

ParameterInfo Boolean(std::string_view name, bool RuleParameters::*field) {
  return ParameterInfo{
      name,
      ParameterKind::boolean,
      0,
      1,
      [field](const RuleParameters& p) {
        ParameterValue value;
        value.boolean = p.*field;
        return value;
      },
      [field](RuleParameters& p, const ParameterValue& v) { p.*field = v.boolean; }};
}

ParameterInfo Integer(std::string_view name, std::int64_t RuleParameters::*field, std::int64_t min,
                      std::int64_t max, ParameterKind kind = ParameterKind::integer) {
  return ParameterInfo{
      name,
      kind,
      min,
      max,
      [field](const RuleParameters& p) {
        ParameterValue value;
        value.integer = p.*field;
        return value;
      },
      [field](RuleParameters& p, const ParameterValue& v) { p.*field = v.integer; }};
}

std::vector<ParameterInfo> MakeParameters() {
  using P = RuleParameters;
  std::vector<ParameterInfo> all;
  all.push_back(
      ParameterInfo{"required_documents", ParameterKind::document_list, 0, 3,
                    [](const P& p) {
                      ParameterValue value;
                      value.documents = p.required_documents;
                      return value;
                    },
                    [](P& p, const ParameterValue& v) { p.required_documents = v.documents; }});
  all.push_back(Integer("max_unexcused_absences", &P::max_unexcused_absences, 0, 10));
  all.push_back(
      Boolean("makeup_required_for_excused_absence", &P::makeup_required_for_excused_absence));
  all.push_back(Integer("max_excused_absences", &P::max_excused_absences, 0, 10));
  all.push_back(Boolean("all_assignments_passed", &P::all_assignments_passed));
  all.push_back(
      Integer("max_unsatisfactory_participation", &P::max_unsatisfactory_participation, 0, 10));
  all.push_back(Integer("portfolio_min_artifacts_per_session",
                        &P::portfolio_min_artifacts_per_session, 0, 100));
  all.push_back(Integer("portfolio_min_reflections_per_session",
                        &P::portfolio_min_reflections_per_session, 0, 100));
  all.push_back(Boolean("curriculum_summary_required", &P::curriculum_summary_required));
  all.push_back(Integer("min_mid_year_evaluations", &P::min_mid_year_evaluations, 0, 100));
  all.push_back(Integer("min_portfolio_reviews", &P::min_portfolio_reviews, 0, 100));
  all.push_back(Boolean("feedback_required", &P::feedback_required));
  all.push_back(Boolean("final_presentation_pass_required", &P::final_presentation_pass_required));
  all.push_back(Boolean("executive_summary_required", &P::executive_summary_required));
  all.push_back(Boolean("mentor_recommendation_required", &P::mentor_recommendation_required));
  all.push_back(Boolean("tuition_paid_required", &P::tuition_paid_required));
  all.push_back(Integer("max_mentees_per_mentor", &P::max_mentees_per_mentor, 1, 100));
  all.push_back(Integer("recert_cycle_years", &P::recert_cycle_years, 1, 20));
  all.push_back(Integer("min_ceus_per_cycle", &P::min_ceus_per_cycle_hundredths, 0, 100'000,
                        ParameterKind::decimal));
  all.push_back(Boolean("annual_documentation_required", &P::annual_documentation_required));
  all.push_back(Integer("renewal_window_days", &P::renewal_window_days, 0, 3650));
  return all;
}

}  // namespace

const std::vector<ParameterInfo>& Parameters() {
  static const std::vector<ParameterInfo> all = MakeParameters();
  return all;
}

const ParameterInfo* FindParameter(std::string_view name) {
  for (const ParameterInfo& info : Parameters()) {
    if (info.name == name) return &info;
  }
  return nullptr;
}

bool IsDocumentKind(std::string_view kind) {
  return kind == "application" || kind == "resume" || kind == "nomination";
}

RuleBook::RuleBook() { rule_sets_.push_back(RuleSet{1, INT64_MIN, RuleParameters{}}); }

void RuleBook::Publish(RuleSet rule_set) { rule_sets_.push_back(std::move(rule_set)); }

const RuleSet& RuleBook::InForceAt(Instant instant) const {
  // The latest version in force: versions are published in order, but a later version may take
  // effect earlier than its predecessor, so the highest version whose start has passed wins.
  const RuleSet* in_force = &rule_sets_.front();
  for (const RuleSet& rule_set : rule_sets_) {
    if (rule_set.effective_from <= instant && rule_set.version >= in_force->version) {
      in_force = &rule_set;
    }
  }
  return *in_force;
}

const RuleSet* RuleBook::Find(std::int64_t version) const {
  for (const RuleSet& rule_set : rule_sets_) {
    if (rule_set.version == version) return &rule_set;
  }
  return nullptr;
}

RuleBook RuleBook::WithDraft(const RuleParameters& draft, Instant effective_from) const {
  RuleBook book = *this;
  book.Publish(RuleSet{Latest().version + 1, effective_from, draft});
  return book;
}

}  // namespace ctom::domain
