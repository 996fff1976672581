// End-to-end: malformed request bodies of every kind on several write endpoints (truncated JSON,
// other top-level values, deep nesting, 2 MiB, invalid UTF-8, unknown and duplicate fields, wrong
// types, bad dates and instants, out-of-range numbers, too many decimals, empty bodies, other
// media types). Each is a 4xx problem, appends nothing, and the server keeps answering; the same
// endpoint then accepts the well-formed body, so only the malformation was refused.
#include <gtest/gtest.h>

#include <functional>
#include <memory>

#include "tests/e2e/program_client.hpp"

namespace ctom::e2e {
namespace {

// A write endpoint and a body it accepts.
struct Target {
  std::string path;
  json::object valid;
};

// A change to a valid body that makes one field wrong, and the field the 400 must name.
struct FieldCase {
  std::string what;
  std::function<void(json::object&)> change;
  std::string field;  // as the problem's errors name it; "" when only the 400 is checked
};

class MalformedBodiesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>(ServeOptions(folder_.path()));
    ProgramWalk walk(*server_);
    walk.OpenCohort2018();
    documents_ = walk.UploadApplicationDocuments("malformed");
    candidate_ = walk.Apply("Accepted", "accepted@district.example");
    walk.Accept(candidate_);
    graduate_ = walk.Graduate2018("Graduate", "graduate@district.example").candidate;
  }

  Target Cohorts() const { return {"/v1/cohorts", CohortBody(2019)}; }
  Target Applications() const {
    return {"/v1/cohorts/2018/applications",
            json::object{{"name", "Applicant"},
                         {"email", "applicant@district.example"},
                         {"employer", json::object{{"name", "Folsom Cordova USD"},
                                                   {"kind", "district"},
                                                   {"cds_code", "34673140000000"}}},
                         {"position", "Network Manager"},
                         {"documents", documents_},
                         {"occurred_at", "2017-09-01T12:00:00-07:00"}}};
  }
  Target Payments() const {
    return {"/v1/candidates/" + candidate_ + "/payments",
            json::object{{"amount_cents", 1000},
                         {"method", "check"},
                         {"payer", json::object{{"kind", "employer"},
                                                {"name", "Folsom Cordova USD"},
                                                {"funding_source", "grant"}}},
                         {"occurred_at", "2017-12-01T09:00:00-08:00"}}};
  }
  Target Attendance() const {
    return {"/v1/candidates/" + candidate_ + "/attendance",
            json::object{{"session", 0},
                         {"status", "present"},
                         {"note", "on time"},
                         {"occurred_at", "2018-02-02T12:00:00-08:00"}}};
  }
  Target Ceus() const {
    return {"/v1/candidates/" + graduate_ + "/ceus",
            json::object{{"activity", "Security summit"},
                         {"provider", "CETPA"},
                         {"completed_on", "2019-03-01"},
                         {"contact_hours", 12.34},
                         {"occurred_at", "2019-03-02T09:00:00-08:00"}}};
  }
  Target Users() const { return {"/v1/users", json::object{{"name", "Clerk"}, {"role", "staff"}}}; }
  Target Impact() const {
    return {"/v1/rulesets/impact",
            json::object{{"parameters",
                          json::object{{"min_ceus_per_cycle", 4.5}, {"max_excused_absences", 3}}}}};
  }
  std::vector<Target> Targets() const {
    return {Cohorts(), Applications(), Payments(), Attendance(), Ceus(), Users(), Impact()};
  }

  Response Post(const std::string& path, const std::string& body,
                const std::string& content_type = "application/json") const {
    // Not through Call, which would add a JSON Content-Type when there is none.
    Headers headers{{"Authorization", std::string("Bearer ") + kAdminToken}};
    if (!content_type.empty()) headers.emplace_back("Content-Type", content_type);
    return server_->Send("POST", path, body, headers);
  }

  // Expects a 4xx problem of `status` and `code` that appended nothing, from a server that still
  // answers.
  void ExpectRefused(const Response& response, int status, const std::string& code,
                     std::int64_t position, const std::string& what) const {
    EXPECT_EQ(response.status, status) << what << ": " << response.body.substr(0, 300);
    EXPECT_EQ(response.Header("content-type"), "application/problem+json") << what;
    EXPECT_EQ(response.Code(), code) << what;
    EXPECT_EQ(LedgerPosition(*server_), position) << what << " appended something";
    EXPECT_EQ(server_->Send("GET", "/healthz").status, 200) << what;
  }

