// End-to-end: who may call what. Every endpoint of API.md against every role (admin, staff,
// instructor, mentor, candidate, auditor, no token, an unknown token); mentors and candidates
// limited to their own records; backdating refused to the roles that record facts as they happen;
// a revoked token refused at once.
#include <gtest/gtest.h>

#include <memory>
#include <set>

#include "tests/e2e/program_client.hpp"

namespace ctom::e2e {
namespace {

enum class Role { admin, staff, instructor, mentor, candidate, auditor, none, unknown };

constexpr Role kAllRoles[] = {Role::admin,     Role::staff,   Role::instructor, Role::mentor,
                              Role::candidate, Role::auditor, Role::none,       Role::unknown};

const char* Name(Role role) {
  switch (role) {
    case Role::admin:
      return "admin";
    case Role::staff:
      return "staff";
    case Role::instructor:
      return "instructor";
    case Role::mentor:
      return "mentor";
    case Role::candidate:
      return "candidate";
    case Role::auditor:
      return "auditor";
    case Role::none:
      return "no token";
    case Role::unknown:
      return "unknown token";
  }
  return "?";
}

using Roles = std::set<Role>;

const Roles kEveryone{kAllRoles, kAllRoles + 8};
const Roles kAdmin{Role::admin};
const Roles kStaff{Role::admin, Role::staff};
const Roles kTeaching{Role::admin, Role::staff, Role::instructor};
const Roles kReaders{Role::admin, Role::staff, Role::instructor, Role::auditor};
const Roles kOffice{Role::admin, Role::staff, Role::auditor};
const Roles kLedger{Role::admin, Role::auditor};
// On the caller's own record (the candidate itself, or the mentor matched to it).
const Roles kOwnCandidate{Role::admin, Role::staff, Role::candidate};
const Roles kOwnMentor{Role::admin, Role::staff, Role::mentor};

struct Endpoint {
  std::string method;
  std::string target;
  std::string body;  // JSON unless content_type says otherwise
  Roles allowed;
  std::string content_type = "application/json";
};

// The records the matrix works on: the 2018 cohort, a mentor and its candidate (each with a user),
// another candidate with another mentor, a document staff uploaded and a user to revoke.
struct World {
  std::map<Role, std::string> tokens;
  std::string candidate, other_candidate, mentor, other_mentor, document, spare_user;
};

std::string Json(const json::object& body) { return json::serialize(body); }

class RoleMatrixTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>(ServeOptions(folder_.path()));
    ProgramWalk walk(*server_);
    walk.OpenCohort2018();
    world_.mentor = walk.Mentor("Mentor One", "one@mentors.example");
    world_.other_mentor = walk.Mentor("Mentor Two", "two@mentors.example");
    world_.candidate = walk.Apply("Own Candidate", "own@district.example");
    world_.other_candidate = walk.Apply("Other Candidate", "other@district.example");
    for (const std::string& id : {world_.candidate, world_.other_candidate}) walk.Accept(id);
    walk.Match(world_.candidate, world_.mentor);
    walk.Match(world_.other_candidate, world_.other_mentor);
    world_.document =
        std::string(Expect2xx(Call(*server_, kAdminToken, "POST", "/v1/documents",
                                   std::string("staff memo"), {{"Content-Type", "text/plain"}}),
                              "upload")
                        .Json()
                        .at("id")
                        .as_string());
    world_.tokens[Role::admin] = kAdminToken;
    world_.tokens[Role::staff] = CreateUser(*server_, "staff").token;
    world_.tokens[Role::instructor] = CreateUser(*server_, "instructor").token;
    world_.tokens[Role::auditor] = CreateUser(*server_, "auditor").token;
    world_.tokens[Role::mentor] = CreateUser(*server_, "mentor", "", world_.mentor).token;
    world_.tokens[Role::candidate] = CreateUser(*server_, "candidate", world_.candidate).token;
    world_.tokens[Role::none] = "";
    world_.tokens[Role::unknown] = kUnknownToken;
    world_.spare_user = CreateUser(*server_, "auditor").id;
  }

