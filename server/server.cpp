// The Beast server: listener, sessions, worker pool, clean shutdown. The shape follows Beast's
// advanced server example; handlers run on a worker pool because they may block on the ledger.
#include "server/server.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <condition_variable>
#include <csignal>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "server/client_address.hpp"
#include "server/problem.hpp"

namespace ctom::server {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

std::string ToString(beast::string_view text) { return std::string(text.data(), text.size()); }

std::chrono::microseconds Since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() -
                                                               start);
}

// Errors of the HTTP parser itself (as opposed to the connection): the request is malformed.
bool IsParseError(const beast::error_code& ec) {
  return ec.category() == http::make_error_code(http::error::bad_target).category() &&
         ec != http::error::end_of_stream && ec != http::error::partial_message;
}

// Why the server answers a request itself instead of handing it to the handler.
struct Refusal {
  int status = 400;
  std::string detail;
};

Refusal TooLarge(std::size_t body_bytes_max) {
  return {413, "The request body is larger than " + std::to_string(body_bytes_max) + " bytes"};
}

// A fresh parser for the next request's header, with the server's header limit.
void LimitHeader(http::request_parser<http::empty_body>& parser) {
  parser.header_limit(static_cast<std::uint32_t>(kHeaderBytesMax));
  // The route decides the body limit once the header is read (RouteOf); Beast's default would
  // refuse a large Content-Length while still reading the header.
  parser.body_limit(boost::none);
}

// The answer to a header that could not be read; nullopt when the connection just ended (end of
// stream, timeout, reset, cancelled by Stop).
std::optional<Refusal> HeaderRefusal(const beast::error_code& ec) {
  if (ec == http::error::header_limit) {
    return Refusal{
        400, "The request header is larger than " + std::to_string(kHeaderBytesMax) + " bytes"};
  }
  if (IsParseError(ec)) return Refusal{400, "The request is not well-formed HTTP/1.1"};
  return std::nullopt;
}

// Only HTTP/1.0 and 1.1 are served.
std::optional<Refusal> VersionRefusal(const http::request_header<>& header) {
  if (header.version() == 10 || header.version() == 11) return std::nullopt;
  return Refusal{400, "Only HTTP/1.0 and HTTP/1.1 are served"};
}

// The route of the request whose header the parser holds, or 413 when its Content-Length is
// already beyond the route's body limit.
std::expected<RequestRoute, Refusal> RouteOf(const http::request_parser<http::empty_body>& parser,
                                             const RequestHandler& handler) {
  const auto& header = parser.get();
  RequestRoute route = handler.Resolve(ToString(header.method_string()), ToString(header.target()));
  const auto content_length = parser.content_length();
  if (content_length && *content_length > route.body_bytes_max) {
    return std::unexpected(TooLarge(route.body_bytes_max));
  }
  return route;
}

// The answer to a body that could not be read; nullopt when the connection just ended.
std::optional<Refusal> BodyRefusal(const beast::error_code& ec, std::size_t body_bytes_max) {
  if (ec == http::error::body_limit) return TooLarge(body_bytes_max);
  if (IsParseError(ec)) return Refusal{400, "The request body is not well-formed HTTP/1.1"};
  return std::nullopt;
}

HttpRequest ToHttpRequest(http::request<http::string_body>&& message) {
  HttpRequest request;
  request.method = ToString(message.method_string());
  request.target = ToString(message.target());
  for (const auto& field : message) {
    std::string name = AsciiLower(ToString(field.name_string()));
    std::string value = ToString(field.value());
    auto [it, inserted] = request.headers.emplace(std::move(name), value);
    if (!inserted) it->second.append(", ").append(value);
  }
  request.body = std::move(message.body());
  request.received_at = std::chrono::steady_clock::now();
  return request;
}

// The raw bytes of a 503 answer for connections beyond the limit.
std::string BusyResponseBytes() {
  const HttpResponse problem =
      ProblemResponse({.status = 503,
                       .code = std::string(problem_code::kServiceUnavailable),
                       .detail = "The server has too many open connections; try again later",
                       .headers = {{"Retry-After", "1"}}});
  return "HTTP/1.1 503 Service Unavailable\r\nContent-Type: " + problem.content_type +
         "\r\nContent-Length: " + std::to_string(problem.body.size()) +
         "\r\nRetry-After: 1\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n" +
         problem.body;
}

