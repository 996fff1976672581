// End-to-end test harness: runs the real `ctom serve` (CTOM_BINARY) on 127.0.0.1 port 0 with a
// temporary data folder, waits until it listens (bounded polling of DIR/listen.addr), talks HTTP to
// it, and stops it with SIGTERM (or kills it with SIGKILL for crash tests).
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

extern char** environ;

namespace ctom::e2e {

using Clock = std::chrono::steady_clock;

// How long the harness waits for the server to start, answer, or stop before failing a test.
inline constexpr std::chrono::seconds kStartDeadline{30};
inline constexpr std::chrono::seconds kStopDeadline{30};
inline constexpr std::chrono::seconds kRequestDeadline{20};
// The pause between two looks at something the harness waits for (bounded polling).
inline constexpr std::chrono::milliseconds kPollInterval{10};

inline constexpr const char* kAdminToken = "e2e-admin-token-0123456789abcdef";

// A folder under the system's temporary directory, removed with everything in it on destruction.
class TemporaryFolder {
 public:
  TemporaryFolder() {
    std::string pattern = (std::filesystem::temp_directory_path() / "ctom-e2e-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TemporaryFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TemporaryFolder(const TemporaryFolder&) = delete;
  TemporaryFolder& operator=(const TemporaryFolder&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

struct Response {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;

  boost::json::value Json() const { return boost::json::parse(body); }
  std::string Header(const std::string& lower_case_name) const {
    const auto it = headers.find(lower_case_name);
    return it == headers.end() ? std::string() : it->second;
  }
  // The "code" of a problem body, or "" when the body is not a problem.
  std::string Code() const {
    const auto value = boost::json::parse(body);
    const auto* code = value.is_object() ? value.as_object().if_contains("code") : nullptr;
    return code != nullptr && code->is_string() ? std::string(code->as_string()) : std::string();
  }
};

using Headers = std::vector<std::pair<std::string, std::string>>;

// One HTTP/1.1 request on a fresh connection (Beast, with a deadline). Throws on a network error.
inline Response SendHttp(std::uint16_t port, const std::string& method, const std::string& target,
                         const std::string& body = {}, const Headers& headers = {}) {
  namespace beast = boost::beast;
  namespace http = beast::http;
  boost::asio::io_context ioc;
  beast::tcp_stream stream(ioc);
  const boost::asio::ip::tcp::endpoint endpoint(boost::asio::ip::make_address("127.0.0.1"), port);
  http::request<http::string_body> request;
  request.method_string(method);
  request.target(target);
  request.version(11);
  request.set(http::field::host, "127.0.0.1");
  for (const auto& [name, value] : headers) request.set(name, value);
  request.body() = body;
  request.keep_alive(false);
  request.prepare_payload();

  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  beast::error_code failure;
  stream.expires_after(kRequestDeadline);
  stream.async_connect(endpoint, [&](beast::error_code ec) {
    if (ec) {
      failure = ec;
      return;
    }
    http::async_write(stream, request, [&](beast::error_code write_ec, std::size_t) {
      // The server may answer (413) and stop reading before the whole body is written; the
      // answer is still there to read.
      if (write_ec && write_ec != boost::asio::error::broken_pipe &&
          write_ec != boost::asio::error::connection_reset) {
        failure = write_ec;
        return;
      }
      http::async_read(stream, buffer, parser,
                       [&](beast::error_code read_ec, std::size_t) { failure = read_ec; });
    });
  });
  ioc.run();
  if (failure) throw std::runtime_error(method + " " + target + ": " + failure.message());
  Response response;
  response.status = static_cast<int>(parser.get().result_int());
  for (const auto& field : parser.get()) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    response.headers[name] = std::string(field.value());
  }
  response.body = std::move(parser.get().body());
  return response;
}

// A raw TCP connection for what a well-behaved HTTP client would never send.
class RawConnection {
 public:
  explicit RawConnection(std::uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) throw std::runtime_error("socket failed");
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      ::close(fd_);
      throw std::runtime_error("connect failed");
    }
  }
  ~RawConnection() { ::close(fd_); }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  void Write(std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t sent = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (sent <= 0) throw std::runtime_error("send failed");
      bytes.remove_prefix(static_cast<std::size_t>(sent));
    }
  }

