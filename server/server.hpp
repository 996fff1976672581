// The HTTP/1.1 server: a listener, one session per connection (read -> handle -> write, with
// keep-alive), handlers on a worker pool. Beast and Asio stay inside server.cpp.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <memory>
#include <string>
#include <string_view>

#include "server/http_message.hpp"
#include "server/limits.hpp"
#include "server/reply.hpp"
#include "server/request_route.hpp"

namespace ctom::server {

// What the server calls; knows nothing of sockets. Implementations are thread-safe.
class RequestHandler {
 public:
  virtual ~RequestHandler() = default;

  // Routes a request line, once its header is read.
  [[nodiscard]] virtual RequestRoute Resolve(std::string_view method,
                                             std::string_view target) const = 0;
  // Answers a whole request through reply, now or later, from any thread; route is what Resolve
  // made of its request line. Runs on a worker thread and may block, unless route.quick; must not
  // throw.
  virtual void Handle(HttpRequest request, RequestRoute route, Reply reply) = 0;
  // The server answered a request itself, before Handle (malformed HTTP 400, too large 413).
  // method is "-" when the request line could not be read.
  virtual void OnRefused(std::string_view method, int status,
                         std::chrono::microseconds duration) = 0;
  // The number of open connections changed; a connection beyond the limit was refused.
  virtual void OnConnectionsChanged(std::size_t open) = 0;
  virtual void OnConnectionRefused() = 0;
  // At the limit, the connection idle longest was closed to make room for a new one.
  virtual void OnIdleConnectionClosed() {}
  // Called on each I/O thread when it starts serving, and each time it has run every handler
  // that was ready and is about to wait for more (and once more when it stops).
  virtual void OnIoThreadStarted() {}
  virtual void OnIoThreadWaiting() {}
};

struct ServerOptions {
  std::string host = "127.0.0.1";  // an IPv4 or IPv6 literal, or "localhost"
  std::uint16_t port = 8080;       // 0: any free port (see Server::port)
  std::size_t io_threads = kIoThreadsDefault;
  std::size_t worker_threads = kWorkerThreads;
  std::size_t connections_max = kConnectionsMax;
  std::chrono::milliseconds read_timeout = kReadTimeoutDefault;
  std::chrono::milliseconds write_timeout = kWriteTimeout;
  std::chrono::milliseconds shutdown_grace = kShutdownGrace;
  // SIGINT and SIGTERM call Stop(). Off in tests that run several servers in one process.
  bool stop_on_signals = true;
};

// The server. Create binds the socket; Run serves until Stop (or a signal) and then returns once
// the requests in flight are answered (or shutdown_grace passed). Per connection: a fresh parser
// for every request with kHeaderBytesMax and the route's body limit; read_timeout for each
// request (header and body) and for the idle wait between keep-alive requests; write_timeout for
// each answer. A malformed request is answered 400 and an oversized body 413, then the connection
// is closed. At connections_max, a new connection takes the place of the connection that has
// waited longest for its next request (which is closed without reading more); when every
// connection is in the middle of a request, the new one is answered 503 and closed. So idle
// connections, however many, never lock new clients out.
class Server {
 public:
  // Binds and listens. The handler must outlive the server. Fails, saying why, when the address
  // is malformed or cannot be bound.
  [[nodiscard]] static std::expected<std::unique_ptr<Server>, std::string> Create(
      const ServerOptions& options, RequestHandler& handler);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The bound port (the real one when options.port was 0).
  [[nodiscard]] std::uint16_t port() const;
  // "127.0.0.1:8080", or "[::1]:8080".
  [[nodiscard]] std::string address() const;

  // Serves on io_threads threads (this one among them). Call once.
  void Run();
  // Stops accepting, closes idle connections, lets requests in flight finish, then Run returns.
  // Thread-safe and idempotent; may be called before Run.
  void Stop();

  struct Impl;

 private:
  explicit Server(std::shared_ptr<Impl> impl);
  std::shared_ptr<Impl> impl_;
};

// What a connection makes of the bytes of one request (see ReadRequest).
struct RequestReading {
  enum class Outcome {
    incomplete,  // the bytes end before the request does: a connection waits for more
    request,     // a whole request, for the handler
    refused,     // the server answers it itself (status, detail) and closes the connection
  };
  Outcome outcome = Outcome::incomplete;
  HttpRequest request;         // with Outcome::request
  RequestRoute route;          // with Outcome::request: what the handler made of its line
  bool keep_alive = false;     // with Outcome::request: the client keeps the connection open
  std::size_t bytes_read = 0;  // with Outcome::request: where the connection's next request starts
  int status = 0;              // with Outcome::refused: 400 malformed, 413 too large
  std::string detail;          // with Outcome::refused
};

// Reads one request from the start of bytes as a connection does: a fresh parser with
// kHeaderBytesMax, the HTTP version check, the body limit of handler.Resolve (the only call made
// on handler), and the same refusals. Sessions run the same steps on a socket; this entry
// point serves tests and the fuzz target tests/fuzz/http_request.cpp. Never throws.
[[nodiscard]] RequestReading ReadRequest(std::string_view bytes, const RequestHandler& handler);

}  // namespace ctom::server
