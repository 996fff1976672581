// Helpers shared by the ledger tests: temporary folders, events, a fake clock, whole-log reads.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "eventstore/ledger.hpp"

namespace ctom::eventstore::testing {

// A fresh folder under the system's temporary directory, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "ctom-ledger-XXXXXX").string();
    char* made = mkdtemp(pattern.data());
    if (made == nullptr) ADD_FAILURE() << "mkdtemp failed";
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string Sub(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// A clock that ticks one microsecond per reading, so runs are reproducible.
inline Clock FakeClock(std::int64_t start_us = 1'700'000'000'000'000) {
  auto now = std::make_shared<std::atomic<std::int64_t>>(start_us);
  return [now] { return now->fetch_add(1); };
}

inline OpenOptions TestOptions(const std::string& path) {
  OpenOptions options;
  options.path = path;
  options.clock = FakeClock();
  return options;
}

inline std::unique_ptr<Ledger> OpenOrDie(const OpenOptions& options) {
  auto ledger = Ledger::Open(options);
  EXPECT_TRUE(ledger.has_value()) << (ledger ? "" : ledger.error().detail);
  return ledger ? std::move(*ledger) : nullptr;
}

inline NewEvent MakeEvent(std::string type, std::string payload) {
  NewEvent event;
  event.type = std::move(type);
  event.payload = std::move(payload);
  event.occurred_at_us = 1'600'000'000'000'000;
  event.actor = Actor{"user-1", "mentor"};
  event.correlation_id = "correlation";
  event.causation_id = "causation";
  for (std::size_t i = 0; i < event.event_id.size(); ++i) {
    event.event_id[i] = static_cast<std::uint8_t>(event.payload.size() + i);
  }
  return event;
}

inline AppendRequest MakeRequest(std::string stream, ExpectedVersion expected, int events,
                                 std::string key = "") {
  AppendRequest request;
  request.stream = std::move(stream);
  request.expected = expected;
  request.idempotency_key = std::move(key);
  for (int i = 0; i < events; ++i) {
    request.events.push_back(MakeEvent("Tested", request.stream + "#" + std::to_string(i)));
  }
  return request;
}

// Every event of the log, page by page.
inline std::vector<RecordedEvent> ReadEverything(const Ledger& ledger) {
  std::vector<RecordedEvent> all;
  for (;;) {
    auto page = ledger.ReadAll(all.size() + 1, kReadPageEventsMax);
    EXPECT_TRUE(page.has_value()) << (page ? "" : page.error().detail);
    if (!page || page->empty()) return all;
    for (auto& event : *page) all.push_back(std::move(event));
  }
}

}  // namespace ctom::eventstore::testing
