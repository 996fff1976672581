// Registering the domain's routes: the command table, the special commands and the queries.
#include "api/program_routes.hpp"

#include <spdlog/spdlog.h>

#include <boost/json/parse.hpp>
#include <cstdlib>

#include "api/candidate_queries.hpp"
#include "api/command_routes.hpp"
#include "api/credential_routes.hpp"
#include "api/csv_import.hpp"
#include "api/personal_data_routes.hpp"
#include "api/program_commands.hpp"
#include "api/program_queries.hpp"
#include "api/reminder_routes.hpp"
#include "api/resource_commands.hpp"
#include "api/room_attendance.hpp"
#include "api/session_routes.hpp"
#include "api/view_json.hpp"
#include "command/command_service.hpp"
#include "command/erasure.hpp"
#include "domain/event_codec.hpp"
#include "domain/event_json.hpp"
#include "projections/live_views.hpp"

namespace ctom::api {
namespace {

Access RolesOf(const std::vector<std::string_view>& roles) {
  // Access::Roles takes an initializer list; the command table's role lists are one of a few.
  if (roles.size() == 1) return Access::Roles({roles[0]});
  if (roles.size() == 2) return Access::Roles({roles[0], roles[1]});
  return Access::Roles({roles[0], roles[1], roles[2]});
}

// Keeps the token directory in step with the users the ledger holds: each user's current token
// only (a new token replaces the old), none for a revoked user.
void FeedTokens(const projections::LiveViews& views, InMemoryTokenDirectory& tokens) {
  views.Read([&](const domain::Program& program) {
    for (const auto& [id, user] : program.users) {
      if (user.revoked) {
        tokens.RemoveUser(id);
      } else {
        tokens.ReplaceUserTokens(user.token_hash,
                                 Principal{user.id, user.role, user.candidate_id, user.mentor_id});
      }
    }
    return 0;
  });
}

// A signed-in user as sessions show it: the name from the ledger (the first admin, who is not in
// it, is named by its id).
boost::json::object UserJson(const projections::LiveViews& views, const Principal& principal) {
  boost::json::object user{{"id", principal.user_id}};
  user["name"] = views.Read([&](const domain::Program& program) {
    const auto found = program.users.find(principal.user_id);
    return found == program.users.end() ? principal.user_id : found->second.name;
  });
  user["role"] = principal.role;
  if (!principal.candidate_id.empty()) user["candidate_id"] = principal.candidate_id;
  if (!principal.mentor_id.empty()) user["mentor_id"] = principal.mentor_id;
  return user;
}

struct ProgramServices {
  projections::LiveViews views;
  CommandService commands;
  ProgramQueries queries;
  CandidateQueries candidates;
  ProgramCommands program_commands;
  ResourceCommands resource_commands;
  RoomAttendance room_attendance;
  PersonalDataRoutes personal_data;
  ReminderRoutes reminders;
  CsvImport csv_import;

