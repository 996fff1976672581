// End-to-end: the seeds' 2018 cohort walked over HTTP only, from the application window to
// recertification three years after commencement, then read back through every view: the
// candidate, history, explain, certificates (public and listed), the program report (JSON and
// CSV), bitemporal bounds (?as_of=, ?position=, ?known_at=) and the cohort's iCalendar.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <set>
#include <sstream>

#include "tests/e2e/program_client.hpp"
#include "tests/e2e/shared_server_test.hpp"

namespace ctom::e2e {
namespace {

// What the walk did and what the server answered along the way.
struct Story {
  User staff, mentor_user, candidate_user;
  std::string ada, grace, mentor;
  // Ada's stream as the commands' answers reported it: event type and log position, in order.
  std::vector<std::string> types;
  std::vector<std::int64_t> positions;
  std::vector<std::int64_t> payment_positions;
  std::int64_t makeup_position = 0;
  std::int64_t excused_absence_position = 0;
  std::int64_t failed_grade_position = 0;
  std::int64_t regrade_position = 0;
  std::int64_t certification_position = 0;
  std::vector<std::int64_t> ceu_positions;
  std::vector<std::int64_t> annual_documentation_positions;
  std::int64_t recertification_position = 0;
  json::value view_before_certification;
  json::value certification_answer;
  json::value view_before_recertification;
  json::value recertification_answer;
  std::string ics_before_reschedule;
  std::string ics_after_reschedule;
};

class SeedsCohortTest : public SharedServerTest<Story> {
 protected:
  static const Story& TheStory() { return BuiltOnce(&Walk, "the 2018 walk"); }

  static json::value Get(const std::string& target, const std::string& token = kAdminToken) {
    return Expect2xx(Call(server(), token, "GET", target), "GET " + target).Json();
  }

