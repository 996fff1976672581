// The generic command route (body -> command -> ledger -> answer) of every command of
// CommandRoutes(), with the certification answers, and Run for the endpoints whose inputs or
// answers are their own (ResourceCommands).
#pragma once

#include <cstdint>
#include <expected>
#include <functional>

#include "api/command_routes.hpp"
#include "api/http.hpp"
#include "command/command_service.hpp"
#include "projections/live_views.hpp"

namespace ctom::api {

using command::CommandOutcome;
using command::CommandRequest;
using command::CommandResult;
using command::CommandService;

class ProgramCommands {
 public:
  using Clock = std::function<std::int64_t()>;  // UTC microseconds

  // zone: how refusals write instants (the program's Pacific when null); outlives this.
  ProgramCommands(CommandService& service, projections::LiveViews& views, Clock clock,
                  const domain::ZoneOffsets* zone = nullptr);

  // Reads, decides and queues a command of a command route; the answer goes to reply once its
  // events are synced. Never waits for the disk, so it may run on a connection's I/O thread.
  void Handle(const CommandRoute& route, const HttpRequest& request, const PathParameters& path,
              const Caller& caller, Reply reply);
  // Stamps, runs and answers a command whose body has been read, on this thread.
  HttpResponse Run(domain::Command command, const HttpRequest& request, const Caller& caller,
                   std::optional<std::int64_t> occurred_at);

  // Why a group of commands recorded nothing: the index of the command refused (none for the
  // group as a whole) and the answer to send.
  struct GroupProblem {
    std::optional<std::size_t> index;
    HttpResponse answer;
  };
  // A command read from a row of an import, stamped with the row's instant, the caller, and the
  // row's key as its Idempotency-Key and request digest (the same row is the same request,
  // whoever sends it again).
  CommandRequest StampRow(domain::Command command, const Caller& caller, std::int64_t occurred_at,
                          const std::string& key) const;

  // Stamps several commands with the request's one context and runs them as one, all or nothing
  // (CommandService::ExecuteAll), on this thread. The request's Idempotency-Key covers the group.
  std::expected<std::vector<CommandOutcome>, GroupProblem> RunAll(
      std::vector<domain::Command> commands, const HttpRequest& request, const Caller& caller,
      std::optional<std::int64_t> occurred_at);

 private:
  // The command with its context, Idempotency-Key and If-Match, or the refusal to answer.
  std::expected<CommandRequest, HttpResponse> Stamp(domain::Command command,
                                                    const HttpRequest& request,
                                                    const Caller& caller,
                                                    std::optional<std::int64_t> occurred_at);
  // The answer to a command's result. REQUIRES: the result settled (CommandService::Settle).
  HttpResponse AnswerOf(const CommandResult& result, const domain::Command& command);
  // Adds what certification and recertification answer besides the standard fields.
  HttpResponse CertificationAnswer(const CommandOutcome& outcome, bool recertification);

  CommandService& service_;
  projections::LiveViews& views_;
  Clock clock_;
  const domain::ZoneOffsets* zone_;
};

// The SHA-256 a request is recognised by for Idempotency-Key: method, path, caller and body.
std::string RequestDigest(const HttpRequest& request, const Caller& caller);

}  // namespace ctom::api
