// Unwrapped keys kept in memory, so a fold that opens every event's fields does not read and
// unwrap its person's key from the database each time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "vault/secret_key.hpp"

namespace ctom::vault {

// Entries kept; when full the cache is emptied (its keys wiped) and fills again.
inline constexpr std::size_t kCachedKeysMax = 65536;

// Keyed by record key (p/<id>, d/<id>). Thread-safe. A key read from the database before an
// erasure must never be cached after it: a reader takes Generation() before its read and passes it
// to Insert, which drops the key if an erasure (Forget) happened in between.
class KeyCache {
 public:
  [[nodiscard]] std::optional<SecretKey> Find(std::string_view record_key) const;
  [[nodiscard]] std::uint64_t Generation() const;
  void Insert(std::string_view record_key, const SecretKey& key, std::uint64_t generation);
  // Wipes the keys of record_keys and starts a new generation.
  void Forget(std::span<const std::string> record_keys);

 private:
  mutable std::mutex mutex_;
  std::uint64_t generation_ = 0;
  std::unordered_map<std::string, SecretKey> keys_;
};

}  // namespace ctom::vault
