// Moving a vault to a new key file: every wrapped key unwrapped and wrapped again, atomically.
#include "vault/key_wrapping.hpp"
#include "vault/seal.hpp"
#include "vault/vault.hpp"
#include "vault/vault_database.hpp"
#include "vault/vault_keys.hpp"

namespace ctom::vault {
namespace {

// Appends to writes the records of one kind (prefix p/ or d/) wrapped under new_key.
VaultResult<void> RewrapKind(const VaultDatabase& database, KeyKind kind, const SecretKey& old_key,
                             const SecretKey& new_key, std::vector<VaultWrite>& writes) {
  const std::string prefix = KeyRecordKey(kind, "");
  auto rows = database.Scan(prefix, kRewrapRecordsMax + 1);
  if (!rows) return std::unexpected(rows.error());
  if (writes.size() + rows->size() > kRewrapRecordsMax) {
    return Fail(VaultErrorCode::invalid_argument,
                "more than " + std::to_string(kRewrapRecordsMax) + " keys to move in one batch");
  }
  for (const auto& [record_key, value] : *rows) {
    const std::string_view id = std::string_view(record_key).substr(prefix.size());
    auto record = DecodeKeyRecord(value);
    if (!record) return Fail(VaultErrorCode::corruption, "a key record does not decode");
    if (record->state == RecordState::erased) continue;  // nothing to move
    auto key = UnwrapKey(old_key, record->wrapped_key, kind, id);
    if (!key) return std::unexpected(key.error());
    auto wrapped = WrapKey(new_key, *key, kind, id);
    if (!wrapped) return std::unexpected(wrapped.error());
    writes.push_back({record_key, EncodeKeyRecord({RecordState::present, *wrapped})});
  }
  return {};
}

}  // namespace

VaultResult<void> Vault::Rewrap(const std::filesystem::path& folder,
                                const SecretKey& old_key_file_key,
                                const SecretKey& new_key_file_key) {
  auto vault = Open(folder, old_key_file_key);  // checks the old key, finishes pending purges
  if (!vault) return std::unexpected(vault.error());
  const VaultDatabase& database = *(*vault)->database_;
  std::vector<VaultWrite> writes;
  for (KeyKind kind : {KeyKind::person, KeyKind::document}) {
    auto moved = RewrapKind(database, kind, old_key_file_key, new_key_file_key, writes);
    if (!moved) return moved;
  }
  auto program = WrapKey(new_key_file_key, (*vault)->program_key_, KeyKind::program, "");
  auto check = Seal(new_key_file_key, kKeyCheckText, kKeyCheckAssociatedData);
  if (!program) return std::unexpected(program.error());
  if (!check) return std::unexpected(check.error());
  writes.push_back(
      {std::string(kProgramKeyKey), EncodeKeyRecord({RecordState::present, *program})});
  writes.push_back({std::string(kKeyCheckKey), *check});
  writes.push_back({std::string(kPurgePendingKey), std::string()});
  if (auto written = (*vault)->database_->Write(writes); !written) return written;
  return (*vault)->FinishPurge();
}

}  // namespace ctom::vault
