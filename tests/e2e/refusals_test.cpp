// End-to-end: every refusal code of API.md provoked over HTTP (the 422 rule codes with their
// unmet lists, and 400, 404, 405, 409, 413, 415), each answered as application/problem+json and
// appending nothing; Idempotency-Key retries and If-Match conditions.
#include <gtest/gtest.h>

#include <functional>
#include <memory>

#include "tests/e2e/program_client.hpp"
#include "tests/e2e/shared_server_test.hpp"

namespace ctom::e2e {
namespace {

using Codes = std::vector<std::string>;

// The records the refusals are provoked on.
struct World {
  json::object documents;           // three uploaded application documents
  std::string applied;              // applied to 2018, not yet decided
  std::string accepted;             // accepted, matched to `mentor`, nothing else done
  std::string second_mentee;        // accepted, also matched to `mentor` (who is now full)
  std::string unmatched;            // accepted, no mentor
  std::string rejected;             // rejected
  std::string dropped;              // accepted, then dropped
  std::string irregular;            // a full attendance record with every kind of absence
  std::string graduate;             // certified at commencement 2018, nothing since
  std::string revoked_graduate;     // certified, then the certificate revoked
  std::string waiting_2019;         // applied to 2019, whose one seat is taken
  std::string mentor;               // approved, under contract, two mentees
  std::string pending_mentor;       // applied, not yet approved
  std::string uncontracted_mentor;  // approved, no contract
  std::string mentor_2019;          // approved, under contract, serves cohort 2019 only
};

class RefusalsTest : public SharedServerTest<World> {
 protected:
  static const World& TheWorld() { return BuiltOnce(&Build, "setting up the refusals"); }

  // Sends `send` and expects the refusal: the status, the problem's code (and unmet list when
  // given), problem+json, and the ledger's head where it was.
  static Response ExpectRefusal(const std::function<Response()>& send, int status,
                                const std::string& code,
                                const std::optional<Codes>& unmet = std::nullopt) {
    const std::int64_t position = LedgerPosition(server());
    const Response response = send();
    EXPECT_EQ(response.status, status) << response.body;
    EXPECT_EQ(response.Header("content-type"), "application/problem+json") << response.body;
    EXPECT_EQ(response.Code(), code) << response.body;
    if (unmet) {
      Codes got;
      const json::value body = response.Json();
      if (const json::value* list = body.as_object().if_contains("unmet")) {
        for (const json::value& item : list->as_array()) got.emplace_back(item.as_string());
      }
      EXPECT_EQ(got, *unmet) << response.body;
    }
    EXPECT_EQ(LedgerPosition(server()), position) << code << " appended something";
    return response;
  }

  static Response Post(const std::string& target, json::object body,
                       const std::string& occurred_at = {}, Headers headers = {}) {
    if (!occurred_at.empty()) body["occurred_at"] = occurred_at;
    return Call(server(), kAdminToken, "POST", target, body, std::move(headers));
  }

  static json::object Application(const World& world, const std::string& email) {
    return json::object{
        {"name", "Applicant"},
        {"email", email},
        {"employer", json::object{{"name", "Folsom Cordova USD"}, {"kind", "district"}}},
        {"position", "Network Manager"},
        {"documents", world.documents}};
  }

