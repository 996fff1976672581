// The write endpoints: the generic command route (body -> command -> ledger -> answer) and the
// few whose answers or inputs are their own: users and tokens, documents, rule sets, what-if,
// rebuild, certification.
#pragma once

#include <cstdint>
#include <expected>
#include <functional>

#include "api/command_routes.hpp"
#include "api/command_service.hpp"
#include "api/http_message.hpp"
#include "api/reply.hpp"
#include "projections/live_views.hpp"

namespace ctom::api {

class ProgramCommands {
 public:
  using Clock = std::function<std::int64_t()>;  // UTC microseconds
  // Called with the duration of every rebuild (for /metrics).
  using RebuildObserver = std::function<void(std::int64_t duration_ms)>;

  ProgramCommands(CommandService& service, projections::LiveViews& views, Clock clock,
                  RebuildObserver on_rebuild = {});

  // Reads, decides and queues a command of a command route; the answer goes to reply once its
  // events are synced. Never waits for the disk, so it may run on a connection's I/O thread.
  void Handle(const CommandRoute& route, const HttpRequest& request, const PathParameters& path,
              const Caller& caller, Reply reply);
  HttpResponse CreateUser(const HttpRequest& request, const Caller& caller);
  HttpResponse RevokeUser(const HttpRequest& request, const PathParameters& path,
                          const Caller& caller);
  HttpResponse UploadDocument(const HttpRequest& request, const Caller& caller);
  HttpResponse PublishRuleSet(const HttpRequest& request, const Caller& caller);
  HttpResponse RuleSetImpact(const HttpRequest& request, const Caller& caller);
  HttpResponse Rebuild(const HttpRequest& request);

 private:
  // Stamps, runs and answers a command whose body has been read, on this thread.
  HttpResponse Run(domain::Command command, const HttpRequest& request, const Caller& caller,
                   std::optional<std::int64_t> occurred_at);
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
  RebuildObserver on_rebuild_;
};

// The SHA-256 a request is recognised by for Idempotency-Key: method, path, caller and body.
std::string RequestDigest(const HttpRequest& request, const Caller& caller);

}  // namespace ctom::api
