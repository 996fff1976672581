// Encoding of the vault's keys and key records.
#include "vault/vault_keys.hpp"

#include <cassert>
#include <cstdint>

namespace ctom::vault {
namespace {

constexpr char kPresent = 'K';
constexpr char kErased = 'E';

std::string_view KindName(KeyKind kind) {
  switch (kind) {
    case KeyKind::person:
      return "person";
    case KeyKind::document:
      return "document";
    case KeyKind::program:
      return "program";
  }
  return "unknown";
}

}  // namespace

std::optional<VaultError> CheckId(std::string_view id, std::string_view what) {
  if (id.empty() || id.size() > kIdBytesMax) {
    return VaultError{VaultErrorCode::invalid_argument, std::string(what) + " id must be 1 to " +
                                                            std::to_string(kIdBytesMax) + " bytes"};
  }
  return std::nullopt;
}

std::string KeyRecordKey(KeyKind kind, std::string_view id) {
  assert(kind != KeyKind::program);
  return std::string(kind == KeyKind::person ? "p/" : "d/") + std::string(id);
}

std::string WrappingAssociatedData(KeyKind kind, std::string_view id) {
  return "ctom-vault/" + std::string(KindName(kind)) + "/" + std::string(id);
}

std::string OwnershipPrefix(std::string_view person_id) {
  assert(person_id.size() <= kIdBytesMax);
  std::string prefix = "o/";
  prefix.push_back(static_cast<char>((person_id.size() >> 8) & 0xff));
  prefix.push_back(static_cast<char>(person_id.size() & 0xff));
  prefix.append(person_id);
  return prefix;
}

std::string OwnershipKey(std::string_view person_id, std::string_view document_id) {
  return OwnershipPrefix(person_id) + std::string(document_id);
}

std::optional<std::string_view> DocumentOfOwnershipKey(std::string_view key,
                                                       std::string_view prefix) {
  if (!key.starts_with(prefix) || key.size() == prefix.size()) return std::nullopt;
  return key.substr(prefix.size());
}

std::string EncodeKeyRecord(const KeyRecord& record) {
  if (record.state == RecordState::erased) return std::string(1, kErased);
  return kPresent + record.wrapped_key;
}

std::optional<KeyRecord> DecodeKeyRecord(std::string_view value) {
  if (value == std::string_view(&kErased, 1)) return KeyRecord{RecordState::erased, {}};
  if (value.size() > 1 && value[0] == kPresent) {
    return KeyRecord{RecordState::present, std::string(value.substr(1))};
  }
  return std::nullopt;
}

}  // namespace ctom::vault
