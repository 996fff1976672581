// Prometheus text exposition of the server's metrics.
#include "server/metrics.hpp"

#include <algorithm>
#include <cstdio>

namespace ctom::server {
namespace {

std::string_view BoundedMethod(std::string_view method) {
  for (const std::string_view known :
       {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}) {
    if (method == known) return known;
  }
  return "OTHER";
}

// A label value with backslash, double quote and newline escaped.
std::string LabelValue(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (const char c : text) {
    if (c == '\\') {
      escaped += "\\\\";
    } else if (c == '"') {
      escaped += "\\\"";
    } else if (c == '\n') {
      escaped += "\\n";
    } else {
      escaped += c;
    }
  }
  return escaped;
}

std::string Number(double value) {
  char buffer[64];
  const int length = std::snprintf(buffer, sizeof buffer, "%.6g", value);
  return std::string(buffer, static_cast<std::size_t>(length));
}

void Family(std::string& out, std::string_view name, std::string_view type, std::string_view help) {
  out.append("# HELP ").append(name).append(" ").append(help).append("\n");
  out.append("# TYPE ").append(name).append(" ").append(type).append("\n");
}

void Sample(std::string& out, std::string_view name, std::string_view labels,
            std::string_view value) {
  out.append(name);
  if (!labels.empty()) out.append("{").append(labels).append("}");
  out.append(" ").append(value).append("\n");
}

}  // namespace

void Metrics::RecordRequest(std::string_view method, std::string_view route, int status,
                            std::chrono::microseconds duration) {
  {
    std::lock_guard lock(requests_mutex_);
    auto key = std::make_tuple(std::string(BoundedMethod(method)), std::string(route), status);
    ++requests_[std::move(key)];
  }
  const double seconds = static_cast<double>(duration.count()) / 1e6;
  std::size_t bucket = 0;
  while (bucket < kLatencyBucketsSeconds.size() && seconds > kLatencyBucketsSeconds[bucket]) {
    ++bucket;
  }
  latency_buckets_[bucket].fetch_add(1, std::memory_order_relaxed);
  latency_count_.fetch_add(1, std::memory_order_relaxed);
  latency_sum_us_.fetch_add(static_cast<std::uint64_t>(std::max<std::int64_t>(duration.count(), 0)),
                            std::memory_order_relaxed);
}

void Metrics::SetOpenConnections(std::size_t open) {
  connections_open_.store(open, std::memory_order_relaxed);
}

void Metrics::RecordRefusedConnection() {
  connections_refused_.fetch_add(1, std::memory_order_relaxed);
}

void Metrics::RecordReclaimedConnection() {
  connections_reclaimed_.fetch_add(1, std::memory_order_relaxed);
}

void Metrics::SetLastRebuildDuration(std::chrono::milliseconds duration) {
  last_rebuild_ms_.store(duration.count(), std::memory_order_relaxed);
}

std::string Metrics::Render(const LedgerGauges& ledger) const {
  std::string out;
  Family(out, "ctom_http_requests_total", "counter", "HTTP requests answered, by route pattern.");
  {
    std::lock_guard lock(requests_mutex_);
    for (const auto& [key, count] : requests_) {
      const auto& [method, route, status] = key;
      Sample(out, "ctom_http_requests_total",
             "method=\"" + LabelValue(method) + "\",route=\"" + LabelValue(route) + "\",status=\"" +
                 std::to_string(status) + "\"",
             std::to_string(count));
    }
  }

  Family(out, "ctom_http_request_duration_seconds", "histogram",
         "Time from a request read to its answer ready.");
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i <= kLatencyBucketsSeconds.size(); ++i) {
    cumulative += latency_buckets_[i].load(std::memory_order_relaxed);
    const std::string bound =
        i < kLatencyBucketsSeconds.size() ? Number(kLatencyBucketsSeconds[i]) : "+Inf";
    Sample(out, "ctom_http_request_duration_seconds_bucket", "le=\"" + bound + "\"",
           std::to_string(cumulative));
  }
  Sample(out, "ctom_http_request_duration_seconds_sum", "",
         Number(static_cast<double>(latency_sum_us_.load(std::memory_order_relaxed)) / 1e6));
  Sample(out, "ctom_http_request_duration_seconds_count", "",
         std::to_string(latency_count_.load(std::memory_order_relaxed)));

  Family(out, "ctom_http_connections_open", "gauge", "Open client connections.");
  Sample(out, "ctom_http_connections_open", "",
         std::to_string(connections_open_.load(std::memory_order_relaxed)));
  Family(out, "ctom_http_connections_refused_total", "counter",
         "Connections answered 503 because the server was at its connection limit.");
  Sample(out, "ctom_http_connections_refused_total", "",
         std::to_string(connections_refused_.load(std::memory_order_relaxed)));
  Family(out, "ctom_http_connections_reclaimed_total", "counter",
         "Idle connections closed at the connection limit to make room for a new one.");
  Sample(out, "ctom_http_connections_reclaimed_total", "",
         std::to_string(connections_reclaimed_.load(std::memory_order_relaxed)));

  Family(out, "ctom_ledger_position", "gauge", "The last position of the ledger.");
  Sample(out, "ctom_ledger_position", "", std::to_string(ledger.position));
  Family(out, "ctom_ledger_appends_total", "counter", "Commands appended to the ledger.");
  Sample(out, "ctom_ledger_appends_total", "", std::to_string(ledger.commands));
  Family(out, "ctom_ledger_appended_events_total", "counter", "Events appended to the ledger.");
  Sample(out, "ctom_ledger_appended_events_total", "", std::to_string(ledger.events));
  Family(out, "ctom_ledger_group_commit_batches_total", "counter",
         "Synced write batches (group commits).");
  Sample(out, "ctom_ledger_group_commit_batches_total", "", std::to_string(ledger.batches));
  Family(out, "ctom_ledger_group_commit_events_per_batch", "gauge",
         "Mean events per group commit since start.");
  Sample(out, "ctom_ledger_group_commit_events_per_batch", "",
         Number(ledger.batches == 0
                    ? 0.0
                    : static_cast<double>(ledger.events) / static_cast<double>(ledger.batches)));

  const std::int64_t rebuild_ms = last_rebuild_ms_.load(std::memory_order_relaxed);
  if (rebuild_ms >= 0) {
    Family(out, "ctom_rebuild_duration_seconds", "gauge", "Duration of the last view rebuild.");
    Sample(out, "ctom_rebuild_duration_seconds", "",
           Number(static_cast<double>(rebuild_ms) / 1000.0));
  }
  return out;
}

}  // namespace ctom::server
