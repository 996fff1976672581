// End-to-end: CSV imports over HTTP (API.md, "Imports, exports and reminders"): every refusal
// code a row can reach comes back with its row number, malformed CSV is refused row by row, an
// unknown column refuses the file, a dry run appends nothing and says what the real run does,
// and importing a file again appends nothing.
#include <gtest/gtest.h>

#include "tests/e2e/program_client.hpp"
#include "tests/e2e/shared_server_test.hpp"

namespace ctom::e2e {
namespace {

// The records the rows are about.
struct Records {
  json::object documents;  // three uploaded application documents
  std::string graduate_certificate;
};

// Expected refusals: row number -> code.
using Refusals = std::map<std::int64_t, std::string>;

class CsvImportTest : public SharedServerTest<Records> {
 protected:
  static const Records& TheRecords() { return BuiltOnce(&Build, "setting up the imports"); }

  static Response Import(const std::string& kind, const std::string& csv, bool dry_run,
                         const std::string& token = kAdminToken) {
    return Call(server(), token, "POST",
                "/v1/imports/" + kind + "?dry_run=" + (dry_run ? "true" : "false"), csv,
                {{"Content-Type", "text/csv"}});
  }

  static Refusals RefusedRows(const Response& response) {
    Refusals refused;
    const json::value answer = response.Json();
    for (const json::value& row : answer.at("refused").as_array()) {
      refused[row.at("row").as_int64()] = std::string(row.at("code").as_string());
    }
    return refused;
  }

  static std::string DetailOf(const Response& response, std::int64_t row) {
    const json::value answer = response.Json();
    for (const json::value& refused : answer.at("refused").as_array()) {
      if (refused.at("row").as_int64() == row) return std::string(refused.at("detail").as_string());
    }
    return "";
  }

  // A dry run of the file: 200, the expected refusals, nothing appended.
  static Response ExpectRows(const std::string& kind, const std::string& csv,
                             const Refusals& refused) {
    const std::int64_t position = LedgerPosition(server());
    const Response response = Import(kind, csv, true);
    EXPECT_EQ(response.status, 200) << response.body;
    if (response.status != 200) return response;
    EXPECT_EQ(RefusedRows(response), refused) << response.body;
    EXPECT_EQ(response.Json().at("appended").as_int64(), 0);
    EXPECT_EQ(LedgerPosition(server()), position) << kind << ": a dry run appended";
    return response;
  }

