// Exports, the CEU transcript, reminders and the calendar feed through a real server: CSV with the
// formula guard, every line at once; the transcript as JSON and CSV with its roles; reminders at a
// chosen instant; a feed URL that works without a token, parses with a real iCalendar parser
// (python3-icalendar), keeps its UIDs, and is 404 for a wrong secret or a revoked user.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <set>

#include "tests/e2e/program_client.hpp"
#include "tests/e2e/shared_server_test.hpp"

namespace ctom::e2e {
namespace {

// A name a spreadsheet would run as a formula if it were written as it is.
constexpr const char* kFormulaName = "=HYPERLINK(\"http://evil.example\",\"click\")";

struct World {
  ProgramWalk::Graduate graduate;
  std::string formula_candidate;
  std::string candidate_token;  // the graduate's own
  std::int64_t next_year = 0;   // a cohort whose sessions are all ahead
};

std::int64_t NextYear() {
  using namespace std::chrono;
  const year_month_day today{floor<days>(system_clock::now())};
  return static_cast<int>(today.year()) + 1;
}

World Build(const ServerProcess& server) {
  World w;
  ProgramWalk walk(server);
  walk.OpenCohort2018();
  w.graduate = walk.Graduate2018("Ada Lovelace", "ada@scusd.example");
  w.formula_candidate = walk.Apply(kFormulaName, "formula@scusd.example");
  walk.Accept(w.formula_candidate);
  walk.Post("/v1/candidates/" + w.graduate.candidate + "/ceus",
            {{"activity", "-Security summit, day 1"},
             {"provider", "CETPA"},
             {"completed_on", "2019-03-01"},
             {"contact_hours", 12.5}},
            "2019-03-02T12:00:00-08:00");
  w.candidate_token = CreateUser(server, "candidate", w.graduate.candidate).token;
  // A cohort of next year with a location long enough to fold, and an approved mentor without
  // a contract: both in the calendar feed.
  w.next_year = NextYear();
  json::object cohort = CohortBody(w.next_year);
  cohort.erase("occurred_at");
  cohort["location"] =
      "Sacramento County Office of Education, 10474 Mather Boulevard, Mather, California";
  walk.Post("/v1/cohorts", cohort, "");
  const std::string mentor(
      walk.Post("/v1/mentors",
                {{"name", "Grace Hopper"},
                 {"email", "grace@egusd.example"},
                 {"employer", json::object{{"name", "Elk Grove USD"}, {"kind", "district"}}},
                 {"position", "CTO"},
                 {"currently_k12_leader", true},
                 {"hands_on_experience", true},
                 {"qualification", "cto_certification"},
                 {"years_k12_leadership", 12}},
                "")
          .Json()
          .at("id")
          .as_string());
  walk.Post("/v1/mentors/" + mentor + "/approval", {{"decision", "approved"}}, "");
  return w;
}

// Runs Debian's python3-icalendar on an .ics text; prints one UID a line, or fails.
constexpr const char* kParseIcs = R"(
import sys, icalendar
raw = open(sys.argv[1], 'rb').read()
for line in raw.split(b'\r\n'):
    assert len(line) <= 75, 'a line of %d octets' % len(line)
calendar = icalendar.Calendar.from_ical(raw)
for event in calendar.walk('VEVENT'):
    print(event['UID'])
    assert event.get('DTSTART') is not None and event.get('SUMMARY')
)";

struct Parsed {
  int exit_code = -1;
  std::set<std::string> uids;
};

Parsed ParseIcs(const std::string& ics, const std::filesystem::path& folder) {
  const auto script = folder / "parse_ics.py";
  const auto file = folder / "feed.ics";
  std::ofstream(script) << kParseIcs;
  std::ofstream(file, std::ios::binary) << ics;
  const std::string command = "/usr/bin/python3 " + script.string() + " " + file.string();
  Parsed out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  char line[512];
  while (std::fgets(line, sizeof line, pipe) != nullptr) {
    std::string uid(line);
    while (!uid.empty() && (uid.back() == '\n' || uid.back() == '\r')) uid.pop_back();
    out.uids.insert(uid);
  }
  out.exit_code = ::pclose(pipe);
  return out;
}

class RemindersExportsTest : public SharedServerTest<World> {
 protected:
  static const World& world() {
    return BuiltOnce(
        +[] { return Build(server()); }, "the world");
  }
  static Response AsCsv(const std::string& token, const std::string& target) {
    return Call(server(), token, "GET", target, "", {{"Accept", "text/csv"}});
  }
  TemporaryFolder scratch_;
};

TEST_F(RemindersExportsTest, CandidateCsvHasEveryLineAtOnceWithFormulasDefused) {
  const World& w = world();
  const Response csv = AsCsv(kAdminToken, "/v1/candidates?limit=1");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_TRUE(csv.Header("content-type").starts_with("text/csv")) << csv.Header("content-type");
  EXPECT_TRUE(csv.body.starts_with("id,cohort,name,email,status,")) << csv.body;
  EXPECT_NE(csv.body.find(w.graduate.candidate), std::string::npos);
  EXPECT_NE(csv.body.find(w.formula_candidate), std::string::npos) << "not paged";
  EXPECT_NE(csv.body.find("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\""),
            std::string::npos)
      << csv.body;
  EXPECT_EQ(csv.body.find(",=HYPERLINK"), std::string::npos);
}

TEST_F(RemindersExportsTest, CertificatesAttendanceAndGradesExportAsCsv) {
  const World& w = world();
  const Response certificates = AsCsv(kAdminToken, "/v1/certificates");
  ASSERT_EQ(certificates.status, 200);
  EXPECT_NE(certificates.body.find(w.graduate.certificate + ",Ada Lovelace,"), std::string::npos)
      << certificates.body;
  const Response attendance = AsCsv(kAdminToken, "/v1/cohorts/2018/attendance");
  ASSERT_EQ(attendance.status, 200);
  EXPECT_TRUE(attendance.body.starts_with("candidate,name,session_0,")) << attendance.body;
  EXPECT_NE(attendance.body.find(w.graduate.candidate + ",Ada Lovelace,present,present"),
            std::string::npos)
      << attendance.body;
  const Response grades = AsCsv(kAdminToken, "/v1/cohorts/2018/grades");
  ASSERT_EQ(grades.status, 200);
  EXPECT_NE(grades.body.find(w.graduate.candidate + ",Ada Lovelace,pass"), std::string::npos)
      << grades.body;
  const Response json = Call(server(), kAdminToken, "GET", "/v1/cohorts/2018/attendance?limit=1");
  ASSERT_EQ(json.status, 200);
  EXPECT_EQ(json.Json().at("items").as_array().size(), 1u);
  EXPECT_EQ(Call(server(), kAdminToken, "GET", "/v1/cohorts/1999/grades").status, 404);
}

TEST_F(RemindersExportsTest, TranscriptShowsEachCeuOfTheCycleAsJsonAndCsvToWhoMayReadIt) {
  const World& w = world();
  const std::string target = "/v1/candidates/" + w.graduate.candidate + "/transcript";
  const Response own = Call(server(), w.candidate_token, "GET", target);
  ASSERT_EQ(own.status, 200) << own.body;
  const json::value transcript = own.Json();
  const json::object& cycle = transcript.at("cycles").at(0).as_object();
  EXPECT_EQ(cycle.at("from").as_string(), "2018-11-12");
  EXPECT_EQ(cycle.at("until").as_string(), "2021-11-12");
  EXPECT_EQ(cycle.at("ceus").at(0).at("activity").as_string(), "-Security summit, day 1");
  EXPECT_NE(own.body.find(R"("totals":{"ceus":1.25,"required":6,"met":false})"), std::string::npos)
      << own.body;
  const Response csv = AsCsv(kAdminToken, target);
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("1,2018-11-12,2021-11-12,ceu,\"'-Security summit, day 1\",CETPA,"
                          "2019-03-01,12.5,1.25,"),
            std::string::npos)
      << csv.body;
  EXPECT_NE(csv.body.find(",total,"), std::string::npos);
  EXPECT_EQ(Call(server(), w.candidate_token, "GET",
                 "/v1/candidates/" + w.formula_candidate + "/transcript")
                .status,
            403);
  EXPECT_EQ(Call(server(), CreateUser(server(), "instructor").token, "GET", target).status, 403);
  EXPECT_EQ(Call(server(), kAdminToken, "GET", "/v1/candidates/nobody/transcript").status, 404);
  EXPECT_EQ(Call(server(), kAdminToken, "GET", target + "?as_of=yesterday").status, 400);
}

