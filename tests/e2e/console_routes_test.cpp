// The routes the console needs, against the real server: a room's attendance as one all-or-
// nothing command, ?q= on candidates, the roster's balance, explain for the candidate's mentor,
// and the console's pages under /console/ with the headers of API.md.
#include <gtest/gtest.h>

#include <regex>

#include "tests/e2e/shared_server_test.hpp"

#ifndef CTOM_CONSOLE_BUILT
#define CTOM_CONSOLE_BUILT 0
#endif

namespace ctom::e2e {
namespace {

struct Room {
  std::string paid, unpaid, excused, applied, other_cohort, mentor_token, other_mentor_token;
  std::string instructor_token;
};

Room BuildRoom(const ServerProcess& server) {
  ProgramWalk walk(server);
  walk.OpenCohort2018();
  Room room;
  room.paid = walk.Apply("Quinn Roomtest", "quinn.roomtest@example.org");
  room.unpaid = walk.Apply("Riley Roomtest", "riley@example.org");
  room.excused = walk.Apply("Sasha Other", "sasha@example.org");
  room.applied = walk.Apply("Taylor Applied", "taylor@example.org");
  for (const std::string& c : {room.paid, room.unpaid, room.excused}) walk.Accept(c);
  walk.PayInFull(room.paid);
  const std::string mentor = walk.Mentor("Mentor One", "mentor.one@example.org");
  const std::string other = walk.Mentor("Mentor Two", "mentor.two@example.org");
  walk.Match(room.paid, mentor);
  room.mentor_token = CreateUser(server, "mentor", "", mentor).token;
  room.other_mentor_token = CreateUser(server, "mentor", "", other).token;
  room.instructor_token = CreateUser(server, "instructor").token;
  walk.Post("/v1/cohorts", CohortBody(2019), "");
  room.other_cohort = std::string(
      walk.Post(
              "/v1/cohorts/2019/applications",
              json::object{{"name", "Uma Later"},
                           {"email", "uma@example.org"},
                           {"employer", json::object{{"name", "Davis JUSD"}, {"kind", "district"}}},
                           {"position", "Director"},
                           {"documents", walk.UploadApplicationDocuments("uma@example.org")}},
              "2018-09-01T12:00:00-07:00")
          .Json()
          .at("id")
          .as_string());
  return room;
}

class ConsoleRoutesTest : public SharedServerTest<Room> {
 protected:
  static const Room& room() {
    return BuiltOnce([] { return BuildRoom(server()); }, "the room");
  }
  static Response Attendance(const std::string& token, const std::string& session,
                             json::array records, Headers headers = {}) {
    return Call(server(), token, "POST", "/v1/cohorts/2018/sessions/" + session + "/attendance",
                json::object{{"records", std::move(records)}}, std::move(headers));
  }
  static json::object Row(const std::string& candidate, const char* status) {
    return json::object{{"candidate", candidate}, {"status", status}};
  }
  static std::string Status(const std::string& candidate, const char* session) {
    const json::value view =
        Call(server(), kAdminToken, "GET", "/v1/candidates/" + candidate).Json();
    const auto* mark = view.at("attendance").as_object().if_contains(session);
    return mark == nullptr ? "" : std::string(mark->as_string());
  }
};

TEST_F(ConsoleRoutesTest, ARoomsAttendanceIsRecordedForEveryRowInOneCommandAndOneBatch) {
  const Room& r = room();
  const Response recorded = Attendance(
      r.instructor_token, "1",
      {Row(r.paid, "present"), Row(r.unpaid, "absent_unexcused"),
       json::object{{"candidate", r.excused}, {"status", "absent_excused"}, {"note", "flu"}}});
  ASSERT_EQ(recorded.status, 200) << recorded.body;
  const json::object answer = recorded.Json().as_object();
  EXPECT_EQ(answer.at("id").as_string(), "2018");
  ASSERT_EQ(answer.at("records").as_array().size(), 3u);
  EXPECT_EQ(answer.at("records").as_array()[0].at("candidate").as_string(), r.paid);
  EXPECT_EQ(answer.at("position"), answer.at("records").as_array()[2].at("position"));
  // One grouped append: the rows at consecutive positions, with the one instant of their batch.
  const json::array& rows = answer.at("records").as_array();
  const std::int64_t first = rows[0].at("position").as_int64();
  const json::value page = Expect2xx(server().SendAsAdmin("GET", "/v1/events?limit=3&after=" +
                                                                     std::to_string(first - 1)),
                                     "events")
                               .Json();
  const json::array& events = page.at("items").as_array();
  ASSERT_EQ(events.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(events[i].at("position"), rows[i].at("position"));
    EXPECT_EQ(events[i].at("recorded_at"), events[0].at("recorded_at"));
  }
  EXPECT_EQ(Status(r.paid, "1"), "present");
  EXPECT_EQ(Status(r.unpaid, "1"), "absent_unexcused");
  EXPECT_EQ(Status(r.excused, "1"), "absent_excused");
}

TEST_F(ConsoleRoutesTest, OneRefusedRowRefusesTheWholeRoomNamingItAndAppendsNothing) {
  const Room& r = room();
  const std::int64_t before = LedgerPosition(server());
  const Response refused =
      Attendance(kAdminToken, "2", {Row(r.paid, "present"), Row(r.applied, "present")});
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.Code(), "invalid_transition");
  const json::object problem = refused.Json().as_object();
  EXPECT_TRUE(std::string(problem.at("detail").as_string()).starts_with("records[1]: "));
  EXPECT_EQ(problem.at("errors").as_array()[0].at("field").as_string(), "records[1]");
  EXPECT_EQ(LedgerPosition(server()), before);
  EXPECT_EQ(Status(r.paid, "2"), "");
}

TEST_F(ConsoleRoutesTest, ARoomForASessionTheCohortDoesNotHaveIsRefusedAsAnUnknownSession) {
  const Room& r = room();
  const Response refused = Attendance(kAdminToken, "12", {Row(r.paid, "present")});
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(refused.Code(), "unknown_session");
  EXPECT_EQ(refused.Json().at("errors").as_array()[0].at("field").as_string(), "records[0]");
}

TEST_F(ConsoleRoutesTest, MalformedRoomsAreRefusedWholeBeforeAnythingIsDecided) {
  const Room& r = room();
  const std::int64_t before = LedgerPosition(server());
  const Response twice =
      Attendance(kAdminToken, "3", {Row(r.paid, "present"), Row(r.paid, "present")});
  EXPECT_EQ(twice.Code(), "validation");
  EXPECT_EQ(twice.Json().at("errors").as_array()[0].at("field").as_string(),
            "records[1].candidate");
  const Response other = Attendance(kAdminToken, "3", {Row(r.other_cohort, "present")});
  EXPECT_EQ(other.Code(), "validation");
  EXPECT_EQ(other.Json().at("errors").as_array()[0].at("field").as_string(),
            "records[0].candidate");
  EXPECT_EQ(Attendance(kAdminToken, "3", {}).Code(), "validation");
  EXPECT_EQ(Attendance(kAdminToken, "3", {Row(r.paid, "late")}).Code(), "validation");
  EXPECT_EQ(Attendance(kAdminToken, "3", {Row(r.paid, "present")}, {{"If-Match", "\"3\""}}).Code(),
            "validation");
  EXPECT_EQ(Call(server(), kAdminToken, "POST", "/v1/cohorts/1999/sessions/3/attendance",
                 json::object{{"records", json::array{Row(r.paid, "present")}}})
                .Code(),
            "not_found");
  EXPECT_EQ(Attendance(r.mentor_token, "3", {Row(r.paid, "present")}).Code(), "forbidden");
  EXPECT_EQ(LedgerPosition(server()), before);
}

TEST_F(ConsoleRoutesTest, ARoomRetriedWithItsIdempotencyKeyIsRecordedOnce) {
  const Room& r = room();
  const Headers key{{"Idempotency-Key", "room-4-once"}};
  const Response first =
      Attendance(kAdminToken, "4", {Row(r.paid, "present"), Row(r.unpaid, "present")}, key);
  ASSERT_EQ(first.status, 200) << first.body;
  const std::int64_t after = LedgerPosition(server());
  const Response retry =
      Attendance(kAdminToken, "4", {Row(r.paid, "present"), Row(r.unpaid, "present")}, key);
  EXPECT_EQ(retry.status, 200) << retry.body;
  EXPECT_EQ(retry.Json().at("position"), first.Json().at("position"));
  EXPECT_EQ(LedgerPosition(server()), after);
  EXPECT_EQ(Attendance(kAdminToken, "4", {Row(r.paid, "absent_excused")}, key).Code(),
            "idempotency_key_reused");
}

TEST_F(ConsoleRoutesTest, CandidatesAreFoundByPartOfANameOrEmailWhateverTheCase) {
  room();
  const auto ids = [](const Response& listed) {
    std::vector<std::string> out;
    const json::value answer = listed.Json();
    for (const auto& item : answer.at("items").as_array()) {
      out.emplace_back(item.at("name").as_string());
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  EXPECT_EQ(ids(server().SendAsAdmin("GET", "/v1/candidates?q=ROOMTEST")),
            (std::vector<std::string>{"Quinn Roomtest", "Riley Roomtest"}));
  EXPECT_EQ(ids(server().SendAsAdmin("GET", "/v1/candidates?q=quinn.roomtest%40EXAMPLE")),
            (std::vector<std::string>{"Quinn Roomtest"}));
  EXPECT_EQ(ids(server().SendAsAdmin("GET", "/v1/candidates?q=roomtest&status=applied")),
            (std::vector<std::string>{}));
  EXPECT_EQ(server().SendAsAdmin("GET", "/v1/candidates?q=" + std::string(300, 'a')).Code(),
            "validation");
}

TEST_F(ConsoleRoutesTest, TheRosterShowsEachCandidatesBalance) {
  const Room& r = room();
  const json::value cohort = server().SendAsAdmin("GET", "/v1/cohorts/2018").Json();
  std::map<std::string, std::int64_t> balance;
  for (const auto& member : cohort.at("roster").as_array()) {
    balance[std::string(member.at("id").as_string())] = member.at("balance_cents").as_int64();
  }
  EXPECT_EQ(balance.at(r.paid), 0);
  EXPECT_EQ(balance.at(r.unpaid), kTuitionCents);
}

TEST_F(ConsoleRoutesTest, ACandidatesOwnMentorMayExplainItButNoOtherMentor) {
  const Room& r = room();
  const Response explained =
      Call(server(), r.mentor_token, "GET", "/v1/candidates/" + r.paid + "/explain");
  ASSERT_EQ(explained.status, 200) << explained.body;
  EXPECT_TRUE(explained.Json().as_object().contains("completion"));
  EXPECT_EQ(
      Call(server(), r.other_mentor_token, "GET", "/v1/candidates/" + r.paid + "/explain").Code(),
      "forbidden");
}

// ---- the console's pages ----

constexpr const char* kCsp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

void ExpectConsoleHeaders(const Response& response) {
  EXPECT_EQ(response.Header("content-security-policy"), kCsp);
  EXPECT_EQ(response.Header("x-frame-options"), "DENY");
  EXPECT_EQ(response.Header("referrer-policy"), "no-referrer");
}

TEST_F(ConsoleRoutesTest, TheSiteRootAndConsoleWithoutSlashRedirectToTheConsole) {
  for (const char* target : {"/", "/console"}) {
    const Response moved = server().Send("GET", target);
    EXPECT_EQ(moved.status, 302) << target;
    EXPECT_EQ(moved.Header("location"), "/console/") << target;
  }
}

TEST_F(ConsoleRoutesTest, TheConsolePageCarriesTheSecurityHeadersAndIsNeverCached) {
  const Response page = server().Send("GET", "/console/");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.Header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(page.Header("cache-control"), "no-cache");
  ExpectConsoleHeaders(page);
}

TEST_F(ConsoleRoutesTest, EveryConsolePathThatIsNotAnAssetAnswersThePage) {
  const std::string page = server().Send("GET", "/console/").body;
  for (const char* target :
       {"/console/cohorts/2018", "/console/candidates/c-1?tab=history", "/console/my-progress"}) {
    const Response response = server().Send("GET", target);
    EXPECT_EQ(response.status, 200) << target;
    EXPECT_EQ(response.body, page) << target;
    ExpectConsoleHeaders(response);
  }
  EXPECT_EQ(server().Send("GET", "/console/assets/missing-0000.js").status, 404);
}

TEST_F(ConsoleRoutesTest, TheConsolesAssetsAreCachedForGoodOrThePageSaysItIsNotBuilt) {
  const std::string page = server().Send("GET", "/console/").body;
  if (CTOM_CONSOLE_BUILT == 0) {
    EXPECT_NE(page.find("The console is not built into this program"), std::string::npos);
    EXPECT_NE(page.find("CTOM_CONSOLE"), std::string::npos) << "it says how to build it";
    return;
  }
  // index.html names its assets as /console/assets/... or ./assets/... (Vite's base).
  std::smatch asset;
  ASSERT_TRUE(std::regex_search(page, asset, std::regex("assets/[^\"'\\s>]+")));
  const std::string target = "/console/" + asset.str();
  const Response response = server().Send("GET", target);
  EXPECT_EQ(response.status, 200) << target;
  EXPECT_EQ(response.Header("cache-control"), "public, max-age=31536000, immutable");
  ExpectConsoleHeaders(response);
}

}  // namespace
}  // namespace ctom::e2e
