// The read endpoints of one candidate: the candidate view, its explanation and history, and the
// documents candidates upload.
#include "api/candidate_queries.hpp"

#include <boost/json/parse.hpp>

#include "api/command_answer.hpp"
#include "api/csv_writer.hpp"
#include "api/http.hpp"
#include "api/query_support.hpp"
#include "api/transcript_render.hpp"
#include "api/view_json.hpp"
#include "domain/event_codec.hpp"
#include "domain/time.hpp"
#include "projections/candidate_outcome.hpp"
#include "projections/program_report.hpp"
#include "projections/transcript.hpp"

namespace ctom::api {
namespace json = boost::json;
using domain::Program;

// Renders one candidate at the request's bounds: live, or folded from only the streams the
// candidate depends on. render(program, candidate, judged_at, live).
CandidateQueries::CandidateQueries(const eventstore::Ledger& ledger,
                                   const projections::LiveViews& views, Clock clock)
    : ledger_(ledger), views_(views), clock_(std::move(clock)) {}

bool CandidateQueries::MayTouchCandidate(const Caller& caller, const domain::Candidate& candidate) {
  if (caller.role == "candidate") return caller.candidate_id == candidate.id;
  if (caller.role == "mentor")
    return !caller.mentor_id.empty() && caller.mentor_id == candidate.mentor_id;
  return true;
}

template <typename Render>
static HttpResponse WithCandidate(const HttpRequest& request, const std::string& id,
                                  const Caller& caller, const eventstore::Ledger& ledger,
                                  const projections::LiveViews& views, const Clock& clock,
                                  Render&& render) {
  auto bounds = ReadBounds(request);
  if (!bounds) return bounds.error();
  const domain::Instant at = bounds->JudgedAt(clock());
  std::vector<std::string> streams;
  std::optional<HttpResponse> refused;
  const bool live = bounds->IsLive();
  HttpResponse answer = views.Read([&](const Program& p) -> HttpResponse {
    const domain::Candidate* c = p.FindCandidate(id);
    if (c == nullptr) return NotFoundProblem("no candidate " + id);
    if (!CandidateQueries::MayTouchCandidate(caller, *c)) {
      return ForbiddenProblem("this is not your candidate record");
    }
    if (live) return render(p, *c, at, true);
    streams = projections::CandidateStreams(*c);
    return HttpResponse{};
  });
  if (live || streams.empty()) return answer;
  auto program = projections::FoldStreams(ledger, views.unsealer(), streams, *bounds);
  if (!program) return FoldProblem(program.error());
  const domain::Candidate* c = program->FindCandidate(id);
  if (c == nullptr) return NotFoundProblem("no candidate " + id + " at that bound");
  return render(*program, *c, at, false);
}

HttpResponse CandidateQueries::GetCandidate(const HttpRequest& request, const PathParameters& path,
                                            const Caller& caller) const {
  return WithCandidate(
      request, path.at("id"), caller, ledger_, views_, clock_,
      [this](const Program& p, const domain::Candidate& c, domain::Instant at, bool live) {
        const auto render = [&] {
          const auto outcome = projections::EvaluateCandidate(p, c, at, p.rules);
          HttpResponse response = JsonOk(CandidateJson(p, c, outcome));
          response.headers.emplace_back("ETag", "\"" + std::to_string(c.version) + "\"");
          return response;
        };
        if (!live) return render();  // a fold of the candidate's streams: never kept
        const CandidateViewKey key{p.position, views_.Rebuilds(), domain::ProgramDateOf(at).days,
                                   p.rules.InForceAt(at).version};
        if (auto kept = candidate_views_.Find(c.id, key)) return std::move(*kept);
        HttpResponse response = render();
        candidate_views_.Keep(c.id, key, response);
        return response;
      });
}

HttpResponse CandidateQueries::Explain(const HttpRequest& request, const PathParameters& path,
                                       const Caller& caller) const {
  return WithCandidate(request, path.at("id"), caller, ledger_, views_, clock_,
                       [](const Program& p, const domain::Candidate& c, domain::Instant at, bool) {
                         const auto outcome = projections::EvaluateCandidate(p, c, at, p.rules);
                         // Like every view, it says which state of the record it explains.
                         json::object body = ExplainJson(c, outcome);
                         body["version"] = c.version;
                         body["position"] = p.position;
                         return JsonOk(body);
                       });
}

HttpResponse CandidateQueries::GetTranscript(const HttpRequest& request, const PathParameters& path,
                                             const Caller& caller) const {
  const bool csv = WantsCsv(request);
  return WithCandidate(
      request, path.at("id"), caller, ledger_, views_, clock_,
      [csv](const Program& p, const domain::Candidate& c, domain::Instant at, bool) {
        const projections::Transcript transcript = projections::BuildTranscript(c, p.rules, at);
        if (csv) return CsvOk(TranscriptCsv(transcript));
        json::object body = TranscriptJson(c, transcript, at);
        body["version"] = c.version;
        body["position"] = p.position;
        return JsonOk(body);
      });
}

HttpResponse CandidateQueries::GetHistory(const HttpRequest& request,
                                          const PathParameters& path) const {
  const std::string stream = domain::CandidateStream(path.at("id"));
  auto bounds = ReadBounds(request);
  if (!bounds) return bounds.error();
  if (ledger_.StreamVersion(stream) == 0) return NotFoundProblem("no candidate " + path.at("id"));
  json::array events;
  std::uint64_t from = 1;
  while (true) {
    auto page = ledger_.ReadStream(stream, from, eventstore::kReadPageEventsMax);
    if (!page) return LedgerProblem(page.error());
    if (page->empty()) break;
    for (const eventstore::RecordedEvent& record : *page) {
      if (bounds->position && record.position > *bounds->position) continue;
      if (bounds->as_of && record.occurred_at_us > *bounds->as_of) continue;
      if (bounds->known_at && record.recorded_at_us > *bounds->known_at) continue;
      events.push_back(RecordJson(record, views_.unsealer()));
    }
    from = page->back().stream_version + 1;
  }
  return JsonOk(json::object{{"stream", stream}, {"events", std::move(events)}});
}

HttpResponse CandidateQueries::GetDocument(const HttpRequest&, const PathParameters& path,
                                           const Caller& caller) const {
  const std::string& id = path.at("id");
  const auto document = views_.Read([&](const Program& p) -> std::optional<domain::Document> {
    auto found = p.documents.find(id);
    if (found == p.documents.end()) return std::nullopt;
    return found->second;
  });
  if (!document) return NotFoundProblem("no document " + id);
  const bool reader_role =
      caller.role == "admin" || caller.role == "staff" || caller.role == "auditor";
  if (!reader_role && document->uploader_id != caller.user_id) {
    return ForbiddenProblem("only staff, auditors and the uploader read a document");
  }
  auto records = ledger_.ReadAll(document->position, 1);
  if (!records || records->empty()) return NotFoundProblem("document bytes are missing");
  const eventstore::RecordedEvent& record = records->front();
  auto event = views_.unsealer().Decode(record.stream, record.stream_version, record.type,
                                        record.schema_version, record.payload);
  if (!event) return FoldProblem("the document record does not decode: " + event.error());
  if (event->personal_data == domain::PersonalData::erased) {
    return server::ProblemResponse(server::Problem{
        410, std::string(server::problem_code::kErased),
        "the document was erased with the personal data of the person it belonged to"});
  }
  const auto* uploaded = std::get_if<domain::DocumentUploaded>(&event->event);
  if (uploaded == nullptr) return FoldProblem("the record is not a document");
  HttpResponse response = TextResponse(200, uploaded->content_type, uploaded->bytes);
  response.headers.emplace_back("Content-Disposition", "attachment");  // the server adds nosniff
  return response;
}

}  // namespace ctom::api