TEST_F(RemindersExportsTest, RemindersAtAnInstantSayWhatToDo) {
  const World& w = world();
  const Response answer =
      Call(server(), kAdminToken, "GET", "/v1/reminders?as_of=2021-09-01T12:00:00Z");
  ASSERT_EQ(answer.status, 200) << answer.body;
  std::set<std::string> kinds;
  const json::value reminders = answer.Json();
  for (const json::value& item : reminders.at("items").as_array()) {
    if (item.as_object().if_contains("candidate") == nullptr ||
        item.at("candidate").as_string() != w.graduate.candidate) {
      continue;
    }
    kinds.insert(std::string(item.at("kind").as_string()));
    if (item.at("kind").as_string() == "renewal_due") {
      EXPECT_EQ(item.at("due_on").as_string(), "2021-11-12");
    }
  }
  EXPECT_EQ(kinds,
            (std::set<std::string>{"annual_documentation_missing", "ceus_short", "renewal_due"}));
  EXPECT_EQ(Call(server(), kAdminToken, "GET", "/v1/reminders?within_days=400").status, 400);
  EXPECT_EQ(Call(server(), kAdminToken, "GET", "/v1/reminders?within_days=x").status, 400);
  EXPECT_EQ(Call(server(), kAdminToken, "GET", "/v1/reminders?as_of=2021-09-01").status, 400);
  EXPECT_EQ(Call(server(), CreateUser(server(), "auditor").token, "GET", "/v1/reminders").status,
            403);
}

