// A room's attendance: rows read, checked against the cohort, and decided as one group.
#include "api/room_attendance.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <set>

#include "api/field_limits.hpp"
#include "api/json_body.hpp"
#include "api/json_text.hpp"

namespace ctom::api {
namespace json = boost::json;
namespace {

// A small decimal ("2018", "3"), or -1, which names no cohort or session.
std::int64_t SmallNumber(const std::string& text, std::size_t digits_max) {
  if (text.empty() || text.size() > digits_max ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    return -1;
  }
  return std::stoll(text);
}

// A row's refusal, naming the row: records[i] before the detail, and as the field of errors.
HttpResponse RowProblem(std::size_t index, HttpResponse problem) {
  const std::string field = "records[" + std::to_string(index) + "]";
  boost::system::error_code ec;
  json::value body = json::parse(problem.body, ec);
  if (ec || !body.is_object()) return problem;
  json::object& out = body.as_object();
  const json::string* detail = out.if_contains("detail") ? out["detail"].if_string() : nullptr;
  const std::string message = detail == nullptr ? std::string() : std::string(*detail);
  out["detail"] = field + ": " + message;
  if (!out.contains("errors")) {
    out["errors"] = json::array{json::object{{"field", field}, {"message", message}}};
  }
  problem.body = JsonText(out);
  return problem;
}

HttpResponse GroupAnswer(std::int64_t year, const std::vector<CommandOutcome>& outcomes) {
  const CommandOutcome& last = outcomes.back();
  json::object out{{"id", std::to_string(year)},
                   {"stream", last.stream},
                   {"version", last.version},
                   {"position", last.position}};
  if (!last.replayed) {
    json::array records;
    for (const CommandOutcome& outcome : outcomes) {
      records.push_back(json::object{{"candidate", outcome.id},
                                     {"stream", outcome.stream},
                                     {"version", outcome.version},
                                     {"position", outcome.position}});
    }
    out["records"] = std::move(records);
  }
  return JsonResponse(200, out);
}

}  // namespace

RoomAttendance::RoomAttendance(ProgramCommands& commands, const projections::LiveViews& views)
    : commands_(commands), views_(views) {}

HttpResponse RoomAttendance::Record(const HttpRequest& request, const PathParameters& path,
                                    const Caller& caller) {
  const std::int64_t year = SmallNumber(path.at("year"), 4);
  const bool cohort_exists =
      views_.Read([&](const domain::Program& p) { return p.FindCohort(year) != nullptr; });
  if (!cohort_exists) return NotFoundProblem("no cohort " + path.at("year"));
  if (request.Header("if-match")) {
    return ValidationProblem("If-Match", "a room's attendance spans several records");
  }
  auto object = ParseJsonBody(request);
  if (!object) return object.error();
  BodyReader body(*object);
  const std::optional<std::int64_t> occurred_at = body.OptionalInstant("occurred_at");
  const std::int64_t session = SmallNumber(path.at("n"), 2);
  std::vector<domain::Command> commands;
  std::set<std::string> named;
  for (BodyReader& row : body.RequiredObjectArray("records", 1, kRoomRecordsMax)) {
    std::string candidate = row.RequiredString("candidate", kIdBytesMax);
    domain::AttendanceRecorded attendance{
        session, row.RequiredEnum("status", {"present", "absent_excused", "absent_unexcused"}),
        row.OptionalText("note", kTextBytesMax).value_or("")};
    if (!candidate.empty() && !named.insert(candidate).second) {
      row.Refuse("candidate", "names a candidate an earlier row names");
    }
    const bool other_cohort = views_.Read([&](const domain::Program& p) {
      const domain::Candidate* c = p.FindCandidate(candidate);
      return c != nullptr && c->cohort != year;
    });
    if (other_cohort) row.Refuse("candidate", "is not a candidate of cohort " + path.at("year"));
    commands.push_back(domain::Command{std::move(candidate), std::move(attendance)});
  }
  if (!body.Finish()) return body.Problem();
  auto outcomes = commands_.RunAll(std::move(commands), request, caller, occurred_at);
  if (!outcomes) {
    if (!outcomes.error().index) return std::move(outcomes.error().answer);
    return RowProblem(*outcomes.error().index, std::move(outcomes.error().answer));
  }
  return GroupAnswer(year, *outcomes);
}

}  // namespace ctom::api
