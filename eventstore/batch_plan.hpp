// Decides the outcome of every command of one group-commit batch and builds its records.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "eventstore/append_queue.hpp"
#include "eventstore/keys.hpp"
#include "eventstore/ledger.hpp"
#include "eventstore/sha256.hpp"

namespace ctom::eventstore {

// What the planner may look up. Versions come from memory; idempotency keys from the store.
struct PlanContext {
  Head head;                    // the committed head the batch continues from
  std::int64_t recorded_at_us;  // one instant for the whole batch
  std::function<std::uint64_t(std::string_view stream)> committed_version;
  std::function<Result<std::optional<IdempotencyEntry>>(std::string_view key)> find_idempotency;
};

// One record to write. The stream view points into the command's request, which outlives the plan.
struct PlannedRecord {
  std::uint64_t position = 0;
  std::string_view stream;
  std::uint64_t stream_version = 0;
  std::string value;  // the encoded record
};

struct BatchPlan {
  std::vector<Result<AppendResult>> outcomes;  // one per command, in order
  std::vector<PlannedRecord> records;
  std::vector<std::pair<std::string_view, std::uint64_t>> stream_versions;  // after the batch
  std::vector<std::pair<std::string_view, IdempotencyEntry>> idempotency_entries;
  Head head;  // after the batch
};

// Commands are decided in order, each against the committed state plus the commands before it in
// the same batch: their stream versions, their positions, their idempotency keys. A grouped
// append's members (PendingAppend::group_members) are decided the same way, but the first member
// refused refuses every member with its error, and the plan then holds nothing of the group, as
// if it had never been planned: no record, position, hash, stream version or idempotency key.
// Nothing is written; the caller writes the plan as one batch, or fails every command if it
// cannot. REQUIRES: a group's members all in commands, one after another.
BatchPlan PlanBatch(std::span<const std::unique_ptr<PendingAppend>> commands,
                    const PlanContext& context, Sha256Hasher& hasher);

}  // namespace ctom::eventstore
