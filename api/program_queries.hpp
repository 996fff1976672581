// The read endpoints of the program as a whole: cohorts, mentors, the candidate list,
// certificates, the program report and rule sets (the lists also as CSV), live or at a bitemporal
// bound (?as_of=, ?known_at=, ?position=). One candidate's own endpoints are CandidateQueries'.
#pragma once

#include <cstdint>
#include <functional>

#include "api/command_routes.hpp"
#include "api/http.hpp"
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
  // A cohort's attendance and grades, one line an enrolled candidate; `Accept: text/csv` for CSV.
  HttpResponse GetAttendance(const HttpRequest& request, const PathParameters& path) const;
  HttpResponse GetGrades(const HttpRequest& request, const PathParameters& path) const;
  HttpResponse ListMentors(const HttpRequest& request) const;
  HttpResponse GetMentor(const HttpRequest& request, const PathParameters& path,
                         const Caller& caller) const;
  HttpResponse ListCandidates(const HttpRequest& request) const;
  HttpResponse ListCertificates(const HttpRequest& request) const;
  HttpResponse VerifyCertificate(const HttpRequest& request, const PathParameters& path) const;
  HttpResponse ProgramReport(const HttpRequest& request) const;
  HttpResponse ListRuleSets(const HttpRequest& request) const;
  HttpResponse GetRuleSet(const HttpRequest& request, const PathParameters& path) const;

 private:
  const eventstore::Ledger& ledger_;
  const projections::LiveViews& views_;
  Clock clock_;
};

}  // namespace ctom::api
