// Strict JSON bodies: media type, syntax, UTF-8, depth, duplicate keys, and the field reader's
// refusals (unknown, missing, mistyped, out of range, bad dates, instants and decimals).
#include "api/json_body.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace ctom::api {
namespace {

HttpRequest JsonRequest(std::string body, std::string content_type = "application/json") {
  HttpRequest request;
  request.method = "POST";
  request.target = "/v1/things";
  if (!content_type.empty()) request.headers["content-type"] = std::move(content_type);
  request.body = std::move(body);
  return request;
}

std::string CodeOf(const HttpResponse& response) {
  return std::string(boost::json::parse(response.body).at("code").as_string());
}

std::vector<FieldError> ErrorsOf(const HttpResponse& response) {
  std::vector<FieldError> errors;
  const boost::json::value body = boost::json::parse(response.body);
  for (const auto& error : body.at("errors").as_array()) {
    errors.push_back(
        {std::string(error.at("field").as_string()), std::string(error.at("message").as_string())});
  }
  return errors;
}

boost::json::object Object(std::string_view text) { return boost::json::parse(text).as_object(); }

TEST(ParseJsonBody, AcceptsAnObjectSentAsApplicationJson) {
  auto body = ParseJsonBody(JsonRequest(R"({"name":"Ada"})"));
  ASSERT_TRUE(body.has_value());
  EXPECT_EQ(body->at("name"), "Ada");
  EXPECT_TRUE(ParseJsonBody(JsonRequest("{}", "Application/JSON; charset=UTF-8")).has_value());
  EXPECT_TRUE(ParseJsonBody(JsonRequest("{}", "application/json;charset=\"utf-8\"")).has_value());
}

TEST(ParseJsonBody, OtherMediaTypesAre415) {
  for (const char* type : {"", "text/plain", "application/x-www-form-urlencoded",
                           "application/json; charset=latin1", "application/jsonx"}) {
    auto body = ParseJsonBody(JsonRequest("{}", type));
    ASSERT_FALSE(body.has_value()) << type;
    EXPECT_EQ(body.error().status, 415) << type;
    EXPECT_EQ(CodeOf(body.error()), "unsupported_media_type");
  }
}

TEST(ParseJsonBody, MalformedJsonIs400Validation) {
  for (const char* text :
       {"{", "{\"a\":}", "{\"a\":1,}", "{\"a\":1} x", "{'a':1}", "{\"a\":1 /* c */}", "nul"}) {
    auto body = ParseJsonBody(JsonRequest(text));
    ASSERT_FALSE(body.has_value()) << text;
    EXPECT_EQ(body.error().status, 400) << text;
    EXPECT_EQ(CodeOf(body.error()), "validation");
  }
}

TEST(ParseJsonBody, InvalidUtf8Is400Validation) {
  for (const std::string& text :
       {std::string("{\"name\":\"\xff\"}"), std::string("{\"name\":\"\xc3\"}"),
        std::string("{\"\xed\xa0\x80\":1}")}) {
    auto body = ParseJsonBody(JsonRequest(text));
    ASSERT_FALSE(body.has_value());
    EXPECT_EQ(body.error().status, 400);
  }
}

TEST(ParseJsonBody, NestingDeeperThanTheCapIs400Validation) {
  const auto nested = [](std::size_t depth) {
    std::string text = "{\"a\":";
    for (std::size_t i = 1; i < depth; ++i) text += "[";
    text += "1";
    for (std::size_t i = 1; i < depth; ++i) text += "]";
    return text + "}";
  };
  EXPECT_TRUE(ParseJsonBody(JsonRequest(nested(kJsonDepthMax))).has_value());
  auto too_deep = ParseJsonBody(JsonRequest(nested(kJsonDepthMax + 1)));
  ASSERT_FALSE(too_deep.has_value());
  EXPECT_EQ(too_deep.error().status, 400);
  EXPECT_NE(ErrorsOf(too_deep.error()).at(0).message.find("deeper"), std::string::npos);
  // A very deep document is refused without recursion trouble.
  EXPECT_FALSE(ParseJsonBody(JsonRequest(nested(100000))).has_value());
}

TEST(ParseJsonBody, AKeyGivenTwiceIs400Validation) {
  auto body = ParseJsonBody(JsonRequest(R"({"amount_cents":1,"amount_cents":100000})"));
  ASSERT_FALSE(body.has_value());
  EXPECT_EQ(body.error().status, 400);
  EXPECT_NE(ErrorsOf(body.error()).at(0).message.find("amount_cents"), std::string::npos);
  // The same key in different objects is fine.
  EXPECT_TRUE(ParseJsonBody(JsonRequest(R"({"a":{"k":1},"b":{"k":2}})")).has_value());
}

TEST(ParseJsonBody, ATopLevelValueOtherThanAnObjectIs400) {
  for (const char* text : {"[]", "1", "\"x\"", "null"}) {
    auto body = ParseJsonBody(JsonRequest(text));
    ASSERT_FALSE(body.has_value()) << text;
    EXPECT_EQ(body.error().status, 400);
  }
}

TEST(ParseJsonBody, AnEmptyBodyIsRefusedUnlessTheRouteTreatsItAsEmptyObject) {
  auto refused = ParseJsonBody(JsonRequest(""));
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().status, 400);
  auto empty = ParseJsonBody(JsonRequest("", ""), EmptyBody::empty_object);
  ASSERT_TRUE(empty.has_value());
  EXPECT_TRUE(empty->empty());
}