 private:
  static World Build();
};

std::string IdOf(const Response& response) {
  return std::string(response.Json().at("id").as_string());
}

World RefusalsTest::Build() {
  const ServerProcess& s = server();
  ProgramWalk walk(s);
  World w;
  walk.OpenCohort2018();
  w.documents = walk.UploadApplicationDocuments("refusals");
  w.mentor = walk.Mentor("Full Mentor", "full@mentors.example");
  w.applied = walk.Apply("Applied", "applied@district.example");
  w.accepted = walk.Apply("Accepted", "Accepted@District.example");
  w.second_mentee = walk.Apply("Second", "second@district.example");
  w.unmatched = walk.Apply("Unmatched", "unmatched@district.example");
  w.rejected = walk.Apply("Rejected", "rejected@district.example");
  w.dropped = walk.Apply("Dropped", "dropped@district.example");
  w.irregular = walk.Apply("Irregular", "irregular@district.example");
  for (const std::string& id : {w.accepted, w.second_mentee, w.unmatched, w.dropped, w.irregular}) {
    walk.Accept(id);
  }
  walk.Match(w.accepted, w.mentor);
  walk.Match(w.second_mentee, w.mentor);
  walk.Post("/v1/candidates/" + w.rejected + "/decision",
            {{"decision", "rejected"}, {"reason", "no nomination letter"}},
            "2017-10-15T12:00:00-07:00");
  walk.Post("/v1/candidates/" + w.dropped + "/drop", {{"reason", "missing_work"}},
            "2018-03-10T12:00:00-08:00");

  // Every session recorded: one unexcused absence, three excused ones without a make-up, and an
  // unsatisfactory participation.
  const std::string irregular = "/v1/candidates/" + w.irregular;
  for (const SessionDates& session : kSessions2018) {
    if (session.number > 8) continue;
    const char* status = session.number == 1                          ? "absent_unexcused"
                         : session.number >= 2 && session.number <= 4 ? "absent_excused"
                                                                      : "present";
    walk.Post(irregular + "/attendance", {{"session", session.number}, {"status", status}},
              session.ends_at);
  }
  walk.Post(irregular + "/participation", {{"session", 5}, {"rating", "unsatisfactory"}},
            kSessions2018[5].ends_at);

  w.graduate = walk.Graduate2018("Graduate", "graduate@district.example").candidate;
  w.revoked_graduate = walk.Graduate2018("Revoked", "revoked@district.example").candidate;
  walk.Post("/v1/candidates/" + w.revoked_graduate + "/revocation",
            {{"reason", "misrepresented credentials"}}, "2019-02-01T09:00:00-08:00");

  // Mentors in every state matching refuses.
  json::object mentor{{"name", "Pending Mentor"},
                      {"email", "pending@mentors.example"},
                      {"employer", json::object{{"name", "Natomas USD"}, {"kind", "district"}}},
                      {"position", "CTO"},
                      {"currently_k12_leader", true},
                      {"hands_on_experience", true},
                      {"qualification", "business_degree"},
                      {"years_k12_leadership", 15}};
  w.pending_mentor = IdOf(walk.Post("/v1/mentors", mentor, "2017-09-05T09:00:00-07:00"));
  mentor["email"] = "uncontracted@mentors.example";
  w.uncontracted_mentor = IdOf(walk.Post("/v1/mentors", mentor, "2017-09-05T09:00:00-07:00"));
  walk.Post("/v1/mentors/" + w.uncontracted_mentor + "/approval", {{"decision", "approved"}},
            "2017-10-10T09:00:00-07:00");
  mentor["email"] = "later@mentors.example";
  mentor["cohort"] = 2019;
  w.mentor_2019 = IdOf(walk.Post("/v1/mentors", mentor, "2018-09-05T09:00:00-07:00"));
  walk.Post("/v1/mentors/" + w.mentor_2019 + "/approval", {{"decision", "approved"}},
            "2018-10-10T09:00:00-07:00");
  walk.Post("/v1/mentors/" + w.mentor_2019 + "/contract", {{"signed_on", "2018-10-20"}},
            "2018-10-20T09:00:00-07:00");

  // 2019 has one seat, taken.
  walk.Post("/v1/cohorts", CohortBody(2019, 1), "");
  json::object application = Application(w, "first@district.example");
  const std::string first =
      IdOf(walk.Post("/v1/cohorts/2019/applications", application, "2018-09-01T12:00:00-07:00"));
  application["email"] = "waiting@district.example";
  w.waiting_2019 =
      IdOf(walk.Post("/v1/cohorts/2019/applications", application, "2018-09-01T12:00:00-07:00"));
  walk.Post("/v1/candidates/" + first + "/decision", {{"decision", "accepted"}},
            "2018-10-15T12:00:00-07:00");
  return w;
}

constexpr const char* kInWindow = "2017-09-01T12:00:00-07:00";

TEST_F(RefusalsTest, ApplicationsOutsideTheRulesAreRefusedWithTheirCodes) {
  const World& w = TheWorld();
  const std::string target = "/v1/cohorts/2018/applications";
  const json::object valid = Application(w, "new@district.example");
  ExpectRefusal([&] { return Post(target, valid, "2017-08-22T23:59:59-07:00"); }, 422,
                "application_window_not_open");
  ExpectRefusal([&] { return Post(target, valid, "2017-09-29T17:00:01-07:00"); }, 422,
                "application_deadline_passed");
  // Without occurred_at the application is judged now, long after the 2018 deadline.
  ExpectRefusal([&] { return Post(target, valid); }, 422, "application_deadline_passed");

  json::object missing = valid;
  missing["documents"] = json::object{{"application", w.documents.at("application")},
                                      {"resume", "sha256:" + std::string(64, '0')}};
  ExpectRefusal([&] { return Post(target, missing, kInWindow); }, 422, "missing_documents",
                Codes{"resume", "nomination"});

  json::object duplicate = valid;
  duplicate["email"] = "  ACCEPTED@district.EXAMPLE ";
  ExpectRefusal([&] { return Post(target, duplicate, kInWindow); }, 422, "duplicate_application");

  json::object non_k12 = valid;
  non_k12["employer"] = json::object{{"name", "Acme Networks"}, {"kind", "non_k12"}};
  ExpectRefusal([&] { return Post(target, non_k12, kInWindow); }, 422, "not_k12");

  for (const char* channel : {"mail", "fax", "in_person"}) {
    json::object paper = valid;
    paper["channel"] = channel;
    ExpectRefusal([&] { return Post(target, paper, kInWindow); }, 422, "electronic_only");
  }
  // A channel outside the enumeration is not a rule's refusal but a malformed request.
  json::object pigeon = valid;
  pigeon["channel"] = "pigeon";
  ExpectRefusal([&] { return Post(target, pigeon, kInWindow); }, 400, "validation");
  // The valid application itself is accepted.
  EXPECT_EQ(Post(target, valid, kInWindow).status, 201);
}

TEST_F(RefusalsTest, SelectionNeverExceedsCapacityAndARejectionIsFinal) {
  const World& w = TheWorld();
  ExpectRefusal(
      [&] {
        return Post("/v1/candidates/" + w.waiting_2019 + "/decision", {{"decision", "accepted"}},
                    "2018-10-16T12:00:00-07:00");
      },
      422, "cohort_full");
  ExpectRefusal(
      [&] {
        return Post("/v1/candidates/" + w.rejected + "/decision", {{"decision", "accepted"}},
                    "2017-10-20T12:00:00-07:00");
      },
      422, "invalid_transition");
  ExpectRefusal(
      [&] {
        return Post("/v1/candidates/" + w.accepted + "/decision", {{"decision", "waitlisted"}},
                    "2017-10-20T12:00:00-07:00");
      },
      422, "invalid_transition");
  // Waitlisting is allowed even when full.
  EXPECT_EQ(Post("/v1/candidates/" + w.waiting_2019 + "/decision", {{"decision", "waitlisted"}},
                 "2018-10-16T12:00:00-07:00")
                .status,
            200);
}

TEST_F(RefusalsTest, AnUnqualifiedMentorIsRefusedWithEveryUnmetQualification) {
  TheWorld();
  json::object mentor{{"name", "Eager"},
                      {"email", "eager@mentors.example"},
                      {"employer", json::object{{"name", "Natomas USD"}, {"kind", "district"}}},
                      {"position", "Analyst"},
                      {"currently_k12_leader", false},
                      {"hands_on_experience", false},
                      {"years_k12_leadership", 2}};
  ExpectRefusal([&] { return Post("/v1/mentors", mentor); }, 422, "mentor_unqualified",
                Codes{"currently_k12_leader", "hands_on_experience", "qualification"});
  mentor["hands_on_experience"] = true;
  mentor["qualification"] = "work_experience";
  ExpectRefusal([&] { return Post("/v1/mentors", mentor); }, 422, "mentor_unqualified",
                Codes{"currently_k12_leader"});
}

TEST_F(RefusalsTest, MatchingRefusesEachMissingConditionByItsCode) {
  const World& w = TheWorld();
  auto match = [&](const std::string& candidate, const std::string& mentor) {
    return [&server = server(), candidate, mentor] {
      return Call(
          server, kAdminToken, "POST", "/v1/candidates/" + candidate + "/mentor",
          json::object{{"mentor_id", mentor}, {"occurred_at", "2017-11-05T09:00:00-08:00"}});
    };
  };
  ExpectRefusal(match(w.applied, w.mentor), 422, "candidate_not_accepted");
  ExpectRefusal(match(w.unmatched, w.pending_mentor), 422, "mentor_not_approved");
  ExpectRefusal(match(w.unmatched, w.uncontracted_mentor), 422, "mentor_no_contract");
  ExpectRefusal(match(w.unmatched, w.mentor), 422, "mentor_at_capacity");
  ExpectRefusal(match(w.unmatched, w.mentor_2019), 422, "different_cohort");
  ExpectRefusal(match(w.unmatched, "m-nobody"), 404, "not_found");
  ExpectRefusal(match(w.dropped, w.uncontracted_mentor), 422, "invalid_transition");
  // Re-matching a mentee to its own mentor does not count it twice.
  EXPECT_EQ(match(w.accepted, w.mentor)().status, 200);
}

TEST_F(RefusalsTest, PaymentsRefuseOtherMethodsOverpaymentAndNonPositiveAmounts) {
  const World& w = TheWorld();
  const std::string payments = "/v1/candidates/" + w.unmatched + "/payments";
  auto pay = [&](std::int64_t cents, const char* method) {
    return [&, cents, method] {
      return Post(
          payments,
          {{"amount_cents", cents}, {"method", method}, {"payer", json::object{{"kind", "self"}}}},
          "2017-12-01T09:00:00-08:00");
    };
  };
  ExpectRefusal(pay(1000, "paypal"), 422, "unsupported_payment_method");
  ExpectRefusal(pay(1000, "cash"), 422, "unsupported_payment_method");
  ExpectRefusal(pay(kTuitionCents + 1, "check"), 422, "overpayment");
  ExpectRefusal(pay(0, "check"), 422, "invalid_amount");
  ExpectRefusal(pay(-500, "check"), 422, "invalid_amount");
  ExpectRefusal(
      [&] {
        return Post("/v1/candidates/" + w.unmatched + "/refunds",
                    {{"amount_cents", 1}, {"reason", "nothing was paid"}},
                    "2017-12-02T09:00:00-08:00");
      },
      422, "invalid_amount");
  // Tuition is paid by accepted candidates only.
  ExpectRefusal(
      [&] {
        return Post("/v1/candidates/" + w.applied + "/payments",
                    {{"amount_cents", 1000},
                     {"method", "check"},
                     {"payer", json::object{{"kind", "self"}}}},
                    "2017-12-01T09:00:00-08:00");
      },
      422, "invalid_transition");
}

TEST_F(RefusalsTest, SessionWorkNeedsAKnownSessionThatHasStartedAndAKnownAssignment) {
  const World& w = TheWorld();
  const std::string c = "/v1/candidates/" + w.unmatched;
  ExpectRefusal(
      [&] {
        return Post(c + "/attendance", {{"session", 12}, {"status", "present"}},
                    "2018-12-01T09:00:00-08:00");
      },
      422, "unknown_session");
  ExpectRefusal(
      [&] {
        return Post(c + "/participation", {{"session", -1}, {"rating", "satisfactory"}},
                    "2018-12-01T09:00:00-08:00");
      },
      422, "unknown_session");
  ExpectRefusal(
      [&] {
        return Post(c + "/portfolio",
                    {{"kind", "artifact"},
                     {"session", 9},
                     {"title", "Commencement photo"},
                     {"url", "https://example.org/photo"}},
                    "2018-12-01T09:00:00-08:00");
      },
      422, "unknown_session");
  // Session 8 starts at 17:30 PDT on 5 October 2018; a minute earlier it has not started.
  ExpectRefusal(
      [&] {
        return Post(c + "/attendance", {{"session", 8}, {"status", "present"}},
                    "2018-10-05T17:29:00-07:00");
      },
      422, "session_not_started");
  ExpectRefusal(
      [&] {
        return Post(c + "/participation", {{"session", 8}, {"rating", "satisfactory"}},
                    "2018-10-05T17:29:59-07:00");
      },
      422, "session_not_started");
  ExpectRefusal(
      [&] {
        return Post(c + "/grades", {{"assignment", "no-such-work"}, {"result", "pass"}},
                    "2018-04-10T09:00:00-07:00");
      },
      422, "unknown_assignment");
  ExpectRefusal(
      [&] {
        return Post(c + "/submissions",
                    {{"assignment", "no-such-work"}, {"url", "https://example.org/x"}},
                    "2018-04-10T09:00:00-07:00");
      },
      422, "unknown_assignment");
  ExpectRefusal(
      [&] {
        return Post(
            "/v1/cohorts/2018/sessions/12/reschedule",
            {{"starts_at", "2018-12-01T09:00:00-08:00"}, {"ends_at", "2018-12-01T17:00:00-08:00"}});
      },
      422, "unknown_session");
  // At the very start it has.
  EXPECT_EQ(
      Post(c + "/attendance", {{"session", 8}, {"status", "present"}}, "2018-10-05T17:30:00-07:00")
          .status,
      200);
}

TEST_F(RefusalsTest, CertifyingACandidateWhoDoesNotMeetTheRulesListsEveryUnmetRequirement) {
  const World& w = TheWorld();
  auto certify = [&](const std::string& candidate) {
    return [&, candidate] {
      return Post("/v1/candidates/" + candidate + "/certification", {{"decision", "certify"}},
                  kCommencement2018);
    };
  };
  // Nothing done yet: completion's requirements, then certification's.
  ExpectRefusal(
      certify(w.accepted), 422, "requirements_unmet",
      Codes{"attendance", "assignments", "portfolio", "curriculum_summary", "mentor_meetings",
            "final_presentation_delivered", "feedback", "completion", "final_presentation",
            "executive_summary", "mentor_recommendation", "tuition"});
  // Every session recorded, with absences of each kind and an unsatisfactory participation.
  ExpectRefusal(
      certify(w.irregular), 422, "requirements_unmet",
      Codes{"unexcused_absences", "excused_absences", "makeups", "assignments", "portfolio",
            "curriculum_summary", "mentor_meetings", "final_presentation_delivered", "feedback",
            "completion", "participation", "final_presentation", "executive_summary",
            "mentor_recommendation", "tuition"});
  // A denial is always possible, but needs a reason.
  ExpectRefusal(
      [&] {
        return Post("/v1/candidates/" + w.accepted + "/certification", {{"decision", "deny"}},
                    kCommencement2018);
      },
      400, "validation");
  // A certified candidate is not certified twice; a dropped one not at all.
  ExpectRefusal(certify(w.graduate), 422, "invalid_transition");
  ExpectRefusal(certify(w.dropped), 422, "invalid_transition");
}

TEST_F(RefusalsTest, RecertificationListsWhatTheCycleLacks) {
  const World& w = TheWorld();
  auto recertify = [&](const std::string& candidate) {
    return [&, candidate] {
      return Post("/v1/candidates/" + candidate + "/recertification", {},
                  "2021-10-01T09:00:00-07:00");
    };
  };
  ExpectRefusal(recertify(w.accepted), 422, "requirements_unmet",
                Codes{"not_certified", "ceus", "annual_documentation"});
  ExpectRefusal(recertify(w.graduate), 422, "requirements_unmet",
                Codes{"ceus", "annual_documentation"});
  ExpectRefusal(recertify(w.revoked_graduate), 422, "requirements_unmet",
                Codes{"revoked", "ceus", "annual_documentation"});
}

TEST_F(RefusalsTest, AnyCommandOnAClosedRecordIsInvalidTransition) {
  const World& w = TheWorld();
  const std::string c = "/v1/candidates/" + w.dropped;
  const std::string later = "2018-04-10T09:00:00-07:00";
  ExpectRefusal(
      [&] {
        return Post(c + "/grades", {{"assignment", "budget-analysis"}, {"result", "pass"}}, later);
      },
      422, "invalid_transition");
  ExpectRefusal(
      [&] {
        return Post(c + "/attendance", {{"session", 3}, {"status", "present"}}, later);
      },
      422, "invalid_transition");
  ExpectRefusal(
      [&] {
        return Post(c + "/feedback", {{"text", "late"}}, later);
      },
      422, "invalid_transition");
  ExpectRefusal(
      [&] {
        return Post(c + "/withdraw", {{"reason", "moving"}}, later);
      },
      422, "invalid_transition");
  ExpectRefusal(
      [&] {
        return Post(c + "/drop", {{"reason", "other"}}, later);
      },
      422, "invalid_transition");
  // CEUs and annual documentation are for certified CTOs; a revoked certificate takes none.
  ExpectRefusal(
      [&] {
        return Post("/v1/candidates/" + w.revoked_graduate + "/ceus",
                    {{"activity", "x"},
                     {"provider", "y"},
                     {"completed_on", "2019-03-01"},
                     {"contact_hours", 3}},
                    "2019-03-02T09:00:00-08:00");
      },
      422, "invalid_transition");
  ExpectRefusal(
      [&] {
        return Post("/v1/candidates/" + w.accepted + "/annual-documentation", {{"year", 2019}},
                    "2019-06-01T09:00:00-07:00");
      },
      422, "invalid_transition");
  ExpectRefusal(
      [&] {
        return Post("/v1/candidates/" + w.accepted + "/revocation", {{"reason", "none held"}});
      },
      422, "invalid_transition");
}

TEST_F(RefusalsTest, MalformedInputIs400NamingTheField) {
  const World& w = TheWorld();
  const Response unknown = ExpectRefusal(
      [&] {
        return Post("/v1/candidates/" + w.accepted + "/reviews",
                    {{"held_on", "2018-03-01"}, {"mood", "cheerful"}});
      },
      400, "validation");
  const json::value errors = unknown.Json().at("errors");
  ASSERT_EQ(errors.as_array().size(), 1u) << unknown.body;
  EXPECT_EQ(errors.at(0).at("field"), "mood");
  EXPECT_EQ(errors.at(0).at("message"), "unknown field");
  ExpectRefusal(
      [&] {
        return Post("/v1/candidates/" + w.accepted + "/reviews", {{"held_on", "2018-02-30"}});
      },
      400, "validation");
  // Query parameters are refused like body fields: paging, bounds and the closed filters.
  for (const char* target :
       {"/v1/candidates?limit=0", "/v1/candidates?limit=1001", "/v1/candidates?status=graduated",
        "/v1/candidates?cohort=twenty", "/v1/certificates?status=expired",
        "/v1/candidates?as_of=2018-02-30T00:00:00Z", "/v1/reports/program?known_at=now",
        "/v1/cohorts/2018?position=-1", "/v1/reports/program?ruleset=x"}) {
    ExpectRefusal([&] { return Call(server(), kAdminToken, "GET", target); }, 400, "validation");
  }
}

// The JSON paths a validation refusal names, in order.
Codes ErrorFields(const Response& response) {
  Codes fields;
  const json::value body = response.Json();
  if (const json::value* errors = body.as_object().if_contains("errors")) {
    for (const json::value& error : errors->as_array())
      fields.emplace_back(error.at("field").as_string());
  }
  return fields;
}

TEST_F(RefusalsTest, ValidationRefusalsNameEveryErrorByItsJsonPathNeverBody) {
  const World& w = TheWorld();
  const std::string accepted = "/v1/candidates/" + w.accepted;
  struct Case {
    const char* name;
    std::function<Response()> send;
    Codes fields;
  };
  json::object cohort = CohortBody(2031);
  cohort["application_deadline"] = "2030-01-01T00:00:00Z";  // before application_opens
  json::object& third = cohort["sessions"].as_array()[3].as_object();
  third["ends_at"] = third["starts_at"];
  json::object application = Application(w, "ada at district");
  const Case cases[] = {
      {"a deadline before the opening and a session ending as it starts",
       [&] { return Post("/v1/cohorts", cohort); },
       {"application_deadline", "sessions[3].ends_at"}},
      {"a candidate user without candidate_id",
       [&] { return Post("/v1/users", {{"name", "Ada"}, {"role", "candidate"}}); },
       {"candidate_id"}},
      {"a denial without a reason",
       [&] { return Post(accepted + "/certification", {{"decision", "deny"}}); },
       {"reason"}},
      {"a malformed e-mail",
       [&] {
         return Post("/v1/cohorts/2018/applications", application, "2017-09-01T12:00:00-07:00");
       },
       {"email"}},
      {"an employer payer with neither name nor funding source",
       [&] {
         return Post(accepted + "/payments",
                     {{"amount_cents", 100},
                      {"method", "check"},
                      {"payer", json::object{{"kind", "employer"}}}});
       },
       {"payer.name", "payer.funding_source"}},
      {"a self payer with a funding source",
       [&] {
         return Post(accepted + "/payments",
                     {{"amount_cents", 100},
                      {"method", "check"},
                      {"payer", json::object{{"kind", "self"}, {"funding_source", "grant"}}}});
       },
       {"payer.funding_source"}},
      {"a portfolio url that is not a url",
       [&] {
         return Post(accepted + "/portfolio",
                     {{"kind", "artifact"}, {"session", 1}, {"title", "Plan"}, {"url", "not a url"}},
                     "2018-02-03T16:00:00-08:00");
       },
       {"url"}},
      {"a CEU completed in the future",
       [&] {
         return Post("/v1/candidates/" + w.graduate + "/ceus",
                     {{"activity", "Course"},
                      {"provider", "CETPA"},
                      {"completed_on", "2099-01-01"},
                      {"contact_hours", 6}});
       },
       {"completed_on"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const Response refused = ExpectRefusal(c.send, 400, "validation");
    EXPECT_EQ(ErrorFields(refused), c.fields) << refused.body;
  }
}

TEST_F(RefusalsTest, AttendanceForTheFinalSessionIsUnknownSession) {
  const World& w = TheWorld();
  ExpectRefusal(
      [&] {
        return Post("/v1/candidates/" + w.accepted + "/attendance",
                    {{"session", 9}, {"status", "present"}}, "2018-11-12T12:00:00-08:00");
      },
      422, "unknown_session");
}

TEST_F(RefusalsTest, UnknownRecordsAre404AndOtherMethods405) {
  const World& w = TheWorld();
  ExpectRefusal(
      [&] {
        return Post("/v1/candidates/c-000000000000/reviews", {{"held_on", "2018-03-01"}});
      },
      404, "not_found");
  ExpectRefusal(
      [&] {
        return Post("/v1/cohorts/1999/assignments", {{"id", "x"},
                                                     {"session", 1},
                                                     {"kind", "homework"},
                                                     {"title", "x"},
                                                     {"due_at", "1999-01-01T00:00:00Z"}});
      },
      404, "not_found");
  ExpectRefusal([&] { return Post("/v1/cohorts/2030/applications", Application(w, "x@y.z")); }, 404,
                "not_found");
  ExpectRefusal(
      [&] {
        return Post("/v1/mentors/m-nobody/approval", {{"decision", "approved"}});
      },
      404, "not_found");
  ExpectRefusal([&] { return Call(server(), kAdminToken, "GET", "/v1/candidates/c-nobody"); }, 404,
                "not_found");
  ExpectRefusal([&] { return Call(server(), kAdminToken, "GET", "/v1/cohorts/1999"); }, 404,
                "not_found");
  ExpectRefusal([&] { return Call(server(), kAdminToken, "GET", "/v1/no-such-thing"); }, 404,
                "not_found");
  // A session that is not a number names no session.
  ExpectRefusal(
      [&] {
        return Post(
            "/v1/cohorts/2018/sessions/zero/reschedule",
            {{"starts_at", "2018-02-02T11:00:00-08:00"}, {"ends_at", "2018-02-02T16:00:00-08:00"}});
      },
      422, "unknown_session");
  ExpectRefusal(
      [&] {
        return Post(
            "/v1/cohorts/2018/sessions/99999999999999999999/reschedule",
            {{"starts_at", "2018-02-02T11:00:00-08:00"}, {"ends_at", "2018-02-02T16:00:00-08:00"}});
      },
      422, "unknown_session");
  const Response method = ExpectRefusal(
      [&] { return Call(server(), kAdminToken, "DELETE", "/v1/candidates/" + w.accepted); }, 405,
      "method_not_allowed");
  EXPECT_EQ(method.Header("allow"), "GET");
  ExpectRefusal([&] { return Call(server(), kAdminToken, "PUT", "/v1/cohorts", "{}"); }, 405,
                "method_not_allowed");
}

TEST_F(RefusalsTest, CreatingWhatExistsIs409AlreadyExists) {
  const World& w = TheWorld();
  ExpectRefusal([&] { return Post("/v1/cohorts", CohortBody(2018)); }, 409, "already_exists");
  ExpectRefusal(
      [&] {
        return Post("/v1/cohorts/2018/assignments",
                    {{"id", kAssignments2018[0].id},
                     {"session", 1},
                     {"kind", "homework"},
                     {"title", "Again"},
                     {"due_at", "2018-02-02T17:00:00-08:00"}},
                    "2017-11-02T09:00:00-07:00");
      },
      409, "already_exists");
  const std::string documentation = "/v1/candidates/" + w.graduate + "/annual-documentation";
  ASSERT_EQ(Post(documentation, {{"year", 2019}}, "2019-06-01T09:00:00-07:00").status, 200);
  ExpectRefusal(
      [&] {
        return Post(documentation, {{"year", 2019}}, "2019-07-01T09:00:00-07:00");
      },
      409, "already_exists");
}

TEST_F(RefusalsTest, BodiesOverTheLimitAre413AndOtherMediaTypes415) {
  const World& w = TheWorld();
  const std::string big = "{\"text\":\"" + std::string(2 * 1024 * 1024, 'x') + "\"}";
  ExpectRefusal(
      [&] {
        return Call(server(), kAdminToken, "POST", "/v1/candidates/" + w.accepted + "/feedback",
                    big);
      },
      413, "payload_too_large");
  ExpectRefusal(
      [&] {
        return Call(server(), kAdminToken, "POST", "/v1/documents",
                    std::string(11 * 1024 * 1024, 'd'), {{"Content-Type", "text/plain"}});
      },
      413, "payload_too_large");
  ExpectRefusal(
      [&] {
        return Call(server(), kAdminToken, "POST", "/v1/candidates/" + w.accepted + "/feedback",
                    std::string(R"({"text":"x"})"), {{"Content-Type", "text/plain"}});
      },
      415, "unsupported_media_type");
  ExpectRefusal(
      [&] {
        return Call(server(), kAdminToken, "POST", "/v1/candidates/" + w.accepted + "/feedback",
                    std::string(R"({"text":"x"})"),
                    {{"Content-Type", "application/json; charset=latin1"}});
      },
      415, "unsupported_media_type");
  ExpectRefusal(
      [&] {
        return Call(server(), kAdminToken, "POST", "/v1/documents", std::string("PK\x03\x04"),
                    {{"Content-Type", "application/zip"}});
      },
      415, "unsupported_media_type");
  EXPECT_EQ(server().Send("GET", "/healthz").status, 200);
}

TEST_F(RefusalsTest, ARetryWithTheSameIdempotencyKeyGetsTheOriginalAnswerAndAppendsNothing) {
  const World& w = TheWorld();
  const std::string target = "/v1/candidates/" + w.second_mentee + "/payments";
  const json::object payment{{"amount_cents", 1234},
                             {"method", "money_order"},
                             {"payer", json::object{{"kind", "self"}}},
                             {"occurred_at", "2017-12-03T09:00:00-08:00"}};
  const Headers key{{"Idempotency-Key", "payment-2017-12-03-second"}};
  const Response first = Call(server(), kAdminToken, "POST", target, payment, key);
  ASSERT_EQ(first.status, 200) << first.body;
  const std::int64_t position = LedgerPosition(server());
  const Response retry = Call(server(), kAdminToken, "POST", target, payment, key);
  EXPECT_EQ(retry.status, first.status);
  EXPECT_EQ(retry.Json(), first.Json());
  EXPECT_EQ(retry.Header("etag"), first.Header("etag"));
  EXPECT_EQ(LedgerPosition(server()), position);

  json::object other = payment;
  other["amount_cents"] = 4321;
  ExpectRefusal([&] { return Call(server(), kAdminToken, "POST", target, other, key); }, 422,
                "idempotency_key_reused");
  // The same key on another route is another request too.
  ExpectRefusal(
      [&] {
        return Call(server(), kAdminToken, "POST", "/v1/candidates/" + w.accepted + "/payments",
                    payment, key);
      },
      422, "idempotency_key_reused");
  ExpectRefusal(
      [&] {
        return Call(server(), kAdminToken, "POST", target, payment,
                    {{"Idempotency-Key", std::string(129, 'k')}});
      },
      400, "validation");
  for (const std::string& unprintable : {std::string("key\x01"), std::string("key\xff\xfe")}) {
    ExpectRefusal(
        [&] {
          return Call(server(), kAdminToken, "POST", target, payment,
                      {{"Idempotency-Key", unprintable}});
        },
        400, "validation");
  }
  // The balance was charged once.
  const json::value view =
      Expect2xx(Call(server(), kAdminToken, "GET", "/v1/candidates/" + w.second_mentee), "view")
          .Json();
  EXPECT_EQ(view.at("balance_cents"), kTuitionCents - 1234);
}

TEST_F(RefusalsTest, AnIdempotentRetryOfACreatingCommandAnswers201AgainWithoutASecondToken) {
  TheWorld();
  auto twice = [&](const std::string& target, const json::object& body, const std::string& key) {
    const Headers headers{{"Idempotency-Key", key}};
    const Response first = Call(server(), kAdminToken, "POST", target, body, headers);
    EXPECT_EQ(first.status, 201) << target << ": " << first.body;
    const std::int64_t position = LedgerPosition(server());
    const Response retry = Call(server(), kAdminToken, "POST", target, body, headers);
    EXPECT_EQ(retry.status, 201) << target << ": " << retry.body;
    EXPECT_EQ(LedgerPosition(server()), position) << target;
    return std::pair{first.Json(), retry.Json()};
  };
  // An assignment and a rule set are created in streams that already exist.
  const auto [assignment, assignment_again] = twice("/v1/cohorts/2018/assignments",
                                                    {{"id", "retried"},
                                                     {"session", 2},
                                                     {"kind", "homework"},
                                                     {"title", "Retried"},
                                                     {"due_at", "2018-03-02T17:00:00-08:00"},
                                                     {"occurred_at", "2017-11-03T09:00:00-07:00"}},
                                                    "assignment-retried");
  EXPECT_EQ(assignment_again, assignment);
  const auto [rules, rules_again] =
      twice("/v1/rulesets",
            {{"effective_from", "2099-01-01T00:00:00Z"},
             {"parameters", json::object{{"max_excused_absences", 2}}}},
            "rules-2099");
  EXPECT_EQ(rules_again, rules);
  // A user's token is shown once: the retry names the same user and shows no token.
  const auto [user, user_again] =
      twice("/v1/users", {{"name", "Clerk"}, {"role", "staff"}}, "user-clerk");
  EXPECT_EQ(user_again.at("id"), user.at("id"));
  EXPECT_FALSE(user_again.as_object().contains("token")) << user_again;
  for (const char* field : {"id", "stream", "version", "position", "token"}) {
    EXPECT_TRUE(user.as_object().contains(field)) << field << " in " << user;
  }
  const std::string token(user.at("token").as_string());
  EXPECT_EQ(Call(server(), token, "GET", "/v1/cohorts").status, 200);
  // A document's answer is a command's answer too, also when the bytes were stored before.
  for (int upload = 0; upload < 2; ++upload) {
    const Response document = Call(server(), kAdminToken, "POST", "/v1/documents",
                                   std::string("same bytes"), {{"Content-Type", "text/plain"}});
    ASSERT_LT(document.status, 300) << document.body;
    const json::value answer = document.Json();
    for (const char* field : {"id", "stream", "version", "position", "size", "content_type"}) {
      EXPECT_TRUE(answer.as_object().contains(field)) << field << " in " << answer;
    }
    EXPECT_EQ(answer.at("version"), 1) << answer;
    EXPECT_EQ(document.Header("etag"), "\"1\"");
  }
}

TEST_F(RefusalsTest, IfMatchMakesACommandConditionalOnTheStreamVersion) {
  const World& w = TheWorld();
  const std::string c = "/v1/candidates/" + w.unmatched;
  const Response view = Call(server(), kAdminToken, "GET", c);
  ASSERT_EQ(view.status, 200);
  const std::string etag = view.Header("etag");
  ASSERT_EQ(etag, "\"" + std::to_string(view.Json().at("version").as_int64()) + "\"");
  const json::object review{{"held_on", "2018-03-15"},
                            {"occurred_at", "2018-03-15T12:00:00-07:00"}};
  const Response done =
      Call(server(), kAdminToken, "POST", c + "/reviews", review, {{"If-Match", etag}});
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.Header("etag"),
            "\"" + std::to_string(view.Json().at("version").as_int64() + 1) + "\"");
  const Response stale = ExpectRefusal(
      [&] {
        return Call(server(), kAdminToken, "POST", c + "/reviews", review, {{"If-Match", etag}});
      },
      409, "version_conflict");
  ExpectRefusal(
      [&] {
        return Call(server(), kAdminToken, "POST", c + "/reviews", review,
                    {{"If-Match", "\"not-a-version\""}});
      },
      400, "validation");
  // The current version goes through.
  EXPECT_EQ(Call(server(), kAdminToken, "POST", c + "/reviews", review,
                 {{"If-Match", done.Header("etag")}})
                .status,
            200);
}

}  // namespace
}  // namespace ctom::e2e
