// The chain verifier: reads the log in pages and stops at the first bad record.
#include "eventstore/verify.hpp"

#include <algorithm>
#include <string>

#include "eventstore/record_codec.hpp"

namespace ctom::eventstore {
namespace {

// A page per iterator, so a long verification does not pin old table files and memtables.
constexpr std::uint64_t kVerifyPageEventsMax = kReadPageEventsMax;

// Walks records in order, remembering the last good one.
class ChainChecker {
 public:
  bool Visit(std::string_view key, std::string_view value) {
    const std::uint64_t expected = report_.position + 1;
    auto position = PositionFromEventKey(key);
    if (!position || *position != expected) return Fail("record missing (gap in positions)");
    auto record = DecodeRecord(value);
    if (!record) return Fail("record does not decode");
    if (record->position != expected) return Fail("record names another position");
    if (record->previous_hash != report_.hash) return Fail("previous_hash breaks the chain");
    if (RecordHash(*record) != record->hash) return Fail("hash does not recompute");
    report_.position = expected;
    report_.hash = record->hash;
    return true;
  }

  bool Fail(std::string detail) {
    report_.ok = false;
    report_.first_bad_position = report_.position + 1;
    report_.detail = std::move(detail);
    return false;
  }

  const VerifyReport& report() const { return report_; }

 private:
  VerifyReport report_;  // ok, with position and hash of the last good record
};

}  // namespace

Result<VerifyReport> VerifyChain(const RocksStore& store, const Head& head,
                                 std::uint64_t to_position) {
  const std::uint64_t target =
      to_position == 0 ? head.position : std::min(to_position, head.position);
  ChainChecker checker;
  while (checker.report().ok && checker.report().position < target) {
    const std::uint64_t from = checker.report().position + 1;
    const std::uint64_t to = std::min(target, from + kVerifyPageEventsMax - 1);
    auto scanned =
        store.ScanEvents(from, to, [&checker](std::string_view key, std::string_view value) {
          return checker.Visit(key, value);
        });
    if (!scanned) return std::unexpected(scanned.error());
    // Records missing at the end of a page leave the checker short of it.
    if (checker.report().ok && checker.report().position < to) {
      checker.Fail("record missing (gap in positions)");
    }
  }
  VerifyReport report = checker.report();
  if (report.ok && target == head.position && report.hash != head.hash) {
    report.ok = false;
    report.first_bad_position = head.position;
    report.detail = "the stored head's hash is not the last record's";
  }
  return report;
}

}  // namespace ctom::eventstore
