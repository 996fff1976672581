// The read endpoints of cohorts, mentors, the candidate list, certificates, the program report
// and rule sets.
#include "api/program_queries.hpp"

#include <boost/json/parse.hpp>
#include <set>

#include "api/cohort_sheets.hpp"
#include "api/csv_writer.hpp"
#include "api/http.hpp"
#include "api/json_text.hpp"
#include "api/list_csv.hpp"
#include "api/query_support.hpp"
#include "api/view_json.hpp"
#include "domain/time.hpp"
#include "projections/candidate_outcome.hpp"
#include "projections/program_report.hpp"

namespace ctom::api {
namespace json = boost::json;
using domain::Program;

namespace {

constexpr std::size_t kSearchBytesMax = 256;  // ?q= on GET /v1/candidates

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

namespace {

// A cohort's sheet (attendance or grades): JSON lines paged by candidate id, or every line as CSV.
template <typename Line, typename Csv>
HttpResponse CohortSheet(const HttpRequest& request, const PathParameters& path,
                         const eventstore::Ledger& ledger, const projections::LiveViews& views,
                         const Clock& clock, Line line, Csv csv) {
  const auto year = Year(path);
  if (!year) return NotFoundProblem("no such cohort");
  auto page = ReadPage(request);
  if (!page) return page.error();
  const bool wants_csv = WantsCsv(request);
  return WithProgram(request, ledger, views, clock, [&](const Program& p, domain::Instant) {
    const domain::Cohort* cohort = p.FindCohort(*year);
    if (cohort == nullptr) return NotFoundProblem("no cohort " + std::to_string(*year));
    const std::vector<const domain::Candidate*> enrolled = EnrolledCandidates(p, *cohort);
    if (wants_csv) return CsvOk(csv(p, *cohort, enrolled));
    json::array items;
    std::string next;
    for (const domain::Candidate* c : enrolled) {
      if (!page->after.empty() && c->id <= page->after) continue;
      if (items.size() == page->limit) {
        next = std::string(items.back().as_object().at("candidate").as_string());
        break;
      }
      items.push_back(line(p, *c));
    }
    return ListResponse(std::move(items), next);
  });
}

}  // namespace

HttpResponse ProgramQueries::GetAttendance(const HttpRequest& request,
                                           const PathParameters& path) const {
  return CohortSheet(
      request, path, ledger_, views_, clock_,
      [](const Program&, const domain::Candidate& c) { return AttendanceLineJson(c); },
      [](const Program&, const domain::Cohort&, const std::vector<const domain::Candidate*>& l) {
        return AttendanceCsv(l);
      });
}

HttpResponse ProgramQueries::GetGrades(const HttpRequest& request,
                                       const PathParameters& path) const {
  return CohortSheet(
      request, path, ledger_, views_, clock_,
      [](const Program& p, const domain::Candidate& c) { return GradesLineJson(p, c); },
      [](const Program& p, const domain::Cohort& cohort,
         const std::vector<const domain::Candidate*>& l) { return GradesCsv(p, cohort, l); });
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
  // ?q=: part of a name or e-mail address, matched without regard to (ASCII) case.
  const std::string search = AsciiLower(request.Query("q").value_or(""));
  if (search.size() > kSearchBytesMax) {
    return ValidationProblem("q", "must be at most " + std::to_string(kSearchBytesMax) + " bytes");
  }
  const auto found_by_search = [&search](const domain::Candidate& c) {
    return search.empty() || AsciiLower(c.name).find(search) != std::string::npos ||
           AsciiLower(c.email).find(search) != std::string::npos;
  };
  const auto matches = [&](const domain::Candidate& c) {
    return (cohort.empty() || std::to_string(c.cohort) == cohort) &&
           (status.empty() || c.status == status) && found_by_search(c);
  };
  if (WantsCsv(request)) {
    // CSV is every matching line at once, not paged (API.md).
    return WithProgram(request, ledger_, views_, clock_, [&](const Program& p, domain::Instant at) {
      std::vector<const domain::Candidate*> lines;
      for (const auto& [id, c] : p.candidates) {
        if (matches(c)) lines.push_back(&c);
      }
      return CsvOk(CandidatesCsv(p, lines, at));
    });
  }
  return WithProgram(request, ledger_, views_, clock_, [&](const Program& p, domain::Instant at) {
    json::array items;
    std::string next, last;
    for (auto it = p.candidates.upper_bound(page->after); it != p.candidates.end(); ++it) {
      const domain::Candidate& c = it->second;
      if (!matches(c)) continue;
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

HttpResponse ProgramQueries::ListCertificates(const HttpRequest& request) const {
  auto page = ReadPage(request);
  if (!page) return page.error();
  const std::string status(request.Query("status").value_or(""));
  if (!status.empty() && status != "active" && status != "due" && status != "lapsed" &&
      status != "revoked") {
    return ValidationProblem("status", "must be active, due, lapsed or revoked");
  }
  if (WantsCsv(request)) {
    return WithProgram(request, ledger_, views_, clock_, [&](const Program& p, domain::Instant at) {
      std::vector<CertificateLine> lines;
      for (const auto& [number, candidate_id] : p.candidate_by_certificate) {
        const domain::Candidate& c = p.candidates.at(candidate_id);
        std::string current = domain::CertificateStatus(c, p.rules.At(at), at);
        if (status.empty() || current == status) lines.push_back({&c, std::move(current)});
      }
      return CsvOk(CertificatesCsv(lines));
    });
  }
  return WithProgram(request, ledger_, views_, clock_, [&](const Program& p, domain::Instant at) {
    json::array items;
    std::string next, last;
    for (auto it = p.candidate_by_certificate.upper_bound(page->after);
         it != p.candidate_by_certificate.end(); ++it) {
      const domain::Candidate& c = p.candidates.at(it->second);
      const std::string current = domain::CertificateStatus(c, p.rules.At(at), at);
      if (!status.empty() && current != status) continue;
      if (items.size() == page->limit) {
        next = last;
        break;
      }
      json::object item = CertificateJson(c, current);
      item["candidate"] = c.id;
      item["cohort"] = c.cohort;
      items.push_back(std::move(item));
      last = it->first;
    }
    return ListResponse(std::move(items), next);
  });
}

HttpResponse ProgramQueries::VerifyCertificate(const HttpRequest&,
                                               const PathParameters& path) const {
  const domain::Instant now = clock_();
  return views_.Read([&](const Program& p) {
    auto found = p.candidate_by_certificate.find(path.at("number"));
    if (found == p.candidate_by_certificate.end()) return NotFoundProblem("no such certificate");
    const domain::Candidate& c = p.candidates.at(found->second);
    return JsonOk(CertificateJson(c, domain::CertificateStatus(c, p.rules.At(now), now)));
  });
}

HttpResponse ProgramQueries::ProgramReport(const HttpRequest& request) const {
  std::optional<std::int64_t> version;
  if (auto text = request.Query("ruleset")) {
    if (text->empty() || text->size() > 9 ||
        text->find_first_not_of("0123456789") != std::string_view::npos) {
      return ValidationProblem("ruleset", "must be a rule set version");
    }
    version = std::stoll(std::string(*text));
  }
  const bool csv = WantsCsv(request);
  return WithProgram(request, ledger_, views_, clock_, [&](const Program& p, domain::Instant at) {
    domain::RuleBook book = p.rules;
    if (version) {
      const domain::RuleSet* chosen = p.rules.Find(*version);
      if (chosen == nullptr)
        return NotFoundProblem("no rule set version " + std::to_string(*version));
      book = domain::RuleBook();
      book.Publish(domain::RuleSet{INT64_MAX, INT64_MIN, chosen->parameters});
    }
    const projections::ProgramReport report = projections::BuildReport(p, at, book);
    if (csv) return CsvOk(ReportCsv(report));
    return JsonOk(ReportJson(report));
  });
}

HttpResponse ProgramQueries::ListRuleSets(const HttpRequest&) const {
  return views_.Read([](const Program& p) {
    json::array items;
    for (const domain::RuleSet& rule_set : p.rules.All()) items.push_back(RuleSetJson(rule_set));
    return ListResponse(std::move(items), "");
  });
}

HttpResponse ProgramQueries::GetRuleSet(const HttpRequest&, const PathParameters& path) const {
  const std::string& text = path.at("version");
  if (text.empty() || text.size() > 9 ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    return NotFoundProblem("no such rule set");
  }
  return views_.Read([&](const Program& p) {
    const domain::RuleSet* rule_set = p.rules.Find(std::stoll(text));
    if (rule_set == nullptr) return NotFoundProblem("no rule set version " + text);
    return JsonOk(RuleSetJson(*rule_set));
  });
}

}  // namespace ctom::api
