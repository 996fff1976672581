// ctom rebuild: folds the whole log into fresh views and prints the program report; with
// --rules FILE, a what-if under those parameters that also lists the candidates whose outcomes
// would change.
#include <algorithm>
#include <boost/json/stream_parser.hpp>
#include <boost/json/value.hpp>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <expected>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>

#include "api/json_body.hpp"
#include "api/rule_parameters.hpp"
#include "cli/command_line.hpp"
#include "cli/ledger_access.hpp"
#include "cli/vault_access.hpp"
#include "domain/time.hpp"
#include "projections/fold.hpp"
#include "projections/program_report.hpp"
#include "projections/what_if.hpp"

namespace ctom::cli {
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

// The text of the file at path, or why it cannot be read (the system's words for errno).
std::expected<std::string, std::string> ReadFileText(const std::string& path) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) return std::unexpected(std::strerror(EISDIR));
  errno = 0;
  std::ifstream file(path, std::ios::binary);
  if (!file) return std::unexpected(std::strerror(errno != 0 ? errno : EIO));
  std::stringstream text;
  text << file.rdbuf();
  if (file.bad()) return std::unexpected(std::strerror(errno != 0 ? errno : EIO));
  return text.str();
}

// "line L, column C" of the byte at offset in text, both counted from 1.
std::string LineAndColumn(const std::string& text, std::size_t offset) {
  const std::string_view before = std::string_view(text).substr(0, offset);
  const std::size_t line = 1 + std::count(before.begin(), before.end(), '\n');
  const std::size_t line_start = before.rfind('\n');
  const std::size_t column =
      line_start == std::string_view::npos ? offset + 1 : offset - line_start;
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

// The rules file as a JSON object; nullopt (after the one-line error saying why: the system's
// reason, or where and why Boost.JSON stopped reading) when it is not one.
std::optional<boost::json::object> ReadRulesFile(const std::string& path) {
  auto text = ReadFileText(path);
  if (!text) return UsageError("cannot read " + path + ": " + text.error()), std::nullopt;
  boost::json::stream_parser parser;
  boost::system::error_code error;
  std::size_t read = parser.write(text->data(), text->size(), error);
  if (!error) {
    parser.finish(error);
    read = text->size();
  }
  if (error) {
    return UsageError(path + ": not JSON at " + LineAndColumn(*text, read) + ": " +
                      error.message()),
           std::nullopt;
  }
  boost::json::value document = parser.release();
  if (!document.is_object()) return UsageError(path + ": not a JSON object"), std::nullopt;
  return std::move(document.as_object());
}

// The draft the file describes on top of `base`, read as POST /v1/rulesets/impact reads its body
// (the file may also hold the parameters alone); nullopt (after a one-line error naming the first
// refused field) when a field or value does not fit.
std::optional<Draft> DraftOf(const boost::json::object& document, const std::string& path,
                             const domain::RuleParameters& base) {
  const boost::json::object body =
      document.contains("parameters") ? document : boost::json::object{{"parameters", document}};
  api::BodyReader reader(body);
  Draft draft{base, INT64_MIN};
  if (auto from = reader.OptionalInstant("effective_from")) draft.effective_from = *from;
  draft.parameters = api::ReadRuleParameters(reader, base);
  if (!reader.Finish()) {
    const server::FieldError& first = reader.errors().front();
    return UsageError(path + ": " + first.field + " " + first.message), std::nullopt;
  }
  return draft;
}

void PrintCounts(const char* scope, const projections::ReportCounts& n) {
  std::printf("%-8s %8lld %9lld %9lld %7lld %8lld %8lld %9lld %14lld %6lld %4lld %6lld %7lld\n",
              scope, (long long)n.enrolled, (long long)n.completed, (long long)n.certified,
              (long long)n.dropped, (long long)n.currently_enrolled, (long long)n.promoted,
              (long long)n.districts, (long long)n.county_offices, (long long)n.certificates_active,
              (long long)n.certificates_due, (long long)n.certificates_lapsed,
              (long long)n.certificates_revoked);
}

void PrintReport(const projections::ProgramReport& report) {
  std::printf("program report as of %s (position %llu)\n",
              domain::FormatInstant(report.as_of).c_str(),
              static_cast<unsigned long long>(report.position));
  std::printf("%-8s %8s %9s %9s %7s %8s %8s %9s %14s %6s %4s %6s %7s\n", "scope", "enrolled",
              "completed", "certified", "dropped", "current", "promoted", "districts",
              "county_offices", "active", "due", "lapsed", "revoked");
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
  auto args = ParseArguments(argc, argv, 2, {"data", "rules", "key-file"}, {});
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
  auto followed = FollowedLedger::Open(*args->Option("data"), KeyFileOf(*args));
  if (!followed) return kExitUsage;
  const std::uint64_t head = followed->ledger().GetHead().position;
  ProgressLine progress("rebuild");
  const auto started = std::chrono::steady_clock::now();
  auto program =
      projections::FoldLog(followed->ledger(), followed->unsealer(), projections::Bounds{},
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

}  // namespace ctom::cli
