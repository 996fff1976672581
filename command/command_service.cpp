// Deciding and appending one command at a time, and applying what is durable to the views.
#include "command/command_service.hpp"

#include <algorithm>
#include <future>
#include <span>
#include <unordered_set>

#include "command/event_encoding.hpp"
#include "domain/invariant.hpp"
#include "projections/recorded_event.hpp"

namespace ctom::command {

std::string ResourceIdOf(const domain::Recorded& recorded) {
  const std::string& stream = recorded.stream;
  if (const auto* user = std::get_if<domain::UserCreated>(&recorded.event)) return user->user_id;
  if (const auto* rules = std::get_if<domain::RuleSetPublished>(&recorded.event)) {
    return std::to_string(rules->version);
  }
  if (const auto* assignment = std::get_if<domain::AssignmentDefined>(&recorded.event)) {
    return assignment->assignment_id;
  }
  if (const auto* revoked = std::get_if<domain::UserRevoked>(&recorded.event))
    return revoked->user_id;
  if (const auto* issued = std::get_if<domain::UserTokenIssued>(&recorded.event))
    return issued->user_id;
  if (const auto* feed = std::get_if<domain::FeedIssued>(&recorded.event)) return feed->user_id;
  if (const auto* document = std::get_if<domain::DocumentUploaded>(&recorded.event)) {
    return document->document_id;
  }
  const std::size_t dash = stream.find('-');
  return dash == std::string::npos ? stream : stream.substr(dash + 1);
}

bool CreatedResource(const domain::Recorded& recorded) {
  // As Decide marks its decisions: the first event of a stream, or a user, a rule set or an
  // assignment added to a stream that already exists.
  return recorded.stream_version == 1 ||
         std::holds_alternative<domain::UserCreated>(recorded.event) ||
         std::holds_alternative<domain::UserTokenIssued>(recorded.event) ||
         std::holds_alternative<domain::FeedIssued>(recorded.event) ||
         std::holds_alternative<domain::RuleSetPublished>(recorded.event) ||
         std::holds_alternative<domain::AssignmentDefined>(recorded.event);
}

namespace {

// Gives a command's decided events the positions, versions and instant the ledger recorded them
// with.
void StampAsLanded(const eventstore::AppendResult& appended, std::span<domain::Recorded> events) {
  CTOM_INVARIANT(appended.last_position - appended.first_position + 1 == events.size(),
                 "a command's positions are dense in its batch");
  std::uint64_t version = appended.stream_version - events.size();
  for (std::size_t i = 0; i < events.size(); ++i) {
    events[i].position = appended.first_position + i;
    events[i].stream_version = ++version;
    events[i].recorded_at = appended.recorded_at_us;
  }
}

}  // namespace

CommandService::CommandService(eventstore::Ledger& ledger, projections::LiveViews& views,
                               vault::Vault* vault)
    : ledger_(ledger), views_(views), vault_(vault) {}

domain::Command CommandService::WithKeyedHashes(const domain::Command& command) const {
  domain::Command filled = command;
  const projections::Unsealer& keys = views_.unsealer();
  if (auto* proposed = std::get_if<domain::Event>(&filled.body)) {
    if (auto* application = std::get_if<domain::ApplicationSubmitted>(proposed)) {
      application->email_hash = keys.EmailHash(application->email);
    }
  } else if (auto* correction = std::get_if<domain::CorrectPersonalData>(&filled.body)) {
    correction->correction.email_hash = keys.EmailHash(correction->correction.email);
  }
  return filled;
}

CommandResult CommandService::Replay(const CommandRequest& request) {
  eventstore::AppendRequest probe;
  probe.idempotency_key = request.idempotency_key;
  probe.request_digest = request.request_digest;
  auto found = ledger_.CheckIdempotencyKey(probe);
  if (!found) return std::unexpected(found.error());
  if (!found->has_value()) return CommandOutcome{};  // a new key: the caller goes on
  const eventstore::AppendResult& original = **found;
  auto first = ledger_.ReadAll(original.first_position, 1);
  if (!first) return std::unexpected(first.error());
  if (first->empty()) {
    return std::unexpected(eventstore::Error{eventstore::ErrorCode::corruption, "missing record"});
  }
  auto recorded = projections::ToRecorded(first->front(), views_.unsealer());
  if (!recorded) {
    return std::unexpected(eventstore::Error{eventstore::ErrorCode::corruption, recorded.error()});
  }
  return CommandOutcome{ResourceIdOf(*recorded),    recorded->stream,
                        original.stream_version,    original.last_position,
                        CreatedResource(*recorded), true};
}

void CommandService::Submit(const CommandRequest& request, CommandCallback on_result) {
  std::unique_lock serial(command_mutex_);
  std::optional<CommandResult> ended = DecideAndQueue(request, on_result);
  serial.unlock();
  if (ended) on_result(std::move(*ended));
}

CommandResult CommandService::Settle(CommandResult result) {
  if (!result) return result;
  // The writer applied the command's events before answering it, so this normally reads nothing;
  // after a command whose events the views could not take directly, it reads the log.
  if (views_.Position() >= result->position) return result;
  if (auto folded = views_.CatchUp(); !folded) {
    return std::unexpected(eventstore::Error{eventstore::ErrorCode::corruption, folded.error()});
  }
  return result;
}

CommandResult CommandService::Execute(const CommandRequest& request) {
  std::promise<CommandResult> ended;
  auto result = ended.get_future();
  Submit(request, [&ended](CommandResult r) { ended.set_value(std::move(r)); });
  return Settle(result.get());
}

GroupResult CommandService::ExecuteAll(const std::vector<CommandRequest>& requests) {
  if (requests.empty()) return std::vector<CommandOutcome>{};
  std::unique_lock serial(command_mutex_);
  if (!ResynchroniseIfStale()) {
    return std::unexpected(GroupRefusal{
        std::nullopt,
        eventstore::Error{eventstore::ErrorCode::io_error, "the ledger cannot be read"}});
  }
  CheckInStep();
  if (!requests.back().idempotency_key.empty()) {
    if (auto replayed = ReplayGroup(requests.back(), serial)) return std::move(*replayed);
  }
  auto decisions = DecideAll(requests);
  if (!decisions) return std::unexpected(std::move(decisions.error()));
  std::promise<GroupResult> landed;
  auto answer = landed.get_future();
  if (auto refused = QueueAll(requests, *decisions,
                              [&landed](GroupResult r) { landed.set_value(std::move(r)); })) {
    return std::unexpected(std::move(*refused));
  }
  serial.unlock();
  GroupResult outcomes = answer.get();
  if (!outcomes) return outcomes;
  // The writer applied the whole group to the views at once; its last record is the latest.
  if (CommandResult settled = Settle(outcomes->back()); !settled) {
    return std::unexpected(GroupRefusal{std::nullopt, std::move(settled.error())});
  }
  return outcomes;
}

std::optional<GroupResult> CommandService::ReplayGroup(const CommandRequest& last,
                                                       std::unique_lock<std::mutex>& serial) {
  // A retry: answered as the original group was, once it is durable.
  std::promise<CommandResult> joined_answer;
  CommandCallback joined = [&joined_answer](CommandResult r) {
    joined_answer.set_value(std::move(r));
  };
  std::optional<CommandResult> ended;
  const std::optional<CommandResult> in_flight = JoinKeyInFlight(last, joined);
  if (in_flight && !*in_flight) {
    ended = *in_flight;  // the key came with another request
  } else if (in_flight) {
    if (auto replayed = Replay(last); !replayed || replayed->replayed) ended = std::move(replayed);
  }
  if (!ended && in_flight) return std::nullopt;  // a new key: the group is decided
  serial.unlock();
  CommandResult result = ended ? std::move(*ended) : Settle(joined_answer.get_future().get());
  if (!result) return std::unexpected(GroupRefusal{std::nullopt, std::move(result.error())});
  return std::vector<CommandOutcome>{std::move(*result)};
}

std::vector<CommandResult> CommandService::DecideOnly(const std::vector<CommandRequest>& requests) {
  std::unique_lock serial(command_mutex_);
  if (!ResynchroniseIfStale()) {
    const CommandResult unreadable = std::unexpected(
        eventstore::Error{eventstore::ErrorCode::io_error, "the ledger cannot be read"});
    return std::vector<CommandResult>(requests.size(), unreadable);
  }
  domain::Program scratch = *decisions_;
  serial.unlock();
  std::unordered_map<std::string, std::string> keys_seen;
  std::vector<CommandResult> results;
  results.reserve(requests.size());
  for (const CommandRequest& request : requests) {
    results.push_back(DecideOn(scratch, request, keys_seen));
  }
  return results;
}

CommandResult CommandService::DecideOn(domain::Program& scratch, const CommandRequest& request,
                                       std::unordered_map<std::string, std::string>& keys_seen) {
  const std::string& key = request.idempotency_key;
  if (!key.empty()) {
    if (auto seen = keys_seen.find(key); seen != keys_seen.end()) {
      if (seen->second != request.request_digest) {
        return std::unexpected(eventstore::Error{eventstore::ErrorCode::idempotency_key_reused,
                                                 "the key was used with another request"});
      }
      CommandOutcome replayed;
      replayed.replayed = true;
      return replayed;
    }
    auto replayed = Replay(request);
    if (!replayed || replayed->replayed) return replayed;
  }
  const domain::Decided decided =
      domain::Decide(scratch, WithKeyedHashes(request.command), request.context);
  if (!decided) return std::unexpected(decided.error());
  if (!key.empty()) keys_seen.emplace(key, request.request_digest);
  for (domain::Recorded& recorded :
       RecordsAt(scratch, *decided, request.context, scratch.position, vault_)) {
    domain::Evolve(scratch, recorded);
  }
  return CommandOutcome{
      decided->resource_id, decided->stream,  scratch.StreamVersion(decided->stream),
      scratch.position,     decided->created, false};
}

std::expected<std::vector<domain::Decision>, GroupRefusal> CommandService::DecideAll(
    const std::vector<CommandRequest>& requests) const {
  std::vector<domain::Decision> decisions;
  decisions.reserve(requests.size());
  std::unordered_set<std::string> streams;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    // The commands are independent, so each is decided against the decision state alone, as if
    // it were the only one: no copy of the state holding the ones before it.
    domain::Decided decided =
        domain::Decide(*decisions_, WithKeyedHashes(requests[i].command), requests[i].context);
    if (!decided) return std::unexpected(GroupRefusal{i, std::move(decided.error())});
    CTOM_INVARIANT(!decided->events.empty(), "every command of a group records something");
    if (!streams.insert(decided->stream).second) {
      return std::unexpected(
          GroupRefusal{i, domain::Rejection{domain::RejectionCode::validation,
                                            "names a record an earlier command of the group names",
                                            {},
                                            {}}});
    }
    decisions.push_back(std::move(*decided));
  }
  return decisions;
}

