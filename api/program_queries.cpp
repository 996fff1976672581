// The read endpoints of cohorts, mentors, candidates and their history.
#include "api/program_queries.hpp"

#include <boost/json/parse.hpp>
#include <set>

#include "api/json_text.hpp"
#include "api/problem.hpp"
#include "api/query_support.hpp"
#include "api/view_json.hpp"
#include "projections/candidate_outcome.hpp"

namespace ctom::api {
namespace json = boost::json;
using domain::Program;

namespace {

std::optional<std::int64_t> Year(const PathParameters& path) {
  const std::string& text = path.at("year");
  if (text.empty() || text.size() > 4 ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  return std::stoll(text);
}

}  // namespace

ProgramQueries::ProgramQueries(const eventstore::Ledger& ledger,
                               const projections::LiveViews& views, Clock clock)
    : ledger_(ledger), views_(views), clock_(std::move(clock)) {}

bool ProgramQueries::MayTouchCandidate(const Caller& caller, const domain::Candidate& candidate) {
  if (caller.role == "candidate") return caller.candidate_id == candidate.id;
  if (caller.role == "mentor")
    return !caller.mentor_id.empty() && caller.mentor_id == candidate.mentor_id;
  return true;
}

HttpResponse ProgramQueries::ListCohorts(const HttpRequest& request) const {
  auto page = ReadPage(request);
  if (!page) return page.error();
  return WithProgram(request, ledger_, views_, clock_, [&](const Program& p, domain::Instant at) {
    json::array items;
    std::string next;
    for (const auto& [year, cohort] : p.cohorts) {
      if (!page->after.empty() && std::to_string(year) <= page->after) continue;
      if (items.size() == page->limit) {
        next = std::to_string(items.back().as_object().at("year").as_int64());
        break;
      }
      items.push_back(CohortJson(p, cohort, at));
    }
    return ListResponse(std::move(items), next);
  });
}

HttpResponse ProgramQueries::GetCohort(const HttpRequest& request,
                                       const PathParameters& path) const {
  const auto year = Year(path);
  if (!year) return NotFoundProblem("no such cohort");
  return WithProgram(request, ledger_, views_, clock_, [&](const Program& p, domain::Instant at) {
    const domain::Cohort* cohort = p.FindCohort(*year);
    if (cohort == nullptr) return NotFoundProblem("no cohort " + std::to_string(*year));
    HttpResponse response = JsonOk(CohortJson(p, *cohort, at));
    response.headers.emplace_back("ETag", "\"" + std::to_string(cohort->version) + "\"");
    return response;
  });
}

HttpResponse ProgramQueries::GetSchedule(const HttpRequest& request,
                                         const PathParameters& path) const {
  const auto year = Year(path);
  if (!year) return NotFoundProblem("no such cohort");
  return WithProgram(request, ledger_, views_, clock_, [&](const Program& p, domain::Instant) {
    const domain::Cohort* cohort = p.FindCohort(*year);
    if (cohort == nullptr) return NotFoundProblem("no cohort " + std::to_string(*year));
    return TextResponse(200, "text/calendar; charset=utf-8", CohortIcs(*cohort));
  });
}

HttpResponse ProgramQueries::ListMentors(const HttpRequest& request) const {
  auto page = ReadPage(request);
  if (!page) return page.error();
  return WithProgram(request, ledger_, views_, clock_, [&](const Program& p, domain::Instant) {
    json::array items;
    std::string next, last;
    for (auto it = p.mentors.upper_bound(page->after); it != p.mentors.end(); ++it) {
      if (items.size() == page->limit) {
        next = last;
        break;
      }
      items.push_back(MentorJson(p, it->second));
      last = it->first;
    }
    return ListResponse(std::move(items), next);
  });
}

HttpResponse ProgramQueries::GetMentor(const HttpRequest& request, const PathParameters& path,
                                       const Caller& caller) const {
  const std::string& id = path.at("id");
  if (caller.role == "mentor" && caller.mentor_id != id) {
    return ForbiddenProblem("a mentor reads only its own record");
  }
  return WithProgram(request, ledger_, views_, clock_, [&](const Program& p, domain::Instant) {
    const domain::Mentor* mentor = p.FindMentor(id);
    if (mentor == nullptr) return NotFoundProblem("no mentor " + id);
    return JsonOk(MentorJson(p, *mentor));
  });
}

HttpResponse ProgramQueries::ListCandidates(const HttpRequest& request) const {
  auto page = ReadPage(request);
  if (!page) return page.error();
  const std::string cohort(request.Query("cohort").value_or(""));
  const std::string status(request.Query("status").value_or(""));
  // Both filters are closed sets, as in bodies: a value outside them is refused, not "no match".
  static const std::set<std::string, std::less<>> kStatuses{"applied",   "waitlisted", "rejected",
                                                            "withdrawn", "accepted",   "dropped",
                                                            "released",  "completed",  "certified"};
  if (!status.empty() && !kStatuses.contains(status)) {
    return ValidationProblem("status", "must be a candidate status such as accepted or certified");
  }
  if (!cohort.empty() &&
      (cohort.size() > 4 || cohort.find_first_not_of("0123456789") != std::string::npos)) {
    return ValidationProblem("cohort", "must be a cohort year");
  }
  return WithProgram(request, ledger_, views_, clock_, [&](const Program& p, domain::Instant at) {
    json::array items;
    std::string next, last;
    for (auto it = p.candidates.upper_bound(page->after); it != p.candidates.end(); ++it) {
      const domain::Candidate& c = it->second;
      if (!cohort.empty() && std::to_string(c.cohort) != cohort) continue;
      if (!status.empty() && c.status != status) continue;
      if (items.size() == page->limit) {
        next = last;
        break;
      }
      items.push_back(CandidateSummaryJson(c, projections::EvaluateCandidate(p, c, at, p.rules)));
      last = it->first;
    }
    return ListResponse(std::move(items), next);
  });
}

}  // namespace ctom::api
