// The real server answers a durable command only after the write-ahead log holding it is synced.
// `ctom serve` runs under strace while several clients send a burst of feedback commands, each
// with an Idempotency-Key of its own. In the trace, for every command answered 2xx: the request
// read on its connection names the key; the ledger's write of the log that carries the key ends;
// then an fdatasync or fsync of that log file runs whole; and only after it ends does the 2xx
// answer start to go out on the connection. The check ties each answer to the log write of its own
// command (the key is in the written bytes), so an answer sent before that write's sync cannot
// pass: the one sync after a write is the one that covers it, and it would end after the answer.
// Skipped when strace is missing or ptrace is not permitted (a container without the capability).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <map>
#include <regex>
#include <thread>

#include "tests/e2e/program_client.hpp"
#include "tests/e2e/syscall_trace.hpp"

namespace ctom::e2e {
namespace {

constexpr const char* kStrace = "/usr/bin/strace";
constexpr int kClients = 6;
constexpr int kCommandsPerClient = 25;

// Whether strace can trace a child here: installed, and ptrace permitted.
bool CanTrace() {
  if (::access(kStrace, X_OK) != 0) return false;
  const std::string command = std::string(kStrace) + " -f -o /dev/null /bin/true >/dev/null 2>&1";
  return std::system(command.c_str()) == 0;
}

// The traced server: the child of strace (whose pid ServerProcess knows).
pid_t TracedChild(pid_t tracer) {
  std::ifstream children("/proc/" + std::to_string(tracer) + "/task/" + std::to_string(tracer) +
                         "/children");
  pid_t child = -1;
  children >> child;
  return child;
}

bool IsLedgerLog(const TracedCall& call) {
  return call.descriptor.find("/ledger/") != std::string::npos && call.descriptor.ends_with(".log");
}
bool IsWrite(const TracedCall& call) {
  return call.name == "write" || call.name == "writev" || call.name == "pwrite64" ||
         call.name == "sendmsg" || call.name == "sendto";
}
bool IsRead(const TracedCall& call) {
  return call.name == "read" || call.name == "recvmsg" || call.name == "recvfrom";
}
bool IsSync(const TracedCall& call) { return call.name == "fdatasync" || call.name == "fsync"; }

// One traced command: its request, the log write carrying it, and its answer.
struct TracedCommand {
  const TracedCall* answer = nullptr;
  const TracedCall* log_write = nullptr;
};

// The commands of the burst by key, from the connections whose request names a key "trace-...".
std::map<std::string, TracedCommand> Commands(const std::vector<TracedCall>& calls) {
  const std::regex key_pattern("Idempotency-Key: (trace-[0-9]+-[0-9]+)");
  std::map<std::string, std::string> key_of_connection;
  std::map<std::string, TracedCommand> commands;
  for (const TracedCall& call : calls) {
    // A connection: TCP:[local->peer], or socket:[inode] when strace could not ask the kernel
    // for the addresses (it does so over netlink, which can fail on a busy machine).
    if (call.descriptor.empty() || call.descriptor.starts_with("/")) continue;
    std::smatch match;
    if (IsRead(call) && std::regex_search(call.text, match, key_pattern)) {
      key_of_connection[call.descriptor] = match[1];
      commands[match[1]];
    }
    auto key = key_of_connection.find(call.descriptor);
    if (key != key_of_connection.end() && IsWrite(call) &&
        call.text.find("\"HTTP/1.1 2") != std::string::npos && !commands[key->second].answer) {
      commands[key->second].answer = &call;
    }
  }
  for (const TracedCall& call : calls) {
    if (!IsLedgerLog(call) || !IsWrite(call)) continue;
    for (auto& [key, command] : commands) {
      if (!command.log_write && call.text.find(key) != std::string::npos) command.log_write = &call;
    }
  }
  return commands;
}

// Whether a sync of the log the write went to ran whole between the write's end and the answer.
bool SyncedBetween(const std::vector<TracedCall>& calls, const TracedCall& write,
                   const TracedCall& answer) {
  for (const TracedCall& call : calls) {
    if (IsSync(call) && call.descriptor == write.descriptor && call.start >= write.end &&
        call.end <= answer.start) {
      return true;
    }
  }
  return false;
}

TEST(AnswerAfterSync, EveryTwoHundredAnswerToACommandLeavesAfterTheSyncOfTheLogHoldingIt) {
  if (!CanTrace()) GTEST_SKIP() << "strace is missing or ptrace is not permitted here";
  TemporaryFolder folder;
  const std::string trace = (folder.path() / "serve.trace").string();
  std::filesystem::create_directories(folder.path() / "data");
  ServerProcess server(
      ServeOptions(folder.path() / "data"),
      {kStrace, "-f", "-ttt", "-T", "-yy", "-s", "65536", "-o", trace, "-e",
       "trace=write,writev,pwrite64,fdatasync,fsync,sendmsg,sendto,read,recvmsg,recvfrom"});
  const pid_t traced = TracedChild(server.pid());
  ASSERT_GT(traced, 0);
  std::string candidate;
  {
    ProgramWalk walk(server);
    walk.OpenCohort2018();
    candidate = walk.Apply("Traced Candidate", "traced@district.example");
    walk.Accept(candidate);
  }
  std::atomic<int> answered{0};
  std::vector<std::jthread> clients;
  for (int client = 0; client < kClients; ++client) {
    clients.emplace_back([&, client] {
      for (int i = 0; i < kCommandsPerClient; ++i) {
        const std::string key = "trace-" + std::to_string(client) + "-" + std::to_string(i);
        const json::object body{{"text", "traced feedback " + key}};
        const Response answer =
            server.Send("POST", "/v1/candidates/" + candidate + "/feedback", json::serialize(body),
                        {{"Authorization", std::string("Bearer ") + kAdminToken},
                         {"Content-Type", "application/json"},
                         {"Idempotency-Key", key}});
        if (answer.status / 100 == 2) ++answered;
      }
    });
  }
  clients.clear();  // joins
  // The server stops first, and strace, its parent, writes out the trace and exits after it: a
  // signal to strace itself would detach it and could cut the trace short.
  ::kill(traced, SIGTERM);
  const auto deadline = Clock::now() + kStopDeadline;
  while (std::filesystem::exists("/proc/" + std::to_string(server.pid()) + "/fd") &&
         Clock::now() < deadline) {
    std::this_thread::sleep_for(kPollInterval);
  }
  server.Stop();
  ASSERT_EQ(answered.load(), kClients * kCommandsPerClient);

  const std::vector<TracedCall> calls = ReadTrace(trace);
  const auto commands = Commands(calls);
  ASSERT_EQ(commands.size(), static_cast<std::size_t>(kClients * kCommandsPerClient))
      << calls.size() << " calls traced in " << std::filesystem::file_size(trace) << " bytes";
  int checked = 0;
  for (const auto& [key, command] : commands) {
    ASSERT_NE(command.answer, nullptr) << key << ": no 2xx answer in the trace";
    ASSERT_NE(command.log_write, nullptr) << key << ": no write of the ledger's log carries it";
    EXPECT_TRUE(SyncedBetween(calls, *command.log_write, *command.answer))
        << key << ": answered at " << std::fixed << std::setprecision(6) << command.answer->start
        << " without a sync of " << command.log_write->descriptor << " after its write ended at "
        << command.log_write->end;
    ++checked;
  }
  std::printf("answers checked: %d, system calls traced: %zu\n", checked, calls.size());
}

}  // namespace
}  // namespace ctom::e2e
