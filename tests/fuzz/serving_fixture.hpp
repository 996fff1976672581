// What the HTTP and import fuzz targets serve: every route `ctom serve` registers, over a small
// program history in a ledger opened read-only, so handlers run for real and no input changes
// what the next one sees.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "server/dispatcher.hpp"
#include "server/http_message.hpp"
#include "server/router.hpp"
#include "tests/support/program_history.hpp"

namespace ctom::fuzz {

// Bearer tokens the fixture knows (corpus seeds carry them, so the fuzzer reaches past auth).
inline constexpr std::string_view kAdminToken = "fuzz-admin-token";
inline constexpr std::string_view kStaffToken = "fuzz-staff-token";
inline constexpr std::string_view kCandidateToken = "fuzz-candidate-token";  // candidate c1
inline constexpr std::string_view kMentorToken = "fuzz-mentor-token";        // mentor m0

// The fixture's history: cohort 2011 with assignments "homework-1" and "oral-8", mentor "m0",
// candidate "c1" certified (and promoted) and "c2" dropped.
[[nodiscard]] testing::HistoryBuilder FixtureHistory();

// A server over FixtureHistory().
class ServingFixture {
 public:
  // Built on first use: the history is appended to a primary ledger in a temporary folder, which
  // is closed and reopened as a read-only follower (appends fail with 503, so commands are
  // decided but nothing is written). Never destroyed; the folder is removed at exit.
  static ServingFixture& Get();

  [[nodiscard]] server::Dispatcher& dispatcher();
  [[nodiscard]] const server::Router& router() const;

  struct State;

 private:
  explicit ServingFixture(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

// Hands the request, routed as the handler resolved its line, to the handler and waits for its
// answer, as a connection would.
[[nodiscard]] server::HttpResponse HandleAndWait(server::RequestHandler& handler,
                                                 server::HttpRequest request,
                                                 server::RequestRoute route);

// Aborts, saying what, when an answer breaks what every answer must hold: a status in 100..599
// other than 500 (only a handler that threw is answered 500), and a body that parses as JSON
// when its Content-Type says JSON.
void CheckAnswer(const server::HttpResponse& response, std::string_view what);

// Prints the message on stderr and aborts: a fuzz target's invariant does not hold.
[[noreturn]] void Violated(std::string_view message);

}  // namespace ctom::fuzz
