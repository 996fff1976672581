// Live views: catch-up after appends and rebuild with a swap.
#include "projections/live_views.hpp"

#include <chrono>

namespace ctom::projections {

LiveViews::LiveViews(const eventstore::Ledger& ledger)
    : ledger_(ledger), program_(std::make_unique<domain::Program>()) {}

Outcome<std::uint64_t> LiveViews::CatchUp() {
  std::unique_lock lock(mutex_);
  return FoldLogInto(ledger_, *program_, Bounds{});
}

Outcome<RebuildReport> LiveViews::Rebuild(const FoldProgress& progress) {
  std::lock_guard rebuilding(rebuild_mutex_);
  const auto started = std::chrono::steady_clock::now();
  auto fresh = std::make_unique<domain::Program>();
  auto folded = FoldLogInto(ledger_, *fresh, Bounds{}, progress);
  if (!folded) return std::unexpected(folded.error());
  std::uint64_t events = *folded;
  {
    // Appends that landed during the fold are folded under the lock, then the pointer swaps.
    std::unique_lock lock(mutex_);
    auto tail = FoldLogInto(ledger_, *fresh, Bounds{});
    if (!tail) return std::unexpected(tail.error());
    events += *tail;
    program_.swap(fresh);
  }
  const auto elapsed = std::chrono::steady_clock::now() - started;
  return RebuildReport{events,
                       std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count()};
}

std::uint64_t LiveViews::Position() const {
  std::shared_lock lock(mutex_);
  return program_->position;
}

}  // namespace ctom::projections