  // Sends every field case against the target and then the valid body, which must succeed.
  void CheckFields(const Target& target, const std::vector<FieldCase>& cases) const {
    const std::int64_t position = LedgerPosition(*server_);
    for (const FieldCase& c : cases) {
      json::object body = target.valid;
      c.change(body);
      const Response response = Post(target.path, json::serialize(body));
      const std::string what = target.path + " " + c.what;
      ExpectRefused(response, 400, "validation", position, what);
      if (c.field.empty() || response.status != 400) continue;
      bool named = false;
      const json::value problem = response.Json();
      for (const json::value& error : problem.at("errors").as_array()) {
        named = named || error.at("field") == c.field.c_str();
      }
      EXPECT_TRUE(named) << what << " should name " << c.field << ": " << response.body;
    }
    const Response accepted = Post(target.path, json::serialize(target.valid));
    EXPECT_LT(accepted.status, 300) << target.path << " refused its valid body: " << accepted.body;
  }

  TemporaryFolder folder_;
  std::unique_ptr<ServerProcess> server_;
  json::object documents_;
  std::string candidate_, graduate_;
};

// Sets body[name] (nested with '.' for one level) to value.
std::function<void(json::object&)> Set(std::string name, json::value value) {
  return [name, value](json::object& body) {
    const std::size_t dot = name.find('.');
    if (dot == std::string::npos) {
      body[name] = value;
    } else {
      body[name.substr(0, dot)].as_object()[name.substr(dot + 1)] = value;
    }
  };
}

// A raw JSON number or literal in place of body[name]'s value (what json::value cannot hold).
std::string WithRaw(const json::object& valid, const std::string& name, const std::string& raw) {
  json::object body = valid;
  body[name] = "@@RAW@@";
  std::string text = json::serialize(body);
  const std::string marker = "\"@@RAW@@\"";
  return text.replace(text.find(marker), marker.size(), raw);
}

