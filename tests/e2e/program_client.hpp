// End-to-end helpers for the program's routes: requests with a role's token, JSON bodies, the
// seeds' 2018 cohort, and a walk that takes a candidate from application to certification, all
// through HTTP against a ServerProcess.
#pragma once

#include <array>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/e2e/server_process.hpp"

namespace ctom::e2e {

namespace json = boost::json;

// Options for a server on `data_directory` with the e2e admin token.
inline ServerProcess::Options ServeOptions(const std::filesystem::path& data_directory) {
  return ServerProcess::Options{
      .data_directory = data_directory, .admin_token = kAdminToken, .extra_arguments = {}};
}

// A token that names no user.
inline constexpr const char* kUnknownToken = "e2e-unknown-token-fedcba9876543210";

// One request with `token` as the bearer ("" sends no Authorization header) and, when there is a
// body, Content-Type: application/json.
inline Response Call(const ServerProcess& server, const std::string& token,
                     const std::string& method, const std::string& target,
                     const std::string& body = {}, Headers headers = {}) {
  if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
  bool has_type = false;
  for (const auto& [name, value] : headers) has_type = has_type || name == "Content-Type";
  if (!body.empty() && !has_type) headers.emplace_back("Content-Type", "application/json");
  return server.Send(method, target, body, headers);
}

inline Response Call(const ServerProcess& server, const std::string& token,
                     const std::string& method, const std::string& target, const json::object& body,
                     Headers headers = {}) {
  return Call(server, token, method, target, json::serialize(body), std::move(headers));
}

// The response, or an exception naming the request when it is not 2xx (fails the test with the
// server's explanation).
inline Response Expect2xx(Response response, const std::string& what) {
  if (response.status < 200 || response.status >= 300) {
    throw std::runtime_error(what + ": " + std::to_string(response.status) + " " + response.body);
  }
  return response;
}

// The ledger head's position (GET /v1/ledger/digest as admin).
inline std::int64_t LedgerPosition(const ServerProcess& server) {
  return Expect2xx(server.SendAsAdmin("GET", "/v1/ledger/digest"), "digest")
      .Json()
      .at("position")
      .as_int64();
}

// Every idempotency key in the log with the positions of its events (GET /v1/events as admin,
// page by page: a page is cut short by size as well as by count).
inline std::map<std::string, std::vector<std::int64_t>> IdempotencyKeysInLedger(
    const ServerProcess& server) {
  std::map<std::string, std::vector<std::int64_t>> keys;
  std::int64_t after = 0;
  for (;;) {
    const json::value page =
        Expect2xx(server.SendAsAdmin("GET", "/v1/events?limit=1000&after=" + std::to_string(after)),
                  "events")
            .Json();
    const json::array& items = page.at("items").as_array();
    for (const json::value& item : items) {
      after = item.at("position").as_int64();
      const std::string key(item.at("idempotency_key").as_string());
      if (!key.empty()) keys[key].push_back(after);
    }
    if (items.empty() || page.at("next").is_null()) return keys;
  }
}

// A user of `role` (POST /v1/users as admin); returns {id, token}.
struct User {
  std::string id;
  std::string token;
};
inline User CreateUser(const ServerProcess& server, const std::string& role,
                       const std::string& candidate_id = {}, const std::string& mentor_id = {}) {
  json::object body{{"name", "E2E " + role}, {"role", role}};
  if (!candidate_id.empty()) body["candidate_id"] = candidate_id;
  if (!mentor_id.empty()) body["mentor_id"] = mentor_id;
  const json::value answer =
      Expect2xx(Call(server, kAdminToken, "POST", "/v1/users", body), "create " + role).Json();
  return User{std::string(answer.at("id").as_string()),
              std::string(answer.at("token").as_string())};
}

// The seeds' 2018 cohort: the kickoff, eight Friday 17:30 - Saturday 16:00 sessions (Pacific; PDT
// from 11 March 2018) and the final presentations and commencement on 12 November 2018.
struct SessionDates {
  std::int64_t number;
  const char* title;
  const char* starts_at;
  const char* ends_at;
};
inline constexpr std::array<SessionDates, 10> kSessions2018{{
    {0, "Kickoff", "2018-02-02T10:00:00-08:00", "2018-02-02T16:00:00-08:00"},
    {1, "Leadership and Strategic Planning", "2018-02-02T17:30:00-08:00",
     "2018-02-03T16:00:00-08:00"},
    {2, "Professional Development, Educational Technology", "2018-03-02T17:30:00-08:00",
     "2018-03-03T16:00:00-08:00"},
    {3, "Fiscal Management", "2018-04-06T17:30:00-07:00", "2018-04-07T16:00:00-07:00"},
    {4, "Security Fundamentals, Organizational Management", "2018-05-04T17:30:00-07:00",
     "2018-05-05T16:00:00-07:00"},
    {5, "Staff and Student Centered Aspects, Personnel Management", "2018-06-08T17:30:00-07:00",
     "2018-06-09T16:00:00-07:00"},
    {6, "Technology Infrastructure and Data Systems, Project Management",
     "2018-07-13T17:30:00-07:00", "2018-07-14T16:00:00-07:00"},
    {7, "Assessment and Accountability", "2018-09-07T17:30:00-07:00", "2018-09-08T16:00:00-07:00"},
    {8, "Technology Policies and Standards, Technology Leadership", "2018-10-05T17:30:00-07:00",
     "2018-10-06T16:00:00-07:00"},
    {9, "Final Presentations and Commencement", "2018-11-12T09:00:00-08:00",
     "2018-11-12T17:00:00-08:00"},
}};

inline constexpr const char* kApplicationOpens2018 = "2017-08-23T00:00:00-07:00";
inline constexpr const char* kApplicationDeadline2018 = "2017-09-29T17:00:00-07:00";
inline constexpr const char* kCommencement2018 = "2018-11-12T17:00:00-08:00";
inline constexpr std::int64_t kTuitionCents = 250'000;

// The 2018 cohort's assignments: id, session, kind, due instant.
struct AssignmentDates {
  const char* id;
  std::int64_t session;
  const char* kind;
  const char* due_at;
};
inline constexpr std::array<AssignmentDates, 3> kAssignments2018{{
    {"strategic-plan", 1, "prerequisite", "2018-02-02T17:00:00-08:00"},
    {"budget-analysis", 3, "homework", "2018-04-06T17:00:00-07:00"},
    {"policy-brief", 8, "oral_presentation", "2018-10-05T17:00:00-07:00"},
}};

inline json::object CohortBody(std::int64_t year, std::optional<std::int64_t> capacity = {}) {
  json::array sessions;
  for (const SessionDates& s : kSessions2018) {
    // Other years reuse 2018's calendar shifted by whole years (only 2018 is checked by date).
    auto shift = [&](std::string instant) {
      return std::to_string(std::stoi(instant.substr(0, 4)) + (year - 2018)) + instant.substr(4);
    };
    sessions.push_back(json::object{{"number", s.number},
                                    {"title", s.title},
                                    {"topics", json::array{s.title}},
                                    {"starts_at", shift(s.starts_at)},
                                    {"ends_at", shift(s.ends_at)}});
  }
  json::object body{{"year", year},
                    {"application_opens", std::to_string(year - 1) + "-08-23T00:00:00-07:00"},
                    {"application_deadline", std::to_string(year - 1) + "-09-29T17:00:00-07:00"},
                    {"tuition_cents", kTuitionCents},
                    {"location", "Sacramento, CA"},
                    {"sessions", std::move(sessions)},
                    {"occurred_at", std::to_string(year - 1) + "-08-01T09:00:00-07:00"}};
  if (capacity) body["capacity"] = *capacity;
  return body;
}

// Drives the program through HTTP as staff (backdating with occurred_at). Every step expects a
// 2xx answer and throws otherwise.
class ProgramWalk {
 public:
  explicit ProgramWalk(const ServerProcess& server, std::string token = kAdminToken)
      : server_(server), token_(std::move(token)) {}

