// The vault's operations over its database: wrapping, lookups, erasure.
#include "vault/vault.hpp"

#include <openssl/crypto.h>

#include "vault/email_hash.hpp"
#include "vault/key_wrapping.hpp"
#include "vault/seal.hpp"
#include "vault/vault_database.hpp"
#include "vault/vault_keys.hpp"

namespace ctom::vault {
namespace {

std::string_view KindName(KeyKind kind) {
  return kind == KeyKind::document ? "document" : "person";
}

// The record key of a kind's id: p/<id>, d/<id>, or the program key's.
std::string RecordKey(KeyKind kind, std::string_view id) {
  return kind == KeyKind::program ? std::string(kProgramKeyKey) : KeyRecordKey(kind, id);
}

VaultResult<KeyLookup> ReadKey(const VaultDatabase& database, const SecretKey& key_file_key,
                               KeyKind kind, std::string_view id) {
  auto value = database.Get(RecordKey(kind, id));
  if (!value) return std::unexpected(value.error());
  if (!*value) return KeyLookup{};
  std::optional<KeyRecord> record = DecodeKeyRecord(**value);
  if (!record) {
    return Fail(VaultErrorCode::corruption, "the key record of " + std::string(KindName(kind)) +
                                                " " + std::string(id) + " does not decode");
  }
  if (record->state == RecordState::erased) return KeyLookup{KeyState::erased, {}};
  auto key = UnwrapKey(key_file_key, record->wrapped_key, kind, id);
  if (!key) return std::unexpected(key.error());
  return KeyLookup{KeyState::present, *key};
}

// Reads the kind's key for id, or makes, wraps and stores (synced) a new one. The caller holds the
// write lock, so no other writer can make a second key for the same id.
VaultResult<SecretKey> ReadOrMakeKey(VaultDatabase& database, const SecretKey& key_file_key,
                                     KeyKind kind, std::string_view id) {
  auto found = ReadKey(database, key_file_key, kind, id);
  if (!found) return std::unexpected(found.error());
  switch (found->state) {
    case KeyState::present:
      return found->key;
    case KeyState::erased:
      return Fail(VaultErrorCode::erased,
                  std::string(KindName(kind)) + " " + std::string(id) + " was erased");
    case KeyState::absent:
      break;
  }
  auto key = RandomKey();
  if (!key) return key;
  auto wrapped = WrapKey(key_file_key, *key, kind, id);
  if (!wrapped) return std::unexpected(wrapped.error());
  const VaultWrite write{RecordKey(kind, id), EncodeKeyRecord({RecordState::present, *wrapped})};
  if (auto written = database.Write({&write, 1}); !written) {
    return std::unexpected(written.error());
  }
  return key;
}

// Checks the key file's key against the key-check record, writing the record (and a new program
// key) when the vault is empty. Returns the program key.
VaultResult<SecretKey> Initialise(VaultDatabase& database, const SecretKey& key_file_key) {
  auto check = database.Get(kKeyCheckKey);
  if (!check) return std::unexpected(check.error());
  if (*check) {
    auto text = Unseal(key_file_key, **check, kKeyCheckAssociatedData);
    if (!text || *text != kKeyCheckText) {
      return Fail(VaultErrorCode::wrong_key_file,
                  "the key file does not hold the key this vault's keys are wrapped with");
    }
    auto program = ReadKey(database, key_file_key, KeyKind::program, "");
    if (!program) return std::unexpected(program.error());
    if (program->state != KeyState::present) {
      return Fail(VaultErrorCode::corruption, "the vault has a key check but no program key");
    }
    return program->key;
  }
  auto empty = database.Empty();
  if (!empty) return std::unexpected(empty.error());
  if (!*empty) return Fail(VaultErrorCode::corruption, "the vault holds records but no key check");
  auto sealed_check = Seal(key_file_key, kKeyCheckText, kKeyCheckAssociatedData);
  if (!sealed_check) return std::unexpected(sealed_check.error());
  auto program_key = RandomKey();
  if (!program_key) return program_key;
  auto wrapped = WrapKey(key_file_key, *program_key, KeyKind::program, "");
  if (!wrapped) return std::unexpected(wrapped.error());
  const VaultWrite writes[] = {
      {std::string(kKeyCheckKey), *sealed_check},
      {std::string(kProgramKeyKey), EncodeKeyRecord({RecordState::present, *wrapped})}};
  if (auto written = database.Write(writes); !written) return std::unexpected(written.error());
  return program_key;
}

// A key from the cache, or read from the database and cached when present.
VaultResult<KeyLookup> CachedKey(const VaultDatabase& database, const SecretKey& key_file_key,
                                 KeyCache& cache, KeyKind kind, std::string_view id) {
  const std::string record_key = RecordKey(kind, id);
  if (auto key = cache.Find(record_key)) return KeyLookup{KeyState::present, *key};
  const std::uint64_t generation = cache.Generation();  // before the read: see KeyCache
  auto found = ReadKey(database, key_file_key, kind, id);
  if (found && found->state == KeyState::present) cache.Insert(record_key, found->key, generation);
  return found;
}

}  // namespace

Vault::Vault(std::unique_ptr<VaultDatabase> database, const SecretKey& key_file_key,
             const SecretKey& program_key)
    : database_(std::move(database)), key_file_key_(key_file_key), program_key_(program_key) {}

Vault::~Vault() = default;

VaultResult<std::unique_ptr<Vault>> Vault::Open(const std::filesystem::path& folder,
                                                const SecretKey& key_file_key) {
  return OpenVaultWithEnv(folder, key_file_key, nullptr);
}

VaultResult<std::unique_ptr<Vault>> OpenVaultWithEnv(const std::filesystem::path& folder,
                                                     const SecretKey& key_file_key,
                                                     rocksdb::Env* env) {
  auto database = VaultDatabase::Open(folder, env);
  if (!database) return std::unexpected(database.error());
  auto program_key = Initialise(**database, key_file_key);
  if (!program_key) return std::unexpected(program_key.error());
  std::unique_ptr<Vault> vault(new Vault(std::move(*database), key_file_key, *program_key));
  if (auto finished = vault->FinishPurge(); !finished) return std::unexpected(finished.error());
  return vault;
}

VaultResult<std::unique_ptr<Vault>> Vault::OpenReadOnly(const std::filesystem::path& folder,
                                                        const SecretKey& key_file_key) {
  auto database = VaultDatabase::OpenReadOnly(folder);
  if (!database) return std::unexpected(database.error());
  auto check = (*database)->Get(kKeyCheckKey);
  if (!check) return std::unexpected(check.error());
  if (!*check) return Fail(VaultErrorCode::io_error, "the vault holds no keys yet");
  auto program_key = Initialise(**database, key_file_key);  // reads only: the check exists
  if (!program_key) return std::unexpected(program_key.error());
  return std::unique_ptr<Vault>(new Vault(std::move(*database), key_file_key, *program_key));
}

VaultResult<bool> Vault::HoldsKeys(const std::filesystem::path& folder) {
  std::error_code error;
  if (!std::filesystem::exists(folder / "CURRENT", error)) return false;
  auto database = VaultDatabase::OpenReadOnly(folder);
  if (!database) return std::unexpected(database.error());
  auto check = (*database)->Get(kKeyCheckKey);
  if (!check) return std::unexpected(check.error());
  return check->has_value();
}

VaultResult<SecretKey> Vault::EnsurePersonKey(std::string_view person_id) {
  if (auto error = CheckId(person_id, "a person")) return std::unexpected(*error);
  return EnsureKey(KeyKind::person, person_id);
}

VaultResult<KeyLookup> Vault::PersonKey(std::string_view person_id) const {
  if (auto error = CheckId(person_id, "a person")) return std::unexpected(*error);
  return CachedKey(*database_, key_file_key_, cache_, KeyKind::person, person_id);
}

VaultResult<SecretKey> Vault::EnsureDocumentKey(std::string_view document_id) {
  if (auto error = CheckId(document_id, "a document")) return std::unexpected(*error);
  return EnsureKey(KeyKind::document, document_id);
}

VaultResult<KeyLookup> Vault::DocumentKey(std::string_view document_id) const {
  if (auto error = CheckId(document_id, "a document")) return std::unexpected(*error);
  return CachedKey(*database_, key_file_key_, cache_, KeyKind::document, document_id);
}

VaultResult<SecretKey> Vault::EnsureKey(KeyKind kind, std::string_view id) {
  const std::string record_key = RecordKey(kind, id);
  if (auto key = cache_.Find(record_key)) return *key;  // present, so neither absent nor erased
  std::lock_guard lock(write_mutex_);  // no erasure runs now: the generation cannot move
  auto key = ReadOrMakeKey(*database_, key_file_key_, kind, id);
  if (key) cache_.Insert(record_key, *key, cache_.Generation());
  return key;
}

std::string Vault::EmailHash(std::string_view email) const {
  return vault::EmailHash(program_key_, email);
}

}  // namespace ctom::vault
