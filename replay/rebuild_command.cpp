// ctom rebuild: folds the whole log into fresh views and prints the program report; with
// --rules FILE, a what-if under those parameters that also lists the candidates whose outcomes
// would change.
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "domain/time.hpp"
#include "projections/fold.hpp"
#include "projections/program_report.hpp"
#include "projections/what_if.hpp"
#include "replay/command_line.hpp"
#include "replay/ledger_access.hpp"

namespace ctom::replay {
namespace {

constexpr const char* kUsage =
    "usage: ctom rebuild --data DIR [--rules FILE]\n"
    "Folds the whole log and prints the program report. With --rules (a JSON object of rule-set\n"
    "parameters, or {\"effective_from\": T, \"parameters\": {...}}), evaluates every candidate\n"
    "under those rules as well and lists what would change. Nothing is written.\n";

struct Draft {
  domain::RuleParameters parameters;
  domain::Instant effective_from = INT64_MIN;
};

// Applies one parameter's JSON value; an error message, or "" when it fits.
std::string ApplyParameter(domain::RuleParameters& rules, const std::string& name,
                           const boost::json::value& value) {
  const domain::ParameterInfo* info = domain::FindParameter(name);
  if (info == nullptr) return "unknown parameter " + name;
  domain::ParameterValue v = info->get(rules);
  if (info->kind == domain::ParameterKind::boolean) {
    if (!value.is_bool()) return name + " must be true or false";
    v.boolean = value.as_bool();
  } else if (info->kind == domain::ParameterKind::document_list) {
    if (!value.is_array()) return name + " must be a list";
    v.documents.clear();
    for (const auto& item : value.as_array()) {
      if (!item.is_string() || !domain::IsDocumentKind(item.as_string()))
        return name + " holds an unknown document";
      v.documents.emplace_back(item.as_string());
    }
  } else {
    const bool decimal = info->kind == domain::ParameterKind::decimal;
    double number = value.is_int64()    ? static_cast<double>(value.as_int64())
                    : value.is_double() ? value.as_double()
                                        : NAN;
    const double scaled = decimal ? number * 100 : number;
    if (std::isnan(number) || std::fabs(scaled - std::round(scaled)) > 1e-6) {
      return name +
             (decimal ? " must be a number with at most two decimals" : " must be a whole number");
    }
    // Beyond every parameter's range, and beyond what llround can represent.
    if (std::fabs(scaled) > 1e15) return name + " is out of range";
    v.integer = static_cast<std::int64_t>(std::llround(scaled));
    if (v.integer < info->min || v.integer > info->max) return name + " is out of range";
  }
  info->set(rules, v);
  return "";
}

// The rules file as a JSON object; nullopt (after the one-line error) when unreadable.
std::optional<boost::json::object> ReadRulesFile(const std::string& path) {
  std::ifstream file(path);
  if (!file) return UsageError("cannot read " + path), std::nullopt;
  std::stringstream text;
  text << file.rdbuf();
  boost::system::error_code error;
  boost::json::value document = boost::json::parse(text.str(), error);
  if (error || !document.is_object()) return UsageError(path + ": not a JSON object"), std::nullopt;
  return std::move(document.as_object());
}

// The draft the file describes on top of `base`; nullopt (after the one-line error) when a field
// or value does not fit.
std::optional<Draft> DraftOf(const boost::json::object& document, const std::string& path,
                             const domain::RuleParameters& base) {
  Draft draft{base, INT64_MIN};
  const boost::json::object* parameters = &document;
  if (const auto* nested = document.if_contains("parameters")) {
    if (!nested->is_object())
      return UsageError(path + ": parameters must be an object"), std::nullopt;
    parameters = &nested->as_object();
    for (const auto& member : document) {
      if (member.key() != "parameters" && member.key() != "effective_from") {
        return UsageError(path + ": unknown field " + std::string(member.key())), std::nullopt;
      }
    }
    if (const auto* from = document.if_contains("effective_from")) {
      auto instant = from->is_string() ? domain::ParseInstant(from->as_string()) : std::nullopt;
      if (!instant)
        return UsageError(path + ": effective_from must be an RFC 3339 instant"), std::nullopt;
      draft.effective_from = *instant;
    }
  }
  for (const auto& member : *parameters) {
    const std::string problem =
        ApplyParameter(draft.parameters, std::string(member.key()), member.value());
    if (!problem.empty()) return UsageError(path + ": " + problem), std::nullopt;
  }
  return draft;
}

void PrintCounts(const char* scope, const projections::ReportCounts& n) {
  std::printf("%-8s %8lld %9lld %9lld %7lld %8lld %8lld %9lld %14lld %6lld %4lld %6lld\n", scope,
              (long long)n.enrolled, (long long)n.completed, (long long)n.certified,
              (long long)n.dropped, (long long)n.currently_enrolled, (long long)n.promoted,
              (long long)n.districts, (long long)n.county_offices, (long long)n.certificates_active,
              (long long)n.certificates_due, (long long)n.certificates_lapsed);
}

void PrintReport(const projections::ProgramReport& report) {
  std::printf("program report as of %s (position %llu)\n",
              domain::FormatInstant(report.as_of).c_str(),
              static_cast<unsigned long long>(report.position));
  std::printf("%-8s %8s %9s %9s %7s %8s %8s %9s %14s %6s %4s %6s\n", "scope", "enrolled",
              "completed", "certified", "dropped", "current", "promoted", "districts",
              "county_offices", "active", "due", "lapsed");
  PrintCounts("program", report.program);
  for (const auto& [year, counts] : report.cohorts)
    PrintCounts(std::to_string(year).c_str(), counts);
}

domain::Instant Now() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

int RunRebuild(int argc, char** argv) {
  auto args = ParseArguments(argc, argv, 2, {"data", "rules"}, {});
  if (!args) return kExitUsage;
  if (args->help) return std::fputs(kUsage, stdout), kExitOk;
  if (!args->Has("data")) return UsageError("rebuild needs --data DIR");
  const std::optional<std::string> rules_path = args->Option("rules");
  std::optional<boost::json::object> rules;
  if (rules_path) {
    // Checked on the default rules before the fold, so a bad file is refused at once.
    rules = ReadRulesFile(*rules_path);
    if (!rules || !DraftOf(*rules, *rules_path, domain::RuleParameters{})) return kExitUsage;
  }
  auto followed = FollowedLedger::Open(*args->Option("data"));
  if (!followed) return kExitUsage;
  const std::uint64_t head = followed->ledger().GetHead().position;
  ProgressLine progress("rebuild");
  const auto started = std::chrono::steady_clock::now();
  auto program =
      projections::FoldLog(followed->ledger(), projections::Bounds{},
                           [&](std::uint64_t position) { progress.Update(position, head); });
  if (!program) return UsageError("cannot fold the ledger: " + program.error());
  const auto elapsed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                              std::chrono::steady_clock::now() - started)
                              .count();
  std::fprintf(stderr, "rebuilt %llu events in %lld ms\n", static_cast<unsigned long long>(head),
               static_cast<long long>(elapsed_ms));
  const domain::Instant now = Now();
  if (!rules) {
    PrintReport(projections::BuildReport(*program, now, program->rules));
    return kExitOk;
  }
  auto draft = DraftOf(*rules, *rules_path, program->rules.Latest().parameters);
  if (!draft) return kExitUsage;
  const projections::WhatIfResult result =
      projections::WhatIf(*program, draft->parameters, draft->effective_from, now);
  PrintReport(result.report_after);
  std::printf("changed under these rules: %zu\n", result.changed.size());
  for (const projections::OutcomeChange& change : result.changed) {
    std::printf("  %s %s: %s -> %s\n", change.candidate.c_str(), change.what.c_str(),
                change.before.c_str(), change.after.c_str());
  }
  return kExitOk;
}

}  // namespace ctom::replay
