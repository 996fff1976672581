// The in-memory head and stream versions, guarded by a reader-writer lock.
#include "eventstore/ledger_state.hpp"

#include <mutex>

namespace ctom::eventstore {

Head LedgerState::GetHead() const {
  std::shared_lock lock(mutex_);
  return head_;
}

std::uint64_t LedgerState::StreamVersion(std::string_view stream) const {
  std::shared_lock lock(mutex_);
  auto found = versions_.find(stream);
  return found == versions_.end() ? 0 : found->second;
}

void LedgerState::Reset(const Head& head, StreamVersions versions) {
  std::unique_lock lock(mutex_);
  head_ = head;
  versions_ = std::move(versions);
}

void LedgerState::Publish(const Head& head,
                          const std::vector<std::pair<std::string_view, std::uint64_t>>& versions) {
  std::unique_lock lock(mutex_);
  head_ = head;
  for (const auto& [stream, version] : versions) {
    auto found = versions_.find(stream);
    if (found == versions_.end()) {
      versions_.emplace(std::string(stream), version);
    } else {
      found->second = version;
    }
  }
}

}  // namespace ctom::eventstore