// Feeds parser the bytes from `at` on, as a connection's reads do, until done(); advances `at`
// past what it consumed. need_more means the bytes end first (a connection would wait for more).
// Every round consumes a byte or ends, so the loop is bounded by the input.
template <typename Parser, typename Done>
beast::error_code Feed(Parser& parser, std::string_view bytes, std::size_t& at, Done done) {
  beast::error_code ec;
  while (!done()) {
    const std::size_t used = parser.put(net::buffer(bytes.data() + at, bytes.size() - at), ec);
    at += used;
    if (ec == http::error::need_more && used > 0 && at < bytes.size()) ec = {};
    if (ec) return ec;
    if (used == 0) return http::error::need_more;
  }
  return ec;
}

// Each I/O thread's own context; the hint 1 tells Asio that one thread runs it.
std::vector<std::unique_ptr<net::io_context>> MakeConnectionContexts(std::size_t io_threads) {
  std::vector<std::unique_ptr<net::io_context>> contexts;
  for (std::size_t i = 0; i < std::max<std::size_t>(io_threads, 1); ++i) {
    contexts.push_back(std::make_unique<net::io_context>(1));
  }
  return contexts;
}

class Session;

}  // namespace

struct Server::Impl {
  Impl(const ServerOptions& server_options, RequestHandler& request_handler)
      : options(server_options),
        handler(request_handler),
        busy_response(BusyResponseBytes()),
        workers(server_options.worker_threads),
        contexts(MakeConnectionContexts(server_options.io_threads)),
        ioc(*contexts.front()),
        acceptor(ioc),
        signals(ioc),
        grace_timer(ioc),
        accept_retry_timer(ioc) {
    for (const auto& context : contexts) serving.push_back(net::make_work_guard(*context));
  }

  void DoAccept();
  void OnAccept(beast::error_code ec, tcp::socket socket);
  void RefuseConnection(tcp::socket socket);
  void RequestStop();
  void DoStop();
  void CheckDrained();
  void SessionOpened(const std::shared_ptr<Session>& session);
  void SessionClosed(Session* session);
  std::shared_ptr<Session> MakeRoomFor(tcp::socket& socket);
  // Counts the replies given to handlers and not yet answered; ~Server waits for them.
  void ReplyOpened();
  void ReplySettled();
  void WaitForReplies();
  // The I/O context the next accepted connection lives on: each in turn.
  net::io_context& NextConnectionContext();
  void StopContexts();

  const ServerOptions options;
  RequestHandler& handler;
  const std::string busy_response;
  std::atomic<bool> stopping{false};
  std::atomic<bool> destroying{false};
  std::uint16_t port = 0;
  std::string address;

  // Live sessions, to tell them when the server stops. Declared before ioc, whose destruction
  // destroys the last sessions, which remove themselves from here.
  std::mutex sessions_mutex;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions;
  // A connection accepted at the cap while an idle one closes to make room for it. Accepting
  // pauses until a session is gone; SessionClosed then admits this one and accepts again.
  std::optional<tcp::socket> waiting;

  std::mutex replies_mutex;
  std::condition_variable replies_settled;
  std::size_t replies_open = 0;

  net::thread_pool workers;
  // One I/O context per I/O thread, each run by that thread alone, so a connection's steps are
  // serialised without a strand and a handler never wakes another I/O thread. The first also
  // holds the listener, the signals and the timers.
  std::vector<std::unique_ptr<net::io_context>> contexts;
  net::io_context& ioc;
  // Keeps every context running until the server has stopped and its last session is gone
  // (CheckDrained lets go). Until then a context may have nothing to do for a moment while one
  // of its sessions is still alive (DoStop holds it to tell it of the stop), and what is posted
  // to that session must still run.
  std::vector<net::executor_work_guard<net::io_context::executor_type>> serving;
  std::atomic<std::size_t> next_context{0};
  tcp::acceptor acceptor;
  net::signal_set signals;
  net::steady_timer grace_timer;
  net::steady_timer accept_retry_timer;
};

namespace {

// One connection: read a request, hand it to a worker, write the answer, repeat while the client
// keeps the connection alive. Every step runs on the connection's I/O thread.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(Server::Impl& server, tcp::socket&& socket)
      : server_(server), stream_(std::move(socket)) {}