  Response Send(Role role, const Endpoint& e) const {
    Headers headers;
    if (!e.body.empty()) headers.emplace_back("Content-Type", e.content_type);
    return Call(*server_, world_.tokens.at(role), e.method, e.target, e.body, headers);
  }

  // Every endpoint of API.md with a body the allowed roles may send. Bodies that would close the
  // candidate's record (withdraw, drop) are refused as invalid instead, so every row finds the
  // same world.
  std::vector<Endpoint> Endpoints() const {
    const std::string c = "/v1/candidates/" + world_.candidate;
    const std::string m = "/v1/mentors/" + world_.mentor;
    json::object cohort = CohortBody(2019);
    return {
        {"GET", "/healthz", "", kEveryone},
        {"GET", "/metrics", "", kEveryone},
        {"GET", "/openapi.json", "", kEveryone},
        {"POST", "/v1/users", Json({{"name", "New"}, {"role", "auditor"}}), kAdmin},
        {"POST", "/v1/users/" + world_.spare_user + "/revoke", "", kAdmin},
        {"POST", "/v1/documents", "a candidate's essay", kOwnCandidate, "text/plain"},
        {"GET", "/v1/documents/" + world_.document, "", kOffice},
        {"POST", "/v1/cohorts", Json(cohort), kStaff},
        {"POST", "/v1/cohorts/2018/sessions/9/reschedule",
         Json({{"starts_at", "2018-11-12T09:30:00-08:00"},
               {"ends_at", "2018-11-12T17:00:00-08:00"}}),
         kStaff},
        {"POST", "/v1/cohorts/2018/assignments",
         Json({{"id", "matrix"},
               {"session", 2},
               {"kind", "homework"},
               {"title", "Matrix"},
               {"due_at", "2018-03-02T17:00:00-08:00"}}),
         kTeaching},
        {"GET", "/v1/cohorts", "", kReaders},
        {"GET", "/v1/cohorts/2018", "", kReaders},
        {"GET", "/v1/cohorts/2018/schedule.ics", "", kReaders},
        {"POST", "/v1/cohorts/2018/applications",
         Json({{"name", "Late"},
               {"email", "late@district.example"},
               {"employer", json::object{{"name", "Davis JUSD"}, {"kind", "district"}}},
               {"position", "Coordinator"},
               {"documents", json::object{}}}),
         kStaff},
        {"POST", "/v1/mentors",
         Json({{"name", "Mentor Three"},
               {"email", "three@mentors.example"},
               {"employer", json::object{{"name", "Davis JUSD"}, {"kind", "district"}}},
               {"position", "CTO"},
               {"currently_k12_leader", true},
               {"hands_on_experience", true},
               {"qualification", "work_experience"},
               {"years_k12_leadership", 8}}),
         kStaff},
        {"POST", m + "/approval", Json({{"decision", "approved"}}), kStaff},
        {"POST", m + "/contract", Json({{"signed_on", "2017-10-21"}}), kStaff},
        {"GET", "/v1/mentors", "", kOffice},
        {"GET", m, "", {Role::admin, Role::staff, Role::auditor, Role::mentor}},
        {"POST", c + "/decision", Json({{"decision", "accepted"}}), kStaff},
        {"POST", c + "/withdraw", Json({}), kOwnCandidate},
        {"POST", c + "/mentor", Json({{"mentor_id", world_.mentor}}), kStaff},
        {"POST", c + "/payments",
         Json({{"amount_cents", 100},
               {"method", "check"},
               {"payer", json::object{{"kind", "self"}}}}),
         kStaff},
        {"POST", c + "/refunds", Json({{"amount_cents", 1}, {"reason", "rounding"}}), kStaff},
        {"POST", c + "/attendance", Json({{"session", 0}, {"status", "present"}}), kTeaching},
        {"POST", c + "/makeups", Json({{"session", 0}, {"description", "catch-up"}}), kTeaching},
        {"POST", c + "/participation", Json({{"session", 0}, {"rating", "satisfactory"}}),
         kTeaching},
        {"POST", c + "/submissions",
         Json({{"assignment", "strategic-plan"}, {"url", "https://example.org/plan"}}),
         kOwnCandidate},
        {"POST", c + "/grades", Json({{"assignment", "strategic-plan"}, {"result", "pass"}}),
         kTeaching},
        {"POST", c + "/portfolio",
         Json({{"kind", "artifact"},
               {"session", 1},
               {"title", "Plan"},
               {"url", "https://example.org/plan"}}),
         kOwnCandidate},
        {"POST", c + "/meetings",
         Json({{"kind", "check_in"}, {"mode", "phone"}, {"held_on", "2018-03-01"}}), kOwnMentor},
        {"POST", c + "/reviews", Json({{"held_on", "2018-03-01"}}), kStaff},
        {"POST", c + "/final-presentation",
         Json({{"result", "pass"}, {"executive_summary", "accepted"}}), kTeaching},
        {"POST", c + "/mentor-assessment", Json({{"recommend", true}, {"statement", "Ready."}}),
         kOwnMentor},
        {"POST", c + "/feedback", Json({{"text", "Thanks."}}), kOwnCandidate},
        {"POST", c + "/employment",
         Json({{"employer", json::object{{"name", "Davis JUSD"}, {"kind", "district"}}}}),
         kOwnCandidate},
        {"POST", c + "/continuation", Json({{"decision", "continue"}, {"reason", "still K-12"}}),
         kStaff},
        {"POST", c + "/drop", Json({{"reason", "not-a-reason"}}), kStaff},
        {"POST", c + "/certification", Json({{"decision", "certify"}}), kStaff},
        {"POST", c + "/ceus",
         Json({{"activity", "Conference"},
               {"provider", "CETPA"},
               {"completed_on", "2019-11-14"},
               {"contact_hours", 6}}),
         kOwnCandidate},
        {"POST", c + "/annual-documentation", Json({{"year", 2019}}), kOwnCandidate},
        {"POST", c + "/recertification", Json({}), kStaff},
        {"POST", c + "/revocation", Json({{"reason", "fraud"}}), kAdmin},
        {"POST", c + "/promotions", Json({{"title", "CTO"}, {"effective_on", "2019-07-01"}}),
         kOwnCandidate},
        {"GET", "/v1/candidates", "", kReaders},
        {"GET",
         c,
         "",
         {Role::admin, Role::staff, Role::instructor, Role::auditor, Role::mentor,
          Role::candidate}},
        {"GET", c + "/history", "", kOffice},
        {"GET",
         c + "/explain",
         "",
         {Role::admin, Role::staff, Role::auditor, Role::candidate, Role::mentor}},
        {"GET", "/v1/certificates", "", kOffice},
        {"GET", "/v1/certificates/CCTO-2018-0001", "", kEveryone},
        {"GET", "/v1/reports/program", "", kOffice},
        {"GET", "/v1/rulesets", "", kOffice},
        {"GET", "/v1/rulesets/1", "", kOffice},
        {"POST", "/v1/rulesets",
         Json({{"effective_from", "2099-01-01T00:00:00Z"},
               {"parameters", json::object{{"max_excused_absences", 2}}}}),
         kAdmin},
        {"POST", "/v1/rulesets/impact",
         Json({{"parameters", json::object{{"max_excused_absences", 3}}}}), kOffice},
        {"POST", "/v1/admin/rebuild", "", kAdmin},
        {"POST", "/v1/imports/attendance?dry_run=true", "occurred_at,candidate,session,status\n",
         kStaff, "text/csv"},
        {"GET", "/v1/imports/templates/attendance.csv", "", kStaff},
        {"GET", "/v1/events", "", kLedger},
        {"GET", "/v1/ledger/digest", "", kLedger},
        {"GET", "/v1/ledger/verify", "", kLedger},
    };
  }

