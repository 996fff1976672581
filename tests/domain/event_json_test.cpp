// EventDataJson: every field named, instants RFC 3339, dates YYYY-MM-DD, document bytes left out.
#include "domain/event_json.hpp"

#include <gtest/gtest.h>

#include "domain/event_codec.hpp"

namespace ctom::domain {
namespace {

TEST(EventJson, InstantsAndDatesAreWrittenAsText) {
  CohortOpened opened;
  opened.year = 2018;
  opened.application_opens = *ParseInstant("2017-08-23T00:00:00-07:00");
  opened.application_deadline = *ParseInstant("2017-09-29T17:00:00-07:00");
  opened.tuition_cents = 250000;
  opened.location = "Sacramento";
  EXPECT_EQ(EventDataJson(opened),
            R"({"year":2018,"application_opens":"2017-08-23T07:00:00Z",)"
            R"("application_deadline":"2017-09-30T00:00:00Z","tuition_cents":250000,)"
            R"("capacity":null,"location":"Sacramento","sessions":[]})");
  CertificationGranted granted{"CCTO-2018-0001", *ParseDate("2018-11-12"),
                               *ParseDate("2021-11-12")};
  EXPECT_EQ(
      EventDataJson(granted),
      R"({"certificate":"CCTO-2018-0001","issued_on":"2018-11-12","expires_on":"2021-11-12"})");
}

TEST(EventJson, DocumentBytesAreLeftOutAndStringsEscaped) {
  DocumentUploaded uploaded{"sha256:ab", "text/plain", 3, "a\"b"};
  EXPECT_EQ(EventDataJson(uploaded),
            R"({"document_id":"sha256:ab","content_type":"text/plain","size":3})");
  FeedbackGiven feedback{"line\n\"quoted\""};
  EXPECT_EQ(EventDataJson(feedback), R"({"text":"line\u000a\"quoted\""})");
}

TEST(EventJson, NamingFieldsLeavesTheBinaryEncodingUnchanged) {
  // Binary archives ignore field names: a date is its 32-bit day count, big-endian-free portable.
  MentorContractSigned signed_contract{Date{17000}};
  const EncodedEvent encoded = Encode(signed_contract);
  EXPECT_EQ(encoded.payload.size(), 1u + 4u);  // portable binary: endianness byte + int32
}

}  // namespace
}  // namespace ctom::domain
