// The write side, shared by every write endpoint and by `ctom import`: decide against the decision
// state, append to the ledger (idempotently, conditionally), and once the ledger says the events
// are durable, apply them to the live views as decided (no read back), then answer.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <expected>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "domain/decide.hpp"
#include "eventstore/ledger.hpp"
#include "projections/live_views.hpp"

namespace ctom::vault {
class Vault;
}

namespace ctom::command {

struct CommandRequest {
  domain::Command command;
  domain::Context context;                // context.at is occurred_at (now, or backdated by staff)
  std::string idempotency_key;            // empty: none
  std::string request_digest;             // what makes a retry "the same request"
  std::optional<std::uint64_t> if_match;  // the stream version the caller expects
};

struct CommandOutcome {
  std::string id;
  std::string stream;
  std::uint64_t version = 0;
  std::uint64_t position = 0;
  bool created = false;
  bool replayed = false;
};

// Why a command was not recorded: the domain refused it (a rule, a malformed or unknown record),
// or the ledger did (version_conflict for an If-Match that does not hold, idempotency_key_reused,
// and the disk faults and shutdown, which a client may retry).
using CommandError = std::variant<domain::Rejection, eventstore::Error>;

// What a command comes to: its outcome, or why it was not recorded.
using CommandResult = std::expected<CommandOutcome, CommandError>;
// Called once with a command's result (CommandService::Submit).
using CommandCallback = std::move_only_function<void(CommandResult)>;

// Why a group of commands (CommandService::ExecuteAll) recorded nothing: the command that was
// refused (its index in the group), or none for a refusal of the whole group (its
// Idempotency-Key used with another request, a ledger that cannot be read, or that refused or
// failed the grouped append).
struct GroupRefusal {
  std::optional<std::size_t> index;
  CommandError error;
};
// Each command's outcome in order, or why none was recorded. A replayed group answers with one
// outcome, the last command's, as first recorded.
using GroupResult = std::expected<std::vector<CommandOutcome>, GroupRefusal>;
// Called once with a queued group's result (CommandService::ExecuteAll).
using GroupCallback = std::move_only_function<void(GroupResult)>;

// Thread-safe. Commands are decided one at a time against a decision state that already holds
// every earlier command's events, committed or still queued (the rules that span records, such
// as capacity and duplicate applications, need that), while the fsyncs of concurrent commands
// share the ledger's group commits. Reads go to the live views, which hold durable events only:
// the ledger's writer applies each command's decided events to them once they are synced, before
// the command is answered, so a client reads its own writes.
class CommandService {
 public:
  // With a vault, personal fields are sealed under their person's key (docs/privacy.md) and the
  // duplicate-application rule compares the vault's keyed e-mail hashes; without one (tests of
  // other things), events are stored in clear.
  CommandService(eventstore::Ledger& ledger, projections::LiveViews& views,
                 vault::Vault* vault = nullptr);

  // Decides the command and queues its append, without waiting for the fsync. Calls on_result
  // exactly once: on this thread when the command ends here (refused, replayed, nothing to
  // record), otherwise on the ledger writer's thread once its events are synced. So on_result must
  // be quick and must not wait for an append: it hands the answer on (Reply::SendFrom), and the
  // answer calls Settle before it reads the views.
  void Submit(const CommandRequest& request, CommandCallback on_result);

  // Makes sure the live views show the command, so the answer and every read after it do: they
  // normally do already (the writer applied its events); when they could not be applied directly,
  // catches the views up from the log. Passes result through, or a corruption error when the
  // views cannot be brought up.
  CommandResult Settle(CommandResult result);

  // Submit, wait, Settle: the whole command on the caller's thread.
  CommandResult Execute(const CommandRequest& request);

  // Several commands as one, all or nothing (a room's attendance). REQUIRES: the commands are
  // independent: each records at least one event, on its own stream, and none is decided on what
  // another records (a room's attendance: one row per candidate). So each is decided against the
  // decision state alone, with no copy of it; the first refusal refuses the group and nothing is
  // queued (two commands on one stream are refused as validation). Otherwise the group is queued
  // as one grouped append (Ledger::AppendGroupThen), which the ledger commits in one batch or not
  // at all, and this waits until it is durable and in the views, which take the whole group at
  // once. Only the last request's Idempotency-Key counts (it is checked before anything is
  // decided, and carried by the last member, so a retry is answered once the whole group is
  // durable). If-Match is the caller's to refuse. A ledger that refuses or fails the group (a
  // disk fault, a shutdown) records none of it; its error is returned for the whole group.
  GroupResult ExecuteAll(const std::vector<CommandRequest>& requests);