  TemporaryFolder folder_;
  std::unique_ptr<ServerProcess> server_;
  World world_;
};

TEST_F(RoleMatrixTest, EveryEndpointAnswersEachRoleAsTheTableSays) {
  const std::vector<Endpoint> endpoints = Endpoints();
  EXPECT_EQ(endpoints.size(), 61u) << "every row of API.md's endpoint table";
  for (const Endpoint& endpoint : endpoints) {
    for (const Role role : kAllRoles) {
      const Response response = Send(role, endpoint);
      const std::string what =
          endpoint.method + " " + endpoint.target + " as " + Name(role) + ": " + response.body;
      if (endpoint.allowed.contains(role)) {
        EXPECT_NE(response.status, 401) << what;
        EXPECT_NE(response.status, 403) << what;
        EXPECT_LT(response.status, 500) << what;
      } else if (role == Role::none || role == Role::unknown) {
        EXPECT_EQ(response.status, 401) << what;
        EXPECT_EQ(response.Code(), "unauthorized") << what;
        EXPECT_EQ(response.Header("www-authenticate"), "Bearer") << what;
      } else {
        EXPECT_EQ(response.status, 403) << what;
        EXPECT_EQ(response.Code(), "forbidden") << what;
      }
    }
  }
}

TEST_F(RoleMatrixTest, MentorsAndCandidatesTouchingSomeoneElsesRecordAre403AndAppendNothing) {
  const std::string other = "/v1/candidates/" + world_.other_candidate;
  const std::vector<std::pair<Role, Endpoint>> attempts = {
      {Role::candidate, {"GET", other, "", {}}},
      {Role::candidate, {"GET", other + "/explain", "", {}}},
      {Role::candidate, {"POST", other + "/withdraw", Json({{"reason", "moving"}}), {}}},
      {Role::candidate,
       {"POST",
        other + "/submissions",
        Json({{"assignment", "strategic-plan"}, {"url", "https://example.org/x"}}),
        {}}},
      {Role::candidate,
       {"POST",
        other + "/portfolio",
        Json({{"kind", "artifact"}, {"session", 1}, {"title", "x"}, {"url", "https://x.example"}}),
        {}}},
      {Role::candidate, {"POST", other + "/feedback", Json({{"text", "x"}}), {}}},
      {Role::candidate,
       {"POST",
        other + "/employment",
        Json({{"employer", json::object{{"name", "Elsewhere"}, {"kind", "non_k12"}}}}),
        {}}},
      {Role::candidate,
       {"POST",
        other + "/ceus",
        Json({{"activity", "x"},
              {"provider", "y"},
              {"completed_on", "2019-01-01"},
              {"contact_hours", 1}}),
        {}}},
      {Role::candidate, {"POST", other + "/annual-documentation", Json({{"year", 2019}}), {}}},
      {Role::candidate,
       {"POST", other + "/promotions", Json({{"title", "x"}, {"effective_on", "2019-01-01"}}), {}}},
      // Someone else's record is refused before the body is even read.
      {Role::candidate, {"POST", other + "/feedback", Json({{"nonsense", 1}}), {}}},
      {Role::mentor, {"GET", other, "", {}}},
      {Role::mentor, {"GET", other + "/explain", "", {}}},
      {Role::mentor, {"GET", "/v1/mentors/" + world_.other_mentor, "", {}}},
      {Role::mentor,
       {"POST",
        other + "/meetings",
        Json({{"kind", "check_in"}, {"mode", "video"}, {"held_on", "2018-03-01"}}),
        {}}},
      {Role::mentor,
       {"POST",
        other + "/mentor-assessment",
        Json({{"recommend", false}, {"statement", "x"}}),
        {}}},
  };
  const std::int64_t position = LedgerPosition(*server_);
  for (const auto& [role, endpoint] : attempts) {
    const Response response = Send(role, endpoint);
    EXPECT_EQ(response.status, 403)
        << Name(role) << " " << endpoint.target << ": " << response.body;
    EXPECT_EQ(response.Code(), "forbidden") << endpoint.target;
  }
  EXPECT_EQ(LedgerPosition(*server_), position);
  // And their own records they may touch.
  const std::string own = "/v1/candidates/" + world_.candidate;
  EXPECT_EQ(Send(Role::candidate, {"GET", own, "", {}}).status, 200);
  EXPECT_EQ(Send(Role::candidate, {"GET", own + "/explain", "", {}}).status, 200);
  EXPECT_EQ(Send(Role::mentor, {"GET", own, "", {}}).status, 200);
  EXPECT_EQ(Send(Role::mentor, {"GET", "/v1/mentors/" + world_.mentor, "", {}}).status, 200);
  EXPECT_EQ(Send(Role::candidate, {"POST", own + "/feedback", Json({{"text", "good"}}), {}}).status,
            200);
  EXPECT_EQ(Send(Role::mentor,
                 {"POST",
                  own + "/meetings",
                  Json({{"kind", "check_in"}, {"mode", "video"}, {"held_on", "2018-03-01"}}),
                  {}})
                .status,
            200);
}