  ~Session() { server_.SessionClosed(this); }

  void Start() {
    net::dispatch(stream_.get_executor(),
                  beast::bind_front_handler(&Session::DoRead, shared_from_this()));
  }

  // The server is stopping: an idle connection (waiting for a request) closes now; a busy one
  // closes after its answer.
  void OnServerStopping() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
      if (!self->busy_) self->stream_.cancel();
    });
  }

  // When the connection began waiting for the first byte of its next request (steady clock
  // ticks), or 0 while it is not waiting. Any thread; the listener reads it under sessions_mutex.
  [[nodiscard]] std::int64_t IdleSince() const {
    return std::max<std::int64_t>(idle_since_.load(), 0);
  }

  // Claims a connection that has been waiting since `since` to be closed for a newcomer: true
  // when it still is, and then it closes without reading another byte. Any thread.
  [[nodiscard]] bool ClaimIdle(std::int64_t since) {
    return since > 0 && idle_since_.compare_exchange_strong(since, kClaimed);
  }

  // Closes a connection ClaimIdle claimed.
  void CloseClaimed() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->Close(); });
  }

 private:
  void DoRead() {
    busy_ = false;
    response_.reset();
    body_parser_.reset();
    if (server_.stopping) return Close();
    header_parser_.emplace();
    LimitHeader(*header_parser_);
    method_ = "-";
    read_started_ = std::chrono::steady_clock::now();
    // One deadline for the whole request: the idle wait, the header and the body.
    stream_.expires_after(server_.options.read_timeout);
    if (buffer_.size() > 0) return ReadHeader();  // a pipelined request has begun
    // Idle until the first byte arrives: at the connection cap the listener may close the
    // connection idle longest to make room for a new one (ClaimIdle).
    idle_since_ =
        std::max<std::int64_t>(std::chrono::steady_clock::now().time_since_epoch().count(), 1);
    stream_.async_read_some(buffer_.prepare(kFirstReadBytes),
                            beast::bind_front_handler(&Session::OnFirstBytes, shared_from_this()));
  }

  void OnFirstBytes(beast::error_code ec, std::size_t bytes) {
    const bool claimed = idle_since_.exchange(0) == kClaimed;
    buffer_.commit(bytes);
    if (ec || claimed) return Close();  // end of stream, timeout, reset, Stop, or made room
    ReadHeader();
  }

  void ReadHeader() {
    // Usually the whole header came with the first read: parsed here, not through an async read.
    if (auto parsed =
            ParseBuffered(*header_parser_, [this] { return header_parser_->is_header_done(); })) {
      return OnHeader(*parsed, 0);
    }
    http::async_read_header(stream_, buffer_, *header_parser_,
                            beast::bind_front_handler(&Session::OnHeader, shared_from_this()));
  }

  // Feeds the parser what the buffer holds until done(): the outcome when that settled it (done,
  // or an error), nothing when more bytes must be read.
  template <typename Parser, typename Done>
  std::optional<beast::error_code> ParseBuffered(Parser& parser, Done done) {
    if (done()) return beast::error_code();
    if (buffer_.size() == 0) return std::nullopt;
    const auto data = buffer_.cdata();
    std::size_t used = 0;
    const beast::error_code ec = Feed(
        parser, std::string_view(static_cast<const char*>(data.data()), data.size()), used, done);
    buffer_.consume(used);
    if (ec == http::error::need_more) return std::nullopt;
    return ec;
  }

  void OnHeader(beast::error_code ec, std::size_t) {
    if (ec) {
      if (auto refusal = HeaderRefusal(ec)) return Refuse(std::move(*refusal));
      return Close();
    }
    busy_ = true;
    const auto& header = header_parser_->get();
    if (auto refusal = VersionRefusal(header)) return Refuse(std::move(*refusal));
    method_ = ToString(header.method_string());
    auto route = RouteOf(*header_parser_, server_.handler);
    if (!route) return Refuse(route.error());
    route_ = std::move(*route);
    const std::size_t body_bytes_max = route_.body_bytes_max;
    const bool expects_continue =
        beast::iequals(header[http::field::expect], "100-continue") && !header_parser_->is_done();
    version_ = header.version();
    body_parser_.emplace(std::move(*header_parser_));
    header_parser_.reset();
    body_parser_->body_limit(body_bytes_max);
    if (!expects_continue) return ReadBody();
    continue_response_.emplace(http::status::continue_, version_);
    http::async_write(stream_, *continue_response_,
                      [self = shared_from_this()](beast::error_code write_ec, std::size_t) {
                        if (write_ec) return self->Close();
                        self->ReadBody();
                      });
  }

  void ReadBody() {
    // A body already in the buffer (or none at all) is parsed here, not through an async read.
    if (auto parsed = ParseBuffered(*body_parser_, [this] { return body_parser_->is_done(); })) {
      return OnBody(*parsed, 0);
    }
    http::async_read(stream_, buffer_, *body_parser_,
                     beast::bind_front_handler(&Session::OnBody, shared_from_this()));
  }

  void OnBody(beast::error_code ec, std::size_t) {
    if (ec) {
      if (auto refusal = BodyRefusal(ec, route_.body_bytes_max)) {
        return Refuse(std::move(*refusal));
      }
      return Close();
    }
    keep_alive_ = body_parser_->get().keep_alive();
    HttpRequest request = ToHttpRequest(body_parser_->release());
    request.peer_address = PeerAddress();
    body_parser_.reset();
    stream_.expires_never();  // the handler's time is not the client's
    Reply reply = ReplyHere();
    RequestRoute route = std::exchange(route_, RequestRoute{});
    if (route.quick) return HandleRequest(std::move(request), std::move(route), std::move(reply));
    net::post(server_.workers, [self = shared_from_this(), request = std::move(request),
                                route = std::move(route), reply = std::move(reply)]() mutable {
      self->HandleRequest(std::move(request), std::move(route), std::move(reply));
    });
  }

  // The reply this connection's request is answered through, from any thread: its Finish runs
  // on the connection's I/O thread (at once when the answer is given there), then the answer is
  // written. It keeps the io_context running until then, and the server waits for it to be
  // answered before it is destroyed (a command's answer comes from the ledger writer).
  Reply ReplyHere() {
    server_.ReplyOpened();
    return Reply([self = shared_from_this(), work = net::make_work_guard(stream_.get_executor())](
                     Reply::Finish finish) mutable {
      Server::Impl& server = self->server_;
      net::dispatch(self->stream_.get_executor(), [self, finish = std::move(finish)]() mutable {
        self->Write(RunFinish(finish), AfterWrite::keep_alive_if_asked);
      });
      // Let go of the session and the io_context before the server may be destroyed.
      self.reset();
      work.reset();
      server.ReplySettled();
    });
  }

  // The peer's address, canonical (an IPv4 client of an IPv6 socket as plain IPv4); empty when the
  // socket has none any more.
  std::string PeerAddress() {
    beast::error_code ec;
    const auto endpoint = stream_.socket().remote_endpoint(ec);
    if (ec) return {};
    return CanonicalIpAddress(endpoint.address().to_string()).value_or("");
  }

  void HandleRequest(HttpRequest request, RequestRoute route, Reply reply) {
    try {
      server_.handler.Handle(std::move(request), std::move(route), std::move(reply));
    } catch (const std::exception& error) {  // the dropped reply answers 500 internal
      spdlog::error("request handler threw: {}", error.what());
    } catch (...) {
      spdlog::error("request handler threw a non-standard exception");
    }
  }

  enum class AfterWrite { keep_alive_if_asked, drain_and_close };

  void Refuse(Refusal refusal) {
    server_.handler.OnRefused(method_, refusal.status, Since(read_started_));
    Write(
        ProblemResponse({.status = refusal.status,
                         .code = std::string(refusal.status == 413 ? problem_code::kPayloadTooLarge
                                                                   : problem_code::kValidation),
                         .detail = std::move(refusal.detail)}),
        AfterWrite::drain_and_close);
  }

  void Write(HttpResponse response, AfterWrite after) {
    busy_ = true;
    const bool keep_alive =
        after == AfterWrite::keep_alive_if_asked && keep_alive_ && !server_.stopping;
    response_.emplace(static_cast<http::status>(response.status), version_);
    // No answer is to be sniffed into another type (a JSON body holding "<script>" included).
    response_->set("X-Content-Type-Options", "nosniff");
    if (!response.content_type.empty()) {
      response_->set(http::field::content_type, response.content_type);
    }
    for (const auto& [name, value] : response.headers) response_->set(name, value);
    response_->body() = std::move(response.body);
    response_->keep_alive(keep_alive);
    response_->prepare_payload();
    stream_.expires_after(server_.options.write_timeout);
    http::async_write(
        stream_, *response_,
        [self = shared_from_this(), keep_alive, after](beast::error_code ec, std::size_t) {
          if (ec) return self->Close();
          if (after == AfterWrite::drain_and_close) return self->Drain();
          if (!keep_alive) return self->Close();
          self->DoRead();
        });
  }

  // After an answer that ends the connection early, read and discard what the client is still
  // sending (bounded in bytes and time), so it sees the answer rather than a connection reset.
  void Drain() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return Close();
    drained_bytes_ = 0;
    stream_.expires_after(kDrainTimeout);
    DoDrain();
  }

  void DoDrain() {
    stream_.async_read_some(net::buffer(drain_buffer_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t bytes) {
                              self->drained_bytes_ += bytes;
                              if (ec || self->drained_bytes_ > kDrainBytesMax) return self->Close();
                              self->DoDrain();
                            });
  }

  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.close();
  }

  static constexpr std::int64_t kClaimed = -1;
  static constexpr std::size_t kFirstReadBytes = 2048;  // a typical request header at once

  Server::Impl& server_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  // Steady clock ticks since the connection began waiting for a request; 0 while it is not
  // waiting, kClaimed once the listener chose to close it.
  std::atomic<std::int64_t> idle_since_{0};
  std::optional<http::request_parser<http::empty_body>> header_parser_;
  std::optional<http::request_parser<http::string_body>> body_parser_;
  std::optional<http::response<http::empty_body>> continue_response_;
  std::optional<http::response<http::string_body>> response_;
  std::string method_ = "-";
  std::chrono::steady_clock::time_point read_started_;
  unsigned version_ = 11;
  bool keep_alive_ = false;
  bool busy_ = false;   // between a complete request header and the end of its answer
  RequestRoute route_;  // of the request being read, from its header on
  std::array<char, 16 * 1024> drain_buffer_{};
  std::size_t drained_bytes_ = 0;
};

}  // namespace

