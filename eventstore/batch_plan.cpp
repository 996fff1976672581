// Group-commit planning: idempotency, expected versions, positions and the hash chain of a batch.
#include "eventstore/batch_plan.hpp"

#include <cstdlib>
#include <unordered_map>

#include "eventstore/record_codec.hpp"

namespace ctom::eventstore {
namespace {

std::optional<Error> CheckExpectedVersion(const AppendRequest& request, std::uint64_t current) {
  const ExpectedVersion& expected = request.expected;
  bool ok = true;
  switch (expected.kind) {
    case ExpectedVersion::Kind::any:
      break;
    case ExpectedVersion::Kind::no_stream:
      ok = current == 0;
      break;
    case ExpectedVersion::Kind::exact:
      ok = current == expected.version;
      break;
  }
  if (ok) return std::nullopt;
  return Error{ErrorCode::version_conflict,
               "stream " + request.stream + " is at version " + std::to_string(current), current};
}

class Planner {
 public:
  Planner(const PlanContext& context, Sha256Hasher& hasher) : context_(context), hasher_(hasher) {
    plan_.head = context.head;
  }

  Result<AppendResult> Decide(const PendingAppend& command) {
    const AppendRequest& request = command.request;
    if (!request.idempotency_key.empty()) {
      auto replay = FindReplay(command);
      if (!replay) return std::unexpected(replay.error());
      if (*replay) return **replay;
    }
    const std::uint64_t current = CurrentVersion(request.stream);
    if (auto conflict = CheckExpectedVersion(request, current)) return std::unexpected(*conflict);
    return Accept(command, current);
  }

  // Decides a grouped append's members: each as Decide does, and all refused with the first
  // refusal's error (naming the member), leaving the plan as it was before the group.
  void DecideGroup(std::span<const std::unique_ptr<PendingAppend>> members) {
    group_ = GroupCheckpoint{plan_.records.size(), plan_.head, {}, {}};
    const std::size_t first_outcome = plan_.outcomes.size();
    std::optional<Error> refused;
    for (std::size_t i = 0; i < members.size() && !refused; ++i) {
      auto outcome = Decide(*members[i]);
      if (!outcome) refused = MemberRefused(i, std::move(outcome.error()));
      plan_.outcomes.push_back(std::move(outcome));
    }
    if (refused) {
      RollBackGroup();
      plan_.outcomes.resize(first_outcome);
      plan_.outcomes.insert(plan_.outcomes.end(), members.size(),
                            Result<AppendResult>(std::unexpected(*refused)));
    }
    group_.reset();
  }

  BatchPlan Finish() && {
    for (const auto& [stream, version] : versions_)
      plan_.stream_versions.emplace_back(stream, version);
    for (const auto& [key, entry] : keys_) plan_.idempotency_entries.emplace_back(key, entry);
    return std::move(plan_);
  }

  BatchPlan& plan() { return plan_; }

 private:
  // The original result when the key was used before with the same digest (earlier in this batch
  // or in the log), idempotency_key_reused with another digest, nullopt for a fresh key.
  Result<std::optional<AppendResult>> FindReplay(const PendingAppend& command) {
    const std::string& key = command.request.idempotency_key;
    std::optional<IdempotencyEntry> entry;
    if (auto in_batch = keys_.find(key); in_batch != keys_.end()) {
      entry = in_batch->second;
    } else {
      auto stored = context_.find_idempotency(key);
      if (!stored) return std::unexpected(stored.error());
      entry = *stored;
    }
    if (!entry) return std::optional<AppendResult>();
    if (entry->request_digest != command.digest) {
      return std::unexpected(Error{ErrorCode::idempotency_key_reused,
                                   "idempotency key was used with another request"});
    }
    AppendResult result = entry->result;
    result.replayed = true;
    return result;
  }

  static Error MemberRefused(std::size_t member, Error error) {
    error.detail = "group member " + std::to_string(member) + ": " + error.detail;
    return error;
  }

