// The bounded append queue: producers block when full, the writer takes whole batches.
#include "eventstore/append_queue.hpp"

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

std::vector<std::unique_ptr<PendingAppend>> AppendQueue::TakeBatch(std::size_t events_max,
                                                                   std::size_t bytes_max) {
  std::vector<std::unique_ptr<PendingAppend>> batch;
  std::unique_lock lock(mutex_);
  not_empty_.wait(lock, [this] { return closed_ || !commands_.empty(); });
  std::size_t events = 0;
  std::size_t bytes = 0;
  while (!commands_.empty()) {
    const PendingAppend& next = *commands_.front();
    const bool fits = events + next.request.events.size() <= events_max &&
                      bytes + next.payload_bytes <= bytes_max;
    if (!batch.empty() && !fits) break;
    events += next.request.events.size();
    bytes += next.payload_bytes;
    batch.push_back(std::move(commands_.front()));
    commands_.pop_front();
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
