// The read endpoints of one candidate: the candidate view, its explanation, history and CEU
// transcript (live or at a bitemporal bound), and the documents candidates upload. Mentors and
// candidates read only their own candidates.
#pragma once

#include "api/candidate_view_cache.hpp"
#include "api/command_routes.hpp"
#include "api/http.hpp"
#include "api/program_queries.hpp"
#include "eventstore/ledger.hpp"
#include "projections/live_views.hpp"

namespace ctom::api {

class CandidateQueries {
 public:
  // ledger and views must outlive this.
  CandidateQueries(const eventstore::Ledger& ledger, const projections::LiveViews& views,
                   Clock clock);

  HttpResponse GetCandidate(const HttpRequest& request, const PathParameters& path,
                            const Caller& caller) const;
  HttpResponse Explain(const HttpRequest& request, const PathParameters& path,
                       const Caller& caller) const;
  HttpResponse GetHistory(const HttpRequest& request, const PathParameters& path) const;
  // The CEU transcript per certification cycle; `Accept: text/csv` for CSV.
  HttpResponse GetTranscript(const HttpRequest& request, const PathParameters& path,
                             const Caller& caller) const;
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
