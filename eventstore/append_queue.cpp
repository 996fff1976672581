// The bounded append queue: producers block when full, the writer takes whole batches.
#include "eventstore/append_queue.hpp"

#include <algorithm>

namespace ctom::eventstore {

bool AppendQueue::Push(std::unique_ptr<PendingAppend>& command) {
  std::unique_lock lock(mutex_);
  not_full_.wait(lock, [this] { return closed_ || commands_.size() < commands_max_; });
  if (closed_) return false;
  commands_.push_back(std::move(command));
  lock.unlock();
  not_empty_.notify_one();
  return true;
}

bool AppendQueue::PushGroup(std::vector<std::unique_ptr<PendingAppend>>& members) {
  std::unique_lock lock(mutex_);
  not_full_.wait(lock, [this] { return closed_ || commands_.size() < commands_max_; });
  if (closed_) return false;
  for (auto& member : members) member->group_members = 0;
  members.front()->group_members = members.size();
  for (auto& member : members) commands_.push_back(std::move(member));
  members.clear();
  lock.unlock();
  not_empty_.notify_one();
  return true;
}

std::vector<std::unique_ptr<PendingAppend>> AppendQueue::TakeBatch(std::size_t events_max,
                                                                   std::size_t bytes_max) {
  std::vector<std::unique_ptr<PendingAppend>> batch;
  std::unique_lock lock(mutex_);
  not_empty_.wait(lock, [this] { return closed_ || !commands_.empty(); });
  std::size_t events = 0;
  std::size_t bytes = 0;
  while (!commands_.empty()) {
    // A single command, or a whole group: its members were pushed together, so all are here.
    const std::size_t members = std::max<std::size_t>(commands_.front()->group_members, 1);
    std::size_t unit_events = 0;
    std::size_t unit_bytes = 0;
    for (std::size_t i = 0; i < members; ++i) {
      unit_events += commands_[i]->request.events.size();
      unit_bytes += commands_[i]->payload_bytes;
    }
    const bool fits = events + unit_events <= events_max && bytes + unit_bytes <= bytes_max;
    if (!batch.empty() && !fits) break;
    events += unit_events;
    bytes += unit_bytes;
    for (std::size_t i = 0; i < members; ++i) {
      batch.push_back(std::move(commands_.front()));
      commands_.pop_front();
    }
  }
  lock.unlock();
  not_full_.notify_all();
  return batch;
}

void AppendQueue::Close() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  not_empty_.notify_all();
  not_full_.notify_all();
}

}  // namespace ctom::eventstore