 private:
  static Records Build();
};

Records CsvImportTest::Build() {
  ProgramWalk walk(server());
  Records records;
  walk.OpenCohort2018();
  records.documents = walk.UploadApplicationDocuments("imports");
  const std::string mentor = walk.Mentor("Mentor", "mentor@mentors.example");
  walk.Apply("Applied", "applied@district.example");
  const std::string accepted = walk.Apply("Accepted", "accepted@district.example");
  walk.Accept(accepted);
  walk.Match(accepted, mentor);
  const std::string rejected = walk.Apply("Rejected", "rejected@district.example");
  walk.Post("/v1/candidates/" + rejected + "/decision",
            {{"decision", "rejected"}, {"reason", "no nomination letter"}},
            "2017-10-15T12:00:00-07:00");
  records.graduate_certificate =
      walk.Graduate2018("Graduate", "graduate@district.example").certificate;
  // Everything but certification, for the legacy certificate numbers.
  const std::string ready = walk.Apply("Ready", "ready@district.example");
  walk.Accept(ready);
  walk.Match(ready, walk.Mentor("Second Mentor", "second@mentors.example"));
  walk.PayInFull(ready);
  walk.CompleteYear(ready);
  // 2019 has one seat, taken.
  walk.Post("/v1/cohorts", CohortBody(2019, 1), "");
  for (const char* email : {"first@district.example", "waiting@district.example"}) {
    json::object application{
        {"name", "Applicant"},
        {"email", email},
        {"employer", json::object{{"name", "Folsom Cordova USD"}, {"kind", "district"}}},
        {"position", "Network Manager"},
        {"documents", records.documents}};
    walk.Post("/v1/cohorts/2019/applications", application, "2018-09-01T12:00:00-07:00");
  }
  Expect2xx(Import("decision",
                   "occurred_at,candidate,decision\n"
                   "2018-10-15T12:00:00-07:00,first@district.example,accepted\n",
                   false),
            "accepting the first 2019 applicant");
  return records;
}

constexpr const char* kInWindow = "2017-09-01T12:00:00-07:00";

TEST_F(CsvImportTest, ApplicationRowsAreRefusedByTheApplicationRules) {
  const Records& r = TheRecords();
  const std::string documents = std::string(r.documents.at("application").as_string()) + "," +
                                std::string(r.documents.at("resume").as_string()) + "," +
                                std::string(r.documents.at("nomination").as_string());
  auto row = [&](const std::string& at, const std::string& cohort, const std::string& email,
                 const std::string& kind, const std::string& docs, const std::string& channel) {
    return at + "," + cohort + ",Applicant," + email + ",Folsom Cordova USD," + kind +
           ",Network Manager," + docs + "," + channel + "\n";
  };
  const std::string csv =
      "occurred_at,cohort,name,email,employer.name,employer.kind,position,"
      "documents.application,documents.resume,documents.nomination,channel\n" +
      row("2017-08-22T23:59:59-07:00", "2018", "a@x.example", "district", documents, "") +
      row("2017-09-29T17:00:01-07:00", "2018", "b@x.example", "district", documents, "") +
      row(kInWindow, "2018", "c@x.example", "district",
          std::string(r.documents.at("application").as_string()) + ",,", "") +
      row(kInWindow, "2018", " ACCEPTED@district.EXAMPLE", "district", documents, "") +
      row(kInWindow, "2018", "d@x.example", "non_k12", documents, "") +
      row(kInWindow, "2018", "e@x.example", "district", documents, "mail") +
      row(kInWindow, "2018", "f@x.example", "district", documents, "pigeon") +
      row("2017-13-45T12:00:00-07:00", "2018", "g@x.example", "district", documents, "") +
      row("", "2018", "h@x.example", "district", documents, "") +
      row(kInWindow, "2031", "i@x.example", "district", documents, "") +
      row(kInWindow, "2018", "new@x.example", "district", documents, "") +
      row(kInWindow, "2018", "NEW@x.example", "district", documents, "");
  const Response response =
      ExpectRows("applications", csv,
                 {{1, "application_window_not_open"},
                  {2, "application_deadline_passed"},
                  {3, "missing_documents"},
                  {4, "duplicate_application"},
                  {5, "not_k12"},
                  {6, "electronic_only"},
                  {7, "validation"},
                  {8, "validation"},
                  {9, "validation"},
                  {10, "not_found"},
                  // Row 11 is accepted, so the same e-mail again is a duplicate.
                  {12, "duplicate_application"}});
  EXPECT_EQ(response.Json().at("rows").as_int64(), 12);
  EXPECT_EQ(response.Json().at("accepted").as_int64(), 1);
  EXPECT_NE(DetailOf(response, 7).find("channel"), std::string::npos);
  EXPECT_NE(DetailOf(response, 8).find("occurred_at"), std::string::npos);
  EXPECT_EQ(DetailOf(response, 9), "occurred_at: is required");
}

TEST_F(CsvImportTest, CandidateRowsAreRefusedByTheirCommandsRules) {
  TheRecords();
  ExpectRows("mentors",
             "occurred_at,name,email,employer.name,employer.kind,position,currently_k12_leader,"
             "hands_on_experience,years_k12_leadership\n"
             "2017-09-05T09:00:00-07:00,Eager,eager@m.example,Natomas USD,district,Analyst,false,"
             "false,2\n"
             "2017-09-05T09:00:00-07:00,Eager,eager@m.example,Natomas USD,district,Analyst,true,"
             "true,ten\n",
             {{1, "mentor_unqualified"}, {2, "validation"}});
  ExpectRows("decision",
             "occurred_at,candidate,cohort,decision\n"
             "2018-10-16T12:00:00-07:00,waiting@district.example,2019,accepted\n"
             "2017-10-20T12:00:00-07:00,rejected@district.example,,accepted\n"
             "2017-10-20T12:00:00-07:00,nobody@district.example,,accepted\n",
             {{1, "cohort_full"}, {2, "invalid_transition"}, {3, "not_found"}});
  ExpectRows("payments",
             "occurred_at,candidate,amount_cents,method,payer.kind\n"
             "2017-12-01T09:00:00-08:00,accepted@district.example,1000,paypal,self\n"
             "2017-12-01T09:00:00-08:00,accepted@district.example,99999999,check,self\n"
             "2017-12-01T09:00:00-08:00,accepted@district.example,0,check,self\n",
             {{1, "unsupported_payment_method"}, {2, "overpayment"}, {3, "invalid_amount"}});
  ExpectRows("attendance",
             "occurred_at,candidate,session,status\n"
             "2018-12-01T09:00:00-08:00,accepted@district.example,12,present\n"
             "2018-10-05T17:29:00-07:00,accepted@district.example,8,present\n",
             {{1, "unknown_session"}, {2, "session_not_started"}});
  ExpectRows("grades",
             "occurred_at,candidate,assignment,result\n"
             "2018-04-10T09:00:00-07:00,accepted@district.example,no-such-work,pass\n",
             {{1, "unknown_assignment"}});
}

TEST_F(CsvImportTest, CertificationRowsKeepLegacyNumbersUnlessTaken) {
  const Records& r = TheRecords();
  const std::string at = "2018-11-12T15:00:00-08:00";
  const std::string csv = "occurred_at,candidate,decision,certificate\n" + at +
                          ",accepted@district.example,certify,\n" + at +
                          ",graduate@district.example,certify,\n" + at +
                          ",ready@district.example,certify," + r.graduate_certificate + "\n" + at +
                          ",ready@district.example,deny,CCTO-2008-0043\n" + at +
                          ",ready@district.example,certify,CCTO-2008-0042\n" + at +
                          ",ready@district.example,certify,\n";
  ExpectRows("certification", csv,
             {{1, "requirements_unmet"},
              {2, "invalid_transition"},
              {3, "already_exists"},
              {4, "validation"},
              // Row 5 certifies the candidate: certifying them again is refused.
              {6, "invalid_transition"}});
  const Response imported = Import("certification", csv, false);
  ASSERT_EQ(imported.status, 200) << imported.body;
  EXPECT_EQ(imported.Json().at("appended").as_int64(), 1);
  const Response verified = server().Send("GET", "/v1/certificates/CCTO-2008-0042");
  EXPECT_EQ(verified.status, 200) << verified.body;
}

TEST_F(CsvImportTest, MalformedCsvIsRefusedRowByRowWithTheRowNumber) {
  TheRecords();
  const std::string at = "2018-02-03T12:00:00-08:00";
  const std::string csv = "\xEF\xBB\xBFoccurred_at,candidate,session,status,note\r\n" + at +
                          ",accepted@district.example,0,present,\"a note, with a comma\"\r\n" + at +
                          ",accepted@district.example,1,present\r\n" +                   // 2
                          at + ",accepted@district.example,1,pre\"sent,\r\n" +           // 3
                          at + ",accepted@district.example,1,present,\"caf\xE9\"\r\n" +  // 4
                          "2018-02-31T12:00:00-08:00,accepted@district.example,1,present,\r\n" +
                          at + ",accepted@district.example,1,present,\"multi\nline\"\r\n" +  // 6
                          at + ",accepted@district.example,2,present,\"never closed\r\n" +   // 7
                          at + ",accepted@district.example,1,absent_excused,\r\n";           // 8
  const Response response = ExpectRows("attendance", csv,
                                       {{2, "validation"},
                                        {3, "validation"},
                                        {4, "validation"},
                                        {5, "validation"},
                                        {7, "validation"}});
  EXPECT_EQ(response.Json().at("rows").as_int64(), 8);
  EXPECT_EQ(response.Json().at("accepted").as_int64(), 3);
  EXPECT_EQ(DetailOf(response, 2), "the row has 4 cells; the header has 5");
  EXPECT_EQ(DetailOf(response, 4), "note: is not UTF-8");
  EXPECT_NE(DetailOf(response, 5).find("occurred_at"), std::string::npos);
  EXPECT_NE(DetailOf(response, 7).find("never closed"), std::string::npos);
}

TEST_F(CsvImportTest, AnUnknownColumnRefusesTheWholeFileBeforeAnyRow) {
  TheRecords();
  const std::int64_t position = LedgerPosition(server());
  const Response response = Import("attendance",
                                   "occurred_at,candidate,session,status,mood\n"
                                   "2018-02-03T12:00:00-08:00,accepted@district.example,0,present,"
                                   "fine\n",
                                   false);
  EXPECT_EQ(response.status, 400) << response.body;
  EXPECT_EQ(response.Code(), "validation");
  EXPECT_NE(response.body.find("\"mood\""), std::string::npos) << response.body;
  EXPECT_EQ(LedgerPosition(server()), position);
  EXPECT_EQ(Import("attendance", "", true).status, 400);
  EXPECT_EQ(Import("no-such-kind", "occurred_at\n", true).status, 404);
  EXPECT_EQ(Import("attendance", "occurred_at,candidate\n", true, "").status, 401);
  const Response json = Call(server(), kAdminToken, "POST", "/v1/imports/attendance", "{}");
  EXPECT_EQ(json.status, 415) << json.body;
  EXPECT_EQ(Call(server(), kAdminToken, "POST", "/v1/imports/attendance", "occurred_at\n",
                 {{"Content-Type", "text/csv; charset=iso-8859-1"}})
                .status,
            415);
  EXPECT_EQ(Call(server(), kAdminToken, "POST", "/v1/imports/attendance?dry_run=maybe",
                 "occurred_at,candidate\n", {{"Content-Type", "text/csv"}})
                .status,
            400);
  const Response huge =
      Call(server(), kAdminToken, "POST", "/v1/imports/attendance",
           std::string(10 * 1024 * 1024 + 1, 'a'), {{"Content-Type", "text/csv"}});
  EXPECT_EQ(huge.status, 413);
}

TEST_F(CsvImportTest, ADryRunSaysWhatTheImportDoesAndASecondImportAppendsNothing) {
  TheRecords();
  const std::string header = "occurred_at,candidate,session,status\n";
  std::string rows;
  for (int session = 1; session <= 3; ++session) {
    rows += "2018-06-10T12:00:00-07:00,accepted@district.example," + std::to_string(session) +
            ",present\n";
  }
  rows += "2018-06-10T12:00:00-07:00,accepted@district.example,12,present\n";
  const std::int64_t position = LedgerPosition(server());
  const Response dry = Import("attendance", header + rows, true);
  const Response real = Import("attendance", header + rows, false);
  ASSERT_EQ(real.status, 200) << real.body;
  EXPECT_EQ(dry.Json().at("refused"), real.Json().at("refused"));
  EXPECT_EQ(dry.Json().at("accepted"), real.Json().at("accepted"));
  EXPECT_EQ(real.Json().at("appended").as_int64(), 3);
  EXPECT_EQ(LedgerPosition(server()), position + 3);
  // The same rows in another column order are the same rows.
  std::string reordered = "status,session,candidate,occurred_at\n";
  for (int session = 1; session <= 3; ++session) {
    reordered += "present," + std::to_string(session) +
                 ",accepted@district.example,2018-06-10T12:00:00-07:00\n";
  }
  const Response again = Import("attendance", reordered, false);
  EXPECT_EQ(again.Json().at("accepted").as_int64(), 3) << again.body;
  EXPECT_EQ(again.Json().at("appended").as_int64(), 0);
  // A corrected file re-imports only the row that changed.
  std::string corrected = header + rows;
  corrected.replace(corrected.find(",3,present"), 10, ",3,absent_excused");
  const Response fixed = Import("attendance", corrected, false);
  EXPECT_EQ(fixed.Json().at("appended").as_int64(), 1) << fixed.body;
  EXPECT_EQ(LedgerPosition(server()), position + 4);
}

TEST_F(CsvImportTest, TemplatesHaveTheHeaderAndAnExampleRowForStaffOnly) {
  TheRecords();
  const Response csv = server().SendAsAdmin("GET", "/v1/imports/templates/attendance.csv");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.Header("content-type"), "text/csv; charset=utf-8");
  EXPECT_TRUE(csv.body.starts_with("occurred_at,candidate,cohort,session,status,note\r\n"))
      << csv.body;
  EXPECT_EQ(server().SendAsAdmin("GET", "/v1/imports/templates/nothing.csv").status, 404);
  EXPECT_EQ(server().SendAsAdmin("GET", "/v1/imports/templates/attendance.txt").status, 404);
  const User instructor = CreateUser(server(), "instructor");
  EXPECT_EQ(Call(server(), instructor.token, "GET", "/v1/imports/templates/attendance.csv").status,
            403);
  EXPECT_EQ(Import("attendance", "occurred_at,candidate\n", true, instructor.token).status, 403);
}

}  // namespace
}  // namespace ctom::e2e
