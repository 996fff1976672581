// Folding the ledger into the program's state, whole or bounded in time: the one fold that live
// views, point-in-time queries, rebuilds and the command-line tools share.
#pragma once

#include <cstdint>
#include <expected>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/state.hpp"
#include "eventstore/ledger.hpp"
#include "projections/unsealer.hpp"

namespace ctom::projections {

template <typename T>
using Outcome = std::expected<T, std::string>;

// Bitemporal bounds: ?as_of= (business instant), ?known_at= (recorded by then), ?position= (log
// prefix). They combine; an unset bound admits everything.
struct Bounds {
  std::optional<domain::Instant> as_of;
  std::optional<domain::Instant> known_at;
  std::optional<std::uint64_t> position;

  bool Admits(const domain::Recorded& recorded) const;
  bool IsLive() const { return !as_of && !known_at && !position; }
  // The instant outcomes are judged at: as_of, else known_at, else now (to the whole second).
  domain::Instant JudgedAt(domain::Instant now) const;
};

// Called at every multiple of kReadPageEventsMax and at the end with the last position folded,
// once per position; for progress lines.
using FoldProgress = std::function<void(std::uint64_t position)>;

// Folds records with position > program.position into program in one scan of the log, keeping
// what the bounds admit. Returns the number of events folded.
Outcome<std::uint64_t> FoldLogInto(const eventstore::Ledger& ledger, const Unsealer& unsealer,
                                   domain::Program& program, const Bounds& bounds,
                                   const FoldProgress& progress = {});

// At most count_max records after after_position (none past the head), decoded: what a catch-up
// applies.
Outcome<std::vector<domain::Recorded>> ReadTail(const eventstore::Ledger& ledger,
                                                const Unsealer& unsealer,
                                                std::uint64_t after_position,
                                                std::uint64_t count_max);

// A fresh fold of the whole log.
Outcome<domain::Program> FoldLog(const eventstore::Ledger& ledger, const Unsealer& unsealer,
                                 const Bounds& bounds, const FoldProgress& progress = {});

// Called after each event a fold of streams applies, with the state it left and the record as the
// ledger holds it (ctom replay prints the timeline this way).
using FoldStep =
    std::function<void(const domain::Program& program, const eventstore::RecordedEvent& record)>;

// A fresh fold of a few streams only, merged in log order: one record's state at a bound without
// reading the whole log. after_each, when set, is called after every event applied.
Outcome<domain::Program> FoldStreams(const eventstore::Ledger& ledger, const Unsealer& unsealer,
                                     const std::vector<std::string>& streams, const Bounds& bounds,
                                     const FoldStep& after_each = {});

// The streams a candidate's state depends on: the program (rules), its cohort, its own.
std::vector<std::string> CandidateStreams(const domain::Candidate& candidate);

}  // namespace ctom::projections