  Response Post(const std::string& target, json::object body, const std::string& occurred_at) {
    if (!occurred_at.empty()) body["occurred_at"] = occurred_at;
    return Expect2xx(Call(server_, token_, "POST", target, body), "POST " + target);
  }

  void OpenCohort2018(std::optional<std::int64_t> capacity = {}) {
    Post("/v1/cohorts", CohortBody(2018, capacity), "");
    for (const AssignmentDates& a : kAssignments2018) {
      Post("/v1/cohorts/2018/assignments",
           json::object{{"id", a.id},
                        {"session", a.session},
                        {"kind", a.kind},
                        {"title", std::string("Assignment ") + a.id},
                        {"due_at", a.due_at}},
           "2017-11-01T09:00:00-07:00");
    }
  }

  // Uploads the three application documents of `who` (distinct bytes per person).
  json::object UploadApplicationDocuments(const std::string& who) {
    json::object documents;
    for (const char* kind : {"application", "resume", "nomination"}) {
      const Response uploaded =
          Expect2xx(Call(server_, token_, "POST", "/v1/documents", std::string(kind) + " of " + who,
                         {{"Content-Type", "text/plain"}}),
                    "upload");
      documents[kind] = uploaded.Json().at("id");
    }
    return documents;
  }

  // An application to 2018 inside the window; returns the candidate id.
  std::string Apply(const std::string& name, const std::string& email,
                    json::object employer = {{"name", "Sacramento City USD"},
                                             {"kind", "district"},
                                             {"cds_code", "34674390000000"}}) {
    json::object body{{"name", name},
                      {"email", email},
                      {"employer", std::move(employer)},
                      {"position", "Director of Technology"},
                      {"documents", UploadApplicationDocuments(email)}};
    return std::string(Post("/v1/cohorts/2018/applications", body, "2017-09-01T12:00:00-07:00")
                           .Json()
                           .at("id")
                           .as_string());
  }