std::optional<GroupRefusal> CommandService::QueueAll(const std::vector<CommandRequest>& requests,
                                                     const std::vector<domain::Decision>& decisions,
                                                     GroupCallback on_landed) {
  std::vector<eventstore::AppendRequest> appends;
  std::vector<CommandOutcome> decided;
  std::vector<domain::Recorded> events;  // every member's, in order
  appends.reserve(decisions.size());
  decided.reserve(decisions.size());
  std::uint64_t position = decisions_->position;
  for (std::size_t i = 0; i < decisions.size(); ++i) {
    const domain::Decision& decision = decisions[i];
    const domain::Context& context = requests[i].context;
    auto encoded = ToAppendRequest(
        decision, Stamp{context.at, context.actor_id, context.actor_role, ""}, vault_);
    if (!encoded) return GroupRefusal{i, encoded.error()};
    appends.push_back(std::move(*encoded));
    decided.push_back(
        CommandOutcome{decision.resource_id, decision.stream, 0, 0, decision.created, false});
    for (domain::Recorded& recorded : RecordsOf(decision, context, position)) {
      events.push_back(std::move(recorded));
    }
    position += decision.events.size();
  }
  appends.back().idempotency_key = requests.back().idempotency_key;
  appends.back().request_digest = requests.back().request_digest;
  const std::string key = appends.back().idempotency_key;
  BeginFlight(key, appends.back().request_digest);
  // The writer gets its own copy of the events, to apply to the views once all are durable.
  auto queued = ledger_.AppendGroupThen(
      std::move(appends),
      [this, decided = std::move(decided), events, key, answer = std::move(on_landed)](
          eventstore::Result<std::vector<eventstore::AppendResult>> appended) mutable {
        LandedGroup(appended, std::move(decided), events, key, answer);
      });
  if (!queued) {
    AbandonFlight(key);
    return GroupRefusal{std::nullopt, std::move(queued.error())};
  }
  FoldDecided(events);
  return std::nullopt;
}

