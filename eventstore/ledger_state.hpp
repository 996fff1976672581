// What the ledger keeps in memory: the chain head and every stream's version.
#pragma once

#include <cstdint>
#include <functional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "eventstore/ledger.hpp"

namespace ctom::eventstore {

// Lets a map keyed by std::string be searched with a std::string_view without a copy.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const {
    return std::hash<std::string_view>{}(text);
  }
};

using StreamVersions = std::unordered_map<std::string, std::uint64_t, StringHash, std::equal_to<>>;

// Thread-safe. Only the writer thread (or a follower's CatchUp, or the reopening of the store after
// a disk fault) changes it, and only after the change is durable, so readers never see an event the
// log might still lose.
class LedgerState {
 public:
  Head GetHead() const;
  // 0 when the stream has no events.
  std::uint64_t StreamVersion(std::string_view stream) const;

  // Replaces everything: at open, and when a follower catches up.
  void Reset(const Head& head, StreamVersions versions);
  // Applies a committed batch: the new head and the new version of each stream it touched.
  void Publish(const Head& head,
               const std::vector<std::pair<std::string_view, std::uint64_t>>& versions);

 private:
  mutable std::shared_mutex mutex_;
  Head head_;
  StreamVersions versions_;
};

}  // namespace ctom::eventstore
