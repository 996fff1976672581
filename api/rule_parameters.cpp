// Reading rule-set parameters over a base.
#include "api/rule_parameters.hpp"

namespace ctom::api {
namespace {

// Document kinds a required_documents list may hold, at most.
constexpr std::size_t kRequiredDocumentsMax = 3;
constexpr std::size_t kDocumentKindBytesMax = 20;

void ReadParameter(BodyReader& parameters, const domain::ParameterInfo& info,
                   domain::RuleParameters& rules) {
  const std::string_view name = info.name;
  domain::ParameterValue value = info.get(rules);
  switch (info.kind) {
    case domain::ParameterKind::boolean:
      value.boolean = parameters.RequiredBool(name);
      break;
    case domain::ParameterKind::integer:
      value.integer = parameters.RequiredInt(name, info.min, info.max);
      break;
    case domain::ParameterKind::decimal:
      value.integer = parameters.RequiredHundredths(name, info.min, info.max);
      break;
    case domain::ParameterKind::document_list:
      value.documents =
          parameters.RequiredStringArray(name, kRequiredDocumentsMax, kDocumentKindBytesMax);
      for (const std::string& kind : value.documents) {
        if (!domain::IsDocumentKind(kind)) parameters.Refuse(name, "unknown document " + kind);
      }
      break;
  }
  info.set(rules, value);
}

}  // namespace

domain::RuleParameters ReadRuleParameters(BodyReader& body, domain::RuleParameters base) {
  const boost::json::value* raw = body.RequiredValue("parameters");
  if (raw == nullptr) return base;
  if (!raw->is_object()) {
    body.Refuse("parameters", "must be an object");
    return base;
  }
  BodyReader parameters = body.RequiredObject("parameters");
  for (const auto& member : raw->as_object()) {
    // Unknown names are left for Finish() to refuse.
    const domain::ParameterInfo* info = domain::FindParameter(member.key());
    if (info != nullptr) ReadParameter(parameters, *info, base);
  }
  return base;
}

}  // namespace ctom::api
