// The vault: a data key per person and per document, wrapped by the key file's key, in a RocksDB
// database of its own; the program key for hashing e-mail addresses; erasure that destroys keys
// durably. Knows nothing of events or the domain. Records and formats: docs/vault.md.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "vault/key_cache.hpp"
#include "vault/secret_key.hpp"
#include "vault/vault_error.hpp"
#include "vault/vault_keys.hpp"

namespace rocksdb {
class Env;
}  // namespace rocksdb

namespace ctom::vault {

class VaultDatabase;
class Vault;

// Test seam: Vault::Open with every file of the database going through env, which must outlive
// the vault (tests that cut the power or inject disk faults). Production code calls Vault::Open.
VaultResult<std::unique_ptr<Vault>> OpenVaultWithEnv(const std::filesystem::path& folder,
                                                     const SecretKey& key_file_key,
                                                     rocksdb::Env* env);

// Documents one person may own; attaching more is refused (erasure destroys them in one batch).
inline constexpr std::size_t kPersonDocumentsMax = 10000;
// Key records one Rewrap moves in its single batch (about 100 bytes each).
inline constexpr std::size_t kRewrapRecordsMax = 1'000'000;

enum class KeyState { present, absent, erased };

// The answer to a key lookup: the key when present; an all-zero key otherwise.
struct KeyLookup {
  KeyState state = KeyState::absent;
  SecretKey key;
};

// Thread-safe: lookups run concurrently; operations that write are serialised inside. Keys once
// looked up or made stay in memory (at most kCachedKeysMax of them), so repeated lookups cost no
// read; erasure wipes them from memory as it destroys them on disk.
class Vault {
 public:
  // Opens the vault in folder (creating folder, mode 0700, when absent) with the key file's key.
  // An empty vault is initialised for this key: a key-check record and a new program key, synced.
  // A vault initialised before must have been so with the same key: wrong_key_file otherwise. An
  // erasure interrupted after its write (a crash) is finished here before Open returns. Other
  // errors: io_error (including the folder being open in another process), corruption.
  [[nodiscard]] static VaultResult<std::unique_ptr<Vault>> Open(const std::filesystem::path& folder,
                                                                const SecretKey& key_file_key);

  // Opens the vault in folder for reading only, while another process (the server) may hold it
  // open: the command-line tools read sealed records this way. Shows the keys as they were when
  // opened. The Ensure*, Attach and Erase operations fail with io_error. Errors: io_error when
  // there is no vault, wrong_key_file, corruption.
  [[nodiscard]] static VaultResult<std::unique_ptr<Vault>> OpenReadOnly(
      const std::filesystem::path& folder, const SecretKey& key_file_key);

  // Whether folder holds an initialised vault, i.e. keys wrapped by some key file: the rule
  // "generate a key file only into an empty vault" asks this. False when folder or the database
  // does not exist. Works while another process has the vault open.
  [[nodiscard]] static VaultResult<bool> HoldsKeys(const std::filesystem::path& folder);

  // Moves the vault in folder to a new key file: every data key and the program key wrapped anew
  // under new_key_file_key, and the key check with it, in one synced batch; then the old wrapped
  // forms are purged from the folder's files (a purge interrupted by a crash is finished by the
  // next Open). The keys themselves do not change, so everything sealed stays readable. The vault
  // must not be open elsewhere (io_error). Errors: wrong_key_file when old_key_file_key is not
  // the vault's, invalid_argument past kRewrapRecordsMax, io_error, corruption.
  [[nodiscard]] static VaultResult<void> Rewrap(const std::filesystem::path& folder,
                                                const SecretKey& old_key_file_key,
                                                const SecretKey& new_key_file_key);

  // Restores the latest vault backup in backup_dir into folder (which must hold no vault) and
  // opens it with key_file_key. A backup holds wrapped keys only, so it needs the key file it was
  // made under: wrong_key_file otherwise, and folder is removed again. Other errors:
  // invalid_argument when folder holds a vault, io_error, corruption.
  [[nodiscard]] static VaultResult<std::unique_ptr<Vault>> Restore(
      const std::filesystem::path& backup_dir, const std::filesystem::path& folder,
      const SecretKey& key_file_key);

  ~Vault();
  Vault(const Vault&) = delete;
  Vault& operator=(const Vault&) = delete;

  // The person's data key, made and durably stored (synced) first if the person has none. Errors:
  // erased when the person was erased (no new data may be sealed for them), invalid_argument for
  // an empty or oversized id, io_error, corruption.
  [[nodiscard]] VaultResult<SecretKey> EnsurePersonKey(std::string_view person_id);
  // The person's data key, or that there is none (absent) or it was destroyed (erased). Changes
  // nothing.
  [[nodiscard]] VaultResult<KeyLookup> PersonKey(std::string_view person_id) const;

  // Destroys the person's data key and the keys of their documents, records that they were erased
  // (a later lookup says erased, not absent; the ids are not personal data), then purges: on
  // return no file in the vault folder holds the destroyed keys, raw or wrapped. Idempotent: an
  // erased or unknown person is (again) marked erased and purged. If the process stops midway,
  // the next Open finishes the purge; call it again after an error.
  [[nodiscard]] VaultResult<void> ErasePerson(std::string_view person_id);

  // A document's data key, made and durably stored if new; erased when destroyed with its person.
  [[nodiscard]] VaultResult<SecretKey> EnsureDocumentKey(std::string_view document_id);
  [[nodiscard]] VaultResult<KeyLookup> DocumentKey(std::string_view document_id) const;
  // Makes the document one of the person's keys, destroyed by ErasePerson. Idempotent; a document
  // may belong to several persons (erasing any one destroys it). Errors: erased when the person or
  // the document was erased, invalid_argument past kPersonDocumentsMax, io_error.
  [[nodiscard]] VaultResult<void> AttachDocumentToPerson(std::string_view document_id,
                                                         std::string_view person_id);
  // The ids of the person's documents, in byte order (empty after erasure).
  [[nodiscard]] VaultResult<std::vector<std::string>> PersonDocuments(
      std::string_view person_id) const;

  // A new backup in backup_dir (a folder for vault backups only), returning its id; it holds the
  // wrapped keys as they are now, erased keys excepted. An erasure whose purge runs while a backup
  // copies reports io_error and stays pending (call ErasePerson again, or the next Open finishes).
  [[nodiscard]] VaultResult<std::uint64_t> Backup(const std::filesystem::path& backup_dir);

  // HMAC-SHA-256 under the program key of the address lower-cased (ASCII) and trimmed of white
  // space, as 64 lower-case hex digits: equal for addresses that differ only in case or
  // surrounding spaces, unrelated under another vault's program key.
  [[nodiscard]] std::string EmailHash(std::string_view email) const;

 private:
  friend VaultResult<std::unique_ptr<Vault>> OpenVaultWithEnv(const std::filesystem::path&,
                                                              const SecretKey&, rocksdb::Env*);
  Vault(std::unique_ptr<VaultDatabase> database, const SecretKey& key_file_key,
        const SecretKey& program_key);

  VaultResult<SecretKey> EnsureKey(KeyKind kind, std::string_view id);
  VaultResult<void> FinishPurge();

  std::unique_ptr<VaultDatabase> database_;
  mutable KeyCache cache_;
  const SecretKey key_file_key_;
  const SecretKey program_key_;
  std::mutex write_mutex_;  // one writer at a time: Ensure*, Attach, Erase
};

}  // namespace ctom::vault
