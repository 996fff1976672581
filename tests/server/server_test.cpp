// The Beast server in-process, with a scripted handler: the connection cap, blocking handlers on
// the worker pool, and a stop that lets requests in flight finish.
#include "server/server.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <future>
#include <mutex>
#include <set>
#include <thread>

#include "server/problem.hpp"
#include "tests/e2e/server_process.hpp"

namespace ctom::server {
namespace {

using e2e::RawConnection;
using e2e::SendHttp;

// Answers 200 "ok"; /echo answers its body in brackets; GET /block waits until Release(); GET
// /later keeps its reply for AnswerHeldRepliesFromAnotherThread; GET /dropped drops its reply
// unanswered.
class ScriptedHandler final : public RequestHandler {
 public:
  RequestRoute Resolve(std::string_view, std::string_view target) const override {
    return RequestRoute{.body_bytes_max = kJsonBodyBytesMax,
                        .quick = target == "/quick" || target == "/later" || target == "/dropped",
                        .match = {}};
  }
  void Handle(HttpRequest request, RequestRoute, Reply reply) override {
    last_handler_thread_ = std::this_thread::get_id();
    ++handled_;
    if (request.target == "/dropped") return;
    if (request.target == "/echo") {
      return std::move(reply).Send(TextResponse(200, "text/plain", "[" + request.body + "]"));
    }
    std::unique_lock lock(mutex_);
    if (request.target == "/later") {
      held_.push_back(std::move(reply));
      ++blocked_;
      changed_.notify_all();
      return;
    }
    if (request.target == "/block") {
      ++blocked_;
      changed_.notify_all();
      changed_.wait(lock, [this] { return released_; });
    }
    lock.unlock();
    std::move(reply).Send(TextResponse(200, "text/plain", "ok"));
  }
  // Answers the replies of /later from a thread of the handler's own, as the ledger writer
  // answers commands; each answer is made where the connection answers, and says which thread
  // that was.
  void AnswerHeldRepliesFromAnotherThread() {
    std::vector<Reply> held;
    {
      std::lock_guard lock(mutex_);
      held.swap(held_);
    }
    std::thread([&held, this] {
      for (Reply& reply : held) {
        std::move(reply).SendFrom([this] {
          last_finish_thread_ = std::this_thread::get_id();
          std::lock_guard lock(mutex_);
          finish_threads_.insert(std::this_thread::get_id());
          return TextResponse(200, "text/plain", "later");
        });
      }
    }).join();
  }
  void OnRefused(std::string_view, int, std::chrono::microseconds) override {}
  void OnConnectionsChanged(std::size_t open) override { open_ = open; }
  void OnConnectionRefused() override { ++refused_; }
  void OnIdleConnectionClosed() override { ++reclaimed_; }
  void OnIoThreadStarted() override { ++io_threads_started_; }
  void OnIoThreadWaiting() override {
    if (handled_ > 0) waited_after_handling_ = true;
  }

  // Waits (bounded) until `count` requests are blocked in Handle.
  bool WaitForBlocked(int count) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, std::chrono::seconds(20), [&] { return blocked_ >= count; });
  }
  std::set<std::thread::id> FinishThreads() {
    std::lock_guard lock(mutex_);
    return finish_threads_;
  }
  void Release() {
    std::lock_guard lock(mutex_);
    released_ = true;
    changed_.notify_all();
  }

  std::atomic<std::thread::id> last_handler_thread_;
  std::atomic<std::thread::id> last_finish_thread_;
  std::atomic<std::size_t> open_{0};
  std::atomic<int> refused_{0};
  std::atomic<int> reclaimed_{0};
  std::atomic<int> io_threads_started_{0};
  std::atomic<int> handled_{0};
  std::atomic<bool> waited_after_handling_{false};

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int blocked_ = 0;
  bool released_ = false;
  std::vector<Reply> held_;
  std::set<std::thread::id> finish_threads_;
};

