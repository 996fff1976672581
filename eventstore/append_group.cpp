// Grouped appends: the group's limits, and one answer gathered from its members' outcomes.
#include "eventstore/append_group.hpp"

#include <string>
#include <string_view>
#include <unordered_set>

#include "eventstore/append_request.hpp"

namespace ctom::eventstore {
namespace {

Error Invalid(std::string detail) { return Error{ErrorCode::invalid_request, std::move(detail)}; }

}  // namespace

std::optional<Error> ValidateAppendGroup(const std::vector<AppendRequest>& members) {
  if (members.empty()) return Invalid("a group without members");
  if (members.size() > kAppendGroupMembersMax) return Invalid("too many members in a group");
  std::size_t events = 0;
  std::size_t payload_bytes = 0;
  std::unordered_set<std::string_view> keys;
  for (std::size_t i = 0; i < members.size(); ++i) {
    const AppendRequest& member = members[i];
    if (auto invalid = ValidateAppendRequest(member)) {
      invalid->detail = "group member " + std::to_string(i) + ": " + invalid->detail;
      return invalid;
    }
    if (!member.idempotency_key.empty() && !keys.insert(member.idempotency_key).second) {
      return Invalid("group member " + std::to_string(i) +
                     ": idempotency key of an earlier member");
    }
    events += member.events.size();
    payload_bytes += AppendPayloadBytes(member);
  }
  // The group is committed in one batch, so it must fit one.
  if (events > kGroupCommitEventsMax) return Invalid("too many events in a group");
  if (payload_bytes > kGroupCommitBytesMax) return Invalid("payloads of a group too large");
  return std::nullopt;
}

GroupOutcome::GroupOutcome(std::size_t members, AppendGroupCallback on_committed)
    : results_(members), on_committed_(std::move(on_committed)) {}

AppendCallback GroupOutcome::MemberCallback(std::shared_ptr<GroupOutcome> group,
                                            std::size_t index) {
  return [group = std::move(group), index](Result<AppendResult> outcome) {
    group->Take(index, std::move(outcome));
  };
}

void GroupOutcome::Take(std::size_t index, Result<AppendResult> outcome) {
  if (outcome) {
    results_[index] = *outcome;
  } else if (!error_) {
    error_ = std::move(outcome.error());
  }
  if (++taken_ < results_.size()) return;
  if (error_) {
    on_committed_(std::unexpected(std::move(*error_)));
  } else {
    on_committed_(std::move(results_));
  }
}

}  // namespace ctom::eventstore
