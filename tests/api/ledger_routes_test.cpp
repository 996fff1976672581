// The ledger routes against a real ledger in a temporary folder: digest, verify, events paging.
#include "api/ledger_routes.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <boost/json/parse.hpp>
#include <filesystem>

#include "api/formats.hpp"
#include "api/system_routes.hpp"
#include "domain/time.hpp"
#include "eventstore/hex.hpp"

namespace ctom::api {
namespace {

constexpr std::string_view kAuditorToken = "auditor-token";

class LedgerRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "ctom-ledger-routes-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    folder_ = pattern;
    eventstore::OpenOptions options;
    options.path = (folder_ / "ledger").string();
    auto ledger = eventstore::Ledger::Open(options);
    ASSERT_TRUE(ledger.has_value()) << ledger.error().detail;
    ledger_ = std::move(*ledger);
    ASSERT_TRUE(tokens_.Put(
        HashToken(kAuditorToken),
        Principal{.user_id = "u-auditor", .role = "auditor", .candidate_id = {}, .mentor_id = {}}));
    context_.emplace(ServerContext{.ledger = *ledger_,
                                   .metrics = metrics_,
                                   .tokens = tokens_,
                                   .data_directory = folder_.string(),
                                   .clock = [] { return std::int64_t{0}; },
                                   .owned = {}});
    router_.emplace(tokens_);
    RegisterSystemRoutes(*router_, *context_);
    RegisterLedgerRoutes(*router_, *context_);
  }

  void TearDown() override {
    router_.reset();
    context_.reset();
    ledger_.reset();
    std::error_code ec;
    std::filesystem::remove_all(folder_, ec);
  }

  // Appends `count` events to `stream`, each with a payload of `payload_bytes` bytes.
  void Append(const std::string& stream, std::size_t count, std::size_t payload_bytes = 3) {
    for (std::size_t i = 0; i < count; ++i) {
      eventstore::AppendRequest request;
      request.stream = stream;
      eventstore::NewEvent event;
      event.type = "test_event";
      event.event_id[0] = static_cast<std::uint8_t>(i);
      event.event_id[1] = static_cast<std::uint8_t>(stream.size());
      event.occurred_at_us = 1506729600LL * 1'000'000;
      event.actor = {"u-staff", "staff"};
      event.payload = std::string(payload_bytes, static_cast<char>('a' + i % 26));
      request.events.push_back(std::move(event));
      auto appended = ledger_->Append(std::move(request));
      ASSERT_TRUE(appended.has_value()) << appended.error().detail;
    }
  }

  HttpResponse Get(std::string target, std::string_view token = kAuditorToken) {
    HttpRequest request;
    request.method = "GET";
    request.target = std::move(target);
    if (!token.empty()) request.headers["authorization"] = "Bearer " + std::string(token);
    return router_->Handle(std::move(request)).response;
  }

  static boost::json::value Json(const HttpResponse& response) {
    return boost::json::parse(response.body);
  }

  std::filesystem::path folder_;
  std::unique_ptr<eventstore::Ledger> ledger_;
  InMemoryTokenDirectory tokens_;
  Metrics metrics_;
  std::optional<ServerContext> context_;
  std::optional<Router> router_;
};

TEST_F(LedgerRoutesTest, DigestOfAnEmptyLedgerIsPositionZeroAndAZeroHash) {
  const HttpResponse response = Get("/v1/ledger/digest");
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "application/json");
  EXPECT_EQ(Json(response),
            boost::json::parse(R"({"position":0,"hash":")" + std::string(64, '0') + "\"}"));
}

TEST_F(LedgerRoutesTest, DigestIsTheHeadsPositionAndHash) {
  Append("candidate-c-1", 3);
  const auto head = ledger_->GetHead();
  const auto body = Json(Get("/v1/ledger/digest"));
  EXPECT_EQ(body.at("position"), 3);
  EXPECT_EQ(body.at("hash"), boost::json::value(eventstore::ToHex(head.hash)));
}

TEST_F(LedgerRoutesTest, VerifyOfAnIntactLedgerIsOk) {
  EXPECT_EQ(
      Json(Get("/v1/ledger/verify")),
      boost::json::parse(R"({"ok":true,"position":0,"hash":")" + std::string(64, '0') + "\"}"));
  Append("candidate-c-1", 4);
  const auto all = Json(Get("/v1/ledger/verify"));
  EXPECT_EQ(all.at("ok"), true);
  EXPECT_EQ(all.at("position"), 4);
  const auto partial = Json(Get("/v1/ledger/verify?to=2"));
  EXPECT_EQ(partial.at("ok"), true);
  EXPECT_EQ(partial.at("position"), 2);
}

TEST_F(LedgerRoutesTest, VerifyRefusesAMalformedPosition) {
  for (const char* target : {"/v1/ledger/verify?to=-1", "/v1/ledger/verify?to=x",
                             "/v1/ledger/verify?to=", "/v1/ledger/verify?to=1.5"}) {
    const HttpResponse response = Get(target);
    EXPECT_EQ(response.status, 400) << target;
    EXPECT_EQ(Json(response).at("errors").at(0).at("field"), "to");
  }
}

TEST_F(LedgerRoutesTest, EventsOfAnEmptyLedgerIsAnEmptyLastPage) {
  EXPECT_EQ(Json(Get("/v1/events")), boost::json::parse(R"({"items":[],"next":null})"));
}

