// The event encoding: golden bytes from the first release decode forever, every event type has
// them, and Decode turns any bytes (truncated, flipped, random, oversized lengths) into a value
// or an error, never an exception.
//
// The golden files tests/domain/golden/events_v<N>.hex are written once by
//   domain_tests --gtest_also_run_disabled_tests --gtest_filter='*WriteMissingGoldenEvents'
// which adds a new file for the (type, schema version) pairs no file has yet; existing files are
// never rewritten. Each line is "<type> <schema version> <payload hex>".
#include "domain/event_codec.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>

#include "domain/event_json.hpp"
#include "tests/domain/domain_spec.hpp"

namespace ctom::domain {
namespace {

const std::string kGoldenFolder = std::string(CTOM_SOURCE_DIR) + "/tests/domain/golden";

Date D(const char* text) { return *ParseDate(text); }

// The values encoded in events_v1.hex, one per event type in variant order. Never change them:
// when a type gains a field (schema version 2), its v1 value here keeps the field's default.
std::vector<Event> SamplesV1() {
  RuleParameters rules;
  rules.required_documents = {"application", "resume"};
  rules.max_unexcused_absences = 1;
  rules.makeup_required_for_excused_absence = false;
  rules.max_excused_absences = 3;
  rules.min_ceus_per_cycle_hundredths = 595;
  rules.renewal_window_days = 60;
  const SessionSlot kickoff{0,
                            "Kickoff",
                            {"Welcome", "Expectations"},
                            1517594400000000,  // 2018-02-02T10:00:00-08:00
                            1517616000000000,
                            "Sacramento"};
  const SessionSlot first{
      1, "Leadership", {"Strategic planning"}, 1517621400000000, 1517702400000000, ""};
  const Employer district{"Elk Grove Unified", "district", "34672390000000"};
  return {
      RuleSetPublished{2, 1541030400000000, rules},
      UserCreated{"u-7", "Pat Staff", "staff", "", "", std::string(64, 'a')},
      UserRevoked{"u-7"},
      DocumentUploaded{"sha256:" + std::string(64, 'b'), "application/pdf", 12,
                       std::string("%PDF-1.4\n\0\xff\x80z", 14)},
      CohortOpened{
          2018, 1503471600000000, 1506729600000000, 250000, 24, "Sacramento", {kickoff, first}},
      SessionRescheduled{3, 1523665800000000, 1523746800000000, "Davis"},
      AssignmentDefined{"budget-memo", 3, "homework", "A budget memo", 1523061000000000},
      MentorApplied{"m-1", "Lee Mentor", "lee@scoe.net",
                    Employer{"Sacramento County Office of Education", "county_office", ""}, "CTO",
                    true, true, "cto_certification", 8, 2018},
      MentorApprovalDecided{"approved", "steering committee, 2017-10-02"},
      MentorContractSigned{D("2017-10-05")},
      ApplicationSubmitted{
          "c-1",
          2018,
          "Ana López",
          "Ana.Lopez@egusd.net",
          district,
          "Director of Technology",
          {{"application", "sha256:01"}, {"nomination", "sha256:03"}, {"resume", "sha256:02"}},
          "m-1",
          "electronic",
          ""},
      SelectionDecided{"waitlisted", "capacity"},
      CandidateWithdrew{"moved out of state"},
      MentorMatched{"m-1"},
      PaymentRecorded{125000, "discover", "employer", "Elk Grove Unified", "k12_voucher",
                      "PO-2018-17"},
      RefundRecorded{2500, "duplicate charge"},
      AttendanceRecorded{4, "absent_excused", "family emergency"},
      MakeupRecorded{4, "recording and essay"},
      ParticipationRecorded{5, "unsatisfactory"},
      SubmissionRecorded{"budget-memo", "sha256:04", "https://portfolio.example/memo", true},
      GradeRecorded{"budget-memo", "fail", 55, "see comments"},
      PortfolioItemAdded{"reflection", 6, "On data systems", "https://portfolio.example/r6"},
      MentorMeetingLogged{"mid_year_evaluation", "shared_documents", D("2018-06-20"),
                          "goals reviewed", "m-1"},
      ProgressReviewHeld{D("2018-08-01"), "on track"},
      FinalPresentationGraded{"pass", "accepted", "clear and concise"},
      MentorAssessmentRecorded{true, "ready to lead a district", "m-1"},
      FeedbackGiven{"more time on budgets, please"},
      EmploymentChanged{Employer{"Acme Learning", "non_k12", ""}, "VP Engineering"},
      ContinuationDecided{"continue", "still leads K-12 projects"},
      CandidateDropped{"unexcused_absence", "missed session 6"},
      CertificationGranted{"CCTO-2018-0001", D("2018-11-12"), D("2021-11-12")},
      CertificationDenied{"mentor did not recommend", true},
      CeuRecorded{"Cybersecurity summit", "CETPA", D("2019-03-15"), 5950, "sha256:05"},
      AnnualDocumentationSubmitted{2019, "sha256:06"},
      RecertificationGranted{D("2021-11-12"), D("2024-11-12")},
      CertificateRevoked{"misrepresentation"},
      PromotionRecorded{"Chief Technology Officer", D("2019-07-01")},
      UserTokenIssued{"u-7", std::string(64, 'c')},
      PersonalDataCorrected{"Ada King", "ada.king@district.example", "CTO", ""},
      PersonalDataErased{"the person's request, ticket 42"},
      FeedIssued{"u-7", std::string(64, 'f')},
  };
}

struct GoldenEntry {
  std::string file;
  std::string type;
  std::uint32_t schema_version = 0;
  std::string payload;
};

std::string ToHex(std::string_view bytes) {
  static const char* kDigits = "0123456789abcdef";
  std::string hex;
  for (unsigned char byte : bytes) {
    hex += kDigits[byte >> 4];
    hex += kDigits[byte & 15];
  }
  return hex;
}

std::string FromHex(std::string_view hex) {
  auto nibble = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
  std::string bytes;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    bytes += static_cast<char>(nibble(hex[i]) * 16 + nibble(hex[i + 1]));
  }
  return bytes;
}

std::vector<GoldenEntry> ReadGolden() {
  std::vector<GoldenEntry> entries;
  if (!std::filesystem::exists(kGoldenFolder)) return entries;
  std::vector<std::filesystem::path> files;
  for (const auto& file : std::filesystem::directory_iterator(kGoldenFolder)) {
    if (file.path().extension() == ".hex") files.push_back(file.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      std::istringstream fields(line);
      GoldenEntry entry;
      std::string hex;
      fields >> entry.type >> entry.schema_version >> hex;
      entry.file = path.filename().string();
      entry.payload = FromHex(hex);
      entries.push_back(std::move(entry));
    }
  }
  return entries;
}

// The expected value of a golden entry, built in code.
std::optional<Event> Expected(const GoldenEntry& entry) {
  // events_v1.hex holds every type of the first release; a later file, the types added since
  // (at their schema version 1, whose values SamplesV1 builds too).
  if (entry.file != "events_v1.hex" && entry.schema_version != 1) return std::nullopt;
  for (const Event& sample : SamplesV1()) {
    if (TypeName(sample) == entry.type) return sample;
  }
  return std::nullopt;
}

template <std::size_t... I>
std::vector<std::pair<std::string, std::uint32_t>> CurrentEncodings(std::index_sequence<I...>) {
  return {{std::string(std::variant_alternative_t<I, Event>::kType),
           std::variant_alternative_t<I, Event>::kSchemaVersion}...};
}
std::vector<std::pair<std::string, std::uint32_t>> CurrentEncodings() {
  return CurrentEncodings(std::make_index_sequence<std::variant_size_v<Event>>{});
}

// ---- golden bytes ----

TEST(GoldenEvents, DISABLED_WriteMissingGoldenEvents) {
  std::set<std::pair<std::string, std::uint32_t>> present;
  for (const GoldenEntry& entry : ReadGolden()) present.insert({entry.type, entry.schema_version});
  std::ostringstream lines;
  for (const Event& sample : SamplesV1()) {
    const EncodedEvent encoded = Encode(sample);
    if (present.contains({encoded.type, encoded.schema_version})) continue;
    lines << encoded.type << ' ' << encoded.schema_version << ' ' << ToHex(encoded.payload) << '\n';
  }
  if (lines.str().empty()) GTEST_SKIP() << "every encoding already has golden bytes";
  std::filesystem::create_directories(kGoldenFolder);
  int number = 1;
  while (std::filesystem::exists(kGoldenFolder + "/events_v" + std::to_string(number) + ".hex")) {
    ++number;
  }
  const std::string path = kGoldenFolder + "/events_v" + std::to_string(number) + ".hex";
  std::ofstream out(path);
  out << "# Golden event encodings (cereal portable binary): <type> <schema version> <payload "
         "hex>.\n# Written once by tests/domain/event_codec_test.cpp; never edit or regenerate.\n"
      << lines.str();
  ASSERT_TRUE(out.good()) << path;
}

TEST(GoldenEvents, SamplesHoldOneValueOfEveryEventTypeInVariantOrder) {
  const std::vector<Event> samples = SamplesV1();
  ASSERT_EQ(samples.size(), std::variant_size_v<Event>);
  for (std::size_t i = 0; i < samples.size(); ++i) EXPECT_EQ(samples[i].index(), i);
}

TEST(GoldenEvents, EveryCurrentEncodingHasGoldenBytes) {
  std::set<std::pair<std::string, std::uint32_t>> present;
  for (const GoldenEntry& entry : ReadGolden()) present.insert({entry.type, entry.schema_version});
  for (const auto& encoding : CurrentEncodings()) {
    EXPECT_TRUE(present.contains(encoding))
        << encoding.first << " v" << encoding.second
        << " has no golden bytes: run the DISABLED_WriteMissingGoldenEvents test once";
  }
}

TEST(GoldenEvents, DecodeForeverToTheValuesBuiltInCode) {
  const std::vector<GoldenEntry> entries = ReadGolden();
  ASSERT_GE(entries.size(), std::variant_size_v<Event>);
  for (const GoldenEntry& entry : entries) {
    SCOPED_TRACE(entry.file + ": " + entry.type);
    const auto decoded = Decode(entry.type, entry.schema_version, entry.payload);
    ASSERT_TRUE(decoded.has_value()) << decoded.error();
    EXPECT_EQ(TypeName(*decoded), entry.type);
    const std::optional<Event> expected = Expected(entry);
    ASSERT_TRUE(expected.has_value()) << "no value built in code for this entry";
    EXPECT_TRUE(*decoded == *expected)
        << "decoded  " << spec::Describe(*decoded) << "\nexpected " << spec::Describe(*expected);
  }
}

// An encoding changes only by adding a schema version: today's bytes for a version that has
// golden bytes are those bytes.
TEST(GoldenEvents, TodaysEncodingOfAGoldenVersionIsTheGoldenBytes) {
  for (const GoldenEntry& entry : ReadGolden()) {
    const std::optional<Event> expected = Expected(entry);
    if (!expected) continue;
    const EncodedEvent encoded = Encode(*expected);
    if (encoded.schema_version != entry.schema_version) continue;
    EXPECT_EQ(ToHex(encoded.payload), ToHex(entry.payload)) << entry.type;
  }
}

TEST(EventCodec, EncodeThenDecodeGivesTheSameEvent) {
  for (const Event& sample : SamplesV1()) {
    const EncodedEvent encoded = Encode(sample);
    SCOPED_TRACE(encoded.type);
    EXPECT_EQ(encoded.type, TypeName(sample));
    const auto decoded = Decode(encoded.type, encoded.schema_version, encoded.payload);
    ASSERT_TRUE(decoded.has_value()) << decoded.error();
    EXPECT_TRUE(*decoded == sample);
  }
}

// ---- decoding never throws ----

TEST(EventCodec, UnknownTypesAndVersionsAreErrors) {
  const EncodedEvent encoded = Encode(FeedbackGiven{"thanks"});
  EXPECT_FALSE(Decode("feedback_taken", 1, encoded.payload).has_value());
  EXPECT_FALSE(Decode("", 1, encoded.payload).has_value());
  EXPECT_FALSE(Decode("FEEDBACK_GIVEN", 1, encoded.payload).has_value());
  EXPECT_FALSE(Decode("feedback_given", 2, encoded.payload).has_value());  // not its sealed form
  EXPECT_FALSE(Decode("feedback_given", 0, encoded.payload).has_value());
  EXPECT_FALSE(Decode("feedback_given", UINT32_MAX, encoded.payload).has_value());
  const auto newer = Decode("feedback_given", 3, encoded.payload);
  ASSERT_FALSE(newer.has_value());
  EXPECT_NE(newer.error().find("schema version 3"), std::string::npos) << newer.error();
  EXPECT_TRUE(Decode("feedback_given", 1, encoded.payload).has_value());
}

TEST(EventCodec, TruncatedOrExtendedPayloadsAreErrors) {
  for (const Event& sample : SamplesV1()) {
    const EncodedEvent encoded = Encode(sample);
    SCOPED_TRACE(encoded.type);
    for (std::size_t length = 0; length < encoded.payload.size(); ++length) {
      const auto decoded =
          Decode(encoded.type, encoded.schema_version, encoded.payload.substr(0, length));
      EXPECT_FALSE(decoded.has_value()) << "a prefix of " << length << " bytes decoded";
    }
    EXPECT_FALSE(
        Decode(encoded.type, encoded.schema_version, encoded.payload + std::string(1, '\0'))
            .has_value());
  }
}

TEST(EventCodec, FlippedBytesNeverThrow) {
  std::size_t decoded_anyway = 0;
  for (const Event& sample : SamplesV1()) {
    const EncodedEvent encoded = Encode(sample);
    SCOPED_TRACE(encoded.type);
    for (std::size_t at = 0; at < encoded.payload.size(); ++at) {
      for (unsigned char mask : {0x01, 0x10, 0x80, 0xff}) {
        std::string payload = encoded.payload;
        payload[at] = static_cast<char>(payload[at] ^ mask);
        std::expected<Event, std::string> decoded = std::unexpected(std::string());
        EXPECT_NO_THROW(decoded = Decode(encoded.type, encoded.schema_version, payload));
        if (decoded) ++decoded_anyway;
      }
    }
  }
  // Flipped text or numbers still decode; flipped lengths must not.
  EXPECT_GT(decoded_anyway, 0u);
}

TEST(EventCodec, RandomBytesNeverThrow) {
  std::mt19937 random(20180202);
  for (const Event& sample : SamplesV1()) {
    const std::string type(TypeName(sample));
    for (int round = 0; round < 200; ++round) {
      std::string payload(random() % 96, '\0');
      for (char& byte : payload) byte = static_cast<char>(random());
      if (!payload.empty() && round % 2 == 0) payload[0] = 1;  // a plausible endianness byte
      EXPECT_NO_THROW((void)Decode(type, 1, payload)) << type;
    }
  }
}

// A bool is one byte, 0 or 1: any other value is an error, not undefined behaviour.
TEST(EventCodec, ABoolByteOtherThanZeroOrOneIsAnError) {
  const EncodedEvent encoded = Encode(CertificationDenied{"no", false});
  for (int byte = 0; byte < 256; ++byte) {
    std::string payload = encoded.payload;
    payload.back() = static_cast<char>(byte);
    const auto decoded = Decode(encoded.type, 1, payload);
    if (byte > 1) {
      EXPECT_FALSE(decoded.has_value()) << byte;
    } else {
      ASSERT_TRUE(decoded.has_value()) << byte;
      EXPECT_EQ(std::get<CertificationDenied>(*decoded).completion_met, byte == 1);
    }
  }
}

// A corrupt length must fail at the end of the payload, not allocate what it claims first.
TEST(EventCodec, HugeLengthsFailWithoutAllocatingThem) {
  const EncodedEvent encoded = Encode(FeedbackGiven{"ok"});
  ASSERT_EQ(encoded.payload.size(), 1u + 8u + 2u);
  for (std::uint64_t length : {std::uint64_t{3}, std::uint64_t{1} << 32, std::uint64_t{1} << 36,
                               std::uint64_t{1} << 40, ~std::uint64_t{0}}) {
    SCOPED_TRACE(length);
    std::string payload = encoded.payload;
    for (int i = 0; i < 8; ++i) payload[1 + i] = static_cast<char>(length >> (8 * i));
    const auto decoded = Decode(encoded.type, 1, payload);
    EXPECT_FALSE(decoded.has_value());
  }
  // A list of sessions that claims more entries than the payload can hold.
  for (std::uint64_t count : {std::uint64_t{1} << 30, std::uint64_t{1} << 40}) {
    SCOPED_TRACE(count);
    CohortOpened empty;
    std::string bytes = Encode(empty).payload;
    // The session count is the last 8 bytes of an empty cohort.
    for (int i = 0; i < 8; ++i) bytes[bytes.size() - 8 + i] = static_cast<char>(count >> (8 * i));
    bytes += std::string(40, '\0');
    EXPECT_FALSE(Decode("cohort_opened", 1, bytes).has_value());
  }
}

}  // namespace
}  // namespace ctom::domain