void Server::Impl::DoAccept() {
  acceptor.async_accept(NextConnectionContext(), [this](beast::error_code ec, tcp::socket socket) {
    OnAccept(ec, std::move(socket));
  });
}

net::io_context& Server::Impl::NextConnectionContext() {
  return *contexts[next_context.fetch_add(1, std::memory_order_relaxed) % contexts.size()];
}

void Server::Impl::StopContexts() {
  for (const auto& context : contexts) context->stop();
}

void Server::Impl::OnAccept(beast::error_code ec, tcp::socket socket) {
  if (stopping || ec == net::error::operation_aborted) return;
  if (ec) {
    // E.g. out of file descriptors: wait a little instead of spinning.
    spdlog::warn("accept failed: {}", ec.message());
    accept_retry_timer.expires_after(std::chrono::milliseconds(100));
    accept_retry_timer.async_wait([this](beast::error_code wait_ec) {
      if (!wait_ec && !stopping) DoAccept();
    });
    return;
  }
  bool full = false;
  {
    std::lock_guard lock(sessions_mutex);
    full = sessions.size() >= options.connections_max;
  }
  if (full) {
    if (auto idle = MakeRoomFor(socket)) {
      handler.OnIdleConnectionClosed();
      idle->CloseClaimed();
      return;  // SessionClosed admits the waiting connection and accepts again
    }
    RefuseConnection(std::move(socket));
  } else {
    auto session = std::make_shared<Session>(*this, std::move(socket));
    SessionOpened(session);
    session->Start();
  }
  DoAccept();
}

