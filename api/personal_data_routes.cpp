// Erasure, access and correction of a person's data.
#include "api/personal_data_routes.hpp"

#include <spdlog/spdlog.h>

#include <boost/json/parse.hpp>

#include "api/command_answer.hpp"
#include "api/field_limits.hpp"
#include "api/json_body.hpp"
#include "api/json_text.hpp"
#include "api/query_support.hpp"
#include "api/view_json.hpp"
#include "command/erasure.hpp"
#include "vault/vault.hpp"

namespace ctom::api {
namespace json = boost::json;

namespace {

using domain::PersonKind;

std::string PersonStream(PersonKind person, const std::string& id) {
  return person == PersonKind::candidate ? command::CandidatePerson(id) : command::MentorPerson(id);
}

std::string_view KindName(PersonKind person) {
  return person == PersonKind::candidate ? "candidate" : "mentor";
}

bool IsThePerson(const Caller& caller, PersonKind person, const std::string& id) {
  if (person == PersonKind::candidate)
    return caller.role == "candidate" && caller.candidate_id == id;
  return caller.role == "mentor" && caller.mentor_id == id;
}

// The person's profile as the views hold it, or nullopt when there is no such person.
std::optional<json::object> Profile(const domain::Program& p, PersonKind person,
                                    const std::string& id) {
  if (person == PersonKind::candidate) {
    const domain::Candidate* c = p.FindCandidate(id);
    if (c == nullptr) return std::nullopt;
    return json::object{{"name", c->name},
                        {"email", c->email},
                        {"position_title", c->position_title},
                        {"employer", c->employer.name},
                        {"cohort", c->cohort},
                        {"status", c->status},
                        {"erased", c->personal.erased}};
  }
  const domain::Mentor* m = p.FindMentor(id);
  if (m == nullptr) return std::nullopt;
  return json::object{{"name", m->application.name},
                      {"email", m->application.email},
                      {"position_title", m->application.position},
                      {"employer", m->application.employer.name},
                      {"erased", m->personal.erased}};
}

json::array UsersOf(const domain::Program& p, PersonKind person, const std::string& id) {
  json::array users;
  for (const auto& [user_id, user] : p.users) {
    const std::string& linked =
        person == PersonKind::candidate ? user.candidate_id : user.mentor_id;
    if (linked != id) continue;
    users.push_back(json::object{{"id", user.id}, {"name", user.name}, {"role", user.role}});
  }
  return users;
}

}  // namespace

PersonalDataRoutes::PersonalDataRoutes(ProgramCommands& commands,
                                       const projections::LiveViews& views, ServerContext& context)
    : commands_(commands), views_(views), context_(context) {}

HttpResponse PersonalDataRoutes::Erase(const HttpRequest& request, const PathParameters& path,
                                       const Caller& caller, PersonKind person) {
  auto object = ParseJsonBody(request);
  if (!object) return object.error();
  BodyReader body(*object);
  domain::ErasePersonalData erase{person, body.RequiredString("reason", kTextBytesMax)};
  if (!body.Finish()) return body.Problem();
  const std::string& id = path.at("id");
  HttpResponse answer = commands_.Run(domain::Command{id, erase}, request, caller, std::nullopt);
  if (answer.status >= 300 || context_.vault == nullptr) return answer;
  // The event is durable: from here on the erasure happens, now or at the next start.
  if (auto destroyed = context_.vault->ErasePerson(PersonStream(person, id)); !destroyed) {
    spdlog::error("erasure recorded, keys not yet destroyed ({}); the next start finishes it",
                  vault::VaultErrorCodeName(destroyed.error().code));
    return ProblemResponse(
        Problem{503, std::string(server::problem_code::kServiceUnavailable),
                "the erasure is recorded and its keys could not be destroyed yet: the next start "
                "of the server destroys them"});
  }
  return answer;
}

HttpResponse PersonalDataRoutes::Correct(const HttpRequest& request, const PathParameters& path,
                                         const Caller& caller, PersonKind person) {
  auto object = ParseJsonBody(request);
  if (!object) return object.error();
  BodyReader body(*object);
  domain::CorrectPersonalData correct{person, {}};
  correct.correction.name = body.OptionalString("name", kNameBytesMax).value_or("");
  correct.correction.email = body.OptionalString("email", kNameBytesMax).value_or("");
  correct.correction.position = body.OptionalString("position", kNameBytesMax).value_or("");
  if (!body.Finish()) return body.Problem();
  return commands_.Run(domain::Command{path.at("id"), correct}, request, caller, std::nullopt);
}

HttpResponse PersonalDataRoutes::Export(const PathParameters& path, const Caller& caller,
                                        PersonKind person) const {
  const std::string& id = path.at("id");
  if (caller.role != "admin" && !IsThePerson(caller, person, id)) {
    return ForbiddenProblem("only an admin and the person read their personal data");
  }
  json::object document{{"kind", KindName(person)}, {"id", id}};
  const bool found = views_.Read([&](const domain::Program& p) {
    auto profile = Profile(p, person, id);
    if (!profile) return false;
    document["profile"] = std::move(*profile);
    document["users"] = UsersOf(p, person, id);
    return true;
  });
  if (!found) return NotFoundProblem("no " + std::string(KindName(person)) + " " + id);
  const std::string stream = PersonStream(person, id);
  json::array records;
  for (std::uint64_t from = 1;;) {
    auto page = context_.ledger.ReadStream(stream, from, eventstore::kReadPageEventsMax);
    if (!page) return LedgerProblem(page.error());
    if (page->empty()) break;
    for (const eventstore::RecordedEvent& record : *page) {
      records.push_back(RecordJson(record, views_.unsealer()));
    }
    from = page->back().stream_version + 1;
  }
  document["records"] = std::move(records);
  json::array documents;
  if (context_.vault != nullptr) {
    auto owned = context_.vault->PersonDocuments(stream);
    if (owned) {
      for (const std::string& document_id : *owned) {
        documents.push_back(json::string("/v1/documents/" + document_id));
      }
    }
  }
  document["documents"] = std::move(documents);
  HttpResponse response = JsonOk(document);
  response.headers.emplace_back("Content-Disposition",
                                "attachment; filename=\"personal-data-" + id + ".json\"");
  return response;
}

void AddPersonalDataRoutes(Router& router, PersonalDataRoutes& routes) {
  const Access admin = Access::Roles({"admin"});
  const Access office = Access::Roles({"admin", "staff"});
  for (const PersonKind person : {PersonKind::candidate, PersonKind::mentor}) {
    const std::string base =
        person == PersonKind::candidate ? "/v1/candidates/{id}" : "/v1/mentors/{id}";
    const Access self = person == PersonKind::candidate ? Access::Roles({"admin", "candidate"})
                                                        : Access::Roles({"admin", "mentor"});
    router.Add("POST", base + "/erasure", admin, [&routes, person](const RouteContext& r) {
      return routes.Erase(r.request, r.params, CallerOf(r), person);
    });
    router.Add("POST", base + "/correction", office, [&routes, person](const RouteContext& r) {
      return routes.Correct(r.request, r.params, CallerOf(r), person);
    });
    router.Add("GET", base + "/personal-data", self, [&routes, person](const RouteContext& r) {
      return routes.Export(r.params, CallerOf(r), person);
    });
  }
}

}  // namespace ctom::api
