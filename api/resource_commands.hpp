// The write endpoints whose inputs or answers are their own: users and their tokens, documents,
// rule sets and their what-if, and the rebuild of the views. Each runs its command through
// ProgramCommands::Run.
#pragma once

#include <cstdint>
#include <functional>

#include "api/http.hpp"
#include "api/program_commands.hpp"
#include "projections/live_views.hpp"

namespace ctom::api {

class ResourceCommands {
 public:
  using Clock = std::function<std::int64_t()>;  // UTC microseconds
  // Called with the duration of every rebuild (for /metrics).
  using RebuildObserver = std::function<void(std::int64_t duration_ms)>;

  // commands and views must outlive this.
  ResourceCommands(ProgramCommands& commands, projections::LiveViews& views, Clock clock,
                   RebuildObserver on_rebuild = {});

  // POST /v1/users: the new user with its token, shown this once.
  HttpResponse CreateUser(const HttpRequest& request, const Caller& caller);
  // POST /v1/users/{id}/revoke.
  HttpResponse RevokeUser(const HttpRequest& request, const PathParameters& path,
                          const Caller& caller);
  // POST /v1/users/{id}/tokens: a new token for the user, shown this once; the old ones stop
  // working once the caller refeeds the token directory.
  HttpResponse IssueToken(const HttpRequest& request, const PathParameters& path,
                          const Caller& caller);
  // GET /v1/users: every user of the ledger, {items:[{id, name, role, candidate_id?, mentor_id?,
  // revoked}], next}, paged by user id.
  HttpResponse ListUsers(const HttpRequest& request) const;
  // POST /v1/documents: the body is the document; its id is the SHA-256 of its bytes.
  HttpResponse UploadDocument(const HttpRequest& request, const Caller& caller);
  // POST /v1/rulesets: the command answer with the rule set published under `ruleset`.
  HttpResponse PublishRuleSet(const HttpRequest& request, const Caller& caller);
  // POST /v1/rulesets/impact: a what-if; appends nothing.
  HttpResponse RuleSetImpact(const HttpRequest& request, const Caller& caller);
  // POST /v1/admin/rebuild: folds the whole log into fresh views, then swaps them in.
  HttpResponse Rebuild(const HttpRequest& request);

 private:
  ProgramCommands& commands_;
  projections::LiveViews& views_;
  Clock clock_;
  RebuildObserver on_rebuild_;
};

}  // namespace ctom::api