// Decides under the command lock against the decision state (the durable views plus every
// command queued but not yet committed), queues the append, and folds the decided events into the
// decision state before letting the next command in. Nobody waits for the fsync here, so
// concurrent commands share group commits; the views only ever show durable events.
std::optional<CommandResult> CommandService::DecideAndQueue(const CommandRequest& request,
                                                            CommandCallback& on_result) {
  if (!ResynchroniseIfStale()) {
    return std::unexpected(
        eventstore::Error{eventstore::ErrorCode::io_error, "the ledger cannot be read"});
  }
  CheckInStep();
  if (!request.idempotency_key.empty()) {
    auto joined = JoinKeyInFlight(request, on_result);
    if (!joined || !*joined) return joined;  // joined the original in flight, or refused
    auto replayed = Replay(request);
    if (!replayed || replayed->replayed) return replayed;
  }
  const domain::Decided decided =
      domain::Decide(*decisions_, WithKeyedHashes(request.command), request.context);
  if (!decided) return std::unexpected(decided.error());
  const domain::Decision& decision = *decided;
  const std::uint64_t current = decisions_->StreamVersion(decision.stream);
  if (decision.events.empty()) {
    // Nothing new to record (the same document uploaded again): answer with what is there, once
    // it is durable.
    return AfterEarlierCommands(CommandOutcome{decision.resource_id, decision.stream, current,
                                               views_.Position(), false, false},
                                on_result);
  }
  if (request.if_match && current != *request.if_match) {
    return std::unexpected(eventstore::Error{eventstore::ErrorCode::version_conflict,
                                             "the record is at another version", current});
  }
  auto encoded = ToAppendRequest(
      decision, Stamp{request.context.at, request.context.actor_id, request.context.actor_role, ""},
      vault_);
  if (!encoded) return std::unexpected(encoded.error());
  eventstore::AppendRequest append = std::move(*encoded);
  append.idempotency_key = request.idempotency_key;
  append.request_digest = request.request_digest;
  CommandOutcome outcome{decision.resource_id, decision.stream, 0, 0, decision.created, false};
  std::vector<domain::Recorded> events = RecordsOf(decision, request.context, decisions_->position);
  // The writer gets its own copy of the events, to apply to the views once they are durable.
  if (auto refused = Queue(std::move(append), std::move(outcome), events, on_result)) {
    return refused;
  }
  FoldDecided(events);
  return std::nullopt;
}

