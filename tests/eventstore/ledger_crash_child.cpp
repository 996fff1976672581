// The process the durability test kills: appends to a ledger from several threads until killed,
// writing "first last" to stdout for every acknowledged command.
//   ledger_crash_child PATH THREADS
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "eventstore/ledger.hpp"

namespace {

using ctom::eventstore::AppendRequest;
using ctom::eventstore::ExpectedVersion;
using ctom::eventstore::Ledger;
using ctom::eventstore::NewEvent;

// Ends the loop should nobody kill the process.
constexpr int kCommandsPerThreadMax = 100000;
constexpr int kEventsPerCommandMax = 4;

std::mutex output_mutex;

// One line per acknowledged command, written whole with write(2) so a kill never splits it.
void Acknowledge(std::uint64_t first, std::uint64_t last) {
  const std::string line = std::to_string(first) + " " + std::to_string(last) + "\n";
  std::lock_guard lock(output_mutex);
  if (write(STDOUT_FILENO, line.data(), line.size()) != static_cast<ssize_t>(line.size())) {
    std::_Exit(3);  // the test closed the pipe; nothing left to tell
  }
}

// Each payload names its command and its place in it, so the test can check all-or-nothing.
AppendRequest Command(const std::string& stream, std::uint64_t version, int events) {
  AppendRequest request;
  request.stream = stream;
  request.expected = ExpectedVersion::Exact(version);
  for (int i = 0; i < events; ++i) {
    NewEvent event;
    event.type = "CrashTested";
    event.payload = stream + " " + std::to_string(version + 1) + " " + std::to_string(i) + " " +
                    std::to_string(events);
    request.events.push_back(std::move(event));
  }
  return request;
}

void AppendUntilKilled(Ledger& ledger, int thread) {
  const std::string stream = "crash-" + std::to_string(thread);
  for (int command = 0; command < kCommandsPerThreadMax; ++command) {
    const int events = 1 + (command + thread) % kEventsPerCommandMax;
    auto result = ledger.Append(Command(stream, ledger.StreamVersion(stream), events));
    if (!result) {
      std::fprintf(stderr, "append failed: %s\n", result.error().detail.c_str());
      std::_Exit(2);
    }
    Acknowledge(result->first_position, result->last_position);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s PATH THREADS\n", argv[0]);
    return 1;
  }
  ctom::eventstore::OpenOptions options;
  options.path = argv[1];
  auto ledger = Ledger::Open(options);
  if (!ledger) {
    std::fprintf(stderr, "open failed: %s\n", ledger.error().detail.c_str());
    return 2;
  }
  std::vector<std::thread> threads;
  for (int t = 0; t < std::atoi(argv[2]); ++t) {
    threads.emplace_back([&ledger, t] { AppendUntilKilled(**ledger, t); });
  }
  for (auto& thread : threads) thread.join();
  return 0;
}
