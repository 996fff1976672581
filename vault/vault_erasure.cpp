// The vault's documents and erasure: a person's document keys, and destroying them with theirs.
#include "vault/vault.hpp"
#include "vault/vault_database.hpp"
#include "vault/vault_keys.hpp"

namespace ctom::vault {
namespace {

// Whether the record of kind and id says erased.
VaultResult<bool> IsErased(const VaultDatabase& database, KeyKind kind, std::string_view id) {
  auto value = database.Get(KeyRecordKey(kind, id));
  if (!value) return std::unexpected(value.error());
  if (!*value) return false;
  auto record = DecodeKeyRecord(**value);
  if (!record) return Fail(VaultErrorCode::corruption, "a key record does not decode");
  return record->state == RecordState::erased;
}

// The ownership records of a person, at most kPersonDocumentsMax + 1 of them.
VaultResult<std::vector<std::string>> OwnedDocuments(const VaultDatabase& database,
                                                     std::string_view person_id) {
  const std::string prefix = OwnershipPrefix(person_id);
  auto rows = database.Scan(prefix, kPersonDocumentsMax + 1);
  if (!rows) return std::unexpected(rows.error());
  std::vector<std::string> documents;
  for (const auto& [key, value] : *rows) {
    auto document = DocumentOfOwnershipKey(key, prefix);
    if (!document) return Fail(VaultErrorCode::corruption, "an ownership key does not parse");
    documents.emplace_back(*document);
  }
  return documents;
}

}  // namespace

VaultResult<void> Vault::AttachDocumentToPerson(std::string_view document_id,
                                                std::string_view person_id) {
  if (auto error = CheckId(document_id, "a document")) return std::unexpected(*error);
  if (auto error = CheckId(person_id, "a person")) return std::unexpected(*error);
  std::lock_guard lock(write_mutex_);
  for (auto [kind, id] :
       {std::pair{KeyKind::person, person_id}, {KeyKind::document, document_id}}) {
    auto erased = IsErased(*database_, kind, id);
    if (!erased) return std::unexpected(erased.error());
    if (*erased)
      return Fail(VaultErrorCode::erased, "a document cannot be attached: already erased");
  }
  auto owned = database_->Get(OwnershipKey(person_id, document_id));
  if (!owned) return std::unexpected(owned.error());
  if (*owned) return {};
  auto documents = OwnedDocuments(*database_, person_id);
  if (!documents) return std::unexpected(documents.error());
  if (documents->size() >= kPersonDocumentsMax) {
    return Fail(VaultErrorCode::invalid_argument,
                "a person may own at most " + std::to_string(kPersonDocumentsMax) + " documents");
  }
  const VaultWrite write{OwnershipKey(person_id, document_id), std::string()};
  return database_->Write({&write, 1});
}

VaultResult<std::vector<std::string>> Vault::PersonDocuments(std::string_view person_id) const {
  if (auto error = CheckId(person_id, "a person")) return std::unexpected(*error);
  return OwnedDocuments(*database_, person_id);
}

VaultResult<void> Vault::ErasePerson(std::string_view person_id) {
  if (auto error = CheckId(person_id, "a person")) return std::unexpected(*error);
  std::lock_guard lock(write_mutex_);
  auto documents = OwnedDocuments(*database_, person_id);
  if (!documents) return std::unexpected(documents.error());
  const std::string erased = EncodeKeyRecord({RecordState::erased, {}});
  // One atomic, synced batch: the key records overwritten by tombstones, the ownership records
  // gone, and the mark that a purge is owed, so a crash before the purge is finished at Open.
  std::vector<VaultWrite> writes;
  writes.reserve(2 + 2 * documents->size());
  writes.push_back({KeyRecordKey(KeyKind::person, person_id), erased});
  for (const std::string& document : *documents) {
    writes.push_back({KeyRecordKey(KeyKind::document, document), erased});
    writes.push_back({OwnershipKey(person_id, document), std::nullopt});
  }
  writes.push_back({std::string(kPurgePendingKey), std::string()});
  if (auto written = database_->Write(writes); !written) return written;
  // After the write, not before: a lookup racing this one then either reads the tombstone or
  // started in the old generation, and the cache drops what it read (KeyCache).
  std::vector<std::string> destroyed{KeyRecordKey(KeyKind::person, person_id)};
  for (const std::string& document : *documents) {
    destroyed.push_back(KeyRecordKey(KeyKind::document, document));
  }
  cache_.Forget(destroyed);
  return FinishPurge();
}

VaultResult<void> Vault::FinishPurge() {
  auto pending = database_->Get(kPurgePendingKey);
  if (!pending) return std::unexpected(pending.error());
  if (!*pending) return {};
  if (auto purged = database_->Purge(); !purged) return purged;
  const VaultWrite done{std::string(kPurgePendingKey), std::nullopt};
  return database_->Write({&done, 1});
}

}  // namespace ctom::vault