void Server::Impl::RefuseConnection(tcp::socket socket) {
  handler.OnConnectionRefused();
  auto refused = std::make_shared<tcp::socket>(std::move(socket));
  net::async_write(*refused, net::buffer(busy_response), [refused](beast::error_code, std::size_t) {
    beast::error_code ec;
    refused->shutdown(tcp::socket::shutdown_both, ec);
    refused->close(ec);
  });
}

void Server::Impl::SessionOpened(const std::shared_ptr<Session>& session) {
  std::size_t open = 0;
  {
    std::lock_guard lock(sessions_mutex);
    sessions.emplace(session.get(), session);
    open = sessions.size();
  }
  handler.OnConnectionsChanged(open);
}

void Server::Impl::SessionClosed(Session* session) {
  std::size_t open = 0;
  std::optional<tcp::socket> admit;
  {
    std::lock_guard lock(sessions_mutex);
    sessions.erase(session);
    open = sessions.size();
    admit.swap(waiting);
  }
  handler.OnConnectionsChanged(open);
  if (admit && !destroying) {
    // A session's I/O thread is no place to accept on: the listener's work goes back to its own.
    net::post(ioc, [this, socket = std::move(*admit)]() mutable {
      OnAccept(beast::error_code(), std::move(socket));
    });
  }
  if (open == 0 && stopping && !destroying) net::post(ioc, [this] { CheckDrained(); });
}

