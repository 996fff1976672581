// A grouped append's checks, and how its members' outcomes come back to its one callback.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <vector>

#include "eventstore/ledger.hpp"

namespace ctom::eventstore {

// invalid_request naming the first broken rule of the group (Ledger::AppendGroup) or of a member
// (as ValidateAppendRequest checks it, with the member named), or nullopt when it may be queued.
std::optional<Error> ValidateAppendGroup(const std::vector<AppendRequest>& members);

// Gathers what the writer delivers to a grouped append's members, one at a time, and calls the
// group's callback once the last has its outcome: every member's result in order, or the first
// error (the planner and a failed write give every member the same one). Only the writer thread
// delivers, so it needs no lock.
class GroupOutcome {
 public:
  GroupOutcome(std::size_t members, AppendGroupCallback on_committed);

  // The callback of the group's member at index: hands the member's outcome to group.
  static AppendCallback MemberCallback(std::shared_ptr<GroupOutcome> group, std::size_t index);

 private:
  void Take(std::size_t index, Result<AppendResult> outcome);

  std::vector<AppendResult> results_;
  std::optional<Error> error_;
  std::size_t taken_ = 0;
  AppendGroupCallback on_committed_;
};

}  // namespace ctom::eventstore
