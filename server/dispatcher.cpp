// Runs the router and records every request in the log and the metrics.
#include "server/dispatcher.hpp"

#include <spdlog/spdlog.h>

#include "server/batched_stderr_sink.hpp"

namespace ctom::server {

Dispatcher::Dispatcher(const Router& router, Metrics& metrics)
    : router_(router), metrics_(metrics) {}

RequestRoute Dispatcher::Resolve(std::string_view method, std::string_view target) const {
  return router_.Resolve(method, target);
}

void Dispatcher::Handle(HttpRequest request, RequestRoute route, Reply reply) {
  std::string method = request.method;
  const auto received_at = request.received_at;
  router_.Handle(std::move(request), std::move(route),
                 [this, method = std::move(method), received_at,
                  reply = std::move(reply)](RouteLabel label) mutable {
                   return Recorded(std::move(method), received_at, std::move(label),
                                   std::move(reply));
                 });
}

Reply Dispatcher::Recorded(std::string method, std::chrono::steady_clock::time_point received_at,
                           RouteLabel label, Reply reply) {
  return Reply([this, method = std::move(method), received_at, label = std::move(label),
                reply = std::move(reply)](Reply::Finish finish) mutable {
    std::move(reply).SendFrom([this, method = std::move(method), received_at,
                               label = std::move(label), finish = std::move(finish)]() mutable {
      HttpResponse response = RunFinish(finish);
      const auto duration = std::chrono::duration_cast<std::chrono::microseconds>(
          std::chrono::steady_clock::now() - received_at);
      Record(method, label.route, response.status, duration, label.actor_user_id);
      return response;
    });
  });
}

void Dispatcher::OnRefused(std::string_view method, int status,
                           std::chrono::microseconds duration) {
  Record(method, kUnmatchedRoute, status, duration, {});
}

void Dispatcher::OnConnectionsChanged(std::size_t open) { metrics_.SetOpenConnections(open); }

void Dispatcher::OnConnectionRefused() {
  metrics_.RecordRefusedConnection();
  spdlog::warn("connection refused: the server is at its connection limit");
}

void Dispatcher::OnIdleConnectionClosed() { metrics_.RecordReclaimedConnection(); }

void Dispatcher::OnIoThreadStarted() { BatchedStderrSink::BatchLinesOnThisThread(); }

void Dispatcher::OnIoThreadWaiting() { BatchedStderrSink::WriteLinesOfThisThread(); }

void Dispatcher::Record(std::string_view method, std::string_view route, int status,
                        std::chrono::microseconds duration, std::string_view actor_user_id) {
  metrics_.RecordRequest(method, route, status, duration);
  spdlog::info("http {} {} {} {:.3f}ms actor={}", method, route, status,
               static_cast<double>(duration.count()) / 1000.0,
               actor_user_id.empty() ? std::string_view("-") : actor_user_id);
}

}  // namespace ctom::server
