// ctom verify, export, backup and restore.
#include <stdlib.h>

#include <cstdio>
#include <cstdlib>
#include <expected>
#include <filesystem>
#include <string>

#include "cli/command_line.hpp"
#include "cli/ledger_access.hpp"
#include "cli/vault_access.hpp"
#include "eventstore/hex.hpp"
#include "eventstore/private_folder.hpp"
#include "projections/record_json.hpp"

namespace ctom::cli {
namespace {

constexpr const char* kVerifyUsage =
    "usage: ctom verify --data DIR [--digest POSITION:HASH]\n"
    "Recomputes the hash chain; with --digest, also checks that the ledger up to POSITION still\n"
    "hashes to HASH (from GET /v1/ledger/digest). Exit 0 only when intact.\n";
constexpr const char* kExportUsage =
    "usage: ctom export --data DIR [--stream S]\n"
    "Writes the log (or one stream) as JSON lines, the records of /v1/events with their hashes.\n";
constexpr const char* kBackupUsage =
    "usage: ctom backup --data DIR --to DIR\n"
    "Writes a consistent backup of the ledger, also while the server runs.\n";
constexpr const char* kRestoreUsage =
    "usage: ctom restore --from DIR --data DIR\n"
    "Restores the latest backup in --from into the empty folder --data, then verifies it.\n";

// A digest from GET /v1/ledger/digest: the position and the hash of the record there. The hash
// is kept as bytes, so a digest written in upper-case hex matches too.
struct Digest {
  std::uint64_t position = 0;
  eventstore::Hash hash{};
};

std::optional<Digest> ParseDigest(const std::string& text) {
  const auto colon = text.find(':');
  if (colon == std::string::npos || colon == 0) return std::nullopt;
  const std::string position = text.substr(0, colon);
  if (position.find_first_not_of("0123456789") != std::string::npos || position.size() > 19) {
    return std::nullopt;
  }
  const auto hash = eventstore::HashFromHex(text.substr(colon + 1));
  if (!hash) return std::nullopt;
  return Digest{std::stoull(position), *hash};
}

// Prints "ctom: ledger broken at position N: <why>" and returns kExitCheckFailed.
int ReportBroken(const eventstore::VerifyReport& report) {
  std::fprintf(stderr, "ctom: ledger broken at position %llu: %s\n",
               static_cast<unsigned long long>(report.first_bad_position), report.detail.c_str());
  return kExitCheckFailed;
}

// The head of the latest backup in `backups`, read from a restored copy in a private temporary
// folder that is removed afterwards; or why it cannot be read.
std::expected<eventstore::Head, std::string> BackedUpHead(const std::string& backups) {
  std::string folder = (std::filesystem::temp_directory_path() / "ctom-backup-XXXXXX").string();
  if (mkdtemp(folder.data()) == nullptr) return std::unexpected("cannot make a temporary folder");
  auto head = eventstore::RestoreLedger(backups, LedgerPath(folder));
  std::error_code ignored;
  std::filesystem::remove_all(folder, ignored);
  if (!head) return std::unexpected(head.error().detail);
  return *head;
}

// The outermost folder of `path` (path itself or one of its parents) that does not exist yet:
// what creating path makes. Empty when path exists, or when that cannot be told.
std::filesystem::path FirstMissingFolder(const std::filesystem::path& path) {
  std::error_code error;
  std::filesystem::path missing;
  for (std::filesystem::path folder = std::filesystem::absolute(path, error);
       !error && !folder.empty(); folder = folder.parent_path()) {
    const bool there = std::filesystem::exists(folder, error);
    if (error || there) break;
    missing = folder;
    if (folder == folder.parent_path()) break;
  }
  return error ? std::filesystem::path() : missing;
}

// Restores the latest backup in `backups` into the data folder `data` and verifies it.
int RestoreInto(const std::string& backups, const std::string& data, const std::string& key_file) {
  if (auto created = eventstore::CreatePrivateFolder(data); !created) {
    return UsageError(created.error());
  }
  ProgressHeartbeat progress("restore");
  auto head = eventstore::RestoreLedger(backups, LedgerPath(data));
  if (!head) return UsageError("restore failed: " + head.error().detail);
  if (auto vault = RestoreVault(backups, data, key_file); !vault) return UsageError(vault.error());
  // A backup holds whole synced batches only, so its chain must verify to its head.
  auto followed = FollowedLedger::Open(data, key_file);
  if (!followed) return kExitUsage;
  auto report = followed->ledger().Verify(0);
  if (!report) return UsageError("cannot read the restored ledger: " + report.error().detail);
  if (!report->ok) return ReportBroken(*report);
  std::printf("restored position %llu hash %s\n", static_cast<unsigned long long>(head->position),
              eventstore::ToHex(head->hash).c_str());
  return kExitOk;
}

}  // namespace

int RunVerify(int argc, char** argv) {
  auto args = ParseArguments(argc, argv, 2, {"data", "digest"}, {});
  if (!args) return kExitUsage;
  if (args->help) return std::fputs(kVerifyUsage, stdout), kExitOk;
  if (!args->Has("data")) return UsageError("verify needs --data DIR");
  std::optional<Digest> digest;
  if (auto text = args->Option("digest")) {
    digest = ParseDigest(*text);
    if (!digest) return UsageError("--digest must be POSITION:HASH (64 hex digits)");
  }
  auto followed = FollowedLedger::Open(*args->Option("data"), std::nullopt);
  if (!followed) return kExitUsage;
  ProgressHeartbeat progress("verify");
  auto report = followed->ledger().Verify(0);
  if (!report) return UsageError("cannot read the ledger: " + report.error().detail);
  if (!report->ok) return ReportBroken(*report);
  if (digest) {
    if (digest->position > report->position) {
      std::fprintf(stderr, "ctom: digest mismatch at position %llu: the ledger ends at %llu\n",
                   static_cast<unsigned long long>(digest->position),
                   static_cast<unsigned long long>(report->position));
      return kExitCheckFailed;
    }
    // Verify(0) means the head; the empty prefix of any ledger hashes to zeros.
    auto at = digest->position == 0 ? eventstore::Result<eventstore::VerifyReport>{}
                                    : followed->ledger().Verify(digest->position);
    if (!at) return UsageError("cannot read the ledger: " + at.error().detail);
    if (!at->ok) return ReportBroken(*at);
    if (at->position != digest->position || at->hash != digest->hash) {
      std::fprintf(stderr,
                   "ctom: digest mismatch at position %llu: the ledger no longer hashes to it\n",
                   static_cast<unsigned long long>(digest->position));
      return kExitCheckFailed;
    }
  }
  std::printf("ok position %llu hash %s\n", static_cast<unsigned long long>(report->position),
              eventstore::ToHex(report->hash).c_str());
  return kExitOk;
}

int RunExport(int argc, char** argv) {
  auto args = ParseArguments(argc, argv, 2, {"data", "stream", "key-file"}, {});
  if (!args) return kExitUsage;
  if (args->help) return std::fputs(kExportUsage, stdout), kExitOk;
  if (!args->Has("data")) return UsageError("export needs --data DIR");
  auto followed = FollowedLedger::Open(*args->Option("data"), KeyFileOf(*args));
  if (!followed) return kExitUsage;
  eventstore::Ledger& ledger = followed->ledger();
  const auto stream = args->Option("stream");
  const std::uint64_t head = ledger.GetHead().position;
  ProgressLine progress("export");
  std::uint64_t next = 1;
  while (true) {
    auto page = stream ? ledger.ReadStream(*stream, next, eventstore::kReadPageEventsMax)
                       : ledger.ReadAll(next, eventstore::kReadPageEventsMax);
    if (!page) return UsageError("cannot read the ledger: " + page.error().detail);
    // As ctom replay says: a stream that is not there is not an empty export.
    if (page->empty() && stream && next == 1) {
      return UsageError("no stream " + *stream + " in the ledger");
    }
    if (page->empty()) break;
    for (const eventstore::RecordedEvent& record : *page) {
      std::string line = projections::RecordJsonText(record, followed->unsealer());
      line += '\n';
      std::fwrite(line.data(), 1, line.size(), stdout);
    }
    next = (stream ? page->back().stream_version : page->back().position) + 1;
    progress.Update(page->back().position, head);
  }
  return std::fflush(stdout) == 0 ? kExitOk : UsageError("cannot write the export");
}

int RunBackup(int argc, char** argv) {
  auto args = ParseArguments(argc, argv, 2, {"data", "to", "key-file"}, {});
  if (!args) return kExitUsage;
  if (args->help) return std::fputs(kBackupUsage, stdout), kExitOk;
  if (!args->Has("data") || !args->Has("to")) return UsageError("backup needs --data DIR --to DIR");
  auto followed = FollowedLedger::Open(*args->Option("data"), KeyFileOf(*args));
  if (!followed) return kExitUsage;
  // A backup is a copy of the ledger, personal data and all.
  if (auto created = eventstore::CreatePrivateFolder(*args->Option("to")); !created) {
    return UsageError(created.error());
  }
  ProgressHeartbeat progress("backup");
  auto backup = followed->ledger().Backup(*args->Option("to"));
  if (!backup) return UsageError("backup failed: " + backup.error().detail);
  if (auto vault = BackUpVault(followed->vault(), *args->Option("to")); !vault) {
    return UsageError(vault.error());
  }
  // The write-ahead log the backup copied may hold batches the primary synced after the follower
  // caught up, so the follower's head is not the backup's: read the backup back to know it.
  auto head = BackedUpHead(*args->Option("to"));
  if (!head) return UsageError("cannot read back the backup: " + head.error());
  std::printf("backup %llu of %s at position %llu hash %s\n",
              static_cast<unsigned long long>(*backup), args->Option("data")->c_str(),
              static_cast<unsigned long long>(head->position),
              eventstore::ToHex(head->hash).c_str());
  return kExitOk;
}

int RunRestore(int argc, char** argv) {
  auto args = ParseArguments(argc, argv, 2, {"from", "data", "key-file"}, {});
  if (!args) return kExitUsage;
  if (args->help) return std::fputs(kRestoreUsage, stdout), kExitOk;
  if (!args->Has("data") || !args->Has("from"))
    return UsageError("restore needs --from DIR --data DIR");
  const std::string data = *args->Option("data");
  // What a failed restore leaves is what was there before: the folders it made (the data folder
  // and its missing parents), or else the ledger folder it made inside the data folder.
  const std::filesystem::path made_folders = FirstMissingFolder(data);
  const std::filesystem::path made_ledger =
      made_folders.empty() ? FirstMissingFolder(LedgerPath(data)) : std::filesystem::path();
  const int exit_code = RestoreInto(*args->Option("from"), data, KeyFileOf(*args));
  if (exit_code != kExitOk) {
    std::error_code ignored;
    if (!made_folders.empty()) std::filesystem::remove_all(made_folders, ignored);
    if (!made_ledger.empty()) std::filesystem::remove_all(made_ledger, ignored);
  }
  return exit_code;
}

}  // namespace ctom::cli