TEST_F(RoleMatrixTest, ADocumentIsReadByStaffAuditorsAndItsUploaderOnly) {
  const Response uploaded =
      Call(*server_, world_.tokens.at(Role::candidate), "POST", "/v1/documents",
           std::string("my resume"), {{"Content-Type", "text/plain"}});
  ASSERT_EQ(uploaded.status, 201) << uploaded.body;
  const std::string target = "/v1/documents/" + std::string(uploaded.Json().at("id").as_string());
  for (const Role role : {Role::admin, Role::staff, Role::auditor, Role::candidate}) {
    const Response read = Send(role, {"GET", target, "", {}});
    EXPECT_EQ(read.status, 200) << Name(role);
    EXPECT_EQ(read.body, "my resume");
  }
  for (const Role role : {Role::instructor, Role::mentor}) {
    EXPECT_EQ(Send(role, {"GET", target, "", {}}).status, 403) << Name(role);
  }
}

TEST_F(RoleMatrixTest, ACandidateCannotReadAnotherCandidatesDocumentEitherWay) {
  const std::string other_token = CreateUser(*server_, "candidate", world_.other_candidate).token;
  const std::string own_token = world_.tokens.at(Role::candidate);
  for (const auto& [uploader, reader] :
       {std::pair{own_token, other_token}, {other_token, own_token}}) {
    const Response uploaded =
        Call(*server_, uploader, "POST", "/v1/documents", "transcript of " + uploader.substr(0, 8),
             {{"Content-Type", "text/plain"}});
    ASSERT_EQ(uploaded.status, 201) << uploaded.body;
    const std::string target = "/v1/documents/" + std::string(uploaded.Json().at("id").as_string());
    const Response read = Call(*server_, reader, "GET", target);
    EXPECT_EQ(read.status, 403) << read.body;
    EXPECT_EQ(read.Code(), "forbidden");
    EXPECT_EQ(read.body.find("transcript"), std::string::npos);
    EXPECT_EQ(Call(*server_, uploader, "GET", target).status, 200);
  }
}