 private:
  static Story Walk();
  static void Admissions(Story& story);
  static void ProgramYear(Story& story);
  static void Commencement(Story& story);
  static void FirstCycle(Story& story);
};

// Posts as `token` (occurred_at added when given) and expects a 2xx answer.
Response Post(const ServerProcess& server, const std::string& token, const std::string& target,
              json::object body, const std::string& occurred_at = {}) {
  if (!occurred_at.empty()) body["occurred_at"] = occurred_at;
  return Expect2xx(Call(server, token, "POST", target, body), "POST " + target);
}

// A command on Ada's record: expects success and notes the event it appended.
struct AdaStream {
  const ServerProcess& server;
  Story& story;
  std::int64_t operator()(const std::string& token, const std::string& action, json::object body,
                          const std::string& occurred_at, const std::string& type) {
    const Response answer =
        Post(server, token, "/v1/candidates/" + story.ada + "/" + action, body, occurred_at);
    const std::int64_t position = answer.Json().at("position").as_int64();
    story.types.push_back(type);
    story.positions.push_back(position);
    return position;
  }
};

std::string Text(const json::value& value) { return std::string(value.as_string()); }

Story SeedsCohortTest::Walk() {
  Story story;
  story.staff = CreateUser(server(), "staff");
  Admissions(story);
  ProgramYear(story);
  Commencement(story);
  FirstCycle(story);
  return story;
}

// From the cohort's opening to tuition paid: applications, selection, matching.
void SeedsCohortTest::Admissions(Story& story) {
  const ServerProcess& s = server();
  const std::string staff = story.staff.token;
  ProgramWalk walk(s, staff);

  // The cohort, its assignments and an approved mentor under contract.
  walk.OpenCohort2018();
  story.mentor = walk.Mentor("Grace Hopper", "grace.hopper@elkgrove.example");
  story.mentor_user = CreateUser(s, "mentor", "", story.mentor);

  // Ada applies on time with her three documents, naming the mentor she wants; so does a second
  // candidate, from a county office.
  json::object application{{"name", "Ada Lovelace"},
                           {"email", "Ada.Lovelace@scusd.example"},
                           {"employer", json::object{{"name", "Sacramento City USD"},
                                                     {"kind", "district"},
                                                     {"cds_code", "34674390000000"}}},
                           {"position", "IT Director"},
                           {"documents", walk.UploadApplicationDocuments("ada")},
                           {"requested_mentor_id", story.mentor}};
  const Response applied =
      Post(s, staff, "/v1/cohorts/2018/applications", application, "2017-09-01T12:00:00-07:00");
  EXPECT_EQ(applied.status, 201);
  story.ada = Text(applied.Json().at("id"));
  story.types.push_back("application_submitted");
  story.positions.push_back(applied.Json().at("position").as_int64());
  story.grace =
      walk.Apply("Katherine Johnson", "kj@scoe.example",
                 {{"name", "Sacramento County Office of Education"}, {"kind", "county_office"}});
  story.candidate_user = CreateUser(s, "candidate", story.ada);
  AdaStream ada{s, story};

  // October: selection and matching.
  ada(staff, "decision", {{"decision", "accepted"}, {"reason", "strong nomination"}},
      "2017-10-15T12:00:00-07:00", "selection_decided");
  walk.Accept(story.grace);
  ada(staff, "mentor", {{"mentor_id", story.mentor}}, "2017-11-01T09:00:00-07:00",
      "mentor_matched");

  // Tuition in two payments, the second sponsored by her district.
  story.payment_positions.push_back(ada(
      staff, "payments",
      {{"amount_cents", 100'000}, {"method", "check"}, {"payer", json::object{{"kind", "self"}}}},
      "2017-12-01T09:00:00-08:00", "payment_recorded"));
  story.payment_positions.push_back(
      ada(staff, "payments",
          {{"amount_cents", kTuitionCents - 100'000},
           {"method", "visa"},
           {"payer", json::object{{"kind", "employer"},
                                  {"name", "Sacramento City USD"},
                                  {"funding_source", "professional_development"}}},
           {"reference", "PO-2018-0042"}},
          "2018-01-15T09:00:00-08:00", "payment_recorded"));
}

// February to October: a rescheduled session, attendance, work, portfolio and mentor meetings.
void SeedsCohortTest::ProgramYear(Story& story) {
  const ServerProcess& s = server();
  const std::string staff = story.staff.token;
  AdaStream ada{s, story};

  // In June session 7 moves a week later; the calendar keeps its UID and bumps its SEQUENCE.
  story.ics_before_reschedule =
      Expect2xx(Call(s, staff, "GET", "/v1/cohorts/2018/schedule.ics"), "ics").body;
  Post(s, staff, "/v1/cohorts/2018/sessions/7/reschedule",
       {{"starts_at", "2018-09-14T17:30:00-07:00"},
        {"ends_at", "2018-09-15T16:00:00-07:00"},
        {"location", "Sacramento County Office of Education"}},
       "2018-06-01T09:00:00-07:00");
  story.ics_after_reschedule =
      Expect2xx(Call(s, staff, "GET", "/v1/cohorts/2018/schedule.ics"), "ics").body;

  // Sessions 0..8: present everywhere but an excused absence at session 4, made good.
  for (const SessionDates& session : kSessions2018) {
    if (session.number > 8) continue;
    const std::string ended =
        session.number == 7 ? "2018-09-15T16:00:00-07:00" : std::string(session.ends_at);
    const bool excused = session.number == 4;
    const std::int64_t position =
        ada(staff, "attendance",
            {{"session", session.number}, {"status", excused ? "absent_excused" : "present"}},
            ended, "attendance_recorded");
    if (excused) story.excused_absence_position = position;
    ada(staff, "participation", {{"session", session.number}, {"rating", "satisfactory"}}, ended,
        "participation_recorded");
  }
  story.makeup_position =
      ada(staff, "makeups",
          {{"session", 4}, {"description", "Security fundamentals with the Elk Grove team"}},
          "2018-05-20T10:00:00-07:00", "makeup_recorded");

  // The work: one assignment fails, then passes on a regrade.
  for (const AssignmentDates& a : kAssignments2018) {
    ada(staff, "submissions",
        {{"assignment", a.id}, {"url", std::string("https://portfolio.example/ada/") + a.id}},
        a.due_at, "submission_recorded");
    if (std::string(a.id) == "budget-analysis") {
      story.failed_grade_position = ada(
          staff, "grades",
          {{"assignment", a.id}, {"result", "fail"}, {"score", 55}, {"comment", "redo the TCO"}},
          "2018-04-10T09:00:00-07:00", "grade_recorded");
      story.regrade_position =
          ada(staff, "grades", {{"assignment", a.id}, {"result", "pass"}, {"score", 88}},
              "2018-04-20T09:00:00-07:00", "grade_recorded");
    } else {
      ada(staff, "grades", {{"assignment", a.id}, {"result", "pass"}, {"score", 92}}, a.due_at,
          "grade_recorded");
    }
  }

  // The portfolio: an artifact and a reflection per session 1..8 and the curriculum summary.
  for (std::int64_t n = 1; n <= 8; ++n) {
    const std::string ended = kSessions2018[static_cast<std::size_t>(n)].ends_at;
    for (const char* kind : {"artifact", "reflection"}) {
      ada(staff, "portfolio",
          {{"kind", kind},
           {"session", n},
           {"title", std::string(kind) + " for session " + std::to_string(n)},
           {"url", "https://portfolio.example/ada/" + std::to_string(n)}},
          ended, "portfolio_item_added");
    }
  }
  ada(staff, "portfolio",
      {{"kind", "curriculum_summary"},
       {"title", "What I learned"},
       {"url", "https://portfolio.example/ada/summary"}},
      "2018-10-20T09:00:00-07:00", "portfolio_item_added");

  // The mentor logs her meetings herself (a mentor records facts as they happen: no occurred_at).
  for (const char* kind :
       {"check_in", "mid_year_evaluation", "portfolio_review", "portfolio_review"}) {
    ada(story.mentor_user.token, "meetings",
        {{"kind", kind}, {"mode", "face_to_face"}, {"held_on", "2018-06-15"}}, "",
        "mentor_meeting_logged");
  }
}

// 12 November 2018: the last requirements and the certification.
void SeedsCohortTest::Commencement(Story& story) {
  const ServerProcess& s = server();
  const std::string staff = story.staff.token;
  AdaStream ada{s, story};

  // Commencement: the final presentation, the mentor's recommendation, feedback.
  ada(staff, "final-presentation",
      {{"result", "pass"}, {"executive_summary", "accepted"}, {"comment", "clear and costed"}},
      "2018-11-12T10:00:00-08:00", "final_presentation_graded");
  ada(staff, "mentor-assessment", {{"recommend", true}, {"statement", "Ready to lead a district."}},
      "2018-11-01T09:00:00-07:00", "mentor_assessment_recorded");
  ada(staff, "feedback", {{"text", "More on E-Rate, please."}}, "2018-11-12T12:00:00-08:00",
      "feedback_given");

  // The other candidate was dropped in May (for the report's counts).
  Post(s, staff, "/v1/candidates/" + story.grace + "/drop",
       {{"reason", "unexcused_absence"}, {"detail", "missed session 4"}},
       "2018-05-10T09:00:00-07:00");

  story.view_before_certification = Get("/v1/candidates/" + story.ada);
  const Response certified = Post(s, staff, "/v1/candidates/" + story.ada + "/certification",
                                  {{"decision", "certify"}}, kCommencement2018);
  story.certification_answer = certified.Json();
  story.certification_position = certified.Json().at("position").as_int64();
  story.types.push_back("certification_granted");
  story.positions.push_back(story.certification_position);
}

// The three years after: CEUs, annual documentation, a promotion and recertification.
void SeedsCohortTest::FirstCycle(Story& story) {
  const ServerProcess& s = server();
  const std::string staff = story.staff.token;
  AdaStream ada{s, story};

  // The first cycle: 60 contact hours (6.0 CEUs) and documentation for 2019, 2020 and 2021.
  story.ceu_positions.push_back(ada(staff, "ceus",
                                    {{"activity", "CETPA Annual Conference"},
                                     {"provider", "CETPA"},
                                     {"completed_on", "2019-11-14"},
                                     {"contact_hours", 25.5}},
                                    "2019-11-20T09:00:00-08:00", "ceu_recorded"));
  story.ceu_positions.push_back(ada(staff, "ceus",
                                    {{"activity", "Network security institute"},
                                     {"provider", "CCSESA"},
                                     {"completed_on", "2020-10-01"},
                                     {"contact_hours", 34.5}},
                                    "2020-10-05T09:00:00-07:00", "ceu_recorded"));
  for (int year : {2019, 2020, 2021}) {
    story.annual_documentation_positions.push_back(
        ada(staff, "annual-documentation", {{"year", year}},
            std::to_string(year) + "-06-01T09:00:00-07:00", "annual_documentation_submitted"));
  }
  ada(staff, "promotions",
      {{"title", "Assistant Superintendent, Technology"}, {"effective_on", "2020-07-01"}},
      "2020-06-15T09:00:00-07:00", "promotion_recorded");

  story.view_before_recertification = Get("/v1/candidates/" + story.ada);
  const Response recertified = Post(s, staff, "/v1/candidates/" + story.ada + "/recertification",
                                    {}, "2021-10-15T12:00:00-07:00");
  story.recertification_answer = recertified.Json();
  story.recertification_position = recertified.Json().at("position").as_int64();
  story.types.push_back("recertification_granted");
  story.positions.push_back(story.recertification_position);
}

// The requirement of an explain evaluation with this code.
const json::object& RequirementOf(const json::value& evaluation, const std::string& code) {
  for (const json::value& r : evaluation.at("requirements").as_array()) {
    if (r.at("code") == code.c_str()) return r.as_object();
  }
  throw std::runtime_error("no requirement " + code);
}

std::vector<std::int64_t> Positions(const json::value& array) {
  std::vector<std::int64_t> out;
  for (const json::value& v : array.as_array()) out.push_back(v.to_number<std::int64_t>());
  return out;
}

TEST_F(SeedsCohortTest, CertificationAtCommencementIssuesTheCohortsFirstNumberForThreeYears) {
  const Story& story = TheStory();
  const json::value& before = story.view_before_certification;
  EXPECT_EQ(before.at("status"), "accepted");
  EXPECT_EQ(before.at("completion").at("met"), true) << before;
  EXPECT_EQ(before.at("certification").at("state"), "none");

  const json::value& answer = story.certification_answer;
  EXPECT_EQ(answer.at("certificate"), "CCTO-2018-0001") << answer;
  EXPECT_EQ(answer.at("issued_on"), "2018-11-12");
  EXPECT_EQ(answer.at("expires_on"), "2021-11-12");
  EXPECT_EQ(answer.at("id"), story.ada.c_str());
  EXPECT_EQ(answer.at("stream"), ("candidate-" + story.ada).c_str());
}

TEST_F(SeedsCohortTest, SixtyContactHoursAreExactlySixCeusAndRecertificationMovesTheExpiry) {
  const Story& story = TheStory();
  const json::value& cycle = story.view_before_recertification.at("certification");
  EXPECT_EQ(cycle.at("ceus_in_cycle").to_number<double>(), 6.0) << cycle;
  EXPECT_EQ(cycle.at("unmet_for_recertification"), json::array{}) << cycle;
  EXPECT_EQ(story.recertification_answer.at("expires_on"), "2024-11-12")
      << story.recertification_answer;

  const json::value view = Get("/v1/candidates/" + story.ada);
  const json::value& cert = view.at("certification");
  EXPECT_EQ(cert.at("state"), "certified");
  EXPECT_EQ(cert.at("certificate"), "CCTO-2018-0001");
  EXPECT_EQ(cert.at("issued_on"), "2018-11-12");
  EXPECT_EQ(cert.at("expires_on"), "2024-11-12");
  // The new cycle (2021-11-12 .. 2024-11-12) starts with nothing earned and, by now, has lapsed.
  EXPECT_EQ(cert.at("ceus_in_cycle").to_number<double>(), 0.0);
  EXPECT_EQ(cert.at("status"), "lapsed");
  EXPECT_EQ(cert.at("unmet_for_recertification"), (json::array{"ceus", "annual_documentation"}));
}

TEST_F(SeedsCohortTest, TheCandidateViewHoldsTheWholeYear) {
  const Story& story = TheStory();
  const json::value view = Get("/v1/candidates/" + story.ada);
  EXPECT_EQ(view.at("id"), story.ada.c_str());
  EXPECT_EQ(view.at("cohort"), 2018);
  EXPECT_EQ(view.at("name"), "Ada Lovelace");
  EXPECT_EQ(view.at("employer").at("kind"), "district");
  // API.md calls both the job title and the log position "position": the title is position_title.
  EXPECT_EQ(view.at("position_title"), "IT Director");
  EXPECT_EQ(view.at("status"), "certified");
  EXPECT_EQ(view.at("mentor"), story.mentor.c_str());
  EXPECT_EQ(view.at("requested_mentor"), story.mentor.c_str());
  EXPECT_EQ(view.at("balance_cents"), 0);
  json::object attendance;
  for (int n = 0; n <= 8; ++n)
    attendance[std::to_string(n)] = n == 4 ? "absent_excused" : "present";
  EXPECT_EQ(view.at("attendance"), attendance);
  EXPECT_EQ(view.at("makeups"), json::array{4});
  EXPECT_EQ(view.at("participation").as_object().size(), 9u);
  EXPECT_EQ(view.at("assignments"), (json::object{{"strategic-plan", "pass"},
                                                  {"budget-analysis", "pass"},
                                                  {"policy-brief", "pass"}}));
  EXPECT_EQ(view.at("portfolio"),
            (json::object{{"artifacts", 8}, {"reflections", 8}, {"curriculum_summary", true}}));
  EXPECT_EQ(view.at("meetings"),
            (json::object{{"check_in", 1}, {"mid_year_evaluation", 1}, {"portfolio_review", 2}}));
  EXPECT_EQ(view.at("at_risk"), false);
  EXPECT_EQ(view.at("completion"), (json::object{{"met", true}, {"unmet", json::array{}}}));
  ASSERT_EQ(view.at("promotions").as_array().size(), 1u);
  EXPECT_EQ(view.at("promotions").at(0).at("effective_on"), "2020-07-01");
  EXPECT_EQ(view.at("version").as_int64(), static_cast<std::int64_t>(story.types.size()));
  EXPECT_EQ(view.at("position").as_int64(), LedgerPosition(server()));

  // The list filters by cohort and status.
  const json::value certified = Get("/v1/candidates?cohort=2018&status=certified");
  ASSERT_EQ(certified.at("items").as_array().size(), 1u);
  EXPECT_EQ(certified.at("items").at(0).at("id"), story.ada.c_str());
  EXPECT_EQ(Get("/v1/candidates?cohort=2018").at("items").as_array().size(), 2u);
  EXPECT_TRUE(Get("/v1/candidates?cohort=2019").at("items").as_array().empty());

  // The candidate reads her own record; the view is the same one staff see.
  EXPECT_EQ(Get("/v1/candidates/" + story.ada, story.candidate_user.token), view);
}

TEST_F(SeedsCohortTest, PublicCertificateLookupShowsOnlyNumberHolderStatusAndDates) {
  const Story& story = TheStory();
  const Response response = server().Send("GET", "/v1/certificates/CCTO-2018-0001");
  ASSERT_EQ(response.status, 200) << response.body;
  const json::object body = response.Json().as_object();
  std::set<std::string> keys;
  for (const auto& member : body) keys.insert(std::string(member.key()));
  EXPECT_EQ(keys, (std::set<std::string>{"number", "holder", "status", "issued_on", "expires_on"}));
  EXPECT_EQ(body.at("number"), "CCTO-2018-0001");
  EXPECT_EQ(body.at("holder"), "Ada Lovelace");
  EXPECT_EQ(body.at("status"), "lapsed");
  EXPECT_EQ(body.at("issued_on"), "2018-11-12");
  EXPECT_EQ(body.at("expires_on"), "2024-11-12");
  EXPECT_EQ(response.body.find(story.ada), std::string::npos) << "no candidate id in public";
  EXPECT_EQ(response.body.find("scusd"), std::string::npos) << "no e-mail in public";

  EXPECT_EQ(server().Send("GET", "/v1/certificates/CCTO-2018-0002").status, 404);
  // Staff list it with the candidate beside it.
  const json::value listed = Get("/v1/certificates");
  ASSERT_EQ(listed.at("items").as_array().size(), 1u);
  EXPECT_EQ(listed.at("items").at(0).at("candidate"), story.ada.c_str());
  EXPECT_EQ(Get("/v1/certificates?status=lapsed").at("items").as_array().size(), 1u);
  EXPECT_EQ(Get("/v1/certificates?status=active").at("items").as_array().size(), 0u);
}

TEST_F(SeedsCohortTest, HistoryListsEveryEventOfTheStreamInOrder) {
  const Story& story = TheStory();
  const json::value history = Get("/v1/candidates/" + story.ada + "/history");
  EXPECT_EQ(history.at("stream"), ("candidate-" + story.ada).c_str());
  const json::array& events = history.at("events").as_array();
  ASSERT_EQ(events.size(), story.types.size());
  for (std::size_t i = 0; i < events.size(); ++i) {
    const json::value& event = events[i];
    EXPECT_EQ(event.at("type"), story.types[i].c_str()) << "event " << i;
    EXPECT_EQ(event.at("position").as_int64(), story.positions[i]) << "event " << i;
    EXPECT_EQ(event.at("version").as_int64(), static_cast<std::int64_t>(i + 1));
    for (const char* field : {"occurred_at", "recorded_at", "actor", "data", "hash"}) {
      EXPECT_TRUE(event.as_object().contains(field)) << field;
    }
  }
  EXPECT_EQ(events.front().at("occurred_at"), "2017-09-01T19:00:00Z");
  EXPECT_EQ(events.front().at("data").at("name"), "Ada Lovelace");
  // The certification is dated at commencement, 17:00 Pacific (01:00 UTC the next day).
  const auto certification = std::find_if(events.begin(), events.end(), [](const json::value& e) {
    return e.at("type") == "certification_granted";
  });
  ASSERT_NE(certification, events.end());
  EXPECT_EQ(certification->at("occurred_at"), "2018-11-13T01:00:00Z");
  EXPECT_EQ(certification->at("actor").at("user_id"), story.staff.id.c_str());
  // The mentor's meetings were recorded by the mentor.
  const auto meeting = std::find_if(events.begin(), events.end(), [](const json::value& e) {
    return e.at("type") == "mentor_meeting_logged";
  });
  ASSERT_NE(meeting, events.end());
  EXPECT_EQ(meeting->at("actor").at("role"), "mentor");
}

TEST_F(SeedsCohortTest, ExplainNamesTheEventsThatDecidedEachRequirement) {
  const Story& story = TheStory();
  const json::value explain = Get("/v1/candidates/" + story.ada + "/explain");
  EXPECT_EQ(explain.at("version").as_int64(), static_cast<std::int64_t>(story.types.size()));
  EXPECT_EQ(explain.at("position").as_int64(), LedgerPosition(server()));
  for (const char* part : {"completion", "certification", "recertification"}) {
    ASSERT_TRUE(explain.as_object().contains(part)) << part;
    for (const json::value& r : explain.at(part).at("requirements").as_array()) {
      EXPECT_TRUE(r.as_object().contains("detail")) << r;
      EXPECT_TRUE(r.at("evidence").is_array()) << r;
    }
  }
  const json::value& completion = explain.at("completion");
  EXPECT_EQ(completion.at("met"), true);
  const auto makeups = Positions(RequirementOf(completion, "makeups").at("evidence"));
  EXPECT_EQ(makeups, std::vector<std::int64_t>{story.makeup_position});
  EXPECT_EQ(Positions(RequirementOf(completion, "excused_absences").at("evidence")),
            std::vector<std::int64_t>{story.excused_absence_position});
  // The regrade decided the assignment, not the failed grade.
  const auto assignments = Positions(RequirementOf(completion, "assignments").at("evidence"));
  EXPECT_NE(std::find(assignments.begin(), assignments.end(), story.regrade_position),
            assignments.end());
  EXPECT_EQ(std::find(assignments.begin(), assignments.end(), story.failed_grade_position),
            assignments.end());
  EXPECT_EQ(Positions(RequirementOf(completion, "attendance").at("evidence")).size(), 9u);

  const json::value& certification = explain.at("certification");
  EXPECT_EQ(certification.at("met"), true);
  EXPECT_EQ(Positions(RequirementOf(certification, "tuition").at("evidence")),
            story.payment_positions);

  // Recertification is judged on the current cycle: the old cycle's evidence is not in it.
  const json::value& recertification = explain.at("recertification");
  EXPECT_EQ(Positions(RequirementOf(recertification, "not_certified").at("evidence")),
            std::vector<std::int64_t>{story.certification_position});
  EXPECT_EQ(RequirementOf(recertification, "ceus").at("met"), false);

  // At the instant before recertification the first cycle's evidence is all there.
  const json::value then =
      Get("/v1/candidates/" + story.ada + "/explain?as_of=2021-10-15T11:00:00-07:00");
  EXPECT_EQ(then.at("recertification").at("met"), true) << then;
  EXPECT_EQ(Positions(RequirementOf(then.at("recertification"), "ceus").at("evidence")),
            story.ceu_positions);
  EXPECT_EQ(
      Positions(RequirementOf(then.at("recertification"), "annual_documentation").at("evidence")),
      story.annual_documentation_positions);
}

TEST_F(SeedsCohortTest, ProgramReportCountsTheCohortAndCsvSaysTheSame) {
  TheStory();
  const json::value report = Get("/v1/reports/program");
  const json::object expected_counts{
      {"enrolled", 2},
      {"completed", 1},
      {"certified", 1},
      {"dropped", 1},
      {"currently_enrolled", 0},
      {"promoted", 1},
      {"districts", 1},
      {"county_offices", 1},
      {"certificates", json::object{{"active", 0}, {"due", 0}, {"lapsed", 1}, {"revoked", 0}}}};
  for (const auto& [key, value] : expected_counts) {
    EXPECT_EQ(report.at(key), value) << key;
  }
  ASSERT_EQ(report.at("cohorts").as_array().size(), 1u);
  EXPECT_EQ(report.at("cohorts").at(0).at("cohort"), 2018);
  for (const auto& [key, value] : expected_counts) {
    EXPECT_EQ(report.at("cohorts").at(0).at(key), value) << key;
  }

  const Response csv =
      Call(server(), kAdminToken, "GET", "/v1/reports/program", "", {{"Accept", "text/csv"}});
  ASSERT_EQ(csv.status, 200);
  EXPECT_TRUE(csv.Header("content-type").starts_with("text/csv")) << csv.Header("content-type");
  EXPECT_EQ(csv.body,
            "scope,enrolled,completed,certified,dropped,currently_enrolled,promoted,districts,"
            "county_offices,certificates_active,certificates_due,certificates_lapsed,"
            "certificates_revoked\r\n"
            "program,2,1,1,1,0,1,1,1,0,0,1,0\r\n"
            "2018,2,1,1,1,0,1,1,1,0,0,1,0\r\n");

  // In June 2018 one was still enrolled and the other already dropped.
  const json::value june = Get("/v1/reports/program?as_of=2018-06-30T12:00:00-07:00");
  EXPECT_EQ(june.at("enrolled"), 2);
  EXPECT_EQ(june.at("currently_enrolled"), 1);
  EXPECT_EQ(june.at("dropped"), 1);
  EXPECT_EQ(june.at("certified"), 0);
  EXPECT_EQ(june.at("as_of"), "2018-06-30T19:00:00Z");
  // A year after commencement the certificate was active.
  const json::value later = Get("/v1/reports/program?as_of=2019-11-12T12:00:00-08:00");
  EXPECT_EQ(later.at("certificates").at("active"), 1);
}

TEST_F(SeedsCohortTest, AsOfBeforeCertificationShowsThePreCertificationState) {
  const Story& story = TheStory();
  const json::value before =
      Get("/v1/candidates/" + story.ada + "?as_of=2018-11-12T16:59:59-08:00");
  EXPECT_EQ(before.at("status"), "accepted");
  EXPECT_EQ(before.at("certification").at("state"), "none");
  EXPECT_TRUE(before.at("certification").at("certificate").is_null());
  EXPECT_TRUE(before.at("certification").at("expires_on").is_null());
  EXPECT_EQ(before.at("attendance").as_object().size(), 9u);
  EXPECT_TRUE(before.at("promotions").as_array().empty());
  // The meetings were recorded later than that business instant (by the mentor, now).
  EXPECT_EQ(before.at("meetings").at("portfolio_review"), 0);

  const json::value at_commencement =
      Get("/v1/candidates/" + story.ada + "?as_of=" + std::string("2018-11-12T17:00:00-08:00"));
  EXPECT_EQ(at_commencement.at("certification").at("state"), "certified");
  EXPECT_EQ(at_commencement.at("certification").at("status"), "active");
  EXPECT_EQ(at_commencement.at("certification").at("expires_on"), "2021-11-12");

  // Inside the renewal window of the first cycle the certificate is due.
  const json::value due = Get("/v1/candidates/" + story.ada + "?as_of=2021-09-01T12:00:00-07:00");
  EXPECT_EQ(due.at("certification").at("status"), "due");
  EXPECT_EQ(due.at("certification").at("ceus_in_cycle").to_number<double>(), 6.0);

  // Earlier still: before the application there is no such candidate.
  EXPECT_EQ(Call(server(), kAdminToken, "GET",
                 "/v1/candidates/" + story.ada + "?as_of=2017-08-30T00:00:00Z")
                .status,
            404);
  // The certificate registry and the cohort agree.
  EXPECT_TRUE(
      Get("/v1/certificates?as_of=2018-11-12T16:59:59-08:00").at("items").as_array().empty());
  const json::value cohort = Get("/v1/cohorts/2018?as_of=2018-11-12T16:59:59-08:00");
  EXPECT_EQ(cohort.at("counts").at("accepted"), 1) << cohort.at("counts");
  EXPECT_EQ(cohort.at("counts").at("dropped"), 1);
}

TEST_F(SeedsCohortTest, PositionBoundKeepsTheLogUpToThatPosition) {
  const Story& story = TheStory();
  const std::string target = "/v1/candidates/" + story.ada + "?position=";
  const json::value before = Get(target + std::to_string(story.certification_position - 1));
  EXPECT_EQ(before.at("certification").at("state"), "none");
  const json::value at = Get(target + std::to_string(story.certification_position));
  EXPECT_EQ(at.at("certification").at("state"), "certified");
  EXPECT_EQ(at.at("certification").at("expires_on"), "2021-11-12");
  const auto index = static_cast<std::size_t>(
      std::find(story.positions.begin(), story.positions.end(), story.certification_position) -
      story.positions.begin());
  EXPECT_EQ(at.at("version").as_int64(), static_cast<std::int64_t>(index + 1));
  EXPECT_EQ(Call(server(), kAdminToken, "GET", target + "abc").status, 400);
}

TEST_F(SeedsCohortTest, KnownAtKeepsOnlyWhatTheSystemHadRecordedByThen) {
  const Story& story = TheStory();
  const json::value history = Get("/v1/candidates/" + story.ada + "/history");
  std::string certification_recorded_at;
  std::string previous_recorded_at;
  for (const json::value& event : history.at("events").as_array()) {
    if (event.at("type") == "certification_granted") {
      certification_recorded_at = Text(event.at("recorded_at"));
      break;
    }
    previous_recorded_at = Text(event.at("recorded_at"));
  }
  ASSERT_FALSE(certification_recorded_at.empty());
  ASSERT_NE(previous_recorded_at, certification_recorded_at) << "each command records apart";
  const std::string target = "/v1/candidates/" + story.ada + "?known_at=";
  const json::value knew = Get(target + certification_recorded_at);
  EXPECT_EQ(knew.at("certification").at("state"), "certified");
  EXPECT_TRUE(knew.at("promotions").as_array().empty()) << "recorded later";
  const json::value not_yet = Get(target + previous_recorded_at);
  EXPECT_EQ(not_yet.at("certification").at("state"), "none");
  EXPECT_EQ(not_yet.at("status"), "accepted");
  // The history takes the same bound.
  const json::value bounded =
      Get("/v1/candidates/" + story.ada + "/history?known_at=" + previous_recorded_at);
  EXPECT_EQ(bounded.at("events").as_array().back().at("type"), "feedback_given");
  EXPECT_EQ(Call(server(), kAdminToken, "GET", target + "yesterday").status, 400);
}

// The VEVENTs of an iCalendar text: UID -> its lines.
std::map<std::string, std::vector<std::string>> Events(const std::string& ics) {
  std::map<std::string, std::vector<std::string>> events;
  std::vector<std::string> lines;
  std::istringstream in(ics);
  std::string line;
  while (std::getline(in, line, '\n')) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.starts_with(" ") && !lines.empty()) {
      lines.back() += line.substr(1);  // unfold
    } else {
      lines.push_back(line);
    }
  }
  std::vector<std::string> current;
  for (const std::string& l : lines) {
    if (l == "BEGIN:VEVENT") current.clear();
    current.push_back(l);
    if (l == "END:VEVENT") {
      for (const std::string& field : current) {
        if (field.starts_with("UID:")) events[field.substr(4)] = current;
      }
    }
  }
  return events;
}

std::string Field(const std::vector<std::string>& lines, const std::string& name) {
  for (const std::string& line : lines) {
    if (line.starts_with(name + ":")) return line.substr(name.size() + 1);
  }
  return {};
}

TEST_F(SeedsCohortTest, ScheduleIcsKeepsStableUidsAndARescheduleBumpsTheSequence) {
  const Story& story = TheStory();
  const auto before = Events(story.ics_before_reschedule);
  const auto after = Events(story.ics_after_reschedule);
  ASSERT_EQ(before.size(), 10u) << story.ics_before_reschedule;
  std::set<std::string> uids_before, uids_after;
  for (const auto& [uid, lines] : before) uids_before.insert(uid);
  for (const auto& [uid, lines] : after) uids_after.insert(uid);
  EXPECT_EQ(uids_before, uids_after);

  std::string moved;
  for (const auto& [uid, lines] : after) {
    const std::string sequence = Field(lines, "SEQUENCE");
    if (Field(lines, "DTSTART") != Field(before.at(uid), "DTSTART")) {
      moved = uid;
      EXPECT_EQ(sequence, "1") << uid;
      EXPECT_EQ(Field(before.at(uid), "SEQUENCE"), "0");
      EXPECT_EQ(Field(lines, "DTSTART"), "20180915T003000Z");  // 17:30 PDT
      EXPECT_EQ(Field(lines, "DTEND"), "20180915T230000Z");
    } else {
      EXPECT_EQ(sequence, "0") << uid;
      EXPECT_EQ(lines, before.at(uid));
    }
  }
  EXPECT_NE(moved, "");
  // The kickoff is at 10:00 Pacific Standard Time.
  bool kickoff = false;
  for (const auto& [uid, lines] : before) {
    if (Field(lines, "DTSTART") == "20180202T180000Z") kickoff = true;
  }
  EXPECT_TRUE(kickoff) << story.ics_before_reschedule;

  // RFC 5545: CRLF line ends, lines of at most 75 octets (longer ones folded).
  const std::string& text = story.ics_after_reschedule;
  EXPECT_TRUE(text.starts_with("BEGIN:VCALENDAR\r\n"));
  EXPECT_TRUE(text.ends_with("END:VCALENDAR\r\n"));
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find("\r\n", start);
    ASSERT_NE(end, std::string::npos) << "a line without CRLF";
    EXPECT_LE(end - start, 75u) << text.substr(start, end - start);
    start = end + 2;
  }
  const Response live = Call(server(), kAdminToken, "GET", "/v1/cohorts/2018/schedule.ics");
  EXPECT_TRUE(live.Header("content-type").starts_with("text/calendar"));
  EXPECT_EQ(live.body, story.ics_after_reschedule) << "the calendar is stable between reads";
}

TEST_F(SeedsCohortTest, AMentorLogsOnlyForItsOwnCandidateAndCannotBackdate) {
  const Story& story = TheStory();
  const std::int64_t position = LedgerPosition(server());
  const json::object meeting{{"kind", "check_in"}, {"mode", "phone"}, {"held_on", "2018-07-01"}};
  const Response other = Call(server(), story.mentor_user.token, "POST",
                              "/v1/candidates/" + story.grace + "/meetings", meeting);
  EXPECT_EQ(other.status, 403) << other.body;
  EXPECT_EQ(other.Code(), "forbidden");
  json::object backdated = meeting;
  backdated["occurred_at"] = "2018-07-01T12:00:00-07:00";
  const Response earlier = Call(server(), story.mentor_user.token, "POST",
                                "/v1/candidates/" + story.ada + "/meetings", backdated);
  EXPECT_EQ(earlier.status, 403) << earlier.body;
  EXPECT_EQ(earlier.Code(), "backdating_not_allowed");
  EXPECT_EQ(Call(server(), story.mentor_user.token, "GET", "/v1/candidates/" + story.grace).status,
            403);
  EXPECT_EQ(
      Call(server(), story.candidate_user.token, "GET", "/v1/candidates/" + story.grace).status,
      403);
  EXPECT_EQ(LedgerPosition(server()), position);
  // The mentor's own record counts the meetings it logged.
  const json::value mentor = Get("/v1/mentors/" + story.mentor, story.mentor_user.token);
  EXPECT_EQ(mentor.at("meetings_logged"), 4);
  EXPECT_EQ(mentor.at("position_title"), "Chief Technology Officer");
  EXPECT_EQ(mentor.at("position").as_int64(), LedgerPosition(server()));
  EXPECT_EQ(mentor.at("mentees").at("2018"), json::array{story.ada.c_str()});
}

}  // namespace
}  // namespace ctom::e2e