TEST(BodyReader, ReadsEveryKindOfField) {
  const auto object = Object(R"({
    "name": "Ada", "capacity": 25, "active": true, "kind": "district",
    "starts_at": "2017-09-29T17:00:00-07:00", "held_on": "2017-10-02", "contact_hours": 12.5,
    "topics": ["budgets", "equity"], "employer": {"name": "Fresno USD"},
    "sessions": [{"number": 1}, {"number": 2}], "parameters": {"x": 1}})");
  BodyReader body(object);
  EXPECT_EQ(body.RequiredString("name"), "Ada");
  EXPECT_EQ(body.OptionalInt("capacity", 1, 500), 25);
  EXPECT_TRUE(body.RequiredBool("active"));
  EXPECT_EQ(body.RequiredEnum("kind", {"district", "county_office", "non_k12"}), "district");
  EXPECT_EQ(body.RequiredInstant("starts_at"), 1506729600LL * 1'000'000);
  EXPECT_EQ(FormatDate(body.RequiredDate("held_on")), "2017-10-02");
  EXPECT_EQ(body.RequiredHundredths("contact_hours", 0, 100000), 1250);
  EXPECT_EQ(body.RequiredStringArray("topics", 10),
            (std::vector<std::string>{"budgets", "equity"}));
  BodyReader employer = body.RequiredObject("employer");
  EXPECT_EQ(employer.RequiredString("name"), "Fresno USD");
  auto sessions = body.RequiredObjectArray("sessions", 1, 10);
  ASSERT_EQ(sessions.size(), 2u);
  EXPECT_EQ(sessions[0].RequiredInt("number", 0, 9), 1);
  EXPECT_EQ(sessions[1].RequiredInt("number", 0, 9), 2);
  EXPECT_NE(body.RequiredValue("parameters"), nullptr);
  EXPECT_FALSE(body.OptionalString("reason").has_value());
  const bool finished = body.Finish();
  EXPECT_TRUE(finished) << body.errors().at(0).field << ": " << body.errors().at(0).message;
}

TEST(BodyReader, UnknownFieldIsRefusedByName) {
  const auto object = Object(R"({"name":"Ada","nmae":"typo"})");
  BodyReader body(object);
  (void)body.RequiredString("name");
  ASSERT_FALSE(body.Finish());
  EXPECT_EQ(body.errors(), (std::vector<FieldError>{{"nmae", "unknown field"}}));
  const HttpResponse problem = body.Problem();
  EXPECT_EQ(problem.status, 400);
  EXPECT_EQ(CodeOf(problem), "validation");
  EXPECT_EQ(ErrorsOf(problem), body.errors());
}

