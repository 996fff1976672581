// The read endpoints: views of cohorts, mentors, candidates, certificates, reports and rule
// sets, live or at a bitemporal bound (?as_of=, ?known_at=, ?position=).
#pragma once

#include <cstdint>
#include <functional>

#include "api/candidate_view_cache.hpp"
#include "api/command_routes.hpp"
#include "api/http_message.hpp"
#include "api/limits.hpp"
#include "eventstore/ledger.hpp"
#include "projections/live_views.hpp"

namespace ctom::api {

using Clock = std::function<std::int64_t()>;  // UTC microseconds

class ProgramQueries {
 public:
  ProgramQueries(const eventstore::Ledger& ledger, const projections::LiveViews& views,
                 Clock clock);

  HttpResponse ListCohorts(const HttpRequest& request) const;
  HttpResponse GetCohort(const HttpRequest& request, const PathParameters& path) const;
  HttpResponse GetSchedule(const HttpRequest& request, const PathParameters& path) const;
  HttpResponse ListMentors(const HttpRequest& request) const;
  HttpResponse GetMentor(const HttpRequest& request, const PathParameters& path,
                         const Caller& caller) const;
  HttpResponse ListCandidates(const HttpRequest& request) const;
  HttpResponse GetCandidate(const HttpRequest& request, const PathParameters& path,
                            const Caller& caller) const;
  HttpResponse GetHistory(const HttpRequest& request, const PathParameters& path) const;
  HttpResponse Explain(const HttpRequest& request, const PathParameters& path,
                       const Caller& caller) const;
  HttpResponse ListCertificates(const HttpRequest& request) const;
  HttpResponse VerifyCertificate(const HttpRequest& request, const PathParameters& path) const;
  HttpResponse ProgramReport(const HttpRequest& request) const;
  HttpResponse ListRuleSets(const HttpRequest& request) const;
  HttpResponse GetRuleSet(const HttpRequest& request, const PathParameters& path) const;
  HttpResponse GetDocument(const HttpRequest& request, const PathParameters& path,
                           const Caller& caller) const;

  // May a mentor or candidate caller see this candidate? (Others are checked by role.)
  static bool MayTouchCandidate(const Caller& caller, const domain::Candidate& candidate);

 private:
  const eventstore::Ledger& ledger_;
  const projections::LiveViews& views_;
  Clock clock_;
  // Memoised renders of the live candidate view: an answer is the same for the same key.
  mutable CandidateViewCache candidate_views_{kCandidateViewCacheEntriesMax};
};

}  // namespace ctom::api
