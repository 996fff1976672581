// The write endpoints with answers of their own: users and tokens, documents, rule sets,
// what-if and rebuild.
#include "api/resource_commands.hpp"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <set>

#include "api/command_answer.hpp"
#include "api/field_limits.hpp"
#include "api/http.hpp"
#include "api/json_body.hpp"
#include "api/json_text.hpp"
#include "api/query_support.hpp"
#include "api/rule_parameters.hpp"
#include "api/view_json.hpp"
#include "eventstore/hex.hpp"
#include "projections/what_if.hpp"
#include "server/auth.hpp"

namespace ctom::api {
namespace json = boost::json;

namespace {

// The media types a document may have, by what the uploader says it is.
const std::set<std::string, std::less<>>& DocumentTypes() {
  static const std::set<std::string, std::less<>> types{
      "application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "text/plain", "image/png", "image/jpeg"};
  return types;
}

}  // namespace

ResourceCommands::ResourceCommands(ProgramCommands& commands, projections::LiveViews& views,
                                   Clock clock, RebuildObserver on_rebuild)
    : commands_(commands),
      views_(views),
      clock_(std::move(clock)),
      on_rebuild_(std::move(on_rebuild)) {}

HttpResponse ResourceCommands::CreateUser(const HttpRequest& request, const Caller& caller) {
  auto object = ParseJsonBody(request);
  if (!object) return object.error();
  BodyReader body(*object);
  domain::UserCreated user;
  user.user_id = NewRecordId("u-");
  user.name = body.RequiredString("name", kNameBytesMax);
  user.role =
      body.RequiredEnum("role", {"admin", "staff", "instructor", "mentor", "candidate", "auditor"});
  user.candidate_id = body.OptionalString("candidate_id", kIdBytesMax).value_or("");
  user.mentor_id = body.OptionalString("mentor_id", kIdBytesMax).value_or("");
  if (!body.Finish()) return body.Problem();
  const std::optional<std::string> token = GenerateToken();
  if (!token)
    return ProblemResponse(Problem{503, "service_unavailable", "no randomness", {}, {}, {}});
  user.token_hash = HashToken(*token);
  HttpResponse answer = commands_.Run(domain::Command{"", user}, request, caller, std::nullopt);
  if (answer.status >= 300) return answer;
  json::object out = json::parse(answer.body).as_object();
  // An idempotent retry answers with the user the first request created, whose token was shown
  // once and is kept only as a hash: the retry shows no token (and never this request's).
  if (out.at("id") != user.user_id.c_str()) return answer;
  out["token"] = *token;
  out["role"] = user.role;
  answer.body = JsonText(out);
  return answer;
}

HttpResponse ResourceCommands::RevokeUser(const HttpRequest& request, const PathParameters& path,
                                          const Caller& caller) {
  auto object = ParseJsonBody(request, EmptyBody::empty_object);
  if (!object) return object.error();
  BodyReader body(*object);
  if (!body.Finish()) return body.Problem();
  return commands_.Run(domain::Command{path.at("id"), domain::UserRevoked{path.at("id")}}, request,
                       caller, std::nullopt);
}

HttpResponse ResourceCommands::IssueToken(const HttpRequest& request, const PathParameters& path,
                                          const Caller& caller) {
  auto object = ParseJsonBody(request, EmptyBody::empty_object);
  if (!object) return object.error();
  BodyReader body(*object);
  if (!body.Finish()) return body.Problem();
  const std::optional<std::string> token = GenerateToken();
  if (!token) {
    return ProblemResponse(Problem{503, "service_unavailable", "no randomness", {}, {}, {}});
  }
  const std::string& user_id = path.at("id");
  const std::string token_hash = HashToken(*token);
  HttpResponse answer =
      commands_.Run(domain::Command{user_id, domain::UserTokenIssued{user_id, token_hash}}, request,
                    caller, std::nullopt);
  if (answer.status >= 300) return answer;
  // An idempotent retry answers as the first request did, whose token was shown once: it shows
  // none (and never this request's, which was not recorded).
  const bool recorded = views_.Read([&](const domain::Program& p) {
    const auto found = p.users.find(user_id);
    return found != p.users.end() && found->second.token_hash == token_hash;
  });
  if (!recorded) return answer;
  json::object out = json::parse(answer.body).as_object();
  out["token"] = *token;
  answer.body = JsonText(out);
  return answer;
}

HttpResponse ResourceCommands::ListUsers(const HttpRequest& request) const {
  auto page = ReadPage(request);
  if (!page) return page.error();
  return views_.Read([&](const domain::Program& p) {
    json::array items;
    std::string next, last;
    for (auto it = p.users.upper_bound(page->after); it != p.users.end(); ++it) {
      if (items.size() == page->limit) {
        next = last;
        break;
      }
      const domain::User& user = it->second;
      json::object item{{"id", user.id}, {"name", user.name}, {"role", user.role}};
      if (!user.candidate_id.empty()) item["candidate_id"] = user.candidate_id;
      if (!user.mentor_id.empty()) item["mentor_id"] = user.mentor_id;
      item["revoked"] = user.revoked;
      items.push_back(std::move(item));
      last = it->first;
    }
    return ListResponse(std::move(items), next);
  });
}

HttpResponse ResourceCommands::UploadDocument(const HttpRequest& request, const Caller& caller) {
  std::string content_type(request.Header("content-type").value_or(""));
  content_type = AsciiLower(content_type.substr(0, content_type.find(';')));
  while (!content_type.empty() && content_type.back() == ' ') content_type.pop_back();
  if (!DocumentTypes().contains(content_type)) {
    return ProblemResponse(Problem{415,
                                   "unsupported_media_type",
                                   "documents are PDF, DOCX, plain text, PNG or JPEG",
                                   {},
                                   {},
                                   {}});
  }
  if (request.body.empty()) return ValidationProblem("body", "a document has at least one byte");
  // An opaque id: 128 random bits, revealing nothing of the bytes (which are sealed under a key
  // of the document's own, docs/privacy.md). Retries are made safe by Idempotency-Key.
  const auto random = server::GenerateToken();
  if (!random) {
    return ProblemResponse(Problem{503, std::string(server::problem_code::kServiceUnavailable),
                                   "no random document id can be drawn; retry"});
  }
  domain::DocumentUploaded document{"doc:" + random->substr(0, 32), content_type,
                                    static_cast<std::int64_t>(request.body.size()), request.body};
  HttpResponse answer = commands_.Run(domain::Command{"", document}, request, caller, std::nullopt);
  if (answer.status >= 300) return answer;
  json::object out = json::parse(answer.body).as_object();
  out["size"] = document.size;
  out["content_type"] = content_type;
  answer.body = JsonText(out);
  return answer;
}

HttpResponse ResourceCommands::PublishRuleSet(const HttpRequest& request, const Caller& caller) {
  auto object = ParseJsonBody(request);
  if (!object) return object.error();
  BodyReader body(*object);
  domain::RuleSetPublished published;
  published.effective_from = body.RequiredInstant("effective_from");
  published.parameters = ReadRuleParameters(
      body, views_.Read([](const domain::Program& p) { return p.rules.Latest().parameters; }));
  if (!body.Finish()) return body.Problem();
  HttpResponse answer =
      commands_.Run(domain::Command{"", published}, request, caller, std::nullopt);
  if (answer.status >= 300) return answer;
  json::value outcome = boost::json::parse(answer.body);
  const std::int64_t version = std::stoll(std::string(outcome.as_object().at("id").as_string()));
  // The command answer's `version` is the program stream's, as for every command; the rule set's
  // own version is `id` and `ruleset.version`.
  json::object out = outcome.as_object();
  out["ruleset"] = views_.Read([&](const domain::Program& p) {
    const domain::RuleSet* rule_set = p.rules.Find(version);
    return rule_set == nullptr ? json::object{} : RuleSetJson(*rule_set);
  });
  answer.body = JsonText(out);
  return answer;
}

HttpResponse ResourceCommands::RuleSetImpact(const HttpRequest& request, const Caller&) {
  auto object = ParseJsonBody(request);
  if (!object) return object.error();
  BodyReader body(*object);
  const domain::Instant now = clock_();
  const domain::Instant effective_from = body.OptionalInstant("effective_from").value_or(now);
  return views_.Read([&](const domain::Program& p) {
    const domain::RuleParameters draft = ReadRuleParameters(body, p.rules.Latest().parameters);
    if (!body.Finish()) return body.Problem();
    const projections::WhatIfResult result = projections::WhatIf(p, draft, effective_from, now);
    json::array changed;
    for (const projections::OutcomeChange& change : result.changed) {
      changed.push_back(json::object{{"candidate", change.candidate},
                                     {"what", change.what},
                                     {"before", change.before},
                                     {"after", change.after}});
    }
    json::object out{{"changed", std::move(changed)},
                     {"report_before", ReportJson(result.report_before)},
                     {"report_after", ReportJson(result.report_after)},
                     {"parameters", ParametersJson(draft)}};
    return HttpResponse{200, "application/json", JsonText(out), {}};
  });
}

HttpResponse ResourceCommands::Rebuild(const HttpRequest&) {
  auto report = views_.Rebuild();
  if (!report) {
    return LedgerProblem(eventstore::Error{eventstore::ErrorCode::corruption, report.error(), 0});
  }
  if (on_rebuild_) on_rebuild_(report->duration_ms);
  json::object out{{"events", report->events}, {"duration_ms", report->duration_ms}};
  return HttpResponse{200, "application/json", JsonText(out), {}};
}

}  // namespace ctom::api