TEST(BodyReader, UnknownFieldInANestedObjectIsRefusedWithItsPath) {
  const auto object =
      Object(R"({"employer":{"name":"X","kind":"district","extra":1},"sessions":[{"n":1,"x":2}]})");
  BodyReader body(object);
  BodyReader employer = body.RequiredObject("employer");
  (void)employer.RequiredString("name");
  (void)employer.RequiredEnum("kind", {"district"});
  for (BodyReader& session : body.RequiredObjectArray("sessions", 1, 5)) {
    (void)session.RequiredInt("n", 0, 9);
  }
  ASSERT_FALSE(body.Finish());
  EXPECT_EQ(body.errors(), (std::vector<FieldError>{{"employer.extra", "unknown field"},
                                                    {"sessions[0].x", "unknown field"}}));
}

TEST(BodyReader, MissingRequiredFieldsAreEachRefused) {
  const auto object = Object(R"({"reason":null})");
  BodyReader body(object);
  (void)body.RequiredString("name");
  (void)body.RequiredInt("year", 2000, 2100);
  (void)body.RequiredString("reason");  // null counts as absent
  BodyReader employer = body.RequiredObject("employer");
  (void)employer.RequiredString("name");  // inert: the missing object was already reported
  ASSERT_FALSE(body.Finish());
  EXPECT_EQ(body.errors(), (std::vector<FieldError>{{"name", "is required"},
                                                    {"year", "is required"},
                                                    {"reason", "is required"},
                                                    {"employer", "is required"}}));
}

TEST(BodyReader, WrongTypesAreRefused) {
  const auto object = Object(
      R"({"name":5,"year":"2012","flag":"true","employer":[],"topics":"x","n":1.5,"big":1e3})");
  BodyReader body(object);
  (void)body.RequiredString("name");
  (void)body.RequiredInt("year", 2000, 2100);
  (void)body.RequiredBool("flag");
  (void)body.RequiredObject("employer");
  (void)body.OptionalStringArray("topics", 5);
  (void)body.RequiredInt("n", 0, 10);
  (void)body.RequiredInt("big", 0, 10000);
  ASSERT_FALSE(body.Finish());
  std::vector<std::string> fields;
  for (const auto& error : body.errors()) fields.push_back(error.field);
  EXPECT_EQ(fields,
            (std::vector<std::string>{"name", "year", "flag", "employer", "topics", "n", "big"}));
  EXPECT_EQ(body.errors()[0].message, "must be a string");
}

TEST(BodyReader, OutOfRangeAndEmptyValuesAreRefused) {
  const auto object = Object(
      R"({"year":1999,"capacity":-1,"name":"","kind":"charter","long":"xxxxxxxxxx","huge":18446744073709551615})");
  BodyReader body(object);
  (void)body.RequiredInt("year", 2000, 2100);
  (void)body.OptionalInt("capacity", 1, 500);
  (void)body.RequiredString("name");
  (void)body.RequiredEnum("kind", {"district", "county_office", "non_k12"});
  (void)body.RequiredString("long", 5);
  (void)body.RequiredInt("huge", 0, INT64_MAX);
  ASSERT_FALSE(body.Finish());
  ASSERT_EQ(body.errors().size(), 6u);
  EXPECT_EQ(body.errors()[0].message, "must be an integer from 2000 to 2100");
  EXPECT_EQ(body.errors()[2].message, "must not be empty");
  EXPECT_EQ(body.errors()[3].message, "must be one of: district, county_office, non_k12");
}