TEST_F(RoleMatrixTest, SomeoneElsesRecordIsForbiddenAtEveryBoundAsOfKnownAtAndPosition) {
  const std::string other = "/v1/candidates/" + world_.other_candidate;
  const std::string own = "/v1/candidates/" + world_.candidate;
  for (const std::string& bound :
       {std::string("?as_of=2017-12-01T00:00:00Z"), std::string("?known_at=2018-06-01T00:00:00Z"),
        std::string("?position=1")}) {
    for (const Role role : {Role::candidate, Role::mentor}) {
      const Response read = Send(role, {"GET", other + bound, "", {}});
      EXPECT_EQ(read.status, 403) << Name(role) << " " << bound << ": " << read.body;
    }
    const Response explain = Send(Role::candidate, {"GET", other + "/explain" + bound, "", {}});
    EXPECT_EQ(explain.status, 403) << bound << ": " << explain.body;
    EXPECT_NE(Send(Role::candidate, {"GET", own + bound, "", {}}).status, 403) << bound;
  }
}

TEST_F(RoleMatrixTest, AMentorMatchedAwayLosesTheCandidateAtOnceEvenItsPast) {
  const std::string own = "/v1/candidates/" + world_.candidate;
  const std::int64_t while_matched = LedgerPosition(*server_);
  ASSERT_EQ(Send(Role::mentor, {"GET", own, "", {}}).status, 200);
  const Response rematched = Call(*server_, world_.tokens.at(Role::staff), "POST", own + "/mentor",
                                  Json({{"mentor_id", world_.other_mentor}}));
  ASSERT_EQ(rematched.status, 200) << rematched.body;
  const std::int64_t position = LedgerPosition(*server_);
  for (const std::string& target : {own, own + "?position=" + std::to_string(while_matched)}) {
    const Response read = Send(Role::mentor, {"GET", target, "", {}});
    EXPECT_EQ(read.status, 403) << target << ": " << read.body;
  }
  const Response meeting = Send(
      Role::mentor, {"POST",
                     own + "/meetings",
                     Json({{"kind", "check_in"}, {"mode", "video"}, {"held_on", "2018-03-01"}}),
                     {}});
  EXPECT_EQ(meeting.status, 403) << meeting.body;
  EXPECT_EQ(LedgerPosition(*server_), position);
  // The new mentor reads it.
  const std::string new_mentor = CreateUser(*server_, "mentor", "", world_.other_mentor).token;
  EXPECT_EQ(Call(*server_, new_mentor, "GET", own).status, 200);
}

