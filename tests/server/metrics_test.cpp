// The Prometheus text of the server's metrics.
#include "server/metrics.hpp"

#include <gtest/gtest.h>

namespace ctom::server {
namespace {

bool HasLine(const std::string& text, const std::string& line) {
  return text.find("\n" + line + "\n") != std::string::npos || text.rfind(line + "\n", 0) == 0;
}

TEST(Metrics, CountsRequestsByMethodRoutePatternAndStatus) {
  Metrics metrics;
  metrics.RecordRequest("GET", "/v1/candidates/{id}", 200, std::chrono::microseconds(300));
  metrics.RecordRequest("GET", "/v1/candidates/{id}", 200, std::chrono::microseconds(300));
  metrics.RecordRequest("POST", "/v1/cohorts", 422, std::chrono::microseconds(300));
  const std::string text = metrics.Render({});
  EXPECT_TRUE(HasLine(text, "# TYPE ctom_http_requests_total counter"));
  EXPECT_TRUE(HasLine(
      text,
      R"(ctom_http_requests_total{method="GET",route="/v1/candidates/{id}",status="200"} 2)"));
  EXPECT_TRUE(HasLine(
      text, R"(ctom_http_requests_total{method="POST",route="/v1/cohorts",status="422"} 1)"));
}

TEST(Metrics, LatencyHistogramBucketsAreCumulative) {
  Metrics metrics;
  metrics.RecordRequest("GET", "/a", 200, std::chrono::microseconds(400));         // <= 0.0005
  metrics.RecordRequest("GET", "/a", 200, std::chrono::microseconds(20'000));      // <= 0.025
  metrics.RecordRequest("GET", "/a", 200, std::chrono::microseconds(60'000'000));  // +Inf only
  const std::string text = metrics.Render({});
  EXPECT_TRUE(HasLine(text, "# TYPE ctom_http_request_duration_seconds histogram"));
  EXPECT_TRUE(HasLine(text, R"(ctom_http_request_duration_seconds_bucket{le="0.0005"} 1)"));
  EXPECT_TRUE(HasLine(text, R"(ctom_http_request_duration_seconds_bucket{le="0.01"} 1)"));
  EXPECT_TRUE(HasLine(text, R"(ctom_http_request_duration_seconds_bucket{le="0.025"} 2)"));
  EXPECT_TRUE(HasLine(text, R"(ctom_http_request_duration_seconds_bucket{le="10"} 2)"));
  EXPECT_TRUE(HasLine(text, R"(ctom_http_request_duration_seconds_bucket{le="+Inf"} 3)"));
  EXPECT_TRUE(HasLine(text, "ctom_http_request_duration_seconds_count 3"));
  EXPECT_TRUE(HasLine(text, "ctom_http_request_duration_seconds_sum 60.0204"));
}

TEST(Metrics, UnusualMethodsShareOneSeriesAndLabelsAreEscaped) {
  Metrics metrics;
  metrics.RecordRequest("BREW", "(unmatched)", 404, std::chrono::microseconds(1));
  metrics.RecordRequest("XYZZY", "(unmatched)", 404, std::chrono::microseconds(1));
  metrics.RecordRequest("GET", "/a\"b\\c", 200, std::chrono::microseconds(1));
  const std::string text = metrics.Render({});
  EXPECT_TRUE(HasLine(
      text, R"x(ctom_http_requests_total{method="OTHER",route="(unmatched)",status="404"} 2)x"));
  EXPECT_TRUE(
      HasLine(text, R"x(ctom_http_requests_total{method="GET",route="/a\"b\\c",status="200"} 1)x"));
}

TEST(Metrics, ShowsTheLedgerConnectionsAndLastRebuild) {
  Metrics metrics;
  metrics.SetOpenConnections(3);
  metrics.RecordRefusedConnection();
  metrics.RecordReclaimedConnection();
  metrics.RecordReclaimedConnection();
  const std::string before_rebuild =
      metrics.Render({.position = 42, .batches = 4, .events = 10, .commands = 8});
  EXPECT_TRUE(HasLine(before_rebuild, "ctom_http_connections_open 3"));
  EXPECT_TRUE(HasLine(before_rebuild, "ctom_http_connections_refused_total 1"));
  EXPECT_TRUE(HasLine(before_rebuild, "ctom_http_connections_reclaimed_total 2"));
  EXPECT_TRUE(HasLine(before_rebuild, "ctom_ledger_position 42"));
  EXPECT_TRUE(HasLine(before_rebuild, "ctom_ledger_appends_total 8"));
  EXPECT_TRUE(HasLine(before_rebuild, "ctom_ledger_appended_events_total 10"));
  EXPECT_TRUE(HasLine(before_rebuild, "ctom_ledger_group_commit_batches_total 4"));
  EXPECT_TRUE(HasLine(before_rebuild, "ctom_ledger_group_commit_events_per_batch 2.5"));
  EXPECT_EQ(before_rebuild.find("ctom_rebuild_duration_seconds"), std::string::npos);
  metrics.SetLastRebuildDuration(std::chrono::milliseconds(1500));
  EXPECT_TRUE(HasLine(metrics.Render({}), "ctom_rebuild_duration_seconds 1.5"));
}

TEST(Metrics, EveryFamilyHasHelpAndType) {
  Metrics metrics;
  const std::string text = metrics.Render({});
  std::size_t types = 0;
  std::size_t helps = 0;
  for (std::size_t at = text.find("# TYPE"); at != std::string::npos;
       at = text.find("# TYPE", at + 1))
    ++types;
  for (std::size_t at = text.find("# HELP"); at != std::string::npos;
       at = text.find("# HELP", at + 1))
    ++helps;
  EXPECT_EQ(types, helps);
  EXPECT_GE(types, 9u);
  EXPECT_EQ(text.back(), '\n');
}

}  // namespace
}  // namespace ctom::server