  // Reads until the server closes the connection or the deadline passes. nullopt on the
  // deadline: the connection was still open.
  std::optional<std::string> ReadUntilClosed(std::chrono::milliseconds deadline) {
    std::string received;
    const auto end = Clock::now() + deadline;
    for (;;) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - Clock::now());
      if (left.count() <= 0) return std::nullopt;
      pollfd descriptor{fd_, POLLIN, 0};
      if (::poll(&descriptor, 1, static_cast<int>(left.count())) <= 0) continue;
      char chunk[4096];
      const ssize_t got = ::recv(fd_, chunk, sizeof chunk, 0);
      if (got <= 0) return received;  // closed (or reset) by the server
      received.append(chunk, static_cast<std::size_t>(got));
    }
  }

  // Reads until `count` complete HTTP responses with Content-Length bodies arrived, or the
  // deadline passes; returns what arrived.
  std::string ReadResponses(std::size_t count, std::chrono::milliseconds deadline) {
    std::string received;
    const auto end = Clock::now() + deadline;
    while (CountResponses(received) < count) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - Clock::now());
      if (left.count() <= 0) break;
      pollfd descriptor{fd_, POLLIN, 0};
      if (::poll(&descriptor, 1, static_cast<int>(left.count())) <= 0) continue;
      char chunk[4096];
      const ssize_t got = ::recv(fd_, chunk, sizeof chunk, 0);
      if (got <= 0) break;
      received.append(chunk, static_cast<std::size_t>(got));
    }
    return received;
  }

 private:
  static std::size_t CountResponses(const std::string& text) {
    std::size_t count = 0;
    std::size_t at = 0;
    for (;;) {
      const std::size_t header_end = text.find("\r\n\r\n", at);
      if (header_end == std::string::npos) return count;
      const std::string header = text.substr(at, header_end - at);
      std::size_t length = 0;
      const std::size_t field = header.find("Content-Length: ");
      if (field != std::string::npos) length = std::stoul(header.substr(field + 16));
      if (text.size() < header_end + 4 + length) return count;
      ++count;
      at = header_end + 4 + length;
    }
  }

  int fd_ = -1;
};

// The `ctom serve` child process.
class ServerProcess {
 public:
  struct Options {
    std::filesystem::path data_directory;  // must exist; the caller owns it
    // CTOM_ADMIN_TOKEN for the child; nullopt leaves it unset (the server generates one).
    std::optional<std::string> admin_token = kAdminToken;
    std::vector<std::string> extra_arguments;  // e.g. {"--read-timeout-ms", "300"}
  };

