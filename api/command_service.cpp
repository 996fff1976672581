// Deciding, appending and folding one command at a time.
#include "api/command_service.hpp"

#include <boost/json/object.hpp>

#include "api/json_text.hpp"
#include "api/problem.hpp"
#include "projections/recorded_event.hpp"

namespace ctom::api {

HttpResponse RejectionProblem(const domain::Rejection& rejection) {
  Problem problem;
  problem.code = rejection.code;
  problem.detail = rejection.detail;
  problem.unmet = rejection.unmet;
  if (rejection.code == "validation") {
    problem.status = 400;
    problem.errors.push_back(FieldError{"body", rejection.detail});
  } else if (rejection.code == "not_found") {
    problem.status = 404;
  } else if (rejection.code == "already_exists") {
    problem.status = 409;
  } else {
    problem.status = 422;
  }
  return ProblemResponse(problem);
}

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
         std::holds_alternative<domain::RuleSetPublished>(recorded.event) ||
         std::holds_alternative<domain::AssignmentDefined>(recorded.event);
}

CommandService::CommandService(eventstore::Ledger& ledger, projections::LiveViews& views)
    : ledger_(ledger), views_(views) {}

HttpResponse CommandService::Answer(const CommandOutcome& outcome) {
  boost::json::object body{{"id", outcome.id},
                           {"stream", outcome.stream},
                           {"version", outcome.version},
                           {"position", outcome.position}};
  HttpResponse response{outcome.created ? 201 : 200, "application/json", JsonText(body), {}};
  response.headers.emplace_back("ETag", "\"" + std::to_string(outcome.version) + "\"");
  return response;
}

std::expected<CommandOutcome, HttpResponse> CommandService::Replay(const CommandRequest& request) {
  eventstore::AppendRequest probe;
  probe.idempotency_key = request.idempotency_key;
  probe.request_digest = request.request_digest;
  auto found = ledger_.CheckIdempotencyKey(probe);
  if (!found) return std::unexpected(LedgerProblem(found.error()));
  if (!found->has_value()) return CommandOutcome{};  // a new key: the caller goes on
  const eventstore::AppendResult& original = **found;
  auto first = ledger_.ReadAll(original.first_position, 1);
  if (!first) return std::unexpected(LedgerProblem(first.error()));
  if (first->empty()) {
    return std::unexpected(LedgerProblem({eventstore::ErrorCode::corruption, "missing record", 0}));
  }
  auto recorded = projections::ToRecorded(first->front());
  if (!recorded) {
    return std::unexpected(LedgerProblem({eventstore::ErrorCode::corruption, recorded.error(), 0}));
  }
  return CommandOutcome{ResourceIdOf(*recorded),    recorded->stream,
                        original.stream_version,    original.last_position,
                        CreatedResource(*recorded), true};
}

// Decides under the command lock against the decision state (the durable views plus every
// command queued but not yet committed), queues the append, and folds the decided events into the
// decision state before letting the next command in. The lock is not held across the fsync, so
// concurrent commands share group commits; the views only ever show durable events.
std::expected<CommandOutcome, HttpResponse> CommandService::Execute(const CommandRequest& request) {
  std::unique_lock serial(command_mutex_);
  if (!ResynchroniseIfStale(serial)) {
    return std::unexpected(
        LedgerProblem({eventstore::ErrorCode::io_error, "the ledger cannot be read", 0}));
  }
  if (!request.idempotency_key.empty()) {
    auto replayed = Replay(request);
    if (!replayed || replayed->replayed) return replayed;
  }
  const domain::Decided decided = domain::Decide(*decisions_, request.command, request.context);
  if (!decided) return std::unexpected(RejectionProblem(decided.error()));
  const domain::Decision& decision = *decided;
  if (decision.events.empty()) {
    // Nothing new to record (the same document uploaded again): answer with what is there.
    return CommandOutcome{
        decision.resource_id, decision.stream, decisions_->StreamVersion(decision.stream),
        views_.Position(),    false,           false};
  }
  if (request.if_match) {
    const std::uint64_t current = decisions_->StreamVersion(decision.stream);
    if (current != *request.if_match) {
      return std::unexpected(
          ProblemResponse(Problem{409,
                                  std::string(problem_code::kVersionConflict),
                                  "the record is at version " + std::to_string(current),
                                  {},
                                  {},
                                  {}}));
    }
  }
  eventstore::AppendRequest append = projections::ToAppendRequest(
      decision, projections::Stamp{request.context.at, request.context.actor_id,
                                   request.context.actor_role, ""});
  append.idempotency_key = request.idempotency_key;
  append.request_digest = request.request_digest;
  auto pending = ledger_.AppendAsync(std::move(append));
  FoldDecided(decision, request.context);
  ++in_flight_;
  serial.unlock();

  auto appended = pending.get();
  serial.lock();
  --in_flight_;
  // A refused or replayed append did not write what the decision state already holds.
  if (!appended || appended->replayed) stale_ = true;
  settled_.notify_all();
  serial.unlock();
  if (!appended) return std::unexpected(LedgerProblem(appended.error()));
  if (auto folded = views_.CatchUp(); !folded) {
    return std::unexpected(LedgerProblem({eventstore::ErrorCode::corruption, folded.error(), 0}));
  }
  return CommandOutcome{decision.resource_id,    decision.stream,  appended->stream_version,
                        appended->last_position, decision.created, appended->replayed};
}

void CommandService::FoldDecided(const domain::Decision& decision, const domain::Context& context) {
  std::uint64_t version = decisions_->StreamVersion(decision.stream);
  for (const domain::Event& event : decision.events) {
    domain::Recorded recorded;
    recorded.position = decisions_->position + 1;  // provisional: decisions never read positions
    recorded.stream = decision.stream;
    recorded.stream_version = ++version;
    recorded.occurred_at = context.at;
    recorded.recorded_at = context.at;
    recorded.actor_id = context.actor_id;
    recorded.actor_role = context.actor_role;
    recorded.event = event;
    domain::Evolve(*decisions_, recorded);
  }
}

bool CommandService::ResynchroniseIfStale(std::unique_lock<std::mutex>& serial) {
  if (decisions_ != nullptr && !stale_) return true;
  // Wait for every queued command to settle, then start again from what is durable.
  settled_.wait(serial, [this] { return in_flight_ == 0; });
  if (auto folded = views_.CatchUp(); !folded) return false;
  decisions_ = std::make_unique<domain::Program>(
      views_.Read([](const domain::Program& program) { return program; }));
  stale_ = false;
  return true;
}

}  // namespace ctom::api
