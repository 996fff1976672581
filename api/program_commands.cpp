// The generic command route and the certification answers.
#include "api/program_commands.hpp"

#include <algorithm>
#include <boost/json/object.hpp>

#include "api/candidate_queries.hpp"
#include "api/command_answer.hpp"
#include "api/http.hpp"
#include "api/json_body.hpp"
#include "api/json_text.hpp"
#include "domain/time.hpp"
#include "eventstore/hex.hpp"
#include "eventstore/ledger.hpp"

namespace ctom::api {
namespace json = boost::json;

namespace {

constexpr std::size_t kIdempotencyKeyBytesMax = 128;

// If-Match: "<version>" (quotes optional).
std::expected<std::optional<std::uint64_t>, HttpResponse> ReadIfMatch(const HttpRequest& request) {
  auto header = request.Header("if-match");
  if (!header) return std::optional<std::uint64_t>{};
  std::string_view text = *header;
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"')
    text = text.substr(1, text.size() - 2);
  if (text.empty() || text.size() > 18 ||
      text.find_first_not_of("0123456789") != std::string_view::npos) {
    return std::unexpected(ValidationProblem("If-Match", "must be a quoted stream version"));
  }
  return std::optional<std::uint64_t>{std::stoull(std::string(text))};
}

}  // namespace

std::string RequestDigest(const HttpRequest& request, const Caller& caller) {
  const std::string text =
      request.method + " " + request.path + "\n" + caller.user_id + "\n" + request.body;
  return eventstore::ToHex(eventstore::Sha256(text));
}

ProgramCommands::ProgramCommands(CommandService& service, projections::LiveViews& views,
                                 Clock clock, const domain::ZoneOffsets* zone)
    : service_(service), views_(views), clock_(std::move(clock)), zone_(zone) {}

void ProgramCommands::Handle(const CommandRoute& route, const HttpRequest& request,
                             const PathParameters& path, const Caller& caller, Reply reply) {
  // Whose record it is comes first: someone else's record is refused whatever the body says.
  if (route.ownership == Ownership::candidate_or_mentor &&
      (caller.role == "candidate" || caller.role == "mentor")) {
    const std::string& id = path.at("id");
    const int access = views_.Read([&](const domain::Program& p) {
      const domain::Candidate* c = p.FindCandidate(id);
      if (c == nullptr) return 404;
      return CandidateQueries::MayTouchCandidate(caller, *c) ? 200 : 403;
    });
    if (access == 404) return std::move(reply).Send(NotFoundProblem("no candidate " + id));
    if (access == 403) {
      return std::move(reply).Send(ForbiddenProblem("this is not your candidate record"));
    }
  }
  auto parsed = ParseCommand(route, request, path, caller);
  if (!parsed) return std::move(reply).Send(std::move(parsed.error()));
  auto stamped = Stamp(std::move(parsed->command), request, caller, parsed->occurred_at);
  if (!stamped) return std::move(reply).Send(std::move(stamped.error()));
  // The result comes on the ledger writer's thread: the answer is made on the connection's.
  service_.Submit(*stamped, [this, command = stamped->command,
                             reply = std::move(reply)](CommandResult result) mutable {
    std::move(reply).SendFrom(
        [this, command = std::move(command), result = std::move(result)]() mutable {
          return AnswerOf(service_.Settle(std::move(result)), command);
        });
  });
}

HttpResponse ProgramCommands::Run(domain::Command command, const HttpRequest& request,
                                  const Caller& caller, std::optional<std::int64_t> occurred_at) {
  auto stamped = Stamp(std::move(command), request, caller, occurred_at);
  if (!stamped) return std::move(stamped.error());
  return AnswerOf(service_.Execute(*stamped), stamped->command);
}

std::expected<std::vector<CommandOutcome>, ProgramCommands::GroupProblem> ProgramCommands::RunAll(
    std::vector<domain::Command> commands, const HttpRequest& request, const Caller& caller,
    std::optional<std::int64_t> occurred_at) {
  std::vector<CommandRequest> requests;
  requests.reserve(commands.size());
  for (domain::Command& command : commands) {
    auto stamped = Stamp(std::move(command), request, caller, occurred_at);
    if (!stamped) return std::unexpected(GroupProblem{std::nullopt, std::move(stamped.error())});
    requests.push_back(std::move(*stamped));
  }
  // One key for the group: the last command carries it (CommandService::ExecuteAll).
  for (std::size_t i = 0; i + 1 < requests.size(); ++i) {
    requests[i].idempotency_key.clear();
    requests[i].request_digest.clear();
  }
  auto outcomes = service_.ExecuteAll(requests);
  if (!outcomes) {
    return std::unexpected(
        GroupProblem{outcomes.error().index, CommandProblem(outcomes.error().error)});
  }
  return std::move(*outcomes);
}

CommandRequest ProgramCommands::StampRow(domain::Command command, const Caller& caller,
                                         std::int64_t occurred_at, const std::string& key) const {
  CommandRequest run;
  run.command = std::move(command);
  run.context = domain::Context{occurred_at, caller.user_id, caller.role, caller.mentor_id, zone_};
  run.idempotency_key = key;
  run.request_digest = key;
  return run;
}

std::expected<CommandRequest, HttpResponse> ProgramCommands::Stamp(
    domain::Command command, const HttpRequest& request, const Caller& caller,
    std::optional<std::int64_t> occurred_at) {
  if (occurred_at && caller.role != "admin" && caller.role != "staff") {
    return std::unexpected(
        ProblemResponse(Problem{403,
                                "backdating_not_allowed",
                                "only staff and admin record facts at an earlier instant",
                                {},
                                {},
                                {}}));
  }
  CommandRequest run;
  run.command = std::move(command);
  run.context = domain::Context{occurred_at.value_or(clock_()), caller.user_id, caller.role,
                                caller.mentor_id, zone_};
  if (auto key = request.Header("idempotency-key")) {
    // Printable ASCII only: the key is stored in the ledger and shown in exports as JSON text.
    const bool printable = std::ranges::all_of(*key, [](char c) { return c >= ' ' && c <= '~'; });
    if (key->empty() || key->size() > kIdempotencyKeyBytesMax || !printable) {
      return std::unexpected(
          ValidationProblem("Idempotency-Key", "must be 1..128 printable ASCII characters"));
    }
    run.idempotency_key = std::string(*key);
    run.request_digest = RequestDigest(request, caller);
  }
  auto if_match = ReadIfMatch(request);
  if (!if_match) return std::unexpected(std::move(if_match.error()));
  run.if_match = *if_match;
  return run;
}

HttpResponse ProgramCommands::AnswerOf(const CommandResult& result,
                                       const domain::Command& command) {
  if (!result) return CommandProblem(result.error());
  if (std::holds_alternative<domain::DecideCertification>(command.body)) {
    return CertificationAnswer(*result, false);
  }
  if (std::holds_alternative<domain::Recertify>(command.body)) {
    return CertificationAnswer(*result, true);
  }
  return CommandAnswer(*result);
}

HttpResponse ProgramCommands::CertificationAnswer(const CommandOutcome& outcome,
                                                  bool recertification) {
  HttpResponse answer = CommandAnswer(outcome);
  json::object body = views_.Read([&](const domain::Program& p) {
    json::object out{{"id", outcome.id},
                     {"stream", outcome.stream},
                     {"version", outcome.version},
                     {"position", outcome.position}};
    const domain::Candidate* c = p.FindCandidate(outcome.id);
    if (c == nullptr) return out;
    const domain::Certification& cert = c->certification;
    if (cert.state == "certified") {
      out["expires_on"] = domain::FormatDate(cert.expires_on);
      if (!recertification) {
        out["certificate"] = cert.certificate;
        out["issued_on"] = domain::FormatDate(cert.issued_on);
      }
    }
    out["state"] = cert.state;
    return out;
  });
  answer.body = JsonText(body);
  return answer;
}

}  // namespace ctom::api
