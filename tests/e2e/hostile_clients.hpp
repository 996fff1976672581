// End-to-end helpers for hostile-client tests: raw loopback sockets, a well-behaved client that
// keeps making requests (and times each one) while an attack runs, and a watch on the server
// process (/proc/<pid>: open sockets and resident memory).
#pragma once

#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "tests/e2e/server_process.hpp"

namespace ctom::e2e {

// A connected loopback socket to port, or -1 when connect fails (e.g. out of descriptors).
inline int ConnectLoopback(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// Sends all of bytes; false when the peer is gone (reset, closed) before everything was sent.
inline bool SendAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t sent = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (sent <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(sent));
  }
  return true;
}

// What a socket holds right now without waiting: received bytes are appended to `received`;
// true when the server has closed (or reset) the connection.
inline bool DrainNow(int fd, std::string& received) {
  for (;;) {
    pollfd descriptor{fd, POLLIN, 0};
    if (::poll(&descriptor, 1, 0) <= 0) return false;
    char chunk[4096];
    const ssize_t got = ::recv(fd, chunk, sizeof chunk, MSG_DONTWAIT);
    if (got <= 0) return true;
    received.append(chunk, static_cast<std::size_t>(got));
  }
}

// Reads until the server closes the connection or the deadline passes; nullopt on the deadline.
inline std::optional<std::string> ReadUntilClosed(int fd, std::chrono::milliseconds deadline) {
  std::string received;
  const auto end = Clock::now() + deadline;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - Clock::now());
    if (left.count() <= 0) return std::nullopt;
    pollfd descriptor{fd, POLLIN, 0};
    if (::poll(&descriptor, 1, static_cast<int>(left.count())) <= 0) continue;
    char chunk[16384];
    const ssize_t got = ::recv(fd, chunk, sizeof chunk, 0);
    if (got <= 0) return received;
    received.append(chunk, static_cast<std::size_t>(got));
  }
}

// One HTTP/1.1 response taken off the front of a byte stream.
struct RawResponse {
  int status = 0;
  std::string header;  // status line and fields, as received
  std::string body;
};

// Takes the first complete response (Content-Length framed, as the server always answers) off
// the front of `bytes`; nullopt while it is incomplete.
inline std::optional<RawResponse> TakeResponse(std::string& bytes) {
  const std::size_t header_end = bytes.find("\r\n\r\n");
  if (header_end == std::string::npos || !bytes.starts_with("HTTP/1.")) return std::nullopt;
  RawResponse response;
  response.header = bytes.substr(0, header_end);
  std::from_chars(bytes.data() + 9, bytes.data() + 12, response.status);
  std::size_t length = 0;
  std::string lower = response.header;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (const std::size_t field = lower.find("\r\ncontent-length:"); field != std::string::npos) {
    std::size_t at = field + 17;
    while (at < lower.size() && lower[at] == ' ') ++at;
    std::from_chars(lower.data() + at, lower.data() + lower.size(), length);
  }
  if (bytes.size() < header_end + 4 + length) return std::nullopt;
  response.body = bytes.substr(header_end + 4, length);
  bytes.erase(0, header_end + 4 + length);
  return response;
}

// A keep-alive connection that sends one request at a time and reads its answer.
class KeepAliveConnection {
 public:
  explicit KeepAliveConnection(std::uint16_t port) : port_(port) {}
  ~KeepAliveConnection() { Reset(); }
  KeepAliveConnection(const KeepAliveConnection&) = delete;
  KeepAliveConnection& operator=(const KeepAliveConnection&) = delete;

  // Sends request (whole HTTP text) and returns its answer, or nullopt when the connection failed
  // or the deadline passed. A connection the server closed while it sat idle is reopened once
  // and the request sent again, as HTTP clients do for idempotent requests (RFC 9112 9.3.1).
  std::optional<RawResponse> RoundTrip(const std::string& request,
                                       std::chrono::milliseconds deadline) {
    for (int attempt = 0; attempt < 2; ++attempt) {
      const bool reused = fd_ >= 0;
      if (fd_ < 0) fd_ = ConnectLoopback(port_);
      if (fd_ < 0) return std::nullopt;
      bool closed = false;
      if (auto response = Exchange(request, deadline, closed)) return response;
      Reset();
      if (!(reused && closed)) return std::nullopt;
      ++reopened_;
    }
    return std::nullopt;
  }

