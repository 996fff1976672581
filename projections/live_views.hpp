// The live views: the program's state folded from the whole ledger, kept current after every
// append, readable by many threads at once, and rebuilt from the log while it keeps serving.
#pragma once

#include <atomic>
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
  // unsealer opens the log's personal fields; it and ledger must outlive the views.
  LiveViews(const eventstore::Ledger& ledger, const Unsealer& unsealer);

  // Folds whatever the ledger holds past the views' position, read from the log: at start-up,
  // for followers, and after a command whose events could not be applied directly.
  Outcome<std::uint64_t> CatchUp();

  // Applies the events of one command that the ledger has just made durable, as the command
  // decided them: no read of the log, no decode. records have dense positions in log order and
  // carry their real positions, versions and recorded_at. Events the views hold already (a
  // catch-up or a rebuild folded them) are skipped. Returns false, having applied nothing more,
  // when the records do not follow the views' position: the caller then catches up from the log.
  bool ApplyCommitted(const std::vector<domain::Recorded>& records);

  // Folds the whole log into a fresh state while readers keep using the old one, then swaps.
  Outcome<RebuildReport> Rebuild(const FoldProgress& progress = {});

  // Runs reader(const domain::Program&) under a shared lock and returns what it returns.
  template <typename Reader>
  auto Read(Reader&& reader) const {
    std::shared_lock lock(mutex_);
    return reader(static_cast<const domain::Program&>(*program_));
  }

  std::uint64_t Position() const;

  // How many times Rebuild has replaced the state. A rebuild may leave the position where it
  // was, so what is derived from the state is keyed by this too (it is read under Read's lock
  // consistently with the state).
  std::uint64_t Rebuilds() const { return rebuilds_.load(); }

  const eventstore::Ledger& ledger() const { return ledger_; }
  const Unsealer& unsealer() const { return unsealer_; }

 private:
  // Applies a tail read by CatchUp under the write lock, skipping what the state already holds.
  Outcome<std::uint64_t> Apply(const std::vector<domain::Recorded>& tail);

  const eventstore::Ledger& ledger_;
  const Unsealer& unsealer_;
  mutable std::shared_mutex mutex_;
  std::unique_ptr<domain::Program> program_;
  std::mutex rebuild_mutex_;                // one rebuild at a time
  std::mutex catch_up_mutex_;               // one catch-up reads the tail at a time
  std::atomic<std::uint64_t> rebuilds_{0};  // changed only under mutex_, with program_
};

}  // namespace ctom::projections
