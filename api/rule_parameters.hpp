// Rule-set parameters as every reader takes them: POST /v1/rulesets, POST /v1/rulesets/impact
// and `ctom rebuild --rules FILE` read one shape with one set of checks.
#pragma once

#include "api/json_body.hpp"
#include "domain/rules.hpp"

namespace ctom::api {

// Reads the field `parameters` of body, {name: value, ...}: each parameter named is checked
// against its kind and range (DOMAIN.md's table) and laid over base; parameters left out keep
// base's values. Refusals (an unknown parameter, a value of the wrong kind or out of range,
// parameters missing or not an object) go to body's errors; the caller asks body.Finish().
[[nodiscard]] domain::RuleParameters ReadRuleParameters(BodyReader& body,
                                                        domain::RuleParameters base);

}  // namespace ctom::api
