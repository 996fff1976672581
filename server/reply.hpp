// Where a request's answer goes when a handler gives it later, from another thread: a command
// answers once the ledger writer has synced its events.
#pragma once

#include <functional>

#include "server/http_message.hpp"

namespace ctom::server {

// Move-only. Exactly one answer leaves through a reply: Send or SendFrom, called once, from any
// thread. A reply destroyed without an answer sends 500 internal (and that is a bug, logged).
class Reply {
 public:
  // Makes the answer. Runs where the connection answers (its I/O thread), not where SendFrom is
  // called, so work that must not hold up the caller's thread (the ledger writer's) goes here.
  using Finish = std::move_only_function<HttpResponse()>;
  // Takes the answer's Finish and sees that it runs and its result is sent.
  using Sink = std::move_only_function<void(Finish)>;

  explicit Reply(Sink sink);
  Reply(Reply&& other) noexcept;
  Reply& operator=(Reply&& other) noexcept;
  Reply(const Reply&) = delete;
  Reply& operator=(const Reply&) = delete;
  ~Reply();

  // Answers with response.
  void Send(HttpResponse response) &&;
  // Answers with what finish returns.
  void SendFrom(Finish finish) &&;

 private:
  void SendUnanswered();

  Sink sink_;  // empty once the answer has left
};

// Gives start a reply and waits for the answer, which is made on this thread (not on the thread
// that gave it, e.g. the ledger writer's). For callers without a connection: ctom import, tests.
[[nodiscard]] HttpResponse WaitForAnswer(std::move_only_function<void(Reply)> start);

// Runs finish, answering 500 internal (logged) when it throws.
[[nodiscard]] HttpResponse RunFinish(Reply::Finish& finish) noexcept;

}  // namespace ctom::server
