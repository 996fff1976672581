// The paged folds of the ledger into domain::Program.
#include "projections/fold.hpp"

#include <algorithm>
#include <optional>

#include "projections/recorded_event.hpp"

namespace ctom::projections {

bool Bounds::Admits(const domain::Recorded& recorded) const {
  if (position && recorded.position > *position) return false;
  if (as_of && recorded.occurred_at > *as_of) return false;
  if (known_at && recorded.recorded_at > *known_at) return false;
  return true;
}

domain::Instant Bounds::JudgedAt(domain::Instant now) const {
  if (as_of) return *as_of;
  if (known_at) return *known_at;
  // Now, to the whole second: the instant an answer's as_of shows, like every other instant it
  // writes, carries no microseconds a client did not give.
  return now - ((now % 1'000'000) + 1'000'000) % 1'000'000;
}

Outcome<std::uint64_t> FoldLogInto(const eventstore::Ledger& ledger, const Unsealer& unsealer,
                                   domain::Program& program, const Bounds& bounds,
                                   const FoldProgress& progress) {
  std::uint64_t folded = 0;
  std::optional<std::string> undecodable;
  domain::Recorded recorded;  // one for the whole fold: its strings keep their storage
  auto fold = [&](const eventstore::RecordedEventView& view) {
    auto decoded = DecodeInto(view, unsealer, recorded);
    if (!decoded) {
      undecodable = std::move(decoded.error());
      return false;
    }
    if (bounds.Admits(recorded)) {
      domain::Evolve(program, recorded);
      ++folded;
    }
    // The position moves on even past events the bounds leave out.
    program.position = view.position;
    if (progress && view.position % eventstore::kReadPageEventsMax == 0) progress(view.position);
    return true;
  };
  const std::uint64_t last = bounds.position.value_or(UINT64_MAX);
  auto scanned = ledger.ScanAll(program.position + 1, last, fold);
  if (!scanned) return std::unexpected("reading the log: " + scanned.error().detail);
  if (undecodable) return std::unexpected(*undecodable);
  const bool reported = program.position % eventstore::kReadPageEventsMax == 0;
  if (progress && *scanned > 0 && !reported) progress(program.position);
  return folded;
}

Outcome<std::vector<domain::Recorded>> ReadTail(const eventstore::Ledger& ledger,
                                                const Unsealer& unsealer,
                                                std::uint64_t after_position,
                                                std::uint64_t count_max) {
  std::vector<domain::Recorded> tail;
  std::optional<std::string> undecodable;
  auto read = [&](const eventstore::RecordedEventView& view) {
    auto decoded = DecodeInto(view, unsealer, tail.emplace_back());
    if (!decoded) undecodable = std::move(decoded.error());
    return decoded.has_value();
  };
  const std::uint64_t last =
      count_max > UINT64_MAX - after_position ? UINT64_MAX : after_position + count_max;
  auto scanned = ledger.ScanAll(after_position + 1, last, read);
  if (!scanned) return std::unexpected("reading the log: " + scanned.error().detail);
  if (undecodable) return std::unexpected(*undecodable);
  return tail;
}

Outcome<domain::Program> FoldLog(const eventstore::Ledger& ledger, const Unsealer& unsealer,
                                 const Bounds& bounds, const FoldProgress& progress) {
  domain::Program program;
  auto folded = FoldLogInto(ledger, unsealer, program, bounds, progress);
  if (!folded) return std::unexpected(folded.error());
  return program;
}

Outcome<domain::Program> FoldStreams(const eventstore::Ledger& ledger, const Unsealer& unsealer,
                                     const std::vector<std::string>& streams, const Bounds& bounds,
                                     const FoldStep& after_each) {
  std::vector<eventstore::RecordedEvent> merged;
  for (const std::string& stream : streams) {
    std::uint64_t from = 1;
    while (true) {
      auto page = ledger.ReadStream(stream, from, eventstore::kReadPageEventsMax);
      if (!page) return std::unexpected("reading " + stream + ": " + page.error().detail);
      if (page->empty()) break;
      from = page->back().stream_version + 1;
      for (eventstore::RecordedEvent& record : *page) merged.push_back(std::move(record));
    }
  }
  std::sort(merged.begin(), merged.end(),
            [](const auto& a, const auto& b) { return a.position < b.position; });
  domain::Program program;
  for (const eventstore::RecordedEvent& record : merged) {
    auto recorded = ToRecorded(record, unsealer);
    if (!recorded) return std::unexpected(recorded.error());
    if (!bounds.Admits(*recorded)) continue;
    domain::Evolve(program, *recorded);
    if (after_each) after_each(program, record);
  }
  return program;
}

std::vector<std::string> CandidateStreams(const domain::Candidate& candidate) {
  return {std::string(domain::kProgramStream), domain::CohortStream(candidate.cohort),
          domain::CandidateStream(candidate.id)};
}

}  // namespace ctom::projections
