// A hash index of the program's candidates for the fold, which looks one up for nearly every
// event: a lookup in the ordered map walked fourteen levels of string comparisons at 16,000
// candidates, a tenth of a rebuild.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>

namespace ctom::domain {

struct Candidate;
using CandidateMap = std::map<std::string, Candidate, std::less<>>;

// Points into the map's nodes (their keys and values), which never move while the map lives. A
// copied or moved index therefore starts empty, and Find rebuilds it from the map it is given
// whenever the sizes differ (candidates are only ever added, never removed).
class CandidateIndex {
 public:
  CandidateIndex() = default;
  CandidateIndex(const CandidateIndex&) {}
  CandidateIndex(CandidateIndex&&) noexcept {}
  CandidateIndex& operator=(const CandidateIndex&) {
    entries_.clear();
    return *this;
  }
  CandidateIndex& operator=(CandidateIndex&&) noexcept {
    entries_.clear();
    return *this;
  }
  ~CandidateIndex() = default;

  // The candidate with this id in candidates (the map this index belongs to), or nullptr.
  Candidate* Find(CandidateMap& candidates, std::string_view id);
  // Records an entry just inserted into candidates.
  void Added(const CandidateMap& candidates, CandidateMap::iterator inserted);

 private:
  std::unordered_map<std::string_view, Candidate*> entries_;
};

}  // namespace ctom::domain