std::optional<CommandResult> CommandService::Queue(eventstore::AppendRequest append,
                                                   CommandOutcome decided,
                                                   std::vector<domain::Recorded> events,
                                                   CommandCallback& on_result) {
  const std::string key = append.idempotency_key;
  BeginFlight(key, append.request_digest);
  // The ledger takes the answer's callback only when it queues the append: keep it reachable,
  // so that a refusal is answered by Submit, after the command lock is released.
  auto answer = std::make_shared<CommandCallback>(std::move(on_result));
  auto queued = ledger_.AppendThen(
      std::move(append), [this, decided = std::move(decided), events = std::move(events), key,
                          answer](eventstore::Result<eventstore::AppendResult> appended) mutable {
        Landed(appended, std::move(decided), events, key, *answer);
      });
  if (queued) return std::nullopt;
  AbandonFlight(key);
  on_result = std::move(*answer);
  return std::unexpected(queued.error());
}

void CommandService::BeginFlight(const std::string& key, const std::string& request_digest) {
  {
    std::lock_guard settle(settle_mutex_);
    ++queued_;
  }
  if (!key.empty()) {
    std::lock_guard keys(keys_mutex_);
    keys_in_flight_[key] = KeyInFlight{request_digest, {}};
  }
}

void CommandService::AbandonFlight(const std::string& key) {
  if (!key.empty()) LandKey(key);
  // Not queued after all: as if never counted. No one can have counted anything since, as that
  // takes the command lock.
  std::lock_guard settle(settle_mutex_);
  --queued_;
  all_settled_.notify_all();
}

