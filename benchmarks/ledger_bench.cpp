// Ledger throughput against raw RocksDB on the same disk: synced appends (group commit) against a
// synced 100-event WriteBatch, and a full ReadAll against raw iteration of the events family.
// Run through scripts/bench-ledger; figures in docs/performance.md, "Ledger".
#include <benchmark/benchmark.h>
#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>
#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "eventstore/keys.hpp"
#include "eventstore/ledger.hpp"

namespace {

using ctom::eventstore::AppendRequest;
using ctom::eventstore::ExpectedVersion;
using ctom::eventstore::Ledger;
using ctom::eventstore::NewEvent;
using ctom::eventstore::OpenOptions;

constexpr std::size_t kPayloadBytes = 300;
constexpr std::uint64_t kReadEvents = 1'000'000;

// Where the databases live: $CTOM_LEDGER_BENCH_DIR, else the system's temporary directory.
std::string BenchRoot() {
  static const std::string root = [] {
    const char* configured = std::getenv("CTOM_LEDGER_BENCH_DIR");
    std::filesystem::path base =
        configured != nullptr ? configured : std::filesystem::temp_directory_path();
    std::filesystem::create_directories(base);
    std::string pattern = (base / "ctom-ledger-bench-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) std::abort();
    return pattern;
  }();
  return root;
}

// A fresh, empty folder for one benchmark.
std::string FreshDir(const std::string& name) {
  const std::string path = BenchRoot() + "/" + name;
  std::filesystem::remove_all(path);
  return path;
}

std::string Payload(std::uint64_t seed) {
  std::string payload(kPayloadBytes, 'x');
  for (std::size_t i = 0; i < payload.size(); ++i) {
    payload[i] = static_cast<char>('a' + (seed * 31 + i * 7) % 26);
  }
  return payload;
}

NewEvent BenchEvent(std::uint64_t seed) {
  NewEvent event;
  event.type = "SessionHeld";
  event.actor = {"user-42", "mentor"};
  event.correlation_id = "correlation-" + std::to_string(seed);
  event.payload = Payload(seed);
  return event;
}

void Check(bool ok, const std::string& what) {
  if (!ok) {
    std::fprintf(stderr, "ledger_bench: %s\n", what.c_str());
    std::abort();
  }
}

// A plain RocksDB with the ledger's column families (default options, like the ledger's events).
class RawDb {
 public:
  explicit RawDb(const std::string& path) {
    rocksdb::DBOptions options;
    options.create_if_missing = true;
    options.create_missing_column_families = true;
    std::vector<rocksdb::ColumnFamilyDescriptor> families;
    for (std::string_view name :
         {std::string_view(rocksdb::kDefaultColumnFamilyName), ctom::eventstore::kEventsFamily,
          ctom::eventstore::kStreamsFamily, ctom::eventstore::kIdempotencyFamily,
          ctom::eventstore::kHeadFamily}) {
      families.emplace_back(std::string(name), rocksdb::ColumnFamilyOptions());
    }
    Check(rocksdb::DB::Open(options, path, families, &handles_, &db_).ok(), "open " + path);
  }
  ~RawDb() {
    for (auto* handle : handles_) Check(db_->DestroyColumnFamilyHandle(handle).ok(), "handle");
    Check(db_->Close().ok(), "close");
    delete db_;
  }
  rocksdb::DB& db() { return *db_; }
  rocksdb::ColumnFamilyHandle* events() { return handles_[1]; }

 private:
  rocksdb::DB* db_ = nullptr;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
};

// The ceiling: one synced WriteBatch of state.range(0) events of kPayloadBytes.
void BM_RawRocksDbSyncedBatch(benchmark::State& state) {
  const auto events = static_cast<std::uint64_t>(state.range(0));
  RawDb raw(FreshDir("raw-batch"));
  rocksdb::WriteOptions options;
  options.sync = true;
  std::uint64_t position = 0;
  const std::string payload = Payload(1);
  for (auto _ : state) {
    rocksdb::WriteBatch batch;
    for (std::uint64_t i = 0; i < events; ++i) {
      Check(batch.Put(raw.events(), ctom::eventstore::EventKey(++position), payload).ok(), "put");
    }
    Check(raw.db().Write(options, &batch).ok(), "write");
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * events));
}
BENCHMARK(BM_RawRocksDbSyncedBatch)->Arg(100)->Arg(32)->Arg(1)->MinTime(2.0)->UseRealTime();

std::unique_ptr<Ledger> append_ledger;

void OpenAppendLedger(const benchmark::State&) {
  OpenOptions options;
  options.path = FreshDir("ledger-append");
  auto ledger = Ledger::Open(options);
  Check(ledger.has_value(), "open ledger");
  append_ledger = std::move(*ledger);
}

void CloseAppendLedger(const benchmark::State&) { append_ledger.reset(); }

// Concurrent appenders of one event each, every append synced (group commit shares the syncs).
void BM_LedgerAppend(benchmark::State& state) {
  const std::string stream = "bench-" + std::to_string(state.thread_index());
  std::uint64_t seed = 0;
  for (auto _ : state) {
    AppendRequest request;
    request.stream = stream;
    request.expected = ExpectedVersion::Any();
    request.events.push_back(BenchEvent(++seed));
    auto result = append_ledger->Append(std::move(request));
    Check(result.has_value(), "append");
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  if (state.thread_index() == 0) {  // counters add up over threads: one thread reports
    const auto stats = append_ledger->GetGroupCommitStats();
    state.counters["commands_per_batch"] =
        static_cast<double>(stats.commands) /
        static_cast<double>(std::max<std::uint64_t>(stats.batches, 1));
  }
}
BENCHMARK(BM_LedgerAppend)
    ->Setup(OpenAppendLedger)
    ->Teardown(CloseAppendLedger)
    ->Threads(1)
    ->Threads(8)
    ->Threads(32)
    ->MinTime(2.0)
    ->UseRealTime();

// The ledger of kReadEvents events the read benchmarks share, written once without syncs.
std::string PopulatedLedger() {
  static const std::string path = [] {
    const std::string dir = FreshDir("ledger-read");
    OpenOptions options;
    options.path = dir;
    options.sync_writes = false;  // setup only: durability is not what is measured here
    auto ledger = Ledger::Open(options);
    Check(ledger.has_value(), "open ledger");
    for (std::uint64_t written = 0; written < kReadEvents;) {
      AppendRequest request;
      request.stream = "stream-" + std::to_string(written % 1000);
      const std::uint64_t count =
          std::min<std::uint64_t>(ctom::eventstore::kAppendEventsMax, kReadEvents - written);
      for (std::uint64_t i = 0; i < count; ++i) request.events.push_back(BenchEvent(written + i));
      Check((*ledger)->Append(std::move(request)).has_value(), "populate");
      written += count;
    }
    return dir;
  }();
  return path;
}

void BM_LedgerReadAll(benchmark::State& state) {
  OpenOptions options;
  options.path = PopulatedLedger();
  auto ledger = Ledger::Open(options);
  Check(ledger.has_value(), "open ledger");
  for (auto _ : state) {
    std::uint64_t read = 0;
    for (;;) {
      auto page = (*ledger)->ReadAll(read + 1, ctom::eventstore::kReadPageEventsMax);
      Check(page.has_value(), "read");
      if (page->empty()) break;
      read += page->size();
      benchmark::DoNotOptimize(page->back().payload.data());
    }
    Check(read == kReadEvents, "read everything");
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kReadEvents));
}
BENCHMARK(BM_LedgerReadAll)->Iterations(3)->Unit(benchmark::kMillisecond)->UseRealTime();

// The floor for a full read: iterating the same events family, touching every key and value,
// with RocksDB's default read options (argument 0) and with the ledger's readahead for long scans
// (argument: readahead bytes).
void BM_RawRocksDbIterate(benchmark::State& state) {
  RawDb raw(PopulatedLedger());
  rocksdb::ReadOptions options;
  options.readahead_size = static_cast<std::size_t>(state.range(0));
  for (auto _ : state) {
    std::unique_ptr<rocksdb::Iterator> it(raw.db().NewIterator(options, raw.events()));
    std::uint64_t read = 0;
    std::size_t bytes = 0;
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      bytes += it->key().size() + it->value().size();
      ++read;
    }
    Check(it->status().ok() && read == kReadEvents, "iterate");
    benchmark::DoNotOptimize(bytes);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kReadEvents));
}
BENCHMARK(BM_RawRocksDbIterate)
    ->Arg(0)
    ->Arg(2 << 20)
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  std::filesystem::remove_all(BenchRoot());
  return 0;
}
