// The server's log sink: an I/O thread's lines gathered and written when it is about to wait.
#include "server/batched_stderr_sink.hpp"

#include <cerrno>
#include <string>
#include <string_view>

namespace ctom::server {
namespace {

struct ThreadLines {
  bool batching = false;
  int fd = -1;  // where the lines held go
  std::string held;
};

thread_local ThreadLines this_thread_lines;

std::mutex write_mutex;  // one write at a time, so lines of different threads never mix

void WriteAll(int fd, std::string_view bytes) {
  std::lock_guard lock(write_mutex);
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t result = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (result < 0 && errno == EINTR) continue;
    if (result <= 0) return;  // nowhere to log to: the lines are dropped, the server goes on
    written += static_cast<std::size_t>(result);
  }
}

}  // namespace

void BatchedStderrSink::BatchLinesOnThisThread() { this_thread_lines.batching = true; }

void BatchedStderrSink::WriteLinesOfThisThread() {
  ThreadLines& lines = this_thread_lines;
  if (lines.held.empty()) return;
  WriteAll(lines.fd, lines.held);
  lines.held.clear();
}

void BatchedStderrSink::sink_it_(const spdlog::details::log_msg& message) {
  spdlog::memory_buf_t line;
  formatter_->format(message, line);
  ThreadLines& lines = this_thread_lines;
  if (lines.fd != fd_) WriteLinesOfThisThread();  // held for another sink
  lines.fd = fd_;
  if (lines.batching && message.level < spdlog::level::warn) {
    lines.held.append(line.data(), line.size());
    if (lines.held.size() >= kThreadLinesBytesMax) WriteLinesOfThisThread();
    return;
  }
  WriteLinesOfThisThread();
  WriteAll(fd_, std::string_view(line.data(), line.size()));
}

void BatchedStderrSink::flush_() { WriteLinesOfThisThread(); }

}  // namespace ctom::server