TEST_F(RemindersExportsTest, AFeedParsesKeepsItsUidsAndEndsWithItsUser) {
  const World& w = world();
  const User staff = CreateUser(server(), "staff");
  const Response issued = Call(server(), staff.token, "POST", "/v1/feeds", "{}");
  ASSERT_EQ(issued.status, 201) << issued.body;
  const std::string url(issued.Json().at("url").as_string());
  const std::size_t path_at = url.find("/v1/feeds/");
  ASSERT_NE(path_at, std::string::npos) << url;
  const std::string path = url.substr(path_at);
  const std::string secret = path.substr(10, 64);
  EXPECT_EQ(path, "/v1/feeds/" + secret + "/reminders.ics");

  const Response feed = Call(server(), "", "GET", path);
  ASSERT_EQ(feed.status, 200) << feed.body;
  EXPECT_TRUE(feed.Header("content-type").starts_with("text/calendar"));
  const Parsed parsed = ParseIcs(feed.body, scratch_.path());
  ASSERT_EQ(parsed.exit_code, 0) << feed.body;
  const std::string year = std::to_string(w.next_year);
  EXPECT_TRUE(parsed.uids.contains("cohort-" + year + "-session-2@ctom"));
  bool contract_reminder = false;
  for (const std::string& uid : parsed.uids) {
    contract_reminder = contract_reminder || uid.starts_with("mentor_contract_missing/");
  }
  EXPECT_TRUE(contract_reminder);
  EXPECT_NE(feed.body.find("\r\n "), std::string::npos) << "a long line is folded";
  EXPECT_NE(feed.body.find("Sacramento County Office of Education\\, 10474"), std::string::npos);
  EXPECT_EQ(ParseIcs(Call(server(), "", "GET", path).body, scratch_.path()).uids, parsed.uids);
  EXPECT_EQ(server().Log().find(secret), std::string::npos) << "the secret is never logged";
  // The cohort's schedule.ics, written by the same writer, parses too, one event a session.
  const Response schedule =
      Call(server(), kAdminToken, "GET", "/v1/cohorts/" + year + "/schedule.ics");
  ASSERT_EQ(schedule.status, 200);
  const Parsed sessions = ParseIcs(schedule.body, scratch_.path());
  EXPECT_EQ(sessions.exit_code, 0) << schedule.body;
  EXPECT_EQ(sessions.uids.size(), 10u);

  std::string wrong = secret;
  wrong[0] = wrong[0] == 'a' ? 'b' : 'a';
  EXPECT_EQ(Call(server(), "", "GET", "/v1/feeds/" + wrong + "/reminders.ics").status, 404);
  EXPECT_EQ(Call(server(), "", "GET", "/v1/feeds/not-a-secret/reminders.ics").status, 404);
  EXPECT_EQ(
      Call(server(), CreateUser(server(), "instructor").token, "POST", "/v1/feeds", "{}").status,
      403);
  Expect2xx(server().SendAsAdmin("POST", "/v1/users/" + staff.id + "/revoke", "{}"), "revoke");
  EXPECT_EQ(Call(server(), "", "GET", path).status, 404);
}

}  // namespace
}  // namespace ctom::e2e
