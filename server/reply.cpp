// A reply sends exactly one answer.
#include "server/reply.hpp"

#include <spdlog/spdlog.h>

#include <exception>
#include <future>
#include <utility>

#include "server/problem.hpp"

namespace ctom::server {

namespace {

HttpResponse InternalProblem() {
  return ProblemResponse({.status = 500,
                          .code = std::string(problem_code::kInternal),
                          .detail = "The server failed to answer this request"});
}

}  // namespace

Reply::Reply(Sink sink) : sink_(std::move(sink)) {}

Reply::Reply(Reply&& other) noexcept : sink_(std::exchange(other.sink_, nullptr)) {}

Reply& Reply::operator=(Reply&& other) noexcept {
  if (this != &other) {
    SendUnanswered();
    sink_ = std::exchange(other.sink_, nullptr);
  }
  return *this;
}

Reply::~Reply() { SendUnanswered(); }

void Reply::Send(HttpResponse response) && {
  std::move(*this).SendFrom(
      [response = std::move(response)]() mutable { return std::move(response); });
}

void Reply::SendFrom(Finish finish) && {
  Sink sink = std::exchange(sink_, nullptr);
  if (sink) sink(std::move(finish));
}

void Reply::SendUnanswered() {
  if (!sink_) return;
  spdlog::error("a request's reply was dropped without an answer");
  std::move(*this).SendFrom(InternalProblem);
}

HttpResponse WaitForAnswer(std::move_only_function<void(Reply)> start) {
  std::promise<Reply::Finish> answered;
  auto answer = answered.get_future();
  start(Reply([&answered](Reply::Finish finish) { answered.set_value(std::move(finish)); }));
  Reply::Finish finish = answer.get();
  return RunFinish(finish);
}

HttpResponse RunFinish(Reply::Finish& finish) noexcept {
  try {
    return finish();
  } catch (const std::exception& error) {
    spdlog::error("answering a request threw: {}", error.what());
  } catch (...) {
    spdlog::error("answering a request threw a non-standard exception");
  }
  return InternalProblem();
}

}  // namespace ctom::server