  // Starts the server and waits until it listens. Throws (with the server's log) when it exits
  // or does not listen within kStartDeadline.
  // command_prefix: a program that runs the server, with its arguments (strace and its options);
  // empty runs ctom itself. pid() is then that program's.
  explicit ServerProcess(Options options, std::vector<std::string> command_prefix = {})
      : options_(std::move(options)), command_prefix_(std::move(command_prefix)) {
    const std::filesystem::path address_file = options_.data_directory / "listen.addr";
    std::filesystem::remove(address_file);
    stdout_path_ = options_.data_directory.string() + ".stdout";
    stderr_path_ = options_.data_directory.string() + ".stderr";
    Spawn();
    const auto deadline = Clock::now() + kStartDeadline;
    for (;;) {
      if (auto address = ReadListenAddress(address_file)) {
        port_ = *address;
        return;
      }
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        throw std::runtime_error("ctom serve exited during start-up: " + Log());
      }
      if (Clock::now() > deadline) {
        Kill9();
        throw std::runtime_error("ctom serve did not listen in time: " + Log());
      }
      std::this_thread::sleep_for(kPollInterval);
    }
  }

  ~ServerProcess() {
    if (pid_ > 0) Kill9();
    std::error_code ignored;
    std::filesystem::remove(stdout_path_, ignored);
    std::filesystem::remove(stderr_path_, ignored);
  }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  std::uint16_t port() const { return port_; }
  // The child's process id while it runs (for /proc/<pid>/...), else -1.
  pid_t pid() const { return pid_; }

  Response Send(const std::string& method, const std::string& target, const std::string& body = {},
                Headers headers = {}) const {
    return SendHttp(port_, method, target, body, headers);
  }
  // Send with the admin's bearer token (and Content-Type: application/json when there is a body).
  Response SendAsAdmin(const std::string& method, const std::string& target,
                       const std::string& body = {}) const {
    Headers headers = {{"Authorization", std::string("Bearer ") + kAdminToken}};
    if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
    return Send(method, target, body, headers);
  }

  // SIGTERM, then waits (bounded) for the exit. Returns the exit code, or 128 + signal when a
  // signal ended it, or -1 when it had to be killed after kStopDeadline.
  int Stop() {
    if (pid_ <= 0) return -1;
    ::kill(pid_, SIGTERM);
    const auto deadline = Clock::now() + kStopDeadline;
    for (;;) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        if (WIFEXITED(status)) return WEXITSTATUS(status);
        return 128 + WTERMSIG(status);
      }
      if (Clock::now() > deadline) {
        Kill9();
        return -1;
      }
      std::this_thread::sleep_for(kPollInterval);
    }
  }

  // SIGKILL and reap: a crash.
  void Kill9() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }

  // What the server wrote on stdout and stderr.
  std::string Stdout() const { return ReadFile(stdout_path_); }
  std::string Log() const { return Stdout() + ReadFile(stderr_path_); }

 private:
  static std::optional<std::uint16_t> ReadListenAddress(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::string line;
    if (!std::getline(in, line)) return std::nullopt;
    const std::size_t colon = line.rfind(':');
    if (colon == std::string::npos) return std::nullopt;
    return static_cast<std::uint16_t>(std::stoul(line.substr(colon + 1)));
  }

  static std::string ReadFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }

  void Spawn() {
    std::vector<std::string> arguments = command_prefix_;
    for (const char* argument : {CTOM_BINARY, "serve", "--data"}) arguments.emplace_back(argument);
    arguments.push_back(options_.data_directory.string());
    arguments.emplace_back("--listen");
    arguments.emplace_back("127.0.0.1:0");
    arguments.insert(arguments.end(), options_.extra_arguments.begin(),
                     options_.extra_arguments.end());
    std::vector<char*> argv;
    for (auto& argument : arguments) argv.push_back(argument.data());
    argv.push_back(nullptr);

    std::vector<std::string> environment;
    for (char** entry = environ; *entry != nullptr; ++entry) {
      if (std::string_view(*entry).starts_with("CTOM_ADMIN_TOKEN=")) continue;
      environment.emplace_back(*entry);
    }
    if (options_.admin_token) environment.push_back("CTOM_ADMIN_TOKEN=" + *options_.admin_token);
    std::vector<char*> envp;
    for (auto& entry : environment) envp.push_back(entry.data());
    envp.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, stdout_path_.c_str(),
                                     O_WRONLY | O_CREAT | O_APPEND, 0600);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, stderr_path_.c_str(),
                                     O_WRONLY | O_CREAT | O_APPEND, 0600);
    const int error = ::posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (error != 0) {
      pid_ = -1;
      throw std::runtime_error(std::string("cannot start ") + argv[0]);
    }
  }

  Options options_;
  std::vector<std::string> command_prefix_;
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
  std::string stdout_path_;
  std::string stderr_path_;
};

}  // namespace ctom::e2e
