// Fuzz target: a write endpoint's JSON body -> the strict JSON reader and the endpoint's command
// parser (api/command_routes.hpp ParseCommand, the table every write route and `ctom import` use)
// -> the domain's Decide against a small program. Every event decided must come back equal
// through its encoding.
//
// Input: byte 0 picks the endpoint in CommandRoutes(), bytes 1 and 2 the values of its first and
// second path parameter (from kPathValues), the rest is the body (Content-Type application/json).
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "api/command_routes.hpp"
#include "domain/decide.hpp"
#include "domain/event_codec.hpp"
#include "domain/time.hpp"
#include "tests/fuzz/serving_fixture.hpp"

namespace {

using namespace ctom;
using fuzz::Violated;

// Path parameters as the router hands them over (percent-decoded, never empty): the fixture's
// records, session numbers, and values no record has.
constexpr std::array<std::string_view, 16> kPathValues = {
    "c1",      "c2",  "m0",   "2011",  "2012",
    "0",       "8",   "9",    "10",    "-1",
    "x",       "c-0", "2200", "99999", "99999999999999999999",
    "c1/../m0"};

const domain::Program& FixtureProgram() {
  static const domain::Program* program = new domain::Program(fuzz::FixtureHistory().program());
  return *program;
}

// A decided event must decode from its own encoding to an equal event.
void CheckRoundTrip(const domain::Event& event) {
  const domain::EncodedEvent encoded = domain::Encode(event);
  const auto decoded = domain::Decode(encoded.type, encoded.schema_version, encoded.payload);
  if (!decoded) Violated("a decided " + encoded.type + " does not decode: " + decoded.error());
  if (!(*decoded == event)) Violated("a decided " + encoded.type + " decodes to another value");
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)FixtureProgram();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 3) return 0;
  const std::vector<api::CommandRoute>& routes = api::CommandRoutes();
  const api::CommandRoute& route = routes[data[0] % routes.size()];
  api::PathParameters path;
  std::size_t next_value = 1;
  for (std::string_view rest = route.pattern; !rest.empty();) {
    const std::size_t open = rest.find('{');
    if (open == std::string_view::npos) break;
    const std::size_t close = rest.find('}', open);
    path.emplace(std::string(rest.substr(open + 1, close - open - 1)),
                 std::string(kPathValues[data[next_value] % kPathValues.size()]));
    next_value = 2;
    rest.remove_prefix(close + 1);
  }
  server::HttpRequest request;
  request.method = std::string(route.method);
  request.headers["content-type"] = "application/json";
  request.body.assign(reinterpret_cast<const char*>(data) + 3, size - 3);
  const api::Caller caller{"u-admin", "admin", "", ""};

  auto parsed = api::ParseCommand(route, request, path, caller);
  if (!parsed) {
    if (parsed.error().status != 400 && parsed.error().status != 415) {
      Violated("a body was refused with " + std::to_string(parsed.error().status));
    }
    fuzz::CheckAnswer(parsed.error(), "a refused body");
    return 0;
  }
  const domain::Context context{parsed->occurred_at.value_or(testing::At("2012-06-01T12:00:00Z")),
                                caller.user_id, caller.role, caller.mentor_id};
  const domain::Decided decided = domain::Decide(FixtureProgram(), parsed->command, context);
  if (decided) {
    for (const domain::Event& event : decided->events) CheckRoundTrip(event);
  }
  return 0;
}