TEST(BodyReader, AnOptionalFreeTextFieldSentEmptyIsAbsentWhileOtherStringsRefuseIt) {
  const auto object =
      Object(R"({"note":"","comment":"kept","reason":7,"long":"xxxxxx","mentor_id":""})");
  BodyReader body(object);
  EXPECT_FALSE(body.OptionalText("note", 100).has_value());
  EXPECT_EQ(body.OptionalText("comment", 100), "kept");
  EXPECT_FALSE(body.OptionalText("reason", 100).has_value());
  EXPECT_FALSE(body.OptionalText("long", 5).has_value());
  EXPECT_FALSE(body.OptionalText("missing", 100).has_value());
  EXPECT_FALSE(body.OptionalString("mentor_id").has_value());
  ASSERT_FALSE(body.Finish());
  ASSERT_EQ(body.errors().size(), 3u);
  EXPECT_EQ(body.errors()[0], (FieldError{"reason", "must be a string"}));
  EXPECT_EQ(body.errors()[1], (FieldError{"long", "must be at most 5 bytes long"}));
  EXPECT_EQ(body.errors()[2], (FieldError{"mentor_id", "must not be empty"}));
}

TEST(BodyReader, BadDatesAreRefused) {
  for (const char* value : {R"("2023-02-29")", R"("2023-2-1")", R"("02/01/2023")", "20230201",
                            R"("2023-02-01T00:00:00Z")"}) {
    const auto object = Object(std::string(R"({"held_on":)") + value + "}");
    BodyReader body(object);
    (void)body.RequiredDate("held_on");
    ASSERT_FALSE(body.Finish()) << value;
    EXPECT_EQ(body.errors().at(0).message, "must be a date YYYY-MM-DD") << value;
  }
}

TEST(BodyReader, BadInstantsAreRefused) {
  for (const char* value : {R"("2017-09-29T17:00:00")", R"("2017-09-29")",
                            R"("2017-09-29T25:00:00Z")", "1506729600", R"("yesterday")"}) {
    const auto object = Object(std::string(R"({"starts_at":)") + value + "}");
    BodyReader body(object);
    (void)body.RequiredInstant("starts_at");
    ASSERT_FALSE(body.Finish()) << value;
    EXPECT_EQ(body.errors().at(0).field, "starts_at");
  }
}

TEST(BodyReader, DecimalsWithMoreThanTwoPlacesAreRefused) {
  const auto read = [](std::string_view value) {
    const auto object = Object(std::string(R"({"contact_hours":)") + std::string(value) + "}");
    BodyReader body(object);
    const auto hundredths = body.RequiredHundredths("contact_hours", 0, 10'000'00);
    return body.Finish() ? std::optional<std::int64_t>(hundredths) : std::nullopt;
  };
  EXPECT_EQ(read("3"), 300);
  EXPECT_EQ(read("3.5"), 350);
  EXPECT_EQ(read("3.25"), 325);
  EXPECT_EQ(read("0.1"), 10);
  EXPECT_EQ(read("3.255"), std::nullopt);
  EXPECT_EQ(read("0.001"), std::nullopt);
  EXPECT_EQ(read("\"3.25\""), std::nullopt);  // decimals are JSON numbers
  EXPECT_EQ(read("-1"), std::nullopt);        // below min
  EXPECT_EQ(read("10000.01"), std::nullopt);  // above max
}

TEST(BodyReader, HandlerRefusalsJoinTheSameList) {
  const auto object =
      Object(R"({"starts_at":"2017-09-29T18:00:00Z","ends_at":"2017-09-29T17:00:00Z"})");
  BodyReader body(object);
  const auto starts_at = body.RequiredInstant("starts_at");
  const auto ends_at = body.RequiredInstant("ends_at");
  if (ends_at <= starts_at) body.Refuse("ends_at", "must be after starts_at");
  ASSERT_FALSE(body.Finish());
  EXPECT_EQ(body.errors(), (std::vector<FieldError>{{"ends_at", "must be after starts_at"}}));
}

TEST(BodyReader, ObjectArrayOutsideItsBoundsIsRefused) {
  const auto object = Object(R"({"sessions":[],"more":[1]})");
  BodyReader body(object);
  EXPECT_TRUE(body.RequiredObjectArray("sessions", 1, 10).empty());
  EXPECT_TRUE(body.RequiredObjectArray("more", 1, 10).empty());
  ASSERT_FALSE(body.Finish());
  EXPECT_EQ(body.errors().at(0).field, "sessions");
  EXPECT_EQ(body.errors().at(1), (FieldError{"more[0]", "must be an object"}));
}

}  // namespace
}  // namespace ctom::api
