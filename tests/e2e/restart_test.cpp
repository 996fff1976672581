// End-to-end: the views survive a restart. After a workload the server is stopped (SIGTERM) or
// killed (SIGKILL) and started again on the same data folder; every view (candidates, cohorts,
// mentors, the report, certificates, rule sets, history, explain, the calendar) is identical,
// tokens still work (and revoked ones still do not), and every acknowledged command is still there.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/json/parse.hpp>
#include <thread>

#include "tests/e2e/program_client.hpp"

namespace ctom::e2e {
namespace {

class RestartTest : public ::testing::Test {
 protected:
  void Start() {
    server_.reset();  // its log files are this folder's, and the next server's too
    server_.emplace(ServeOptions(folder_.path()));
  }

  // A program with a bit of everything: two cohorts, a certified and recertified graduate with
  // CEUs and a promotion, a candidate in the middle of the year, a dropped one, a waitlisted one,
  // mentors, users (one revoked) and a second rule set.
  void Workload() {
    ProgramWalk walk(*server_);
    walk.OpenCohort2018();
    mentor_ = walk.Mentor("Mentor", "mentor@mentors.example");
    graduate_ = walk.Graduate2018("Graduate", "graduate@district.example", mentor_).candidate;
    const std::string g = "/v1/candidates/" + graduate_;
    walk.Post(g + "/ceus",
              {{"activity", "Conference"},
               {"provider", "CETPA"},
               {"completed_on", "2019-11-14"},
               {"contact_hours", 60.5}},
              "2019-11-20T09:00:00-08:00");
    for (int year : {2019, 2020, 2021}) {
      walk.Post(g + "/annual-documentation", {{"year", year}},
                std::to_string(year) + "-06-01T09:00:00-07:00");
    }
    walk.Post(g + "/recertification", {}, "2021-10-15T12:00:00-07:00");
    walk.Post(g + "/promotions", {{"title", "CTO"}, {"effective_on", "2022-07-01"}},
              "2022-06-15T09:00:00-07:00");

    enrolled_ =
        walk.Apply("Enrolled", "enrolled@county.example",
                   {{"name", "Placer County Office of Education"}, {"kind", "county_office"}});
    walk.Accept(enrolled_);
    walk.Match(enrolled_, mentor_);
    const std::string e = "/v1/candidates/" + enrolled_;
    walk.Post(e + "/attendance", {{"session", 0}, {"status", "present"}}, kSessions2018[0].ends_at);
    walk.Post(e + "/attendance", {{"session", 1}, {"status", "absent_unexcused"}},
              kSessions2018[1].ends_at);
    walk.Post(e + "/payments",
              {{"amount_cents", 50'000},
               {"method", "discover"},
               {"payer", json::object{{"kind", "employer"},
                                      {"name", "Davis Joint Unified"},
                                      {"funding_source", "grant"}}}},
              "2018-01-10T09:00:00-08:00");

    dropped_ = walk.Apply("Dropped", "dropped@district.example");
    walk.Accept(dropped_);
    walk.Post("/v1/candidates/" + dropped_ + "/drop", {{"reason", "left_k12"}},
              "2018-04-01T09:00:00-07:00");
    waitlisted_ = walk.Apply("Waitlisted", "waitlisted@district.example");
    walk.Post("/v1/candidates/" + waitlisted_ + "/decision", {{"decision", "waitlisted"}},
              "2017-10-15T12:00:00-07:00");

    walk.Post("/v1/cohorts", CohortBody(2019, 12), "");
    walk.Post(
        "/v1/cohorts/2019/sessions/3/reschedule",
        {{"starts_at", "2019-04-12T17:30:00-07:00"}, {"ends_at", "2019-04-13T16:00:00-07:00"}},
        "2018-12-01T09:00:00-08:00");
    Expect2xx(Call(*server_, kAdminToken, "POST", "/v1/rulesets",
                   json::object{{"effective_from", "2019-01-01T00:00:00-08:00"},
                                {"parameters", json::object{{"min_ceus_per_cycle", 4.5}}}}),
              "publish rules");
    staff_ = CreateUser(*server_, "staff");
    candidate_user_ = CreateUser(*server_, "candidate", enrolled_);
    revoked_ = CreateUser(*server_, "auditor");
    Expect2xx(Call(*server_, kAdminToken, "POST", "/v1/users/" + revoked_.id + "/revoke"),
              "revoke");
  }

  // Every view, as the server renders it now, keyed by what was asked.
  std::map<std::string, std::string> Views() const {
    std::map<std::string, std::string> views;
    std::vector<std::string> targets = {"/v1/cohorts",
                                        "/v1/cohorts/2018",
                                        "/v1/cohorts/2019",
                                        "/v1/cohorts/2018/schedule.ics",
                                        "/v1/cohorts/2019/schedule.ics",
                                        "/v1/mentors",
                                        "/v1/mentors/" + mentor_,
                                        "/v1/candidates",
                                        "/v1/candidates?status=accepted",
                                        "/v1/certificates",
                                        "/v1/rulesets",
                                        "/v1/rulesets/2",
                                        "/v1/ledger/digest",
                                        "/v1/ledger/verify",
                                        "/v1/events?limit=1000",
                                        "/v1/reports/program?as_of=2018-06-01T00:00:00Z",
                                        "/v1/cohorts/2018?as_of=2018-11-12T16:00:00-08:00"};
    for (const std::string& id : {graduate_, enrolled_, dropped_, waitlisted_}) {
      const std::string c = "/v1/candidates/" + id;
      targets.insert(targets.end(),
                     {c, c + "/history", c + "/explain", c + "?as_of=2018-11-12T16:00:00-08:00"});
    }
    for (const std::string& target : targets) {
      const Response response = Call(*server_, kAdminToken, "GET", target);
      EXPECT_EQ(response.status, 200) << target << ": " << response.body;
      views[target] = response.body;
    }
    // The live report is judged now: its as_of moves, its counts must not.
    json::value report =
        Expect2xx(Call(*server_, kAdminToken, "GET", "/v1/reports/program"), "report").Json();
    report.as_object().erase("as_of");
    views["/v1/reports/program"] = json::serialize(report);
    views["/v1/reports/program (csv)"] =
        Call(*server_, kAdminToken, "GET", "/v1/reports/program", "", {{"Accept", "text/csv"}})
            .body;
    views["/v1/certificates/CCTO-2018-0001 (public)"] =
        server_->Send("GET", "/v1/certificates/CCTO-2018-0001").body;
    views["/v1/candidates/" + enrolled_ + " (as the candidate)"] =
        Call(*server_, candidate_user_.token, "GET", "/v1/candidates/" + enrolled_).body;
    return views;
  }

  // Compares view by view, so a failure names the view that changed.
  static void ExpectSameViews(const std::map<std::string, std::string>& before,
                              const std::map<std::string, std::string>& after) {
    ASSERT_EQ(before.size(), after.size());
    for (const auto& [target, body] : before) {
      EXPECT_EQ(after.at(target), body) << target;
    }
  }

  TemporaryFolder folder_;
  std::optional<ServerProcess> server_;
  std::string mentor_, graduate_, enrolled_, dropped_, waitlisted_;
  User staff_, candidate_user_, revoked_;
};

TEST_F(RestartTest, AfterSigtermEveryViewIsIdenticalAndTokensAndKeysStillWork) {
  Start();
  Workload();
  const std::string reviews = "/v1/candidates/" + enrolled_ + "/reviews";
  const json::object review{{"held_on", "2018-03-01"},
                            {"occurred_at", "2018-03-01T12:00:00-08:00"}};
  const Headers key{{"Idempotency-Key", "review-before-the-restart"}};
  const Response original = Call(*server_, kAdminToken, "POST", reviews, review, key);
  ASSERT_EQ(original.status, 200) << original.body;
  const auto before = Views();
  ASSERT_EQ(server_->Stop(), 0) << server_->Log();

  Start();
  ExpectSameViews(before, Views());
  // An Idempotency-Key outlives the process: the retry gets the original answer, appends nothing.
  const std::int64_t position = LedgerPosition(*server_);
  const Response retry = Call(*server_, kAdminToken, "POST", reviews, review, key);
  EXPECT_EQ(retry.status, 200) << retry.body;
  EXPECT_EQ(retry.Json(), original.Json());
  EXPECT_EQ(LedgerPosition(*server_), position);
  EXPECT_EQ(Call(*server_, staff_.token, "GET", "/v1/cohorts").status, 200);
  EXPECT_EQ(Call(*server_, revoked_.token, "GET", "/v1/events").status, 401);
  EXPECT_EQ(Call(*server_, candidate_user_.token, "GET", "/v1/candidates/" + graduate_).status,
            403);
  // The ledger goes on from where it was: the next certificate of 2018 is 0002.
  EXPECT_EQ(Call(*server_, kAdminToken, "GET", "/healthz").Json().at("position"),
            json::parse(before.at("/v1/ledger/digest")).at("position"));
  ProgramWalk walk(*server_, staff_.token);
  const std::string second = walk.Graduate2018("Second", "second@district.example").certificate;
  EXPECT_EQ(second, "CCTO-2018-0002");
}

TEST_F(RestartTest, AfterKill9EveryViewIsIdenticalAndARebuildAgrees) {
  Start();
  Workload();
  const auto before = Views();
  server_->Kill9();

  Start();
  const auto after = Views();
  ExpectSameViews(before, after);
  const Response rebuilt = Call(*server_, kAdminToken, "POST", "/v1/admin/rebuild");
  ASSERT_EQ(rebuilt.status, 200) << rebuilt.body;
  EXPECT_EQ(rebuilt.Json().at("events"),
            json::parse(before.at("/v1/ledger/digest")).at("position"));
  ExpectSameViews(before, Views());
}

TEST_F(RestartTest, Kill9DuringWritesKeepsEveryAcknowledgedCommand) {
  Start();
  ProgramWalk walk(*server_);
  walk.OpenCohort2018();
  const std::string candidate = walk.Apply("Busy", "busy@district.example");
  walk.Accept(candidate);
  const std::string target = "/v1/candidates/" + candidate + "/reviews";

  // A writer records progress reviews until the server dies under it.
  std::atomic<int> acknowledged{0};
  std::atomic<std::int64_t> last_position{0};
  std::thread writer([&, port = server_->port()] {
    for (int i = 0; i < 10'000; ++i) {
      try {
        const json::object body{{"held_on", "2018-03-01"},
                                {"notes", "review " + std::to_string(i)}};
        const Response answer = SendHttp(port, "POST", target, json::serialize(body),
                                         {{"Authorization", std::string("Bearer ") + kAdminToken},
                                          {"Content-Type", "application/json"}});
        if (answer.status != 200) return;
        last_position = answer.Json().at("position").as_int64();
        ++acknowledged;
      } catch (const std::exception&) {
        return;  // the server is gone
      }
    }
  });
  const auto deadline = Clock::now() + std::chrono::seconds(20);
  while (acknowledged.load() < 20 && Clock::now() < deadline) {
    std::this_thread::sleep_for(kPollInterval);
  }
  server_->Kill9();
  writer.join();
  ASSERT_GE(acknowledged.load(), 20) << "the writer did not get going";

  Start();
  const json::value verify =
      Expect2xx(Call(*server_, kAdminToken, "GET", "/v1/ledger/verify"), "verify").Json();
  EXPECT_EQ(verify.at("ok"), true) << verify;
  EXPECT_GE(verify.at("position").as_int64(), last_position.load());
  const json::value history =
      Expect2xx(Call(*server_, kAdminToken, "GET", "/v1/candidates/" + candidate + "/history"),
                "history")
          .Json();
  int reviews = 0;
  for (const json::value& event : history.at("events").as_array()) {
    if (event.at("type") == "progress_review_held") ++reviews;
  }
  // Every acknowledged review is there, and at most the one in flight besides.
  EXPECT_GE(reviews, acknowledged.load());
  EXPECT_LE(reviews, acknowledged.load() + 1);
  const json::value view =
      Expect2xx(Call(*server_, kAdminToken, "GET", "/v1/candidates/" + candidate), "view").Json();
  EXPECT_EQ(view.at("version").as_int64(), reviews + 2);  // the application and the acceptance
  // And the server takes commands again.
  EXPECT_EQ(
      Call(*server_, kAdminToken, "POST", target, json::object{{"held_on", "2018-03-02"}}).status,
      200);
}

}  // namespace
}  // namespace ctom::e2e
