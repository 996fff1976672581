// Prometheus metrics of the server: requests, latency, connections, the ledger and rebuilds.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>

namespace ctom::server {

// What /metrics reads from the ledger at scrape time.
struct LedgerGauges {
  std::uint64_t position = 0;
  // What the ledger's writer committed since it opened: synced batches, the events in them, and
  // the commands whose events they were.
  std::uint64_t batches = 0;
  std::uint64_t events = 0;
  std::uint64_t commands = 0;
};

// Counters and gauges, rendered in the Prometheus text exposition format (version 0.0.4):
//   ctom_http_requests_total{method,route,status}      requests answered, by route pattern
//   ctom_http_request_duration_seconds{le}             latency histogram (read done -> answer)
//   ctom_http_connections_open, ctom_http_connections_refused_total,
//   ctom_http_connections_reclaimed_total               idle ones closed at the limit for new ones
//   ctom_ledger_position, ctom_ledger_appends_total (commands), ctom_ledger_appended_events_total,
//   ctom_ledger_group_commit_batches_total, ctom_ledger_group_commit_events_per_batch (mean)
//   ctom_rebuild_duration_seconds                      the last rebuild's duration
// Routes are patterns, never raw paths, and unusual methods count as "OTHER", so the number of
// series stays bounded whatever clients send. Thread-safe; an update is a few atomics or one
// short mutex hold.
class Metrics {
 public:
  // Upper bounds of the latency buckets, in seconds (plus +Inf).
  static constexpr std::array<double, 14> kLatencyBucketsSeconds = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  void RecordRequest(std::string_view method, std::string_view route, int status,
                     std::chrono::microseconds duration);
  void SetOpenConnections(std::size_t open);
  void RecordRefusedConnection();
  void RecordReclaimedConnection();
  void SetLastRebuildDuration(std::chrono::milliseconds duration);

  // The exposition text (Content-Type: text/plain; version=0.0.4).
  [[nodiscard]] std::string Render(const LedgerGauges& ledger) const;

 private:
  mutable std::mutex requests_mutex_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t, std::less<>> requests_;

  std::array<std::atomic<std::uint64_t>, kLatencyBucketsSeconds.size() + 1> latency_buckets_{};
  std::atomic<std::uint64_t> latency_count_{0};
  std::atomic<std::uint64_t> latency_sum_us_{0};

  std::atomic<std::uint64_t> connections_open_{0};
  std::atomic<std::uint64_t> connections_refused_{0};
  std::atomic<std::uint64_t> connections_reclaimed_{0};
  std::atomic<std::int64_t> last_rebuild_ms_{-1};  // -1: no rebuild yet
};

// The Content-Type of Metrics::Render's text.
inline constexpr std::string_view kPrometheusContentType = "text/plain; version=0.0.4";

}  // namespace ctom::server