// At the cap: claims the connection that has waited longest for a request, for closing, and
// keeps `socket` waiting for its place; returns the claimed session. nullptr, leaving socket
// alone, when every connection is busy with a request (or the one found woke up meanwhile).
std::shared_ptr<Session> Server::Impl::MakeRoomFor(tcp::socket& socket) {
  // Declared before the lock: when the claim fails this may be the session's last owner, and its
  // destructor takes sessions_mutex.
  std::shared_ptr<Session> claimed;
  {
    std::lock_guard lock(sessions_mutex);
    Session* longest = nullptr;
    std::int64_t longest_since = 0;
    // A session in the map is alive while the mutex is held: its destructor erases it under the
    // mutex before any of its members go.
    for (const auto& [session, weak] : sessions) {
      const std::int64_t since = session->IdleSince();
      if (since > 0 && (longest == nullptr || since < longest_since)) {
        longest = session;
        longest_since = since;
      }
    }
    if (longest == nullptr) return nullptr;
    claimed = sessions.at(longest).lock();
    if (claimed != nullptr && longest->ClaimIdle(longest_since)) {
      // Under the same lock as the claim, so the claimed session cannot close unseen before it.
      waiting.emplace(std::move(socket));
      return claimed;
    }
  }
  return nullptr;
}

void Server::Impl::RequestStop() {
  if (stopping.exchange(true)) return;
  net::post(ioc, [this] { DoStop(); });
}

void Server::Impl::DoStop() {
  beast::error_code ec;
  acceptor.close(ec);
  signals.cancel(ec);
  accept_retry_timer.cancel();
  grace_timer.expires_after(options.shutdown_grace);
  grace_timer.async_wait([this](beast::error_code wait_ec) {
    if (wait_ec) return;
    spdlog::warn("requests still running after {} ms; stopping anyway",
                 options.shutdown_grace.count());
    StopContexts();
  });
  std::vector<std::shared_ptr<Session>> live;
  {
    std::lock_guard lock(sessions_mutex);
    waiting.reset();
    for (const auto& [pointer, weak] : sessions) {
      if (auto session = weak.lock()) live.push_back(std::move(session));
    }
  }
  for (const auto& session : live) session->OnServerStopping();
  live.clear();
  CheckDrained();
}

void Server::Impl::CheckDrained() {
  std::lock_guard lock(sessions_mutex);
  // With no session left and the grace timer cancelled, every I/O context runs out of work (once
  // the replies still out are answered) and every Run thread returns.
  if (!sessions.empty()) return;
  grace_timer.cancel();
  for (auto& guard : serving) guard.reset();
}

void Server::Impl::ReplyOpened() {
  std::lock_guard lock(replies_mutex);
  ++replies_open;
}

void Server::Impl::ReplySettled() {
  std::lock_guard lock(replies_mutex);
  --replies_open;
  replies_settled.notify_all();
}

void Server::Impl::WaitForReplies() {
  std::unique_lock lock(replies_mutex);
  replies_settled.wait(lock, [this] { return replies_open == 0; });
}