  // How often a reused connection was found closed by the server and reopened.
  int reopened() const { return reopened_; }

 private:
  std::optional<RawResponse> Exchange(const std::string& request,
                                      std::chrono::milliseconds deadline, bool& closed_early) {
    std::string stale;
    if (DrainNow(fd_, stale) || !SendAll(fd_, request)) {
      closed_early = true;
      return std::nullopt;
    }
    const auto end = Clock::now() + deadline;
    for (;;) {
      if (auto response = TakeResponse(buffer_)) return response;
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - Clock::now());
      if (left.count() <= 0) return std::nullopt;
      pollfd descriptor{fd_, POLLIN, 0};
      if (::poll(&descriptor, 1, static_cast<int>(left.count())) <= 0) continue;
      char chunk[16384];
      const ssize_t got = ::recv(fd_, chunk, sizeof chunk, 0);
      if (got <= 0) {
        closed_early = buffer_.empty();
        return std::nullopt;
      }
      buffer_.append(chunk, static_cast<std::size_t>(got));
    }
  }

  void Reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    buffer_.clear();
  }

  std::uint16_t port_;
  int fd_ = -1;
  std::string buffer_;
  int reopened_ = 0;
};

// What a well-behaved client saw while an attack ran.
struct GoodClientReport {
  std::size_t requests = 0;
  std::size_t failures = 0;
  std::vector<std::string> failure_samples;  // the first few, for the test's message
  std::chrono::milliseconds max{0};
  std::chrono::milliseconds p50{0};
  std::chrono::milliseconds p99{0};
  std::size_t peak_open_connections = 0;  // ctom_http_connections_open, as /metrics said
  int reopened = 0;                       // keep-alive connections found closed and reopened
};

// A client that keeps asking the server, one request every kPause, until Stop: in turn an
// authenticated read on its keep-alive connection, a /metrics scrape on the same connection, and
// GET /healthz on a fresh connection. Every answer must be 200 within request_deadline.
class GoodClient {
 public:
  static constexpr std::chrono::milliseconds kPause{10};

  GoodClient(std::uint16_t port, std::string token,
             std::chrono::milliseconds request_deadline = std::chrono::seconds(10))
      : port_(port), token_(std::move(token)), deadline_(request_deadline) {
    thread_ = std::thread([this] { Run(); });
  }
  ~GoodClient() { Stop(); }
  GoodClient(const GoodClient&) = delete;
  GoodClient& operator=(const GoodClient&) = delete;