TEST_F(MalformedBodiesTest, BrokenJsonOfEveryKindIs400OnEveryEndpoint) {
  for (const Target& target : Targets()) {
    const std::string valid = json::serialize(target.valid);
    const std::vector<std::pair<std::string, std::string>> broken = {
        {"truncated in the middle", valid.substr(0, valid.size() / 2)},
        {"truncated by one byte", valid.substr(0, valid.size() - 1)},
        {"only an opening brace", "{"},
        {"an array", "[" + valid + "]"},
        {"a string", "\"hello\""},
        {"a number", "42"},
        {"null", "null"},
        {"true", "true"},
        {"trailing garbage", valid + " x"},
        {"two documents", valid + valid},
        {"a trailing comma", valid.substr(0, valid.size() - 1) + ",}"},
        {"single quotes", "{'name':'x'}"},
        {"a comment", "/* note */" + valid},
        {"NaN", "{\"name\":NaN}"},
        {"Infinity", "{\"name\":-Infinity}"},
        {"a raw newline inside a string", "{\"name\":\"a\nb\"}"},
        {"a byte order mark", "\xEF\xBB\xBF" + valid},
        {"10,000 nested arrays", std::string(10'000, '[')},
        {"10,000 nested arrays, closed", std::string(10'000, '[') + std::string(10'000, ']')},
        {"nested objects past the depth limit",
         [] {
           std::string deep;
           for (int i = 0; i < 100; ++i) deep += "{\"a\":";
           return deep + "1" + std::string(100, '}');
         }()},
        {"a key given twice", "{\"name\":\"a\",\"name\":\"b\"}"},
        {"only spaces", "   \r\n\t "},
        {"invalid UTF-8 (0xFF)", "{\"name\":\"\xFF\"}"},
        {"invalid UTF-8 (overlong '/')", "{\"name\":\"\xC0\xAF\"}"},
        {"invalid UTF-8 (an encoded surrogate)", "{\"name\":\"\xED\xA0\x80\"}"},
        {"invalid UTF-8 (past U+10FFFF)", "{\"name\":\"\xF4\x90\x80\x80\"}"},
        {"invalid UTF-8 (cut short)", "{\"name\":\"\xE2\x82\"}"},
        {"invalid UTF-8 in a key", "{\"\xFE\":1}"},
        {"a lone high surrogate escape", "{\"name\":\"\\ud800\"}"},
        {"a lone low surrogate escape", "{\"name\":\"\\udc00\"}"},
        {"a bad escape", "{\"name\":\"\\q\"}"},
    };
    const std::int64_t position = LedgerPosition(*server_);
    for (const auto& [what, body] : broken) {
      ExpectRefused(Post(target.path, body), 400, "validation", position, target.path + " " + what);
    }
    ExpectRefused(Post(target.path, ""), 400, "validation", position, target.path + " empty");
  }
}

TEST_F(MalformedBodiesTest, TwoMebibytesIs413OnEveryEndpoint) {
  const std::int64_t position = LedgerPosition(*server_);
  const std::string huge = "{\"name\":\"" + std::string(2 * 1024 * 1024, 'n') + "\"}";
  const std::string spaces = std::string(2 * 1024 * 1024, ' ') + "{}";
  for (const Target& target : Targets()) {
    ExpectRefused(Post(target.path, huge), 413, "payload_too_large", position, target.path);
    ExpectRefused(Post(target.path, spaces), 413, "payload_too_large", position,
                  target.path + " (spaces)");
  }
}

TEST_F(MalformedBodiesTest, OtherMediaTypesAre415OnEveryEndpoint) {
  const std::int64_t position = LedgerPosition(*server_);
  for (const Target& target : Targets()) {
    const std::string valid = json::serialize(target.valid);
    for (const char* type :
         {"text/plain", "application/x-www-form-urlencoded", "application/xml", "",
          "application/json; charset=iso-8859-1", "application/json; charset=utf-16",
          "application/jsonp", "multipart/form-data; boundary=x"}) {
      ExpectRefused(Post(target.path, valid, type), 415, "unsupported_media_type", position,
                    target.path + " as '" + type + "'");
    }
    // The media type is case-insensitive and may name UTF-8.
    EXPECT_NE(Post(target.path, "{}", "Application/JSON; Charset=\"UTF-8\"").status, 415);
  }
  EXPECT_EQ(LedgerPosition(*server_), position);
}

TEST_F(MalformedBodiesTest, UnknownFieldsAre400NamingEachField) {
  for (const Target& target : Targets()) {
    const std::int64_t position = LedgerPosition(*server_);
    json::object body = target.valid;
    body["colour"] = "blue";
    body["priority"] = 1;
    const Response response = Post(target.path, json::serialize(body));
    ExpectRefused(response, 400, "validation", position, target.path);
    if (response.status != 400) continue;
    json::array expected{json::object{{"field", "colour"}, {"message", "unknown field"}},
                         json::object{{"field", "priority"}, {"message", "unknown field"}}};
    EXPECT_EQ(response.Json().at("errors"), expected) << target.path << ": " << response.body;
  }
  // Nested objects name the path.
  const std::int64_t position = LedgerPosition(*server_);
  json::object application = Applications().valid;
  application["employer"].as_object()["colour"] = "blue";
  const Response nested = Post(Applications().path, json::serialize(application));
  ExpectRefused(nested, 400, "validation", position, "employer.colour");
  EXPECT_NE(nested.body.find("\"employer.colour\""), std::string::npos) << nested.body;
  json::object cohort = Cohorts().valid;
  cohort["sessions"].as_array()[2].as_object()["speaker"] = "Ada";
  const Response in_array = Post(Cohorts().path, json::serialize(cohort));
  ExpectRefused(in_array, 400, "validation", position, "sessions[2].speaker");
  EXPECT_NE(in_array.body.find("\"sessions[2].speaker\""), std::string::npos) << in_array.body;
}

TEST_F(MalformedBodiesTest, BadInstantsAndDatesAre400NamingTheField) {
  std::vector<FieldCase> instants;
  for (const char* text : {"2017-08-23", "2017-02-29T00:00:00Z", "2017-08-23T25:00:00Z",
                           "2017-08-23T10:00:00", "2017-08-23 10:00:00Z", "2017-08-23T10:00:60Z",
                           "2017-08-23T10:00:00.1234567Z", "2017-08-23T10:00:00+24:00",
                           "2017-8-23T10:00:00Z", "23/08/2017", "", "0000-01-01T00:00:00Z"}) {
    instants.push_back({std::string("application_opens '") + text + "'",
                        Set("application_opens", text), "application_opens"});
  }
  instants.push_back(
      {"application_opens as a number", Set("application_opens", 1503446400), "application_opens"});
  instants.push_back({"occurred_at 'yesterday'", Set("occurred_at", "yesterday"), "occurred_at"});
  CheckFields(Cohorts(), instants);

  std::vector<FieldCase> dates;
  for (const char* text : {"2019-02-29", "2019-13-01", "2019-1-01", "2019/03/01", "20190301",
                           "2019-03-01T00:00:00Z", " 2019-03-01", ""}) {
    dates.push_back(
        {std::string("completed_on '") + text + "'", Set("completed_on", text), "completed_on"});
  }
  CheckFields(Ceus(), dates);
}

TEST_F(MalformedBodiesTest, WrongTypesAndOutOfRangeNumbersAre400NamingTheField) {
  CheckFields(
      Cohorts(),
      {{"year as a string", Set("year", "2019"), "year"},
       {"year with a fraction", Set("year", 2019.0), "year"},
       {"year too early", Set("year", 1999), "year"},
       {"year too late", Set("year", 2201), "year"},
       {"tuition negative", Set("tuition_cents", -1), "tuition_cents"},
       {"tuition 1e20", Set("tuition_cents", 1e20), "tuition_cents"},
       {"tuition with cents as decimals", Set("tuition_cents", 2500.5), "tuition_cents"},
       {"capacity zero", Set("capacity", 0), "capacity"},
       {"location empty", Set("location", ""), "location"},
       {"location too long", Set("location", json::string(std::string(5000, 'l'))), "location"},
       {"sessions an object", Set("sessions", json::object{}), "sessions"},
       {"sessions empty", Set("sessions", json::array{}), "sessions"},
       {"a session number 10",
        [](json::object& b) { b["sessions"].as_array()[0].as_object()["number"] = 10; },
        "sessions[0].number"},
       {"a session a string", [](json::object& b) { b["sessions"].as_array()[1] = "x"; },
        "sessions[1]"}});
  CheckFields(Applications(),
              {{"employer a string", Set("employer", "Sacramento"), "employer"},
               {"employer kind charter", Set("employer.kind", "charter"), "employer.kind"},
               {"cds code of 3 digits", Set("employer.cds_code", "123"), "employer.cds_code"},
               {"email a number", Set("email", 42), "email"},
               {"documents an array", Set("documents", json::array{}), "documents"},
               {"name null", Set("name", nullptr), "name"},
               {"channel carrier pigeon", Set("channel", "pigeon"), "channel"}});
  CheckFields(Payments(), {{"amount a string", Set("amount_cents", "1000"), "amount_cents"},
                           {"amount with decimals", Set("amount_cents", 10.5), "amount_cents"},
                           {"amount 1e12", Set("amount_cents", 1e12), "amount_cents"},
                           {"amount true", Set("amount_cents", true), "amount_cents"},
                           {"method a number", Set("method", 7), "method"},
                           {"payer kind parent", Set("payer.kind", "parent"), "payer.kind"},
                           {"funding source lottery", Set("payer.funding_source", "lottery"),
                            "payer.funding_source"}});
  CheckFields(Attendance(), {{"session a string", Set("session", "0"), "session"},
                             {"session 1e3", Set("session", 1e3), "session"},
                             {"session a fraction", Set("session", 0.5), "session"},
                             {"status late", Set("status", "late"), "status"},
                             {"status in capitals", Set("status", "PRESENT"), "status"},
                             {"note an array", Set("note", json::array{"x"}), "note"}});
  CheckFields(Users(), {{"role superuser", Set("role", "superuser"), "role"},
                        {"name a number", Set("name", 12), "name"},
                        {"candidate_id empty", Set("candidate_id", ""), "candidate_id"}});
  CheckFields(
      Impact(),
      {{"parameters an array", Set("parameters", json::array{}), "parameters"},
       {"an unknown parameter", Set("parameters.speed_limit", 3), "parameters.speed_limit"},
       {"a negative count", Set("parameters.max_excused_absences", -1),
        "parameters.max_excused_absences"},
       {"CEUs with three decimals", Set("parameters.min_ceus_per_cycle", 4.555),
        "parameters.min_ceus_per_cycle"},
       {"a switch as a string", Set("parameters.feedback_required", "yes"),
        "parameters.feedback_required"},
       {"an unknown document", Set("parameters.required_documents", json::array{"passport"}),
        "parameters.required_documents"}});
}

TEST_F(MalformedBodiesTest, AnOptionalFreeTextFieldSentEmptyIsAbsentNotRefused) {
  // A form's empty note: API.md's conventions take "" in optional free text as absent.
  json::object body = Attendance().valid;
  body["note"] = "";
  const Response response = Post(Attendance().path, json::serialize(body));
  EXPECT_LT(response.status, 300) << response.body;
}

TEST_F(MalformedBodiesTest, ContactHoursTakeAtMostTwoDecimalsAndStayInRange) {
  CheckFields(Ceus(), {{"1.005 hours", Set("contact_hours", 1.005), "contact_hours"},
                       {"0.001 hours", Set("contact_hours", 0.001), "contact_hours"},
                       {"12.345 hours", Set("contact_hours", 12.345), "contact_hours"},
                       {"0.1 + 0.2 hours", Set("contact_hours", 0.1 + 0.2), "contact_hours"},
                       {"zero hours", Set("contact_hours", 0), "contact_hours"},
                       {"negative hours", Set("contact_hours", -1.5), "contact_hours"},
                       {"1000.01 hours", Set("contact_hours", 1000.01), "contact_hours"},
                       {"hours as a string", Set("contact_hours", "6.5"), "contact_hours"}});
  // Numbers json::value cannot carry: huge integers and exponents.
  const Target ceus = Ceus();
  const std::int64_t position = LedgerPosition(*server_);
  for (const char* raw : {"99999999999999999999", "-99999999999999999999", "1e400", "1e-400",
                          "1.005e0", "-0", "01", "1.", ".5", "+1", "0x10"}) {
    ExpectRefused(Post(ceus.path, WithRaw(ceus.valid, "contact_hours", raw)), 400, "validation",
                  position, std::string("contact_hours ") + raw);
  }
  const Target attendance = Attendance();
  for (const char* raw : {"99999999999999999999", "1e2", "-0.0"}) {
    ExpectRefused(Post(attendance.path, WithRaw(attendance.valid, "session", raw)), 400,
                  "validation", position, std::string("session ") + raw);
  }
  // The hours are kept exactly: two CEUs of 12.34 hours are 2.468 CEUs, not a binary neighbour.
  ASSERT_LT(Post(ceus.path, json::serialize(ceus.valid)).status, 300);
  const Response view =
      Expect2xx(Call(*server_, kAdminToken, "GET",
                     "/v1/candidates/" + graduate_ + "?as_of=2019-03-02T09:00:00-08:00"),
                "view");
  EXPECT_NE(view.body.find("\"ceus_in_cycle\":2.468,"), std::string::npos) << view.body;
}

TEST_F(MalformedBodiesTest, AnEmptyBodyIs400WhereABodyIsNeededAndAnEmptyObjectWhereAllIsOptional) {
  const std::int64_t position = LedgerPosition(*server_);
  for (const Target& target : Targets()) {
    ExpectRefused(Post(target.path, ""), 400, "validation", position, target.path);
    ExpectRefused(Post(target.path, "{}"), 400, "validation", position, target.path + " {}");
  }
  // Recertification takes no fields: an empty body is the empty object, refused by the rules.
  const Response recertify =
      Call(*server_, kAdminToken, "POST", "/v1/candidates/" + graduate_ + "/recertification");
  EXPECT_EQ(recertify.status, 422) << recertify.body;
  EXPECT_EQ(recertify.Code(), "requirements_unmet");
  EXPECT_EQ(LedgerPosition(*server_), position);
}

TEST_F(MalformedBodiesTest, AChunkedBodyWithBrokenJsonIs400AndTheConnectionStillAnswers) {
  const std::int64_t position = LedgerPosition(*server_);
  RawConnection connection(server_->port());
  const std::string path = "/v1/candidates/" + candidate_ + "/attendance";
  connection.Write("POST " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + kAdminToken +
                   "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                   "6\r\n{\"sess\r\n4\r\nion\"\r\n0\r\n\r\n"
                   "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  const std::string received = connection.ReadResponses(2, std::chrono::seconds(20));
  EXPECT_TRUE(received.starts_with("HTTP/1.1 400")) << received;
  EXPECT_NE(received.find("HTTP/1.1 200"), std::string::npos) << received;
  EXPECT_EQ(LedgerPosition(*server_), position);
}

}  // namespace
}  // namespace ctom::e2e
