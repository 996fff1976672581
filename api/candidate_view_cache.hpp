// Rendered answers of GET /v1/candidates/{id} on the live views, reused while nothing they are
// made of has changed. Rendering (evaluating every requirement, building the JSON) was a fifth of
// the server's work for this, the busiest read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "api/http.hpp"

namespace ctom::api {

// Rendered live candidate answers kept for reuse (about 1 KiB each).
inline constexpr std::size_t kCandidateViewCacheEntriesMax = 10000;

// What a live candidate answer depends on besides the candidate's id: the program's log position
// (any event may change it) and the rebuild that made the state (an administrator's rebuild
// replaces it at the same position), the program date it is judged on (certificate status and
// renewal windows count days), and the rule set in force then (a rule set may take effect at any
// instant).
struct CandidateViewKey {
  std::uint64_t position = 0;
  std::uint64_t rebuilds = 0;
  std::int32_t program_day = 0;
  std::int64_t rules_version = 0;
  bool operator==(const CandidateViewKey&) const = default;
};

// Thread-safe. Holds at most entries_max answers; when full, answers of older positions go first,
// then everything.
class CandidateViewCache {
 public:
  explicit CandidateViewCache(std::size_t entries_max);

  // The answer kept for the candidate under exactly this key, if any.
  [[nodiscard]] std::optional<HttpResponse> Find(const std::string& id,
                                                 const CandidateViewKey& key) const;
  // Keeps the answer for the candidate under the key, replacing what was kept for it.
  void Keep(const std::string& id, const CandidateViewKey& key, const HttpResponse& answer);

 private:
  struct Entry {
    CandidateViewKey key;
    HttpResponse answer;
  };
  void MakeRoom(std::uint64_t position);  // REQUIRES: mutex_ held

  const std::size_t entries_max_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace ctom::api