  // Stops the client and says what it saw.
  GoodClientReport Stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
    std::lock_guard lock(mutex_);
    std::sort(latencies_.begin(), latencies_.end());
    report_.requests = latencies_.size() + report_.failures;
    if (!latencies_.empty()) {
      report_.max = latencies_.back();
      report_.p50 = latencies_[latencies_.size() / 2];
      report_.p99 = latencies_[std::min(latencies_.size() - 1, latencies_.size() * 99 / 100)];
    }
    return report_;
  }

  // Requests answered so far (to wait until the client is under way).
  std::size_t answered() const { return answered_; }

 private:
  void Run() {
    KeepAliveConnection keep_alive(port_);
    const std::string authenticated =
        "GET /v1/ledger/digest HTTP/1.1\r\nHost: good\r\n"
        "Authorization: Bearer " +
        token_ + "\r\n\r\n";
    const std::string metrics = "GET /metrics HTTP/1.1\r\nHost: good\r\n\r\n";
    for (std::size_t turn = 0; !stop_; ++turn) {
      const auto started = Clock::now();
      std::optional<RawResponse> response;
      std::string what;
      if (turn % 3 == 0) {
        what = "GET /v1/ledger/digest (keep-alive)";
        response = keep_alive.RoundTrip(authenticated, deadline_);
      } else if (turn % 3 == 1) {
        what = "GET /metrics (keep-alive)";
        response = keep_alive.RoundTrip(metrics, deadline_);
      } else {
        what = "GET /healthz (fresh connection)";
        KeepAliveConnection fresh(port_);
        response = fresh.RoundTrip("GET /healthz HTTP/1.1\r\nHost: good\r\n\r\n", deadline_);
      }
      Record(what, response, Clock::now() - started);
      std::this_thread::sleep_for(kPause);
    }
    std::lock_guard lock(mutex_);
    report_.reopened = keep_alive.reopened();
  }

  void Record(const std::string& what, const std::optional<RawResponse>& response,
              Clock::duration took) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(took);
    std::lock_guard lock(mutex_);
    if (!response || response->status != 200) {
      ++report_.failures;
      if (report_.failure_samples.size() < 5) {
        report_.failure_samples.push_back(
            what + " after " + std::to_string(ms.count()) + " ms: " +
            (response ? response->header.substr(0, response->header.find('\r')) : "no answer"));
      }
      return;
    }
    latencies_.push_back(ms);
    ++answered_;
    constexpr std::string_view kGauge = "\nctom_http_connections_open ";
    if (const std::size_t at = response->body.find(kGauge); at != std::string::npos) {
      std::size_t open = 0;
      const char* start = response->body.data() + at + kGauge.size();
      std::from_chars(start, response->body.data() + response->body.size(), open);
      report_.peak_open_connections = std::max(report_.peak_open_connections, open);
    }
  }

  const std::uint16_t port_;
  const std::string token_;
  const std::chrono::milliseconds deadline_;
  std::atomic<bool> stop_{false};
  std::atomic<std::size_t> answered_{0};
  std::mutex mutex_;
  std::vector<std::chrono::milliseconds> latencies_;
  GoodClientReport report_;
  std::thread thread_;
};

// Watches a process through /proc: the most sockets it held open and its largest resident set.
class ProcessWatch {
 public:
  static constexpr std::chrono::milliseconds kInterval{25};

  explicit ProcessWatch(pid_t pid) : pid_(pid) {
    thread_ = std::thread([this] {
      while (!stop_) {
        Sample();
        std::this_thread::sleep_for(kInterval);
      }
    });
  }
  ~ProcessWatch() { Stop(); }
  ProcessWatch(const ProcessWatch&) = delete;
  ProcessWatch& operator=(const ProcessWatch&) = delete;

  void Stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }
  std::size_t peak_sockets() const { return peak_sockets_; }
  std::size_t peak_rss_kib() const { return peak_rss_kib_; }

  // The sockets pid holds open now (its listening socket among them).
  static std::size_t Sockets(pid_t pid) {
    const std::string folder = "/proc/" + std::to_string(pid) + "/fd";
    DIR* directory = ::opendir(folder.c_str());
    if (directory == nullptr) return 0;
    std::size_t sockets = 0;
    while (const dirent* entry = ::readdir(directory)) {
      char target[64];
      const std::string link = folder + "/" + entry->d_name;
      const ssize_t length = ::readlink(link.c_str(), target, sizeof target - 1);
      if (length > 0 &&
          std::string_view(target, static_cast<std::size_t>(length)).starts_with("socket:")) {
        ++sockets;
      }
    }
    ::closedir(directory);
    return sockets;
  }

  // VmRSS of pid in KiB (0 when it cannot be read).
  static std::size_t ResidentKib(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
      if (line.starts_with("VmRSS:")) return std::stoul(line.substr(6));
    }
    return 0;
  }

 private:
  void Sample() {
    peak_sockets_ = std::max<std::size_t>(peak_sockets_, Sockets(pid_));
    peak_rss_kib_ = std::max<std::size_t>(peak_rss_kib_, ResidentKib(pid_));
  }

  const pid_t pid_;
  std::atomic<bool> stop_{false};
  std::atomic<std::size_t> peak_sockets_{0};
  std::atomic<std::size_t> peak_rss_kib_{0};
  std::thread thread_;
};

}  // namespace ctom::e2e
