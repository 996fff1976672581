// A bounded map from candidate id to its last rendered live answer.
#include "api/candidate_view_cache.hpp"

namespace ctom::api {

CandidateViewCache::CandidateViewCache(std::size_t entries_max) : entries_max_(entries_max) {}

std::optional<HttpResponse> CandidateViewCache::Find(const std::string& id,
                                                     const CandidateViewKey& key) const {
  std::lock_guard lock(mutex_);
  const auto found = entries_.find(id);
  if (found == entries_.end() || !(found->second.key == key)) return std::nullopt;
  return found->second.answer;
}

void CandidateViewCache::Keep(const std::string& id, const CandidateViewKey& key,
                              const HttpResponse& answer) {
  std::lock_guard lock(mutex_);
  if (!entries_.contains(id)) MakeRoom(key.position);
  entries_.insert_or_assign(id, Entry{key, answer});
}

void CandidateViewCache::MakeRoom(std::uint64_t position) {
  if (entries_.size() < entries_max_) return;
  std::erase_if(entries_,
                [position](const auto& entry) { return entry.second.key.position < position; });
  if (entries_.size() >= entries_max_) entries_.clear();
}

}  // namespace ctom::api
