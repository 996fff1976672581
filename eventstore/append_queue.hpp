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
  // The marker of a grouped append, whose members wait one after another: on its first member,
  // how many members the group has (itself included); 0 on a single command and on a group's
  // later members. Set by AppendQueue::PushGroup.
  std::size_t group_members = 0;
};

// Thread-safe. Holds at most commands_max commands, plus the members of one group pushed when it
// had room for one; producers block while it is full.
class AppendQueue {
 public:
  explicit AppendQueue(std::size_t commands_max) : commands_max_(commands_max) {}

  // Queues the command, blocking while the queue is full. Returns false, leaving command with the
  // caller, once the queue is closed.
  bool Push(std::unique_ptr<PendingAppend>& command);

  // Queues a grouped append's members together, in order, with nothing between them, and marks
  // the first with their count; blocks while the queue is full (a group is let in as soon as one
  // command would be, so single commands never starve it). Returns false, leaving members with
  // the caller, once the queue is closed. REQUIRES: 1 <= members.size() <= kAppendGroupMembersMax.
  bool PushGroup(std::vector<std::unique_ptr<PendingAppend>>& members);

  // Blocks until a command is queued, then takes commands in arrival order while their events and
  // payload bytes stay within the limits; always at least one. A group is taken whole or not at
  // all (it counts as its members' events and bytes), so it never spans two batches. Returns an
  // empty batch only when the queue is closed and drained.
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
