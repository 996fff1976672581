// The live views: the program's state folded from the whole ledger, kept current after every
// append, readable by many threads at once, and rebuilt from the log while it keeps serving.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <vector>

#include "domain/state.hpp"
#include "projections/fold.hpp"

namespace ctom::projections {

struct RebuildReport {
  std::uint64_t events = 0;
  std::int64_t duration_ms = 0;
};

class LiveViews {
 public:
  explicit LiveViews(const eventstore::Ledger& ledger);

  // Folds whatever the ledger holds past the views' position. Call after each append, before
  // answering, so a client reads its own writes.
  Outcome<std::uint64_t> CatchUp();

  // Folds the whole log into a fresh state while readers keep using the old one, then swaps.
  Outcome<RebuildReport> Rebuild(const FoldProgress& progress = {});

  // Runs reader(const domain::Program&) under a shared lock and returns what it returns.
  template <typename Reader>
  auto Read(Reader&& reader) const {
    std::shared_lock lock(mutex_);
    return reader(static_cast<const domain::Program&>(*program_));
  }

  std::uint64_t Position() const;

 private:
  // Applies a tail read by CatchUp under the write lock, skipping what the state already holds.
  Outcome<std::uint64_t> Apply(const std::vector<domain::Recorded>& tail);

  const eventstore::Ledger& ledger_;
  mutable std::shared_mutex mutex_;
  std::unique_ptr<domain::Program> program_;
  std::mutex rebuild_mutex_;   // one rebuild at a time
  std::mutex catch_up_mutex_;  // one catch-up reads the tail at a time
};

}  // namespace ctom::projections
