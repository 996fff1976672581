// The server's request handler: the router, plus one log line and the metrics of every request.
#pragma once

#include "server/metrics.hpp"
#include "server/router.hpp"
#include "server/server.hpp"

namespace ctom::server {

// Logs one line per request with spdlog at info level:
//   "http GET /v1/candidates/{id} 200 1.234ms actor=u-1f2e"
// (method, route pattern, status, duration, actor user id or "-"): never a raw path, a query, a
// token or a body, so no ids of people or secrets reach the log. Thread-safe.
class Dispatcher final : public RequestHandler {
 public:
  // router and metrics must outlive the dispatcher.
  Dispatcher(const Router& router, Metrics& metrics);

  [[nodiscard]] RequestRoute Resolve(std::string_view method,
                                     std::string_view target) const override;
  void Handle(HttpRequest request, RequestRoute route, Reply reply) override;
  void OnRefused(std::string_view method, int status, std::chrono::microseconds duration) override;
  void OnConnectionsChanged(std::size_t open) override;
  void OnConnectionRefused() override;
  void OnIdleConnectionClosed() override;
  // An I/O thread keeps its request log lines and writes them in one go before it waits.
  void OnIoThreadStarted() override;
  void OnIoThreadWaiting() override;

 private:
  // A reply that passes the answer on to reply, writing the log line and the metrics when the
  // answer is made (on the connection's thread, whichever thread gave it).
  Reply Recorded(std::string method, std::chrono::steady_clock::time_point received_at,
                 RouteLabel label, Reply reply);
  void Record(std::string_view method, std::string_view route, int status,
              std::chrono::microseconds duration, std::string_view actor_user_id);

  const Router& router_;
  Metrics& metrics_;
};

}  // namespace ctom::server
