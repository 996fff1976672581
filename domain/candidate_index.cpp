// The fold's hash index of candidates.
#include "domain/candidate_index.hpp"

#include "domain/state.hpp"

namespace ctom::domain {

Candidate* CandidateIndex::Find(CandidateMap& candidates, std::string_view id) {
  if (entries_.size() != candidates.size()) {
    entries_.clear();
    entries_.reserve(candidates.size());
    for (auto& [key, candidate] : candidates) entries_.emplace(key, &candidate);
  }
  auto found = entries_.find(id);
  return found == entries_.end() ? nullptr : found->second;
}

void CandidateIndex::Added(const CandidateMap& candidates, CandidateMap::iterator inserted) {
  // Only an index in step with the map before the insertion can take it; any other is rebuilt
  // by the next Find.
  if (entries_.size() + 1 == candidates.size()) {
    entries_.emplace(inserted->first, &inserted->second);
  }
}

}  // namespace ctom::domain
