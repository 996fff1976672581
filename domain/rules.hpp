// Rule sets: the program's numbers and switches as data, versioned and effective from an instant.
#pragma once

#include <cereal/cereal.hpp>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/time.hpp"

namespace ctom::domain {

// The parameters of one rule set. Defaults are version 1 (DOMAIN.md).
struct RuleParameters {
  std::vector<std::string> required_documents{"application", "resume", "nomination"};
  std::int64_t max_unexcused_absences = 0;
  bool makeup_required_for_excused_absence = true;
  std::int64_t max_excused_absences = 2;
  bool all_assignments_passed = true;
  std::int64_t max_unsatisfactory_participation = 0;
  std::int64_t portfolio_min_artifacts_per_session = 1;
  std::int64_t portfolio_min_reflections_per_session = 1;
  bool curriculum_summary_required = true;
  std::int64_t min_mid_year_evaluations = 1;
  std::int64_t min_portfolio_reviews = 2;
  bool feedback_required = true;
  bool final_presentation_pass_required = true;
  bool executive_summary_required = true;
  bool mentor_recommendation_required = true;
  bool tuition_paid_required = true;
  std::int64_t max_mentees_per_mentor = 2;
  std::int64_t recert_cycle_years = 3;
  std::int64_t min_ceus_per_cycle_hundredths = 600;  // 6.00 CEUs
  bool annual_documentation_required = true;
  std::int64_t renewal_window_days = 90;

  bool operator==(const RuleParameters&) const = default;

  template <class Archive>
  void serialize(Archive& archive) {
    archive(CEREAL_NVP(required_documents), CEREAL_NVP(max_unexcused_absences),
            CEREAL_NVP(makeup_required_for_excused_absence), CEREAL_NVP(max_excused_absences),
            CEREAL_NVP(all_assignments_passed), CEREAL_NVP(max_unsatisfactory_participation),
            CEREAL_NVP(portfolio_min_artifacts_per_session),
            CEREAL_NVP(portfolio_min_reflections_per_session),
            CEREAL_NVP(curriculum_summary_required), CEREAL_NVP(min_mid_year_evaluations),
            CEREAL_NVP(min_portfolio_reviews), CEREAL_NVP(feedback_required),
            CEREAL_NVP(final_presentation_pass_required), CEREAL_NVP(executive_summary_required),
            CEREAL_NVP(mentor_recommendation_required), CEREAL_NVP(tuition_paid_required),
            CEREAL_NVP(max_mentees_per_mentor), CEREAL_NVP(recert_cycle_years),
            CEREAL_NVP(min_ceus_per_cycle_hundredths), CEREAL_NVP(annual_documentation_required),
            CEREAL_NVP(renewal_window_days));
  }
};

// How a parameter is written outside the domain (JSON, rules files): its name, its kind, and
// access to its value. `decimal` values are hundredths (6.00 is 600).
enum class ParameterKind { boolean, integer, decimal, document_list };

struct ParameterValue {
  bool boolean = false;
  std::int64_t integer = 0;  // integer, or hundredths for decimal
  std::vector<std::string> documents;
};

struct ParameterInfo {
  std::string_view name;
  ParameterKind kind;
  std::int64_t min = 0;  // inclusive bounds for integer and decimal
  std::int64_t max = 0;
  std::function<ParameterValue(const RuleParameters&)> get;
  std::function<void(RuleParameters&, const ParameterValue&)> set;
};

// Every parameter, in the order of DOMAIN.md.
const std::vector<ParameterInfo>& Parameters();
const ParameterInfo* FindParameter(std::string_view name);

// The document kinds an application may carry.
bool IsDocumentKind(std::string_view kind);

struct RuleSet {
  std::int64_t version = 1;
  Instant effective_from = 0;
  RuleParameters parameters;
};

// Every published rule set; version 1 (the defaults) is in force from the beginning of time.
class RuleBook {
 public:
  RuleBook();
  // Adds a published rule set. Versions arrive in order.
  void Publish(RuleSet rule_set);
  // The parameters in force at an instant: the latest version whose effective_from <= instant.
  const RuleParameters& At(Instant instant) const { return InForceAt(instant).parameters; }
  // The rule set those parameters belong to.
  const RuleSet& InForceAt(Instant instant) const;
  const RuleSet& Latest() const { return rule_sets_.back(); }
  const std::vector<RuleSet>& All() const { return rule_sets_; }
  const RuleSet* Find(std::int64_t version) const;
  // A what-if: evaluate everything as if `draft` were published, in force from effective_from.
  RuleBook WithDraft(const RuleParameters& draft, Instant effective_from) const;

 private:
  std::vector<RuleSet> rule_sets_;
};

}  // namespace ctom::domain