class ServerTest : public ::testing::Test {
 protected:
  void StartServer(ServerOptions options) {
    options.host = "127.0.0.1";
    options.port = 0;
    options.stop_on_signals = false;
    auto server = Server::Create(options, handler_);
    ASSERT_TRUE(server.has_value()) << server.error();
    server_ = std::move(*server);
    runner_ = std::thread([this] { server_->Run(); });
  }

  void TearDown() override {
    handler_.Release();
    if (server_) server_->Stop();
    if (runner_.joinable()) runner_.join();
  }

  ScriptedHandler handler_;
  std::unique_ptr<Server> server_;
  std::thread runner_;
};

TEST_F(ServerTest, ListeningOnPortZeroReportsTheBoundPort) {
  StartServer({});
  EXPECT_NE(server_->port(), 0);
  EXPECT_EQ(server_->address(), "127.0.0.1:" + std::to_string(server_->port()));
  EXPECT_EQ(SendHttp(server_->port(), "GET", "/").status, 200);
}

TEST_F(ServerTest, AnAddressThatCannotBeBoundIsAnErrorValue) {
  StartServer({});
  ServerOptions taken;
  taken.port = server_->port();
  taken.stop_on_signals = false;
  ScriptedHandler other;
  auto second = Server::Create(taken, other);
  ASSERT_FALSE(second.has_value());
  EXPECT_NE(second.error().find("cannot listen"), std::string::npos);
  ServerOptions malformed;
  malformed.host = "not-an-address";
  EXPECT_FALSE(Server::Create(malformed, other).has_value());
}

TEST_F(ServerTest, ABlockedHandlerDoesNotBlockOtherRequests) {
  StartServer({.io_threads = 1});
  auto blocked =
      std::async(std::launch::async, [this] { return SendHttp(server_->port(), "GET", "/block"); });
  ASSERT_TRUE(handler_.WaitForBlocked(1));
  for (int i = 0; i < 3; ++i) EXPECT_EQ(SendHttp(server_->port(), "GET", "/").status, 200);
  handler_.Release();
  EXPECT_EQ(blocked.get().status, 200);
}

TEST_F(ServerTest, EveryAnswerForbidsContentSniffingRefusalsIncluded) {
  StartServer({});
  EXPECT_EQ(SendHttp(server_->port(), "GET", "/").Header("x-content-type-options"), "nosniff");
  RawConnection malformed(server_->port());
  malformed.Write("GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n");
  const auto answer = malformed.ReadUntilClosed(std::chrono::seconds(20));
  ASSERT_TRUE(answer.has_value());
  EXPECT_TRUE(answer->starts_with("HTTP/1.1 400")) << *answer;
  EXPECT_NE(answer->find("X-Content-Type-Options: nosniff"), std::string::npos) << *answer;
}

TEST_F(ServerTest, AQuickRequestIsAnsweredOnTheIoThreadAndOthersOnAWorker) {
  StartServer({.io_threads = 1});  // the one I/O thread is the runner, which calls Run
  EXPECT_EQ(SendHttp(server_->port(), "GET", "/quick").status, 200);
  EXPECT_EQ(handler_.last_handler_thread_.load(), runner_.get_id());
  EXPECT_EQ(SendHttp(server_->port(), "GET", "/").status, 200);
  EXPECT_NE(handler_.last_handler_thread_.load(), runner_.get_id());
}

TEST_F(ServerTest, AnAnswerGivenLaterFromAnotherThreadIsMadeOnTheIoThreadAndSent) {
  StartServer({.io_threads = 1});
  auto later =
      std::async(std::launch::async, [this] { return SendHttp(server_->port(), "GET", "/later"); });
  ASSERT_TRUE(handler_.WaitForBlocked(1));
  // Meanwhile the connection's I/O thread is free for other requests.
  EXPECT_EQ(SendHttp(server_->port(), "GET", "/quick").status, 200);
  handler_.AnswerHeldRepliesFromAnotherThread();
  const auto response = later.get();
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "later");
  EXPECT_EQ(handler_.last_finish_thread_.load(), runner_.get_id());
}