Server::Server(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() {
  Stop();
  impl_->workers.join();
  impl_->destroying = true;
  impl_->StopContexts();
  // A command still waiting for its fsync (after shutdown_grace ran out) answers into this
  // server: wait for the ledger writer to hand it over.
  impl_->WaitForReplies();
}

std::expected<std::unique_ptr<Server>, std::string> Server::Create(const ServerOptions& options,
                                                                   RequestHandler& handler) {
  const std::string where = options.host + ":" + std::to_string(options.port);
  if (options.io_threads == 0 || options.io_threads > kIoThreadsMax ||
      options.worker_threads == 0 || options.connections_max == 0) {
    return std::unexpected("bad server options for " + where);
  }
  beast::error_code ec;
  net::ip::address address = net::ip::make_address(
      options.host == "localhost" ? std::string("127.0.0.1") : options.host, ec);
  if (ec) return std::unexpected("cannot listen on " + where + ": not an IP address");
  auto impl = std::make_shared<Impl>(options, handler);
  const tcp::endpoint endpoint(address, options.port);
  impl->acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl->acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) impl->acceptor.bind(endpoint, ec);
  if (!ec) impl->acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) return std::unexpected("cannot listen on " + where + ": " + ec.message());
  impl->port = impl->acceptor.local_endpoint(ec).port();
  if (ec) return std::unexpected("cannot listen on " + where + ": " + ec.message());
  impl->address = (address.is_v6() ? "[" + address.to_string() + "]" : address.to_string()) + ":" +
                  std::to_string(impl->port);
  if (options.stop_on_signals) {
    impl->signals.add(SIGINT, ec);
    if (!ec) impl->signals.add(SIGTERM, ec);
    if (ec) return std::unexpected("cannot handle SIGINT/SIGTERM: " + ec.message());
  }
  if (options.stop_on_signals) {
    impl->signals.async_wait([raw = impl.get()](beast::error_code wait_ec, int signal_number) {
      if (wait_ec) return;
      spdlog::info("signal {}: stopping", signal_number);
      raw->RequestStop();
    });
  }
  impl->DoAccept();
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

std::uint16_t Server::port() const { return impl_->port; }

std::string Server::address() const { return impl_->address; }

void Server::Run() {
  RequestHandler& handler = impl_->handler;
  const auto run = [&handler](net::io_context& context) {
    handler.OnIoThreadStarted();
    for (;;) {
      try {
        // One handler, waiting for it when none is ready; then every other one ready now.
        while (context.run_one() > 0) {
          context.poll();
          handler.OnIoThreadWaiting();
        }
        handler.OnIoThreadWaiting();
        return;
      } catch (const std::exception& error) {
        spdlog::error("io thread: {}", error.what());
      }
    }
  };
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < impl_->contexts.size(); ++i) {
    threads.emplace_back(run, std::ref(*impl_->contexts[i]));
  }
  run(*impl_->contexts.front());
  for (auto& thread : threads) thread.join();
  impl_->workers.join();
}

void Server::Stop() { impl_->RequestStop(); }

namespace {

RequestReading Refused(Refusal refusal) {
  RequestReading reading;
  reading.outcome = RequestReading::Outcome::refused;
  reading.status = refusal.status;
  reading.detail = std::move(refusal.detail);
  return reading;
}

}  // namespace

RequestReading ReadRequest(std::string_view bytes, const RequestHandler& handler) {
  http::request_parser<http::empty_body> header_parser;
  LimitHeader(header_parser);
  std::size_t at = 0;
  beast::error_code ec =
      Feed(header_parser, bytes, at, [&] { return header_parser.is_header_done(); });
  if (ec == http::error::need_more) return RequestReading{};  // a connection waits for the rest
  if (ec) {
    if (auto refusal = HeaderRefusal(ec)) return Refused(std::move(*refusal));
    return RequestReading{};
  }
  if (auto refusal = VersionRefusal(header_parser.get())) return Refused(std::move(*refusal));
  auto route = RouteOf(header_parser, handler);
  if (!route) return Refused(route.error());
  http::request_parser<http::string_body> body_parser(std::move(header_parser));
  body_parser.body_limit(route->body_bytes_max);
  ec = Feed(body_parser, bytes, at, [&] { return body_parser.is_done(); });
  if (ec == http::error::need_more) return RequestReading{};
  if (ec) {
    if (auto refusal = BodyRefusal(ec, route->body_bytes_max)) {
      return Refused(std::move(*refusal));
    }
    return RequestReading{};
  }
  RequestReading reading;
  reading.outcome = RequestReading::Outcome::request;
  reading.keep_alive = body_parser.get().keep_alive();
  reading.request = ToHttpRequest(body_parser.release());
  reading.route = std::move(*route);
  reading.bytes_read = at;
  return reading;
}

}  // namespace ctom::server
