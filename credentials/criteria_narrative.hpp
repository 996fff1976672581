// The requirements of a rule set in words, for an achievement's criteria.narrative.
#pragma once

#include <string>

#include "domain/rules.hpp"

namespace ctom::credentials {

// What a candidate had to do under rules to be certified, and to keep the certificate, as a few
// plain sentences (Markdown-safe: no markup characters but '.' and ',').
[[nodiscard]] std::string CriteriaNarrative(const domain::RuleParameters& rules);

}  // namespace ctom::credentials
