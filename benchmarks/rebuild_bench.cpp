// Rebuild of a generated ledger (a realistic mix over many cohorts, decided by the domain) against
// raw RocksDB iteration of the same records, in one run on the same disk.
//   build/release/benchmarks/rebuild_bench [--events=N] [benchmark flags]   (N default 1,000,000)
#include <benchmark/benchmark.h>
#include <rocksdb/db.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "eventstore/keys.hpp"
#include "eventstore/ledger.hpp"
#include "projections/live_views.hpp"
#include "tests/support/history_append.hpp"
#include "tests/support/program_history.hpp"

namespace {

using namespace ctom;

std::uint64_t g_events_wanted = 1'000'000;

struct GeneratedLedger {
  testing::ScratchFolder folder;
  std::string path;
  std::unique_ptr<eventstore::Ledger> ledger;
};

void AppendOne(eventstore::Ledger& ledger, const domain::Recorded& recorded) {
  if (!ledger.Append(testing::AppendRequestOf(recorded))) std::abort();
}

// The generated ledger, written once per run without fsync (setup, not measured).
GeneratedLedger& Generated() {
  static GeneratedLedger* generated = [] {
    auto* g = new GeneratedLedger;
    g->path = g->folder.path() + "/data";
    eventstore::OpenOptions options;
    options.path = g->path;
    options.sync_writes = false;
    g->ledger = std::move(*eventstore::Ledger::Open(options));
    testing::HistoryBuilder builder;
    builder.SetSink([&](const domain::Recorded& r) { AppendOne(*g->ledger, r); }, false);
    testing::GenerateHistory(builder, g_events_wanted);
    std::fprintf(stderr, "generated %llu events\n",
                 static_cast<unsigned long long>(g->ledger->GetHead().position));
    return g;
  }();
  return *generated;
}

long PeakResidentKilobytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

// The ceiling: iterate the events column family of the same data with RocksDB alone.
void BM_RawRocksDbIteration(benchmark::State& state) {
  GeneratedLedger& g = Generated();
  rocksdb::DBOptions db_options;
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (std::string_view name :
       {std::string_view(rocksdb::kDefaultColumnFamilyName), eventstore::kEventsFamily,
        eventstore::kStreamsFamily, eventstore::kIdempotencyFamily, eventstore::kHeadFamily}) {
    families.emplace_back(std::string(name), rocksdb::ColumnFamilyOptions());
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  const std::string secondary = g.folder.path() + "/raw-secondary";
  if (!rocksdb::DB::OpenAsSecondary(db_options, g.path, secondary, families, &handles, &raw).ok()) {
    state.SkipWithError("cannot open the ledger's RocksDB");
    return;
  }
  std::uint64_t events = 0;
  for (auto _ : state) {
    std::unique_ptr<rocksdb::Iterator> it(raw->NewIterator(rocksdb::ReadOptions(), handles[1]));
    std::size_t bytes = 0;
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      bytes += it->value().size();
      ++events;
    }
    benchmark::DoNotOptimize(bytes);
  }
  state.counters["events_per_second"] =
      benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
  for (auto* handle : handles) raw->DestroyColumnFamilyHandle(handle);
  delete raw;
}

// A rebuild of every view from the log: read, decode, fold.
void BM_RebuildViews(benchmark::State& state) {
  GeneratedLedger& g = Generated();
  std::uint64_t events = 0;
  for (auto _ : state) {
    projections::LiveViews views(*g.ledger, projections::Unsealer::NoKeys());
    auto report = views.Rebuild();
    if (!report) {
      state.SkipWithError(report.error().c_str());
      return;
    }
    events += report->events;
  }
  state.counters["events_per_second"] =
      benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
  state.counters["peak_rss_mib"] = static_cast<double>(PeakResidentKilobytes()) / 1024.0;
}

BENCHMARK(BM_RawRocksDbIteration)->Unit(benchmark::kMillisecond)->MinTime(2.0)->UseRealTime();
BENCHMARK(BM_RebuildViews)->Unit(benchmark::kMillisecond)->MinTime(2.0)->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--events=", 9) == 0)
      g_events_wanted = std::strtoull(argv[i] + 9, nullptr, 10);
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
