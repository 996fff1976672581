// The bounded queue between appending threads and the ledger's one writer thread.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <vector>

#include "eventstore/ledger.hpp"

namespace ctom::eventstore {

// One command waiting for the writer, which calls on_committed with its outcome.
struct PendingAppend {
  AppendRequest request;
  Hash digest{};
  std::size_t payload_bytes = 0;
  AppendCallback on_committed;
};

// Thread-safe. Holds at most commands_max commands; producers block while it is full.
class AppendQueue {
 public:
  explicit AppendQueue(std::size_t commands_max) : commands_max_(commands_max) {}

  // Queues the command, blocking while the queue is full. Returns false, leaving command with the
  // caller, once the queue is closed.
  bool Push(std::unique_ptr<PendingAppend>& command);

  // Blocks until a command is queued, then takes commands in arrival order while their events and
  // payload bytes stay within the limits; always at least one. Returns an empty batch only when
  // the queue is closed and drained.
  std::vector<std::unique_ptr<PendingAppend>> TakeBatch(std::size_t events_max,
                                                        std::size_t bytes_max);

  // Refuses further pushes and wakes every waiter; queued commands can still be taken.
  void Close();

 private:
  const std::size_t commands_max_;
  std::mutex mutex_;
  std::condition_variable not_empty_;
  std::condition_variable not_full_;
  std::deque<std::unique_ptr<PendingAppend>> commands_;
  bool closed_ = false;
};

}  // namespace ctom::eventstore