TEST_F(RoleMatrixTest, OccurredAtFromInstructorsMentorsAndCandidatesIs403BackdatingNotAllowed) {
  const std::string c = "/v1/candidates/" + world_.candidate;
  const std::string earlier = "2018-03-03T12:00:00-08:00";
  auto backdated = [&](json::object body) {
    body["occurred_at"] = earlier;
    return Json(body);
  };
  const std::vector<std::pair<Role, Endpoint>> attempts = {
      {Role::instructor,
       {"POST",
        "/v1/cohorts/2018/assignments",
        backdated({{"id", "late"},
                   {"session", 2},
                   {"kind", "homework"},
                   {"title", "Late"},
                   {"due_at", "2018-03-02T17:00:00-08:00"}}),
        {}}},
      {Role::instructor,
       {"POST", c + "/attendance", backdated({{"session", 2}, {"status", "present"}}), {}}},
      {Role::instructor,
       {"POST", c + "/participation", backdated({{"session", 2}, {"rating", "satisfactory"}}), {}}},
      {Role::instructor,
       {"POST", c + "/makeups", backdated({{"session", 2}, {"description", "x"}}), {}}},
      {Role::instructor,
       {"POST",
        c + "/grades",
        backdated({{"assignment", "strategic-plan"}, {"result", "pass"}}),
        {}}},
      {Role::instructor,
       {"POST",
        c + "/final-presentation",
        backdated({{"result", "pass"}, {"executive_summary", "accepted"}}),
        {}}},
      {Role::mentor,
       {"POST",
        c + "/meetings",
        backdated({{"kind", "check_in"}, {"mode", "phone"}, {"held_on", "2018-03-01"}}),
        {}}},
      {Role::mentor,
       {"POST",
        c + "/mentor-assessment",
        backdated({{"recommend", true}, {"statement", "x"}}),
        {}}},
      {Role::candidate, {"POST", c + "/withdraw", backdated({{"reason", "moving"}}), {}}},
      {Role::candidate,
       {"POST",
        c + "/submissions",
        backdated({{"assignment", "strategic-plan"}, {"url", "https://example.org/x"}}),
        {}}},
      {Role::candidate,
       {"POST",
        c + "/portfolio",
        backdated({{"kind", "artifact"}, {"session", 1}, {"title", "x"}, {"url", "https://x.ex"}}),
        {}}},
      {Role::candidate, {"POST", c + "/feedback", backdated({{"text", "x"}}), {}}},
      {Role::candidate,
       {"POST",
        c + "/employment",
        backdated({{"employer", json::object{{"name", "Davis JUSD"}, {"kind", "district"}}}}),
        {}}},
      {Role::candidate,
       {"POST",
        c + "/ceus",
        backdated({{"activity", "x"},
                   {"provider", "y"},
                   {"completed_on", "2019-01-01"},
                   {"contact_hours", 1}}),
        {}}},
      {Role::candidate, {"POST", c + "/annual-documentation", backdated({{"year", 2019}}), {}}},
      {Role::candidate,
       {"POST",
        c + "/promotions",
        backdated({{"title", "x"}, {"effective_on", "2019-01-01"}}),
        {}}},
  };
  const std::int64_t position = LedgerPosition(*server_);
  for (const auto& [role, endpoint] : attempts) {
    const Response response = Send(role, endpoint);
    EXPECT_EQ(response.status, 403)
        << Name(role) << " " << endpoint.target << ": " << response.body;
    EXPECT_EQ(response.Code(), "backdating_not_allowed") << endpoint.target;
  }
  EXPECT_EQ(LedgerPosition(*server_), position);
  // Staff may record the same fact at that instant.
  const Response staff = Call(*server_, world_.tokens.at(Role::staff), "POST", c + "/attendance",
                              backdated({{"session", 2}, {"status", "present"}}));
  EXPECT_EQ(staff.status, 200) << staff.body;
}