  // Puts the plan back as it was before the group: its records, head, and the stream versions
  // and idempotency keys its members set (undone last first, so each gets its value before).
  void RollBackGroup() {
    plan_.records.resize(group_->records);
    plan_.head = group_->head;
    for (auto it = group_->versions_before.rbegin(); it != group_->versions_before.rend(); ++it) {
      if (it->second) {
        versions_.insert_or_assign(it->first, *it->second);
      } else {
        versions_.erase(it->first);
      }
    }
    for (auto it = group_->keys_before.rbegin(); it != group_->keys_before.rend(); ++it) {
      if (it->second) {
        keys_.insert_or_assign(it->first, *it->second);
      } else {
        keys_.erase(it->first);
      }
    }
  }

  // While a group is being decided: what an accepted member is about to overwrite.
  void RememberBeforeGroupMember(const AppendRequest& request) {
    auto version = versions_.find(request.stream);
    group_->versions_before.emplace_back(
        request.stream, version == versions_.end() ? std::nullopt : std::optional(version->second));
    if (request.idempotency_key.empty()) return;
    auto key = keys_.find(request.idempotency_key);
    group_->keys_before.emplace_back(
        request.idempotency_key, key == keys_.end() ? std::nullopt : std::optional(key->second));
  }

  std::uint64_t CurrentVersion(std::string_view stream) const {
    auto in_batch = versions_.find(stream);
    return in_batch != versions_.end() ? in_batch->second : context_.committed_version(stream);
  }

  AppendResult Accept(const PendingAppend& command, std::uint64_t current) {
    const AppendRequest& request = command.request;
    AppendResult result{plan_.head.position + 1, plan_.head.position + request.events.size(),
                        current + request.events.size(), false, context_.recorded_at_us};
    if (group_) RememberBeforeGroupMember(request);
    std::uint64_t version = current;
    for (const NewEvent& event : request.events) {
      PlannedRecord record{plan_.head.position + 1, request.stream, ++version, {}};
      const RecordFields fields{
          .position = record.position,
          .stream = request.stream,
          .stream_version = version,
          .type = event.type,
          .schema_version = event.schema_version,
          .event_id = &event.event_id,
          .occurred_at_us = event.occurred_at_us,
          .recorded_at_us = context_.recorded_at_us,
          .actor_user_id = event.actor.user_id,
          .actor_role = event.actor.role,
          .correlation_id = event.correlation_id,
          .causation_id = event.causation_id,
          .idempotency_key = request.idempotency_key,
          .payload = event.payload,
      };
      Hash hash{};
      record.value = EncodeRecord(fields, plan_.head.hash, hasher_, hash);
      plan_.head = Head{record.position, hash};
      plan_.records.push_back(std::move(record));
    }
    versions_.insert_or_assign(request.stream, version);
    if (!request.idempotency_key.empty()) {
      keys_.insert_or_assign(request.idempotency_key, IdempotencyEntry{command.digest, result});
    }
    return result;
  }

  // Where the plan stood before the group being decided, and what its members changed since.
  struct GroupCheckpoint {
    std::size_t records = 0;
    Head head;
    std::vector<std::pair<std::string_view, std::optional<std::uint64_t>>> versions_before;
    std::vector<std::pair<std::string_view, std::optional<IdempotencyEntry>>> keys_before;
  };

  const PlanContext& context_;
  Sha256Hasher& hasher_;
  BatchPlan plan_;
  // Keyed by views into the commands' requests, which outlive the plan.
  std::unordered_map<std::string_view, std::uint64_t> versions_;
  std::unordered_map<std::string_view, IdempotencyEntry> keys_;
  std::optional<GroupCheckpoint> group_;  // while a group is being decided
};

}  // namespace

BatchPlan PlanBatch(std::span<const std::unique_ptr<PendingAppend>> commands,
                    const PlanContext& context, Sha256Hasher& hasher) {
  Planner planner(context, hasher);
  planner.plan().outcomes.reserve(commands.size());
  for (std::size_t i = 0; i < commands.size();) {
    const std::size_t members = commands[i]->group_members;
    // AppendQueue::TakeBatch takes a group whole; a part of one here is a programmer error.
    if (members > commands.size() - i) std::abort();
    if (members == 0) {
      planner.plan().outcomes.push_back(planner.Decide(*commands[i]));
      ++i;
    } else {
      planner.DecideGroup(commands.subspan(i, members));
      i += members;
    }
  }
  return std::move(planner).Finish();
}

}  // namespace ctom::eventstore
