// ctom_simulate: runs power cuts over consecutive seeds and prints the figures, or the seed and the
// history of every cut whose checks failed (exit 1). scripts/simulate runs it.
//   ctom_simulate [--seed S] [--cuts N] [--scenario appends|backup|erasure|all]
//                 [--answer-before-sync] [--history]
// --history prints every cut's history, failed or not.
#include <stdlib.h>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

#include "tests/simulation/simulation.hpp"

namespace {

using ctom::simulation::Scenario;

struct Arguments {
  std::uint64_t seed = 1;
  std::uint64_t cuts = 100;
  std::optional<Scenario> scenario;  // none: every seed's scenario is the seed modulo 3
  ctom::simulation::Sabotage sabotage;
  bool history = false;
};

bool ParseNumber(std::string_view text, std::uint64_t& number) {
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  return error == std::errc() && end == text.data() + text.size();
}

std::optional<Arguments> Parse(int argc, char** argv) {
  Arguments arguments;
  for (int i = 1; i < argc; ++i) {
    const std::string_view name = argv[i];
    const std::string_view value = i + 1 < argc ? argv[i + 1] : "";
    if (name == "--answer-before-sync" || name == "--history") {
      (name == "--history" ? arguments.history : arguments.sabotage.answer_before_sync) = true;
      continue;
    }
    bool ok = i + 1 < argc;
    if (name == "--seed") {
      ok = ok && ParseNumber(value, arguments.seed);
    } else if (name == "--cuts") {
      ok = ok && ParseNumber(value, arguments.cuts);
    } else if (name == "--scenario") {
      arguments.scenario = ctom::simulation::ScenarioFromName(value);
      ok = ok && (arguments.scenario || value == "all");
    } else {
      ok = false;
    }
    if (!ok) return std::nullopt;
    ++i;
  }
  return arguments;
}

Scenario ScenarioOf(const Arguments& arguments, std::uint64_t seed) {
  if (arguments.scenario) return *arguments.scenario;
  constexpr Scenario kCycle[] = {Scenario::appends, Scenario::backup, Scenario::erasure};
  return kCycle[seed % 3];
}

}  // namespace

int main(int argc, char** argv) {
  auto arguments = Parse(argc, argv);
  if (!arguments) {
    std::fprintf(
        stderr,
        "usage: ctom_simulate [--seed S] [--cuts N] [--scenario appends|backup|erasure|all]"
        " [--answer-before-sync] [--history]\n");
    return 2;
  }
  std::string pattern = (std::filesystem::temp_directory_path() / "ctom-simulate-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    std::fprintf(stderr, "ctom_simulate: cannot make a scratch folder\n");
    return 1;
  }
  const auto started = std::chrono::steady_clock::now();
  std::uint64_t failed = 0, appends = 0, events = 0, unanswered = 0, opened = 0, inside = 0;
  for (std::uint64_t seed = arguments->seed; seed < arguments->seed + arguments->cuts; ++seed) {
    auto outcome = ctom::simulation::SimulateCut(seed, ScenarioOf(*arguments, seed), pattern,
                                                 arguments->sabotage);
    appends += outcome.appends_acknowledged;
    events += outcome.events_acknowledged;
    unanswered += outcome.appends_unanswered;
    opened += outcome.sealed_events_opened;
    inside += outcome.cut_inside_operation ? 1 : 0;
    failed += outcome.failures.empty() ? 0 : 1;
    if (!outcome.failures.empty() || arguments->history) {
      std::printf("%s\n", ctom::simulation::Describe(outcome).c_str());
      std::fflush(stdout);
    }
  }
  std::error_code ignored;
  std::filesystem::remove_all(pattern, ignored);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf(
      "cuts %llu (seeds %llu..%llu), failed %llu; acknowledged appends checked %llu (%llu events), "
      "unanswered retried %llu, sealed events opened %llu, backups/erasures cut midway %llu; "
      "%.1f s, %.2f s per 1,000 cuts\n",
      static_cast<unsigned long long>(arguments->cuts),
      static_cast<unsigned long long>(arguments->seed),
      static_cast<unsigned long long>(arguments->seed + arguments->cuts - 1),
      static_cast<unsigned long long>(failed), static_cast<unsigned long long>(appends),
      static_cast<unsigned long long>(events), static_cast<unsigned long long>(unanswered),
      static_cast<unsigned long long>(opened), static_cast<unsigned long long>(inside), seconds,
      arguments->cuts == 0 ? 0.0 : seconds * 1000.0 / static_cast<double>(arguments->cuts));
  return failed == 0 ? 0 : 1;
}
