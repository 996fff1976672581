// The vault's RocksDB keys and record values (docs/vault.md, "Records").
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "vault/vault_error.hpp"

namespace ctom::vault {

// A person's or document's id: non-empty, at most this many bytes, any bytes.
inline constexpr std::size_t kIdBytesMax = 200;
// invalid_argument, naming what ("a person"), when id is empty or longer than kIdBytesMax.
std::optional<VaultError> CheckId(std::string_view id, std::string_view what);

// m/...: the vault's own records.
inline constexpr std::string_view kKeyCheckKey = "m/key-check";      // a sealed known text
inline constexpr std::string_view kProgramKeyKey = "m/program-key";  // a key record
// Present from an erasure's write until its flush and compaction have finished; start-up finishes
// them when it finds it.
inline constexpr std::string_view kPurgePendingKey = "m/purge-pending";

// What the key-check record seals under the key file's key, and binds as associated data.
inline constexpr std::string_view kKeyCheckText = "ctom vault key check";
inline constexpr std::string_view kKeyCheckAssociatedData = "ctom-vault/key-check";

enum class KeyKind { person, document, program };

// p/<person id> and d/<document id> -> a key record.
std::string KeyRecordKey(KeyKind kind, std::string_view id);

// The associated data a key is wrapped with: its kind and id, so a wrapped key moved to another
// person, document or kind does not open.
std::string WrappingAssociatedData(KeyKind kind, std::string_view id);

// o/ u16 big-endian length of the person id, the person id, the document id -> "": the document
// is one of the person's keys. The length prefix keeps a person's documents contiguous.
std::string OwnershipKey(std::string_view person_id, std::string_view document_id);
std::string OwnershipPrefix(std::string_view person_id);
// The document id of an ownership key under the given prefix; nullopt when it is not one.
std::optional<std::string_view> DocumentOfOwnershipKey(std::string_view key,
                                                       std::string_view prefix);

// A key record: 'K' followed by the wrapped key (sealed bytes), or the single byte 'E' once the key
// was destroyed.
enum class RecordState { present, erased };
struct KeyRecord {
  RecordState state = RecordState::present;
  std::string wrapped_key;  // empty when erased
};
std::string EncodeKeyRecord(const KeyRecord& record);
std::optional<KeyRecord> DecodeKeyRecord(std::string_view value);

}  // namespace ctom::vault