TEST_F(RoleMatrixTest, ARevokedUsersTokenIs401AtOnce) {
  const User clerk = CreateUser(*server_, "staff");
  EXPECT_EQ(Call(*server_, clerk.token, "GET", "/v1/cohorts").status, 200);
  const Response revoked = Call(*server_, kAdminToken, "POST", "/v1/users/" + clerk.id + "/revoke");
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  const Response read = Call(*server_, clerk.token, "GET", "/v1/cohorts");
  EXPECT_EQ(read.status, 401);
  EXPECT_EQ(read.Code(), "unauthorized");
  const std::int64_t position = LedgerPosition(*server_);
  const Response write =
      Call(*server_, clerk.token, "POST", "/v1/candidates/" + world_.candidate + "/reviews",
           Json({{"held_on", "2018-03-01"}}));
  EXPECT_EQ(write.status, 401);
  EXPECT_EQ(LedgerPosition(*server_), position);
  // Revoking twice is refused; other users keep working.
  EXPECT_EQ(Call(*server_, kAdminToken, "POST", "/v1/users/" + clerk.id + "/revoke").status, 422);
  EXPECT_EQ(Call(*server_, world_.tokens.at(Role::staff), "GET", "/v1/cohorts").status, 200);
  EXPECT_EQ(Call(*server_, kAdminToken, "POST", "/v1/users/u-nobody/revoke").status, 404);
}

TEST_F(RoleMatrixTest, AMalformedAuthorizationHeaderIs401) {
  for (const std::string& header :
       {std::string("Basic dXNlcjpwYXNz"), std::string("Bearer"), std::string("Bearer  "),
        std::string("Bearer a b"), "Bearer " + std::string(300, 'a'), std::string("bearer")}) {
    const Response response = server_->Send("GET", "/v1/cohorts", "", {{"Authorization", header}});
    EXPECT_EQ(response.status, 401) << header;
    EXPECT_EQ(response.Code(), "unauthorized") << header;
  }
  // The scheme is case-insensitive.
  EXPECT_EQ(server_
                ->Send("GET", "/v1/cohorts", "",
                       {{"Authorization", std::string("bEaReR ") + kAdminToken}})
                .status,
            200);
}

}  // namespace
}  // namespace ctom::e2e