  void Accept(const std::string& candidate) {
    Post("/v1/candidates/" + candidate + "/decision", {{"decision", "accepted"}},
         "2017-10-15T12:00:00-07:00");
  }

  // An approved mentor under contract; returns the mentor id.
  std::string Mentor(const std::string& name, const std::string& email) {
    const std::string id(Post("/v1/mentors",
                              json::object{{"name", name},
                                           {"email", email},
                                           {"employer", json::object{{"name", "Elk Grove USD"},
                                                                     {"kind", "district"}}},
                                           {"position", "Chief Technology Officer"},
                                           {"currently_k12_leader", true},
                                           {"hands_on_experience", true},
                                           {"qualification", "cto_certification"},
                                           {"years_k12_leadership", 12}},
                              "2017-09-05T09:00:00-07:00")
                             .Json()
                             .at("id")
                             .as_string());
    Post("/v1/mentors/" + id + "/approval", {{"decision", "approved"}},
         "2017-10-10T09:00:00-07:00");
    Post("/v1/mentors/" + id + "/contract", {{"signed_on", "2017-10-20"}},
         "2017-10-20T09:00:00-07:00");
    return id;
  }

  void Match(const std::string& candidate, const std::string& mentor) {
    Post("/v1/candidates/" + candidate + "/mentor", {{"mentor_id", mentor}},
         "2017-11-01T09:00:00-07:00");
  }

  void PayInFull(const std::string& candidate) {
    Post("/v1/candidates/" + candidate + "/payments",
         {{"amount_cents", kTuitionCents},
          {"method", "check"},
          {"payer", json::object{{"kind", "self"}}}},
         "2017-12-01T09:00:00-08:00");
  }

  // Every session 0..8 present, satisfactory, every assignment passed, the portfolio, the mentor
  // meetings, the final presentation, the mentor's recommendation and feedback.
  void CompleteYear(const std::string& candidate) {
    const std::string c = "/v1/candidates/" + candidate;
    for (const SessionDates& s : kSessions2018) {
      if (s.number > 8) continue;
      Post(c + "/attendance", {{"session", s.number}, {"status", "present"}}, s.ends_at);
      Post(c + "/participation", {{"session", s.number}, {"rating", "satisfactory"}}, s.ends_at);
    }
    for (const AssignmentDates& a : kAssignments2018) {
      Post(c + "/submissions", {{"assignment", a.id}, {"url", "https://example.org/work"}},
           a.due_at);
      Post(c + "/grades", {{"assignment", a.id}, {"result", "pass"}}, a.due_at);
    }
    for (std::int64_t session = 1; session <= 8; ++session) {
      for (const char* kind : {"artifact", "reflection"}) {
        Post(c + "/portfolio",
             {{"kind", kind},
              {"session", session},
              {"title", std::string(kind) + " " + std::to_string(session)},
              {"url", "https://example.org/portfolio"}},
             kSessions2018[static_cast<std::size_t>(session)].ends_at);
      }
    }
    Post(c + "/portfolio",
         {{"kind", "curriculum_summary"},
          {"title", "Curriculum summary"},
          {"url", "https://example.org/summary"}},
         "2018-10-20T09:00:00-07:00");
    for (const char* kind : {"mid_year_evaluation", "portfolio_review", "portfolio_review"}) {
      Post(c + "/meetings", {{"kind", kind}, {"mode", "video"}, {"held_on", "2018-06-15"}},
           "2018-06-15T12:00:00-07:00");
    }
    Post(c + "/final-presentation", {{"result", "pass"}, {"executive_summary", "accepted"}},
         "2018-11-12T10:00:00-08:00");
    Post(c + "/mentor-assessment", {{"recommend", true}, {"statement", "Ready to lead."}},
         "2018-11-01T09:00:00-07:00");
    Post(c + "/feedback", {{"text", "The program was worth it."}}, "2018-11-12T12:00:00-08:00");
  }

  // Certifies at commencement; returns the certificate number.
  std::string Certify(const std::string& candidate) {
    return std::string(Post("/v1/candidates/" + candidate + "/certification",
                            {{"decision", "certify"}}, kCommencement2018)
                           .Json()
                           .at("certificate")
                           .as_string());
  }

  // Application, acceptance, a mentor, tuition, the whole year and certification.
  struct Graduate {
    std::string candidate;
    std::string mentor;
    std::string certificate;
  };
  Graduate Graduate2018(const std::string& name, const std::string& email,
                        const std::string& mentor = {}) {
    Graduate out;
    out.candidate = Apply(name, email);
    Accept(out.candidate);
    out.mentor = mentor.empty() ? Mentor("Mentor of " + name, "mentor." + email) : mentor;
    Match(out.candidate, out.mentor);
    PayInFull(out.candidate);
    CompleteYear(out.candidate);
    out.certificate = Certify(out.candidate);
    return out;
  }

 private:
  const ServerProcess& server_;
  std::string token_;
};

}  // namespace ctom::e2e
