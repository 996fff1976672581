// Follower access to a data folder, and progress lines.
#include "cli/ledger_access.hpp"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "cli/vault_access.hpp"

namespace ctom::cli {
namespace {

std::int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

std::string LedgerPath(const std::string& data) { return data + "/ledger"; }

bool LedgerInUse(const std::string& data) {
  const int descriptor = ::open((LedgerPath(data) + "/LOCK").c_str(), O_RDONLY | O_CLOEXEC);
  if (descriptor < 0) return false;
  // RocksDB locks the whole LOCK file with fcntl; F_GETLK names a lock another process holds
  // without taking one.
  struct flock lock {};
  lock.l_type = F_WRLCK;
  lock.l_whence = SEEK_SET;
  const bool held = ::fcntl(descriptor, F_GETLK, &lock) == 0 && lock.l_type != F_UNLCK;
  ::close(descriptor);
  return held;
}

std::unique_ptr<FollowedLedger> FollowedLedger::Open(const std::string& data,
                                                     const std::optional<std::string>& key_file) {
  std::error_code error;
  const std::string path = LedgerPath(data);
  if (!std::filesystem::exists(path + "/CURRENT", error)) {
    std::fprintf(stderr, "ctom: %s holds no ledger\n", data.c_str());
    return nullptr;
  }
  std::string pattern = (std::filesystem::temp_directory_path() / "ctom-follower-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    std::fprintf(stderr, "ctom: cannot make a temporary folder\n");
    return nullptr;
  }
  auto followed = std::unique_ptr<FollowedLedger>(new FollowedLedger);
  followed->secondary_ = pattern;
  auto ledger = eventstore::Ledger::OpenFollower(path, pattern);
  if (!ledger) {
    std::fprintf(stderr, "ctom: cannot open %s: %s\n", data.c_str(), ledger.error().detail.c_str());
    return nullptr;
  }
  followed->ledger_ = std::move(*ledger);
  if (!key_file) return followed;
  auto vault = OpenVaultForReading(data, *key_file);
  if (!vault) {
    std::fprintf(stderr, "ctom: %s\n", vault.error().c_str());
    return nullptr;
  }
  followed->vault_ = std::move(*vault);
  if (followed->vault_) followed->unsealer_ = projections::Unsealer(*followed->vault_);
  return followed;
}

FollowedLedger::~FollowedLedger() {
  ledger_.reset();
  std::error_code ignored;
  std::filesystem::remove_all(secondary_, ignored);
}

ProgressLine::ProgressLine(std::string what)
    : what_(std::move(what)), started_ms_(NowMs()), last_ms_(started_ms_) {}

void ProgressLine::Update(std::uint64_t done, std::uint64_t total) {
  const std::int64_t now = NowMs();
  if (now - started_ms_ < 1000 || now - last_ms_ < 1000) return;
  last_ms_ = now;
  std::fprintf(stderr, "%s: %llu of %llu\n", what_.c_str(), static_cast<unsigned long long>(done),
               static_cast<unsigned long long>(total));
}

ProgressHeartbeat::ProgressHeartbeat(std::string what) : what_(std::move(what)) {
  printer_ = std::thread([this] {
    const auto started = std::chrono::steady_clock::now();
    std::unique_lock lock(mutex_);
    for (int seconds = 1;; ++seconds) {
      if (stopped_.wait_until(lock, started + std::chrono::seconds(seconds),
                              [this] { return stop_; })) {
        return;
      }
      std::fprintf(stderr, "%s: %d s\n", what_.c_str(), seconds);
    }
  });
}

ProgressHeartbeat::~ProgressHeartbeat() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  stopped_.notify_one();
  printer_.join();
}

}  // namespace ctom::cli