TEST_F(ServerTest, ConnectionsAreSharedOutAmongTheIoThreadsAndEachServesItsOwn) {
  constexpr int kThreads = 3;
  StartServer({.io_threads = kThreads});
  std::vector<std::future<e2e::Response>> later;
  for (int i = 0; i < kThreads; ++i) {
    later.push_back(std::async(std::launch::async,
                               [this] { return SendHttp(server_->port(), "GET", "/later"); }));
    ASSERT_TRUE(handler_.WaitForBlocked(i + 1));  // accepted in turn, one per I/O thread
  }
  handler_.AnswerHeldRepliesFromAnotherThread();
  for (auto& response : later) EXPECT_EQ(response.get().body, "later");
  EXPECT_EQ(handler_.FinishThreads().size(), static_cast<std::size_t>(kThreads));
}

TEST_F(ServerTest, ARequestArrivingInPiecesIsReadWhole) {
  StartServer({});
  RawConnection connection(server_->port());
  for (const std::string_view piece :
       {"POST /ec", "ho HTTP/1.1\r\nHost: x\r\nContent-Le", "ngth: 10\r\n\r\n0123", "456789"}) {
    connection.Write(piece);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  const std::string answer = connection.ReadResponses(1, std::chrono::seconds(20));
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 200")) << answer;
  EXPECT_TRUE(answer.ends_with("[0123456789]")) << answer;
}

TEST_F(ServerTest, RequestsSentTogetherAreAnsweredInOrderEachWithItsOwnBody) {
  StartServer({});
  RawConnection connection(server_->port());
  connection.Write(
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\none"
      "GET / HTTP/1.1\r\nHost: x\r\n\r\n"
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nthree");
  const std::string answers = connection.ReadResponses(3, std::chrono::seconds(20));
  const auto one = answers.find("[one]");
  const auto ok = answers.find("\r\n\r\nok");
  const auto three = answers.find("[three]");
  ASSERT_NE(three, std::string::npos) << answers;
  EXPECT_LT(one, ok) << answers;
  EXPECT_LT(ok, three) << answers;
}

TEST_F(ServerTest, EveryIoThreadSaysWhenItStartsAndWhenItIsAboutToWaitAfterARequest) {
  StartServer({.io_threads = 2});
  EXPECT_EQ(SendHttp(server_->port(), "GET", "/quick").status, 200);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while ((!handler_.waited_after_handling_ || handler_.io_threads_started_ < 2) &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  EXPECT_TRUE(handler_.waited_after_handling_);
  EXPECT_EQ(handler_.io_threads_started_, 2);
}

TEST_F(ServerTest, AReplyDroppedWithoutAnAnswerIsAnswered500) {
  StartServer({});
  const auto response = SendHttp(server_->port(), "GET", "/dropped");
  EXPECT_EQ(response.status, 500);
  EXPECT_NE(response.body.find("\"internal\""), std::string::npos) << response.body;
}

TEST_F(ServerTest, StopWaitsForAnAnswerGivenLater) {
  StartServer({});
  auto later =
      std::async(std::launch::async, [this] { return SendHttp(server_->port(), "GET", "/later"); });
  ASSERT_TRUE(handler_.WaitForBlocked(1));
  server_->Stop();
  handler_.AnswerHeldRepliesFromAnotherThread();
  const auto response = later.get();
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "later");
  runner_.join();
}

TEST_F(ServerTest, DestroyingTheServerWaitsForAnAnswerStillOutWhenTheShutdownGraceRanOut) {
  StartServer({.shutdown_grace = std::chrono::milliseconds(50)});
  auto later =
      std::async(std::launch::async, [this] { return SendHttp(server_->port(), "GET", "/later"); });
  ASSERT_TRUE(handler_.WaitForBlocked(1));
  server_->Stop();
  runner_.join();  // Run returned: the grace ran out with the reply still held
  std::atomic<bool> answered{false};
  std::thread answering([this, &answered] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    answered = true;
    handler_.AnswerHeldRepliesFromAnotherThread();  // as a ledger writer answers late
  });
  server_.reset();  // must not return before the answer was handed over
  EXPECT_TRUE(answered.load());
  answering.join();
  EXPECT_ANY_THROW(later.get());  // the connection was dropped unanswered
}

TEST_F(ServerTest, AtTheCapANewConnectionIsAnswered503WhenEveryConnectionIsInARequest) {
  StartServer({.connections_max = 2});
  auto first =
      std::async(std::launch::async, [this] { return SendHttp(server_->port(), "GET", "/block"); });
  auto second =
      std::async(std::launch::async, [this] { return SendHttp(server_->port(), "GET", "/block"); });
  ASSERT_TRUE(handler_.WaitForBlocked(2));
  RawConnection third(server_->port());
  const auto answer = third.ReadUntilClosed(std::chrono::seconds(20));
  ASSERT_TRUE(answer.has_value());
  EXPECT_TRUE(answer->starts_with("HTTP/1.1 503")) << *answer;
  EXPECT_NE(answer->find("service_unavailable"), std::string::npos);
  EXPECT_NE(answer->find("Retry-After: 1"), std::string::npos);
  EXPECT_NE(answer->find("X-Content-Type-Options: nosniff"), std::string::npos);
  EXPECT_EQ(handler_.refused_, 1);
  EXPECT_EQ(handler_.reclaimed_, 0);
  EXPECT_EQ(handler_.open_, 2u);
  handler_.Release();
  EXPECT_EQ(first.get().status, 200);
  EXPECT_EQ(second.get().status, 200);
}

TEST_F(ServerTest, AtTheCapANewConnectionTakesThePlaceOfTheConnectionIdleLongest) {
  // One I/O thread runs the completions in order, so a connection waits for its next request as
  // soon as its answer has been sent, before the next connection is accepted.
  StartServer({.io_threads = 1, .connections_max = 2});
  const std::string request = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
  // Both idle once answered; the first has waited longer for its next request.
  RawConnection first(server_->port());
  first.Write(request);
  ASSERT_NE(first.ReadResponses(1, std::chrono::seconds(20)).find("200"), std::string::npos);
  RawConnection second(server_->port());
  second.Write(request);
  ASSERT_NE(second.ReadResponses(1, std::chrono::seconds(20)).find("200"), std::string::npos);
  RawConnection third(server_->port());
  third.Write(request);
  EXPECT_NE(third.ReadResponses(1, std::chrono::seconds(20)).find("HTTP/1.1 200"),
            std::string::npos);
  // The first was closed to make room, without an answer; the second still serves.
  const auto closed = first.ReadUntilClosed(std::chrono::seconds(20));
  ASSERT_TRUE(closed.has_value()) << "the connection idle longest was not closed";
  EXPECT_EQ(*closed, "");
  second.Write(request);
  EXPECT_NE(second.ReadResponses(1, std::chrono::seconds(20)).find("HTTP/1.1 200"),
            std::string::npos);
  EXPECT_EQ(handler_.reclaimed_, 1);
  EXPECT_EQ(handler_.refused_, 0);
  EXPECT_EQ(handler_.open_, 2u);
}

TEST_F(ServerTest, StopFinishesTheRequestInFlightThenRunReturns) {
  StartServer({});
  auto in_flight =
      std::async(std::launch::async, [this] { return SendHttp(server_->port(), "GET", "/block"); });
  ASSERT_TRUE(handler_.WaitForBlocked(1));
  RawConnection idle(server_->port());  // an idle keep-alive connection is closed by the stop
  server_->Stop();
  EXPECT_TRUE(idle.ReadUntilClosed(std::chrono::seconds(20)).has_value());
  handler_.Release();
  const auto response = in_flight.get();
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.Header("connection"), "close");
  runner_.join();  // Run returned
  EXPECT_EQ(handler_.open_, 0u);
}

TEST_F(ServerTest, StopBeforeRunMakesRunReturnAtOnce) {
  ServerOptions options;
  options.port = 0;
  options.stop_on_signals = false;
  auto server = Server::Create(options, handler_);
  ASSERT_TRUE(server.has_value());
  (*server)->Stop();
  (*server)->Run();
  SUCCEED();
}

}  // namespace
}  // namespace ctom::server
