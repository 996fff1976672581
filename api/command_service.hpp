// The command path shared by every write endpoint and by `ctom import`: decide against the live
// views, append to the ledger (idempotently, conditionally), fold the new events, answer.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <expected>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "api/http_message.hpp"
#include "domain/decide.hpp"
#include "eventstore/ledger.hpp"
#include "projections/live_views.hpp"

namespace ctom::api {

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

// Thread-safe. Commands are decided one at a time against a decision state that already holds
// every earlier command's events, committed or still queued (the rules that span records, such
// as capacity and duplicate applications, need that), while the fsyncs of concurrent commands
// share the ledger's group commits. Reads go to the live views, which hold durable events only.
class CommandService {
 public:
  CommandService(eventstore::Ledger& ledger, projections::LiveViews& views);

  // The outcome, or the problem response to send (4xx for refusals, 503 for disk faults).
  std::expected<CommandOutcome, HttpResponse> Execute(const CommandRequest& request);

  // The standard answer to a successful command: {id, stream, version, position} with an ETag.
  static HttpResponse Answer(const CommandOutcome& outcome);

 private:
  std::expected<CommandOutcome, HttpResponse> Replay(const CommandRequest& request);
  // Folds a decision's events into the decision state. REQUIRES: command_mutex_ held.
  void FoldDecided(const domain::Decision& decision, const domain::Context& context);
  // Rebuilds the decision state from the durable views when it may hold events the ledger
  // refused; false when the ledger cannot be read. REQUIRES: command_mutex_ held by serial.
  bool ResynchroniseIfStale(std::unique_lock<std::mutex>& serial);

  eventstore::Ledger& ledger_;
  projections::LiveViews& views_;
  std::mutex command_mutex_;
  std::condition_variable settled_;
  std::unique_ptr<domain::Program> decisions_;  // null until the first command
  std::size_t in_flight_ = 0;                   // commands queued whose append has not settled
  bool stale_ = false;
};

// Maps a domain rejection to its answer: validation 400, not_found 404, already_exists 409,
// everything else 422 with the rule's code (and unmet list).
HttpResponse RejectionProblem(const domain::Rejection& rejection);

// The id a command's answer names, recovered from its first recorded event (idempotent replays).
std::string ResourceIdOf(const domain::Recorded& recorded);

// Whether the command that recorded this (first) event created a resource, answered 201
// (idempotent replays answer as the original did).
bool CreatedResource(const domain::Recorded& recorded);

}  // namespace ctom::api