TEST_F(LedgerRoutesTest, EventsShowsEachRecordWithItsEnvelope) {
  Append("candidate-c-1", 1);
  const auto body = Json(Get("/v1/events"));
  const auto& item = body.at("items").at(0);
  EXPECT_EQ(item.at("position"), 1);
  EXPECT_EQ(item.at("stream"), "candidate-c-1");
  EXPECT_EQ(item.at("version"), 1);
  EXPECT_EQ(item.at("type"), "test_event");
  EXPECT_EQ(item.at("occurred_at"), "2017-09-30T00:00:00Z");
  EXPECT_TRUE(domain::ParseInstant(item.at("recorded_at").as_string()).has_value());
  EXPECT_EQ(item.at("actor"), boost::json::parse(R"({"user_id":"u-staff","role":"staff"})"));
  // As `ctom export` writes it: the exact payload bytes in hex, and the event decoded beside them
  // (this test's payload is not an event of the program).
  EXPECT_EQ(item.at("payload"), "616161");
  EXPECT_TRUE(item.at("data").as_object().contains("undecodable"));
  EXPECT_EQ(item.at("hash"), boost::json::value(eventstore::ToHex(ledger_->GetHead().hash)));
  EXPECT_EQ(body.at("next"), nullptr);
}

TEST_F(LedgerRoutesTest, EventsPagesThroughTheWholeLogInOrder) {
  Append("a", 5);
  Append("b", 2);
  std::vector<std::int64_t> positions;
  std::string target = "/v1/events?limit=3";
  int pages = 0;
  for (;;) {
    const auto body = Json(Get(target));
    ++pages;
    for (const auto& item : body.at("items").as_array()) {
      positions.push_back(item.at("position").as_int64());
    }
    if (body.at("next").is_null()) break;
    target = "/v1/events?limit=3&after=" + std::to_string(body.at("next").as_int64());
    ASSERT_LT(pages, 10);
  }
  EXPECT_EQ(positions, (std::vector<std::int64_t>{1, 2, 3, 4, 5, 6, 7}));
  EXPECT_EQ(pages, 3);
}

TEST_F(LedgerRoutesTest, AFullLastPageSaysThereIsNoNext) {
  Append("a", 4);
  const auto body = Json(Get("/v1/events?limit=4"));
  EXPECT_EQ(body.at("items").as_array().size(), 4u);
  EXPECT_EQ(body.at("next"), nullptr);
}

TEST_F(LedgerRoutesTest, EventsPageStopsEarlyWhenPayloadsAreLarge) {
  const std::size_t big = kEventsPagePayloadBytesMax / 2 + 1;
  Append("documents", 3, big);
  const auto first = Json(Get("/v1/events?limit=10"));
  EXPECT_EQ(first.at("items").as_array().size(), 1u);
  EXPECT_EQ(first.at("next"), 1);
  const auto second = Json(Get("/v1/events?limit=10&after=1"));
  EXPECT_EQ(second.at("items").at(0).at("position"), 2);
}

TEST_F(LedgerRoutesTest, EventsRefusesLimitsOutside1To1000) {
  for (const char* target : {"/v1/events?limit=0", "/v1/events?limit=1001", "/v1/events?limit=ten",
                             "/v1/events?after=-3"}) {
    EXPECT_EQ(Get(target).status, 400) << target;
  }
  EXPECT_EQ(Get("/v1/events?limit=1000").status, 200);
}

TEST_F(LedgerRoutesTest, LedgerRoutesAreForAdminsAndAuditorsOnly) {
  ASSERT_TRUE(tokens_.Put(
      HashToken("staff-token"),
      Principal{.user_id = "u-staff", .role = "staff", .candidate_id = {}, .mentor_id = {}}));
  for (const char* target : {"/v1/ledger/digest", "/v1/ledger/verify", "/v1/events"}) {
    EXPECT_EQ(Get(target, "").status, 401) << target;
    EXPECT_EQ(Get(target, "staff-token").status, 403) << target;
    EXPECT_EQ(Get(target).status, 200) << target;
  }
}

TEST_F(LedgerRoutesTest, HealthzIsPublicAndShowsThePosition) {
  Append("a", 2);
  const HttpResponse response = Get("/healthz", "");
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(Json(response), boost::json::parse(R"({"status":"ok","position":2})"));
}

TEST_F(LedgerRoutesTest, MetricsIsPublicPrometheusTextWithTheLedgerPosition) {
  Append("a", 2);
  const HttpResponse response = Get("/metrics", "");
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, server::kPrometheusContentType);
  EXPECT_NE(response.body.find("\nctom_ledger_position 2\n"), std::string::npos);
  EXPECT_NE(response.body.find("\nctom_ledger_appends_total 2\n"), std::string::npos);
}

TEST_F(LedgerRoutesTest, OpenApiDocumentDescribesEveryRegisteredRoute) {
  const HttpResponse response = Get("/openapi.json", "");
  ASSERT_EQ(response.status, 200);
  const auto document = Json(response);
  EXPECT_EQ(document.at("openapi"), "3.1.0");
  const auto& paths = document.at("paths").as_object();
  for (const RouteInfo& route : router_->Routes()) {
    const auto* path = paths.if_contains(route.pattern);
    ASSERT_NE(path, nullptr) << route.pattern << " is not in api/openapi.json";
    EXPECT_TRUE(path->as_object().contains(AsciiLower(route.method)))
        << route.method << " " << route.pattern << " is not in api/openapi.json";
    const auto* security = path->at(AsciiLower(route.method)).as_object().if_contains("security");
    const bool documented_public = security != nullptr && security->as_array().empty();
    EXPECT_EQ(documented_public, route.access.is_public()) << route.pattern;
  }
}

}  // namespace
}  // namespace ctom::api