  // What Submit would answer for each command in turn, appending nothing (a dry run): each is
  // decided against a private copy of the decision state that holds the commands before it, as
  // a what-if does. A command whose Idempotency-Key the ledger holds, or an earlier command of
  // the list carried, is a replay (outcome.replayed; another request with the key is refused as
  // Submit refuses it). An accepted command's version and position are where it would land if
  // nothing else were recorded meanwhile. Holds the command lock only to copy the state.
  std::vector<CommandResult> DecideOnly(const std::vector<CommandRequest>& requests);

 private:
  CommandResult Replay(const CommandRequest& request);
  // A retry of a keyed group: the original's answer, or the refusal of the key; nullopt when the
  // key is new and the group is to be decided. Unlocks serial when it answers.
  // REQUIRES: command_mutex_ held by serial.
  std::optional<GroupResult> ReplayGroup(const CommandRequest& last,
                                         std::unique_lock<std::mutex>& serial);
  // ExecuteAll's decisions, each against the decision state alone. REQUIRES: command_mutex_ held.
  std::expected<std::vector<domain::Decision>, GroupRefusal> DecideAll(
      const std::vector<CommandRequest>& requests) const;
  // Queues ExecuteAll's decided commands as one grouped append, whose result goes to on_landed,
  // and folds them into the decision state; the refusal when the ledger does not take the group
  // (on_landed is then never called). REQUIRES: command_mutex_ held.
  std::optional<GroupRefusal> QueueAll(const std::vector<CommandRequest>& requests,
                                       const std::vector<domain::Decision>& decisions,
                                       GroupCallback on_landed);
  // Decides and queues: a result when the command ends at once, nullopt when its append was
  // queued (on_result then travels with it). REQUIRES: command_mutex_ held.
  std::optional<CommandResult> DecideAndQueue(const CommandRequest& request,
                                              CommandCallback& on_result);
  // Counts the append as queued and hands it to the ledger, which answers on_result through
  // Landed; the refusal when the ledger does not take it. REQUIRES: command_mutex_ held.
  std::optional<CommandResult> Queue(eventstore::AppendRequest append, CommandOutcome decided,
                                     std::vector<domain::Recorded> events,
                                     CommandCallback& on_result);
  // Counts an append (a command or a group) as queued, and its key as in flight, before the
  // ledger is given it; AbandonFlight undoes both when the ledger refuses it.
  // REQUIRES: command_mutex_ held.
  void BeginFlight(const std::string& key, const std::string& request_digest);
  void AbandonFlight(const std::string& key);
  // The ledger's answer to a queued command (on its writer's thread): its events applied to the
  // views, then decided completed with where it landed, to answer, and as a replay to the retries
  // that joined its key.
  void Landed(const eventstore::Result<eventstore::AppendResult>& appended, CommandOutcome decided,
              std::vector<domain::Recorded>& events, const std::string& key,
              CommandCallback& answer);
  // The ledger's answer to a queued group (on its writer's thread), as Landed for a command: the
  // group's events applied to the views together once every member is durable, then the group
  // answered, and the retries that joined its key given the last member's outcome.
  void LandedGroup(const eventstore::Result<std::vector<eventstore::AppendResult>>& appended,
                   std::vector<CommandOutcome> decided, std::vector<domain::Recorded>& events,
                   const std::string& key, GroupCallback& answer);
  // Applies a durable command's decided events to the live views with the positions, versions
  // and instant the ledger gave them; false when the views could not take them directly.
  bool ApplyToViews(const eventstore::AppendResult& appended,
                    std::vector<domain::Recorded>& events);
  // ApplyToViews for a group: every member's events (in order in events), in one call.
  bool ApplyGroupToViews(const std::vector<eventstore::AppendResult>& appended,
                         std::vector<domain::Recorded>& events);
  // A retry of a keyed command still in flight: nullopt once on_result is taken to be answered
  // with the original's outcome, 422 when the key came with another request. Returns
  // CommandOutcome{} (not replayed) when the key is not in flight. REQUIRES: command_mutex_ held.
  std::optional<CommandResult> JoinKeyInFlight(const CommandRequest& request,
                                               CommandCallback& on_result);
  // Ends a key's flight: the retries that joined it, to be answered with its outcome.
  std::vector<CommandCallback> LandKey(const std::string& key);
  // A queued command has been answered by the ledger (on its writer's thread).
  // decision_state_stale: the decision state holds events the ledger did not write.
  void Settled(bool decision_state_stale);
  // The answer of a command that records nothing: at once when every command queued before it is
  // settled, else (nullopt) from the writer's thread once they are. REQUIRES: command_mutex_ held.
  std::optional<CommandResult> AfterEarlierCommands(CommandOutcome outcome,
                                                    CommandCallback& on_result);
  // The outcome if the record it names is durable, else a 503 to retry.
  CommandResult Durable(CommandOutcome outcome) const;
  // A decision's events as records of the decision state, at provisional positions after
  // after_position (decisions never read positions; the views get the real ones from the
  // ledger). REQUIRES: command_mutex_.
  std::vector<domain::Recorded> RecordsOf(const domain::Decision& decision,
                                          const domain::Context& context,
                                          std::uint64_t after_position) const;
  // One command of DecideOnly against its copy of the state; keys_seen holds the keys (with
  // their request digests) of the commands before it.
  CommandResult DecideOn(domain::Program& scratch, const CommandRequest& request,
                         std::unordered_map<std::string, std::string>& keys_seen);
  // Folds records into the decision state. REQUIRES: command_mutex_ held.
  void FoldDecided(const std::vector<domain::Recorded>& events);
  // With no command in flight, the decision state and the views are at the same position.
  // REQUIRES: command_mutex_ held.
  void CheckInStep();
  // Rebuilds the decision state from the durable views when it may hold events the ledger
  // refused; false when the ledger cannot be read. REQUIRES: command_mutex_ held.
  bool ResynchroniseIfStale();

