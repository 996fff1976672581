// Fuzz target: one line of a `ctom import` file -> the import's line parser
// (api/import_command.hpp ImportLineRequest) -> the router with every route, as the import runs
// it (its own admin token). A line the parser accepts must carry a body the server's strict JSON
// reader accepts too.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "api/json_body.hpp"
#include "cli/import_command.hpp"
#include "tests/fuzz/serving_fixture.hpp"

namespace {

using ctom::fuzz::Violated;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)ctom::fuzz::ServingFixture::Get();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string line(reinterpret_cast<const char*>(data), size);
  line = line.substr(0, line.find('\n'));  // the import reads the file with std::getline
  if (line.empty() || line.front() == '#') return 0;
  auto request = ctom::cli::ImportLineRequest(line, std::string(ctom::fuzz::kAdminToken));
  if (!request) return 0;
  if (request->method != "POST") Violated("an import line became a " + request->method);
  if (request->Header("content-type") == "application/json") {
    auto body = ctom::api::ParseStrictJson(request->body);
    if (!body || !body->is_object()) {
      Violated("an import line's body is refused by the server: " + request->body);
    }
  }
  const ctom::server::RoutedResponse routed =
      ctom::fuzz::ServingFixture::Get().router().Handle(std::move(*request));
  ctom::fuzz::CheckAnswer(routed.response, "an import line");
  return 0;
}
