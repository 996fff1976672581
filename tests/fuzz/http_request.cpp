// Fuzz target: the bytes a client sends on one connection -> the server's request reading (Beast
// parser with the server's header and body limits, api/server.hpp ReadRequest) -> the dispatcher
// and router with every route of `ctom serve` (matching, tokens and roles, query parsing, the
// handlers) for up to kRequestsMax keep-alive requests.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "server/server.hpp"
#include "tests/fuzz/serving_fixture.hpp"

namespace {

constexpr int kRequestsMax = 8;  // pipelined requests read from one input

using ctom::fuzz::Violated;
using ctom::server::RequestReading;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)ctom::fuzz::ServingFixture::Get();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ctom::server::Dispatcher& dispatcher = ctom::fuzz::ServingFixture::Get().dispatcher();
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  for (int i = 0; i < kRequestsMax && !bytes.empty(); ++i) {
    RequestReading reading = ctom::server::ReadRequest(bytes, dispatcher);
    if (reading.outcome == RequestReading::Outcome::incomplete) break;
    if (reading.outcome == RequestReading::Outcome::refused) {
      if (reading.status != 400 && reading.status != 413) {
        Violated("the server refused a request with " + std::to_string(reading.status));
      }
      break;  // the connection closes
    }
    if (reading.bytes_read == 0 || reading.bytes_read > bytes.size()) {
      Violated("a request was read from " + std::to_string(reading.bytes_read) + " of " +
               std::to_string(bytes.size()) + " bytes");
    }
    const std::size_t body_bytes_max = reading.route.body_bytes_max;
    if (reading.request.body.size() > body_bytes_max) {
      Violated("a body of " + std::to_string(reading.request.body.size()) +
               " bytes passed the limit of " + std::to_string(body_bytes_max));
    }
    const bool keep_alive = reading.keep_alive;
    ctom::fuzz::CheckAnswer(
        ctom::fuzz::HandleAndWait(dispatcher, std::move(reading.request), std::move(reading.route)),
        "a request");
    if (!keep_alive) break;
    bytes.remove_prefix(reading.bytes_read);
  }
  return 0;
}
