// A spdlog sink for the server's log that does not make a write(2) per request line. A thread
// that calls BatchLinesOnThisThread() (an I/O thread) keeps the lines it logs in a buffer of its
// own and writes them with one write when it calls WriteLinesOfThisThread(), which the server
// does each time the thread has run every ready handler and is about to wait: under load one
// write carries many lines, idle a line goes out as soon as its request is answered. A thread
// holding kThreadLinesBytesMax writes at once. Other threads, and warnings and errors on any
// thread, write at once (a warning behind the lines its thread holds). A crash loses only the
// lines an I/O thread holds, at most one round of its handlers.
#pragma once

#include <spdlog/sinks/base_sink.h>
#include <unistd.h>

#include <cstddef>
#include <mutex>

namespace ctom::server {

class BatchedStderrSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  // Writes to fd, stderr unless a test passes a pipe; does not close it.
  explicit BatchedStderrSink(int fd = STDERR_FILENO) : fd_(fd) {}

  static void BatchLinesOnThisThread();
  static void WriteLinesOfThisThread();

  static constexpr std::size_t kThreadLinesBytesMax = 16 * 1024;

 protected:
  void sink_it_(const spdlog::details::log_msg& message) override;
  void flush_() override;

 private:
  const int fd_;
};

}  // namespace ctom::server
