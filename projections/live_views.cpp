// Live views: catch-up after appends and rebuild with a swap.
#include "projections/live_views.hpp"

#include <chrono>

#include "domain/invariant.hpp"

namespace ctom::projections {

LiveViews::LiveViews(const eventstore::Ledger& ledger, const Unsealer& unsealer)
    : ledger_(ledger), unsealer_(unsealer), program_(std::make_unique<domain::Program>()) {}

// The tail is read and decoded, a page at a time, before the views' lock is taken: readers (some
// answered on the server's I/O threads) wait for events to be applied in memory, never for the
// disk.
Outcome<std::uint64_t> LiveViews::CatchUp() {
  std::lock_guard catching_up(catch_up_mutex_);
  // The head is in memory: views already there read nothing.
  if (Position() >= ledger_.GetHead().position) return 0;
  std::uint64_t folded = 0;
  for (;;) {
    auto tail = ReadTail(ledger_, unsealer_, Position(), eventstore::kReadPageEventsMax);
    if (!tail) return std::unexpected(tail.error());
    auto applied = Apply(*tail);
    if (!applied) return std::unexpected(applied.error());
    folded += *applied;
    if (tail->size() < eventstore::kReadPageEventsMax) return folded;
  }
}

Outcome<std::uint64_t> LiveViews::Apply(const std::vector<domain::Recorded>& tail) {
  std::unique_lock lock(mutex_);
  std::uint64_t folded = 0;
  for (const domain::Recorded& recorded : tail) {
    // A rebuild that swapped in its state meanwhile has folded these already.
    if (recorded.position <= program_->position) continue;
    if (recorded.position != program_->position + 1) {
      // Not possible while catch-ups are serialised and a swap only moves the state on; if it
      // ever were, fold what is missing from the log rather than skip it.
      auto rest = FoldLogInto(ledger_, unsealer_, *program_, Bounds{});
      if (!rest) return std::unexpected(rest.error());
      return folded + *rest;
    }
    domain::Evolve(*program_, recorded);
    program_->position = recorded.position;
    ++folded;
  }
  return folded;
}

bool LiveViews::ApplyCommitted(const std::vector<domain::Recorded>& records) {
  std::unique_lock lock(mutex_);
  for (const domain::Recorded& recorded : records) {
    if (recorded.position <= program_->position) continue;
    if (recorded.position != program_->position + 1) return false;
    domain::Evolve(*program_, recorded);
    CTOM_INVARIANT(program_->position == recorded.position, "the views apply events in log order");
  }
  return true;
}

Outcome<RebuildReport> LiveViews::Rebuild(const FoldProgress& progress) {
  std::lock_guard rebuilding(rebuild_mutex_);
  const auto started = std::chrono::steady_clock::now();
  auto fresh = std::make_unique<domain::Program>();
  auto folded = FoldLogInto(ledger_, unsealer_, *fresh, Bounds{}, progress);
  if (!folded) return std::unexpected(folded.error());
  std::uint64_t events = *folded;
  {
    // Appends that landed during the fold are folded under the lock, then the pointer swaps.
    std::unique_lock lock(mutex_);
    auto tail = FoldLogInto(ledger_, unsealer_, *fresh, Bounds{});
    if (!tail) return std::unexpected(tail.error());
    events += *tail;
    program_.swap(fresh);
    rebuilds_.fetch_add(1);
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
