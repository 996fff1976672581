// The vault's in-memory cache of unwrapped keys.
#include "vault/key_cache.hpp"

namespace ctom::vault {

std::optional<SecretKey> KeyCache::Find(std::string_view record_key) const {
  std::lock_guard lock(mutex_);
  auto found = keys_.find(std::string(record_key));
  if (found == keys_.end()) return std::nullopt;
  return found->second;
}

std::uint64_t KeyCache::Generation() const {
  std::lock_guard lock(mutex_);
  return generation_;
}

void KeyCache::Insert(std::string_view record_key, const SecretKey& key, std::uint64_t generation) {
  std::lock_guard lock(mutex_);
  if (generation != generation_) return;
  if (keys_.size() >= kCachedKeysMax) keys_.clear();  // SecretKey's destructor wipes each key
  keys_.insert_or_assign(std::string(record_key), key);
}

void KeyCache::Forget(std::span<const std::string> record_keys) {
  std::lock_guard lock(mutex_);
  ++generation_;
  for (const std::string& record_key : record_keys) keys_.erase(record_key);
}

}  // namespace ctom::vault