  // The command with what the domain compares but nobody sends filled in (e-mail hashes).
  domain::Command WithKeyedHashes(const domain::Command& command) const;

  eventstore::Ledger& ledger_;
  projections::LiveViews& views_;
  vault::Vault* vault_;
  std::mutex command_mutex_;  // one decision at a time; never held while waiting for the writer
  std::unique_ptr<domain::Program> decisions_;  // null until the first command
  // Bookkeeping the writer's thread updates. Taken after command_mutex_, never before it.
  std::mutex settle_mutex_;
  std::condition_variable all_settled_;
  std::uint64_t queued_ = 0;   // commands handed to the ledger
  std::uint64_t settled_ = 0;  // of those, answered by the ledger (in the order queued)
  bool stale_ = false;
  // Answers of commands that recorded nothing, each waiting until every command queued before it
  // is settled: such an answer names what those commands write.
  struct Waiting {
    std::uint64_t queued_before = 0;
    std::move_only_function<void()> answer;
  };
  std::vector<Waiting> waiting_;
  // Commands with an Idempotency-Key queued and not yet answered by the ledger. A retry with the
  // same key arriving meanwhile is not decided again (it would be refused as a duplicate, or
  // append twice): it waits for the original's answer and gets it as a replay. Under
  // keys_mutex_, taken after command_mutex_ and alone on the writer's thread.
  struct KeyInFlight {
    std::string request_digest;
    std::vector<CommandCallback> retries;
  };
  std::mutex keys_mutex_;
  std::unordered_map<std::string, KeyInFlight> keys_in_flight_;
};

// A decision's events as records following after_position in state, at provisional positions
// (decisions never read positions; the views get the real ones from the ledger), their personal
// data marked as ToAppendRequest stores it with vault.
std::vector<domain::Recorded> RecordsAt(const domain::Program& state,
                                        const domain::Decision& decision,
                                        const domain::Context& context,
                                        std::uint64_t after_position, const vault::Vault* vault);

// The id a command's answer names, recovered from its first recorded event (idempotent replays).
std::string ResourceIdOf(const domain::Recorded& recorded);

// Whether the command that recorded this (first) event created a resource, answered 201
// (idempotent replays answer as the original did).
bool CreatedResource(const domain::Recorded& recorded);

}  // namespace ctom::command