  explicit ProgramServices(ServerContext& context)
      : views(context.ledger, context.unsealer),
        commands(context.ledger, views, context.vault),
        queries(context.ledger, views, context.clock),
        candidates(context.ledger, views, context.clock),
        program_commands(commands, views, context.clock, context.time_zone),
        resource_commands(program_commands, views, context.clock,
                          [&context](std::int64_t ms) {
                            context.metrics.SetLastRebuildDuration(std::chrono::milliseconds(ms));
                          }),
        room_attendance(program_commands, views),
        personal_data(program_commands, views, context),
        reminders(context.ledger, views, program_commands, context.clock,
                  context.settings.public_url),
        csv_import(program_commands, commands, views) {}
};

void AddQueries(Router& router, ProgramServices& s) {
  const Access readers = Access::Roles({"admin", "staff", "instructor", "auditor"});
  const Access office = Access::Roles({"admin", "staff", "auditor"});
  ProgramQueries& q = s.queries;
  CandidateQueries& c = s.candidates;
  // One record's live view: answered on the I/O thread when there is no query (RouteOptions).
  const RouteOptions one_live_record{.quick_without_query = true};
  router.Add("GET", "/v1/cohorts", readers,
             [&q](const RouteContext& r) { return q.ListCohorts(r.request); });
  router.Add(
      "GET", "/v1/cohorts/{year}", readers,
      [&q](const RouteContext& r) { return q.GetCohort(r.request, r.params); }, one_live_record);
  router.Add("GET", "/v1/cohorts/{year}/schedule.ics", readers,
             [&q](const RouteContext& r) { return q.GetSchedule(r.request, r.params); });
  router.Add("GET", "/v1/cohorts/{year}/attendance", readers,
             [&q](const RouteContext& r) { return q.GetAttendance(r.request, r.params); });
  router.Add("GET", "/v1/cohorts/{year}/grades", readers,
             [&q](const RouteContext& r) { return q.GetGrades(r.request, r.params); });
  router.Add("GET", "/v1/mentors", office,
             [&q](const RouteContext& r) { return q.ListMentors(r.request); });
  router.Add(
      "GET", "/v1/mentors/{id}", Access::Roles({"admin", "staff", "auditor", "mentor"}),
      [&q](const RouteContext& r) { return q.GetMentor(r.request, r.params, CallerOf(r)); },
      one_live_record);
  router.Add("GET", "/v1/candidates", readers,
             [&q](const RouteContext& r) { return q.ListCandidates(r.request); });
  router.Add(
      "GET", "/v1/candidates/{id}",
      Access::Roles({"admin", "staff", "instructor", "auditor", "mentor", "candidate"}),
      [&c](const RouteContext& r) { return c.GetCandidate(r.request, r.params, CallerOf(r)); },
      one_live_record);
  router.Add("GET", "/v1/candidates/{id}/history", office,
             [&c](const RouteContext& r) { return c.GetHistory(r.request, r.params); });
  router.Add(
      "GET", "/v1/candidates/{id}/explain",
      Access::Roles({"admin", "staff", "auditor", "candidate", "mentor"}),
      [&c](const RouteContext& r) { return c.Explain(r.request, r.params, CallerOf(r)); },
      one_live_record);
  router.Add(
      "GET", "/v1/candidates/{id}/transcript",
      Access::Roles({"admin", "staff", "auditor", "candidate"}),
      [&c](const RouteContext& r) { return c.GetTranscript(r.request, r.params, CallerOf(r)); });
  router.Add("GET", "/v1/certificates", office,
             [&q](const RouteContext& r) { return q.ListCertificates(r.request); });
  router.Add(
      "GET", "/v1/certificates/{number}", Access::Public(),
      [&q](const RouteContext& r) { return q.VerifyCertificate(r.request, r.params); },
      one_live_record);
  router.Add("GET", "/v1/reports/program", office,
             [&q](const RouteContext& r) { return q.ProgramReport(r.request); });
  router.Add("GET", "/v1/rulesets", office,
             [&q](const RouteContext& r) { return q.ListRuleSets(r.request); });
  router.Add("GET", "/v1/rulesets/{version}", office,
             [&q](const RouteContext& r) { return q.GetRuleSet(r.request, r.params); });
  router.Add(
      "GET", "/v1/documents/{id}",
      Access::Roles({"admin", "staff", "auditor", "instructor", "mentor", "candidate"}),
      [&c](const RouteContext& r) { return c.GetDocument(r.request, r.params, CallerOf(r)); });
}

void AddUserRoutes(Router& router, ProgramServices& s, ServerContext& context) {
  const Access admin = Access::Roles({"admin"});
  projections::LiveViews& views = s.views;
  ResourceCommands& resources = s.resource_commands;
  InMemoryTokenDirectory& tokens = context.tokens;
  router.Add("GET", "/v1/users", admin,
             [&resources](const RouteContext& r) { return resources.ListUsers(r.request); });
  router.Add("POST", "/v1/users/{id}/tokens", admin,
             [&resources, &views, &tokens, &context](const RouteContext& r) {
               HttpResponse answer = resources.IssueToken(r.request, r.params, CallerOf(r));
               FeedTokens(views, tokens);
               // Whoever signed in with the lost token is signed out with it.
               if (answer.status < 300) context.sessions->EndUser(r.Param("id"));
               return answer;
             });
  RegisterSessionRoutes(
      router, context, [&views](const Principal& principal) { return UserJson(views, principal); });
}

void AddCommands(Router& router, ProgramServices& s, InMemoryTokenDirectory& tokens) {
  ProgramCommands& c = s.program_commands;
  for (const CommandRoute& route : CommandRoutes()) {
    router.AddDeferred(
        route.method, route.pattern, RolesOf(route.roles),
        [&c, &route](const RouteContext& r, Reply reply) {
          c.Handle(route, r.request, r.params, CallerOf(r), std::move(reply));
        },
        RouteOptions{.quick_without_query = true});
  }
  RoomAttendance& room = s.room_attendance;
  router.Add("POST", "/v1/cohorts/{year}/sessions/{n}/attendance",
             Access::Roles({"admin", "staff", "instructor"}), [&room](const RouteContext& r) {
               return room.Record(r.request, r.params, CallerOf(r));
             });
  const Access admin = Access::Roles({"admin"});
  projections::LiveViews& views = s.views;
  ResourceCommands& resources = s.resource_commands;
  router.Add("POST", "/v1/users", admin, [&resources, &views, &tokens](const RouteContext& r) {
    HttpResponse answer = resources.CreateUser(r.request, CallerOf(r));
    FeedTokens(views, tokens);
    return answer;
  });
  router.Add("POST", "/v1/users/{id}/revoke", admin,
             [&resources, &views, &tokens](const RouteContext& r) {
               HttpResponse answer = resources.RevokeUser(r.request, r.params, CallerOf(r));
               FeedTokens(views, tokens);
               return answer;
             });
  router.Add(
      "POST", "/v1/documents", Access::Roles({"admin", "staff", "candidate"}),
      [&resources](const RouteContext& r) {
        return resources.UploadDocument(r.request, CallerOf(r));
      },
      RouteOptions{kDocumentBodyBytesMax});
  router.Add("POST", "/v1/rulesets", admin, [&resources](const RouteContext& r) {
    return resources.PublishRuleSet(r.request, CallerOf(r));
  });
  router.Add("POST", "/v1/rulesets/impact", Access::Roles({"admin", "staff", "auditor"}),
             [&resources](const RouteContext& r) {
               return resources.RuleSetImpact(r.request, CallerOf(r));
             });
  router.Add("POST", "/v1/admin/rebuild", admin,
             [&resources](const RouteContext& r) { return resources.Rebuild(r.request); });
}

// Erasures recorded before the process stopped and whose keys were not yet destroyed (the event is
// the point of no return): destroyed before the server takes a request.
void FinishErasures(const projections::LiveViews& views, ServerContext& context) {
  if (context.vault == nullptr) return;
  auto finished = views.Read([&](const domain::Program& program) {
    return command::FinishErasures(program, *context.vault);
  });
  if (!finished) {
    spdlog::critical("cannot finish a recorded erasure: {}", finished.error().detail);
    std::exit(2);
  }
  if (*finished > 0)
    spdlog::warn("finished {} erasure(s) recorded before the last stop", *finished);
}

// Reminders, and the calendar feed whose secret URL is its own credential (no bearer token).
void AddReminderRoutes(Router& router, ProgramServices& s) {
  const Access office = Access::Roles({"admin", "staff"});
  ReminderRoutes& reminders = s.reminders;
  router.Add("GET", "/v1/reminders", office,
             [&reminders](const RouteContext& r) { return reminders.List(r.request); });
  router.Add("POST", "/v1/feeds", office, [&reminders](const RouteContext& r) {
    return reminders.IssueFeed(r.request, CallerOf(r));
  });
  router.Add("GET", "/v1/feeds/{secret}/reminders.ics", Access::Public(),
             [&reminders](const RouteContext& r) { return reminders.Feed(r.params); });
}

// CSV imports: a whole file decided on a worker thread, in chunks (CsvImport).
void AddImports(Router& router, ProgramServices& s) {
  const Access office = Access::Roles({"admin", "staff"});
  CsvImport& imports = s.csv_import;
  router.Add(
      "POST", "/v1/imports/{kind}", office,
      [&imports](const RouteContext& r) {
        return imports.Import(r.request, r.params, CallerOf(r));
      },
      RouteOptions{kImportBodyBytesMax});
  router.Add("GET", "/v1/imports/templates/{file}", office,
             [](const RouteContext& r) { return CsvImport::Template(r.params); });
}

}  // namespace

void RegisterProgramRoutes(Router& router, ServerContext& context) {
  auto services = std::make_shared<ProgramServices>(context);
  auto rebuilt = services->views.Rebuild();
  if (!rebuilt) {
    spdlog::critical("cannot fold the ledger: {}", rebuilt.error());
    std::exit(2);
  }
  spdlog::info("views folded from {} events in {} ms", rebuilt->events, rebuilt->duration_ms);
  context.metrics.SetLastRebuildDuration(std::chrono::milliseconds(rebuilt->duration_ms));
  FinishErasures(services->views, context);
  FeedTokens(services->views, context.tokens);
  AddQueries(router, *services);
  AddPersonalDataRoutes(router, services->personal_data);
  AddCommands(router, *services, context.tokens);
  AddUserRoutes(router, *services, context);
  AddReminderRoutes(router, *services);
  AddImports(router, *services);
  context.owned.push_back(services);
  // After the views it reads, so it is destroyed before them.
  AddCredentialRoutes(router, services->views, context);
}

}  // namespace ctom::api