void CommandService::Landed(const eventstore::Result<eventstore::AppendResult>& appended,
                            CommandOutcome decided, std::vector<domain::Recorded>& events,
                            const std::string& key, CommandCallback& answer) {
  // A refused or replayed append did not write what the decision state holds; events the views
  // could not take leave the views behind it until a catch-up.
  const bool written = appended && !appended->replayed;
  const bool applied = written && ApplyToViews(*appended, events);
  Settled(/*decision_state_stale=*/!applied);
  std::vector<CommandCallback> retries =
      key.empty() ? std::vector<CommandCallback>{} : LandKey(key);
  if (appended) {
    decided.version = appended->stream_version;
    decided.position = appended->last_position;
    decided.replayed = appended->replayed;
  }
  CommandResult result =
      appended ? CommandResult(std::move(decided)) : std::unexpected(appended.error());
  for (CommandCallback& retry : retries) {
    CommandResult replay = result;
    if (replay) replay->replayed = true;
    retry(std::move(replay));
  }
  answer(std::move(result));
}

void CommandService::LandedGroup(
    const eventstore::Result<std::vector<eventstore::AppendResult>>& appended,
    std::vector<CommandOutcome> decided, std::vector<domain::Recorded>& events,
    const std::string& key, GroupCallback& answer) {
  // The views take the group's events together, and only when the ledger wrote every member: a
  // refused group, or a member replayed rather than written, leaves the decision state stale.
  const bool written = appended && std::ranges::none_of(*appended, [](const auto& member) {
                         return member.replayed;
                       });
  const bool applied = written && ApplyGroupToViews(*appended, events);
  Settled(/*decision_state_stale=*/!applied);
  std::vector<CommandCallback> retries =
      key.empty() ? std::vector<CommandCallback>{} : LandKey(key);
  if (!appended) {
    for (CommandCallback& retry : retries) retry(std::unexpected(appended.error()));
    answer(std::unexpected(GroupRefusal{std::nullopt, appended.error()}));
    return;
  }
  for (std::size_t i = 0; i < decided.size(); ++i) {
    decided[i].version = (*appended)[i].stream_version;
    decided[i].position = (*appended)[i].last_position;
    decided[i].replayed = (*appended)[i].replayed;
  }
  // Retries joined the key, which the last member carries: they get its outcome.
  for (CommandCallback& retry : retries) {
    CommandOutcome replay = decided.back();
    replay.replayed = true;
    retry(std::move(replay));
  }
  answer(std::move(decided));
}

std::optional<CommandResult> CommandService::JoinKeyInFlight(const CommandRequest& request,
                                                             CommandCallback& on_result) {
  std::lock_guard keys(keys_mutex_);
  auto in_flight = keys_in_flight_.find(request.idempotency_key);
  if (in_flight == keys_in_flight_.end()) return CommandOutcome{};
  if (in_flight->second.request_digest != request.request_digest) {
    return std::unexpected(eventstore::Error{eventstore::ErrorCode::idempotency_key_reused,
                                             "the key was used with another request"});
  }
  in_flight->second.retries.push_back(std::move(on_result));
  return std::nullopt;
}

std::vector<CommandCallback> CommandService::LandKey(const std::string& key) {
  std::lock_guard keys(keys_mutex_);
  auto in_flight = keys_in_flight_.find(key);
  if (in_flight == keys_in_flight_.end()) return {};
  std::vector<CommandCallback> retries = std::move(in_flight->second.retries);
  keys_in_flight_.erase(in_flight);
  return retries;
}

void CommandService::Settled(bool decision_state_stale) {
  std::vector<Waiting> ready;
  {
    std::lock_guard settle(settle_mutex_);
    ++settled_;
    if (decision_state_stale) stale_ = true;
    all_settled_.notify_all();
    std::erase_if(waiting_, [this, &ready](Waiting& waiting) {
      if (waiting.queued_before > settled_) return false;
      ready.push_back(std::move(waiting));
      return true;
    });
  }
  for (Waiting& waiting : ready) waiting.answer();
}

