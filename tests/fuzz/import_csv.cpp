// Fuzz target: a CSV file of one import kind -> POST /v1/imports/{kind} through the router with
// every route, as the fixture's staff. The first byte picks the kind and whether it is a dry run
// (the fixture's ledger is read-only, so a real run's rows are refused as the ledger refuses
// them); the rest is the file. Every answer is 200 or a 4xx, and a 200 accounts for every row
// once: accepted + refused = rows, refused rows numbered 1..rows in order, nothing appended.
#include <boost/json/parse.hpp>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "api/import_kinds.hpp"
#include "tests/fuzz/serving_fixture.hpp"

namespace {

using ctom::fuzz::Violated;

void CheckResult(const std::string& body) {
  const boost::json::object result = boost::json::parse(body).as_object();
  const std::int64_t rows = result.at("rows").as_int64();
  const auto& refused = result.at("refused").as_array();
  if (result.at("accepted").as_int64() + static_cast<std::int64_t>(refused.size()) != rows) {
    Violated("an import's rows do not add up: " + body);
  }
  std::int64_t previous = 0;
  for (const boost::json::value& row : refused) {
    const std::int64_t number = row.at("row").as_int64();
    if (number <= previous || number > rows) Violated("a refused row out of order: " + body);
    if (row.at("code").as_string() == "internal") Violated("a row refused as internal: " + body);
    previous = number;
  }
  if (result.at("appended").as_int64() != 0) Violated("a read-only ledger took rows: " + body);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)ctom::fuzz::ServingFixture::Get();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto& kinds = ctom::api::ImportKinds();
  const ctom::api::ImportKind& kind = kinds[data[0] % kinds.size()];
  const bool dry_run = (data[0] & 0x80) != 0;
  ctom::server::HttpRequest request;
  request.method = "POST";
  request.target = "/v1/imports/" + std::string(kind.name) + (dry_run ? "?dry_run=true" : "");
  request.headers["authorization"] = "Bearer " + std::string(ctom::fuzz::kStaffToken);
  request.headers["content-type"] = "text/csv";
  request.body.assign(reinterpret_cast<const char*>(data) + 1, size - 1);
  const ctom::server::RoutedResponse routed =
      ctom::fuzz::ServingFixture::Get().router().Handle(std::move(request));
  ctom::fuzz::CheckAnswer(routed.response, "a CSV import");
  const int status = routed.response.status;
  if (status >= 500) Violated("a CSV import answered " + std::to_string(status));
  if (status == 200) CheckResult(routed.response.body);
  return 0;
}
