// The fuzz targets' server: the real route registrations over a read-only ledger.
#include "tests/fuzz/serving_fixture.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "api/ledger_routes.hpp"
#include "api/program_routes.hpp"
#include "api/server_context.hpp"
#include "api/system_routes.hpp"
#include "domain/time.hpp"
#include "eventstore/ledger.hpp"
#include "server/auth.hpp"
#include "server/metrics.hpp"
#include "tests/support/history_append.hpp"
#include "tests/support/program_history.hpp"

namespace ctom::fuzz {
namespace {

using testing::At;
using testing::CandidatePlan;
using testing::HistoryBuilder;
using testing::On;

std::string g_folder;  // removed at exit

void RemoveFolder() {
  std::error_code ignored;
  if (!g_folder.empty()) std::filesystem::remove_all(g_folder, ignored);
}

}  // namespace

HistoryBuilder FixtureHistory() {
  constexpr domain::Instant kDay = domain::kMicrosecondsPerDay;
  HistoryBuilder b;
  const domain::CohortOpened cohort = testing::SeedsCohort(2011);
  b.Do(On("", cohort), cohort.application_opens - 20 * kDay);
  const domain::Instant defined_at = cohort.application_opens - 19 * kDay;
  b.Do(On("2011", domain::AssignmentDefined{"homework-1", 1, "homework", "Strategic plan",
                                            cohort.sessions[1].starts_at}),
       defined_at);
  b.Do(On("2011", domain::AssignmentDefined{"oral-8", 8, "oral_presentation", "Policy briefing",
                                            cohort.sessions[8].starts_at}),
       defined_at);
  const std::vector<std::string> mentors =
      testing::AddMentors(b, 1, cohort.application_opens - 10 * kDay);
  const domain::Instant stop_at = At("2012-06-01T00:00:00Z");
  testing::WalkCandidate(
      b,
      CandidatePlan{"c1", 2011,
                    domain::Employer{"Sacramento City Unified", "district", "34674390000000"},
                    CandidatePlan::Path::certified, true},
      mentors, stop_at);
  testing::WalkCandidate(
      b,
      CandidatePlan{"c2", 2011, domain::Employer{"Yolo County Office", "county_office", ""},
                    CandidatePlan::Path::dropped, false},
      mentors, stop_at);
  return b;
}

namespace {

// Appends the history with recorded_at following occurred_at, so every run sees the same log.
void WriteHistory(const std::string& path) {
  std::int64_t now = 0;
  std::filesystem::create_directories(path);
  eventstore::OpenOptions options;
  options.path = path;
  options.sync_writes = false;
  options.clock = [&now] { return now; };
  auto ledger = eventstore::Ledger::Open(options);
  if (!ledger) Violated("cannot open the fixture ledger: " + ledger.error().detail);
  const HistoryBuilder history = FixtureHistory();
  for (const domain::Recorded& recorded : history.history()) {
    now = std::max(now, recorded.occurred_at);
    auto appended = (*ledger)->Append(testing::AppendRequestOf(recorded));
    if (!appended) Violated("cannot append the fixture history: " + appended.error().detail);
  }
}

std::int64_t FixedClock() { return At("2012-06-01T12:00:00Z"); }

}  // namespace

struct ServingFixture::State {
  std::unique_ptr<eventstore::Ledger> ledger;
  server::Metrics metrics;
  server::InMemoryTokenDirectory tokens;
  std::unique_ptr<api::ServerContext> context;
  std::unique_ptr<server::Router> router;
  std::unique_ptr<server::Dispatcher> dispatcher;
};

ServingFixture::ServingFixture(std::unique_ptr<State> state) : state_(std::move(state)) {}

ServingFixture& ServingFixture::Get() {
  static ServingFixture* fixture = [] {
    spdlog::set_level(spdlog::level::warn);  // no request log; a handler's error still shows
    std::string pattern = (std::filesystem::temp_directory_path() / "ctom-fuzz-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) Violated("cannot make a temporary folder");
    g_folder = pattern;
    std::atexit(RemoveFolder);
    WriteHistory(g_folder + "/ledger");

    auto state = std::make_unique<State>();
    auto ledger = eventstore::Ledger::OpenFollower(g_folder + "/ledger", g_folder + "/secondary");
    if (!ledger) Violated("cannot open the fixture follower: " + ledger.error().detail);
    state->ledger = std::move(*ledger);
    const auto put = [&](std::string_view token, server::Principal principal) {
      if (!state->tokens.Put(server::HashToken(token), std::move(principal))) {
        Violated("cannot register a fixture token");
      }
    };
    put(kAdminToken, {"u-admin", "admin", "", ""});
    put(kStaffToken, {"u-staff", "staff", "", ""});
    put(kCandidateToken, {"u-c1", "candidate", "c1", ""});
    put(kMentorToken, {"u-m0", "mentor", "", "m0"});
    state->context =
        std::make_unique<api::ServerContext>(api::ServerContext{.ledger = *state->ledger,
                                                                .metrics = state->metrics,
                                                                .tokens = state->tokens,
                                                                .data_directory = g_folder,
                                                                .clock = FixedClock,
                                                                .owned = {}});
    state->router = std::make_unique<server::Router>(state->tokens);
    // The registrations `ctom serve` makes, in its order (api/serve_command.cpp, main.cpp).
    api::RegisterSystemRoutes(*state->router, *state->context);
    api::RegisterLedgerRoutes(*state->router, *state->context);
    api::RegisterProgramRoutes(*state->router, *state->context);
    state->dispatcher = std::make_unique<server::Dispatcher>(*state->router, state->metrics);
    return new ServingFixture(std::move(state));
  }();
  return *fixture;
}

server::Dispatcher& ServingFixture::dispatcher() { return *state_->dispatcher; }

const server::Router& ServingFixture::router() const { return *state_->router; }

server::HttpResponse HandleAndWait(server::RequestHandler& handler, server::HttpRequest request,
                                   server::RequestRoute route) {
  return server::WaitForAnswer([&](server::Reply reply) {
    handler.Handle(std::move(request), std::move(route), std::move(reply));
  });
}

void CheckAnswer(const server::HttpResponse& response, std::string_view what) {
  if (response.status < 100 || response.status > 599 || response.status == 500) {
    Violated(std::string(what) + " was answered " + std::to_string(response.status) + ": " +
             response.body);
  }
  if (response.content_type.find("json") != std::string::npos) {
    boost::system::error_code error;
    (void)boost::json::parse(response.body, error);
    if (error) Violated(std::string(what) + " was answered with malformed JSON: " + response.body);
  }
}

void Violated(std::string_view message) {
  std::fprintf(stderr, "fuzz invariant violated: %.*s\n", static_cast<int>(message.size()),
               message.data());
  std::abort();
}

}  // namespace ctom::fuzz