std::optional<CommandResult> CommandService::AfterEarlierCommands(CommandOutcome outcome,
                                                                  CommandCallback& on_result) {
  std::lock_guard settle(settle_mutex_);
  if (settled_ >= queued_) return Durable(std::move(outcome));
  waiting_.push_back(Waiting{
      queued_, [this, outcome = std::move(outcome), on_result = std::move(on_result)]() mutable {
        on_result(Durable(std::move(outcome)));
      }});
  return std::nullopt;
}

CommandResult CommandService::Durable(CommandOutcome outcome) const {
  // An earlier command that was to write the record may have been refused by the ledger.
  if (ledger_.StreamVersion(outcome.stream) >= outcome.version) return outcome;
  return std::unexpected(eventstore::Error{eventstore::ErrorCode::io_error,
                                           "the record was not written; retry the request"});
}

std::vector<domain::Recorded> CommandService::RecordsOf(const domain::Decision& decision,
                                                        const domain::Context& context,
                                                        std::uint64_t after_position) const {
  return RecordsAt(*decisions_, decision, context, after_position, vault_);
}

std::vector<domain::Recorded> RecordsAt(const domain::Program& state,
                                        const domain::Decision& decision,
                                        const domain::Context& context,
                                        std::uint64_t after_position, const vault::Vault* vault) {
  std::vector<domain::Recorded> events;
  events.reserve(decision.events.size());
  std::uint64_t position = after_position;
  std::uint64_t version = state.StreamVersion(decision.stream);
  for (const domain::Event& event : decision.events) {
    domain::Recorded recorded;
    recorded.position = ++position;
    recorded.stream = decision.stream;
    recorded.stream_version = ++version;
    recorded.occurred_at = context.at;
    recorded.recorded_at = context.at;
    recorded.actor_id = context.actor_id;
    recorded.actor_role = context.actor_role;
    recorded.personal_data = StoredPersonalData(decision.stream, event, vault);
    recorded.event = event;
    events.push_back(std::move(recorded));
  }
  return events;
}

void CommandService::FoldDecided(const std::vector<domain::Recorded>& events) {
  for (const domain::Recorded& recorded : events) domain::Evolve(*decisions_, recorded);
}

bool CommandService::ApplyToViews(const eventstore::AppendResult& appended,
                                  std::vector<domain::Recorded>& events) {
  StampAsLanded(appended, events);
  return views_.ApplyCommitted(events);
}

bool CommandService::ApplyGroupToViews(const std::vector<eventstore::AppendResult>& appended,
                                       std::vector<domain::Recorded>& events) {
  std::size_t next = 0;
  for (const eventstore::AppendResult& member : appended) {
    const std::size_t count = member.last_position - member.first_position + 1;
    CTOM_INVARIANT(count <= events.size() - next, "a group's members landed as decided");
    StampAsLanded(member, std::span(events).subspan(next, count));
    next += count;
  }
  CTOM_INVARIANT(next == events.size(), "a group's members landed as decided");
  // One call: readers see the whole group or none of it.
  return views_.ApplyCommitted(events);
}

void CommandService::CheckInStep() {
  std::lock_guard settle(settle_mutex_);
  if (settled_ != queued_ || stale_) return;
  CTOM_INVARIANT(decisions_->position == views_.Position(),
                 "with no command in flight the decision state and the views are at one position");
}

bool CommandService::ResynchroniseIfStale() {
  std::unique_lock settle(settle_mutex_);
  if (decisions_ != nullptr && !stale_) return true;
  // Wait for every queued command to settle (the command lock keeps new ones out), then start again
  // from what is durable.
  all_settled_.wait(settle, [this] { return settled_ == queued_; });
  settle.unlock();
  if (auto folded = views_.CatchUp(); !folded) return false;
  decisions_ = std::make_unique<domain::Program>(
      views_.Read([](const domain::Program& program) { return program; }));
  settle.lock();
  stale_ = false;
  return true;
}

}  // namespace ctom::command
