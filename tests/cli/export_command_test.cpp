// ctom export end to end: JSON lines of every record with its hashes, from which an auditor can
// re-verify the chain with the file alone (no database), and which name a changed byte.
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <optional>

#include "tests/cli/cli_test_support.hpp"

namespace ctom::cli::testing {
namespace {

std::optional<std::string> BytesFromHex(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  std::string bytes;
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    int value = 0;
    for (char digit : hex.substr(i, 2)) {
      const auto nibble = std::string_view("0123456789abcdef").find(digit);
      if (nibble == std::string_view::npos) return std::nullopt;
      value = value * 16 + static_cast<int>(nibble);
    }
    bytes.push_back(static_cast<char>(value));
  }
  return bytes;
}

std::string Text(const boost::json::value& object, const char* name) {
  return std::string(object.at(name).as_string());
}

// The record an export line stands for, read from its fields alone; nullopt when a field is
// missing or malformed.
std::optional<eventstore::RecordedEvent> RecordOfLine(const std::string& line) {
  boost::system::error_code error;
  const boost::json::value json = boost::json::parse(line, error);
  if (error || !json.is_object()) return std::nullopt;
  try {
    eventstore::RecordedEvent record;
    record.position = json.at("position").to_number<std::uint64_t>();
    record.stream = Text(json, "stream");
    record.stream_version = json.at("version").to_number<std::uint64_t>();
    record.type = Text(json, "type");
    record.schema_version = json.at("schema_version").to_number<std::uint32_t>();
    const auto event_id = BytesFromHex(Text(json, "event_id"));
    const auto occurred_at = domain::ParseInstant(Text(json, "occurred_at"));
    const auto recorded_at = domain::ParseInstant(Text(json, "recorded_at"));
    const auto payload = BytesFromHex(Text(json, "payload"));
    const auto previous_hash = eventstore::HashFromHex(Text(json, "previous_hash"));
    const auto hash = eventstore::HashFromHex(Text(json, "hash"));
    if (!event_id || event_id->size() != record.event_id.size() || !occurred_at || !recorded_at ||
        !payload || !previous_hash || !hash) {
      return std::nullopt;
    }
    std::copy(event_id->begin(), event_id->end(), record.event_id.begin());
    record.occurred_at_us = *occurred_at;
    record.recorded_at_us = *recorded_at;
    record.actor = {Text(json.at("actor"), "user_id"), Text(json.at("actor"), "role")};
    record.correlation_id = Text(json, "correlation_id");
    record.causation_id = Text(json, "causation_id");
    record.idempotency_key = Text(json, "idempotency_key");
    record.payload = *payload;
    record.previous_hash = *previous_hash;
    record.hash = *hash;
    return record;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// What an auditor runs on a copy of the log: every record's hash recomputes from its fields and
// links to the one before. Returns the 1-based number of the first bad line, or 0 when intact.
std::size_t FirstBadLine(const std::vector<std::string>& lines) {
  eventstore::Hash previous{};
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto record = RecordOfLine(lines[i]);
    if (!record || record->position != i + 1 || record->previous_hash != previous ||
        eventstore::RecordHash(*record) != record->hash) {
      return i + 1;
    }
    previous = record->hash;
  }
  return 0;
}

std::vector<eventstore::RecordedEvent> ReadAll(eventstore::Ledger& ledger) {
  auto records = ledger.ReadAll(1, eventstore::kReadPageEventsMax);
  EXPECT_TRUE(records.has_value());
  return records.value_or(std::vector<eventstore::RecordedEvent>{});
}

class ExportCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_.AppendAll(SmallHistory());
    // A record using every field: ids, a quoted correlation, an idempotency key, an instant
    // with microseconds and a payload that is not an event the domain knows.
    eventstore::AppendRequest request;
    request.stream = "candidate-c1";
    request.idempotency_key = "import-line-7";
    eventstore::NewEvent event;
    event.type = "note_from_elsewhere";
    event.schema_version = 3;
    for (std::size_t i = 0; i < event.event_id.size(); ++i) {
      event.event_id[i] = static_cast<std::uint8_t>(0xf0 + i);
    }
    event.occurred_at_us = At("2012-01-02T03:04:05.678901Z");
    event.actor = {"u-\"auditor\"", "auditor"};
    event.correlation_id = "correlation\twith a tab";
    event.causation_id = "caused-by-1";
    event.payload = std::string("\x00\xff\x7f\n\"", 5);
    request.events.push_back(std::move(event));
    auto appended = folder_.ledger().Append(std::move(request));
    ASSERT_TRUE(appended.has_value()) << appended.error().detail;
  }

  DataFolder folder_;
};

TEST_F(ExportCommand, EveryRecordIsOneJsonLineWithItsHashes) {
  const CtomRun run = RunCtom({"export", "--data", folder_.data()});
  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(run.err, "");
  const std::vector<std::string> lines = Lines(run.out);
  const std::vector<eventstore::RecordedEvent> stored = ReadAll(folder_.ledger());
  ASSERT_EQ(lines.size(), stored.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const boost::json::value json = boost::json::parse(lines[i]);
    for (const char* field :
         {"position", "stream", "version", "type", "schema_version", "event_id", "occurred_at",
          "recorded_at", "actor", "correlation_id", "causation_id", "idempotency_key", "data",
          "payload", "previous_hash", "hash"}) {
      EXPECT_TRUE(json.as_object().contains(field)) << field << " in " << lines[i];
    }
    const auto record = RecordOfLine(lines[i]);
    ASSERT_TRUE(record.has_value()) << lines[i];
    const eventstore::RecordedEvent& expected = stored[i];
    EXPECT_EQ(record->position, expected.position);
    EXPECT_EQ(record->stream, expected.stream);
    EXPECT_EQ(record->stream_version, expected.stream_version);
    EXPECT_EQ(record->type, expected.type);
    EXPECT_EQ(record->schema_version, expected.schema_version);
    EXPECT_EQ(record->event_id, expected.event_id);
    EXPECT_EQ(record->occurred_at_us, expected.occurred_at_us);
    EXPECT_EQ(record->recorded_at_us, expected.recorded_at_us);
    EXPECT_EQ(record->actor.user_id, expected.actor.user_id);
    EXPECT_EQ(record->actor.role, expected.actor.role);
    EXPECT_EQ(record->correlation_id, expected.correlation_id);
    EXPECT_EQ(record->causation_id, expected.causation_id);
    EXPECT_EQ(record->idempotency_key, expected.idempotency_key);
    EXPECT_EQ(record->payload, expected.payload);
    EXPECT_EQ(record->previous_hash, expected.previous_hash);
    EXPECT_EQ(record->hash, expected.hash);
  }
  // Decoded events are rendered beside their bytes.
  const boost::json::value first = boost::json::parse(lines.front());
  EXPECT_EQ(first.at("data").at("year").to_number<std::int64_t>(), 2011);
}

TEST_F(ExportCommand, ChainReverifiesFromTheFileAlone) {
  const CtomRun run = RunCtom({"export", "--data", folder_.data()});
  ASSERT_EQ(run.exit_code, 0) << run;
  const std::vector<std::string> lines = Lines(run.out);
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(FirstBadLine(lines), 0u);
  // The last line's hash is the ledger's head: a digest taken from the server matches the copy.
  const auto last = RecordOfLine(lines.back());
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(last->hash, folder_.ledger().GetHead().hash);
}

TEST_F(ExportCommand, OneChangedPayloadDigitInTheFileIsNamedByItsLine) {
  const CtomRun run = RunCtom({"export", "--data", folder_.data()});
  ASSERT_EQ(run.exit_code, 0) << run;
  std::vector<std::string> lines = Lines(run.out);
  ASSERT_GT(lines.size(), 20u);
  std::string& line = lines[19];
  const std::size_t payload = line.find("\"payload\":\"");
  ASSERT_NE(payload, std::string::npos);
  char& digit = line[payload + 11];
  digit = digit == '0' ? '1' : '0';
  EXPECT_EQ(FirstBadLine(lines), 20u);
}

TEST_F(ExportCommand, OneStreamExportsOnlyItsRecordsInVersionOrder) {
  const CtomRun run = RunCtom({"export", "--data", folder_.data(), "--stream", "candidate-c1"});
  ASSERT_EQ(run.exit_code, 0) << run;
  const std::vector<std::string> lines = Lines(run.out);
  ASSERT_GT(lines.size(), 1u);
  std::uint64_t version = 0;
  for (const std::string& line : lines) {
    const auto record = RecordOfLine(line);
    ASSERT_TRUE(record.has_value()) << line;
    EXPECT_EQ(record->stream, "candidate-c1");
    EXPECT_EQ(record->stream_version, ++version);
    // Each record still proves itself against its recorded predecessor's hash.
    EXPECT_EQ(eventstore::RecordHash(*record), record->hash) << line;
  }
  EXPECT_EQ(version, folder_.ledger().StreamVersion("candidate-c1"));
}

TEST_F(ExportCommand, UnknownStreamIsUnreadableDataWithOneLineAsReplaySays) {
  const CtomRun run = RunCtom({"export", "--data", folder_.data(), "--stream", "candidate-nobody"});
  EXPECT_EQ(run.exit_code, 2) << run;
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err, "ctom: no stream candidate-nobody in the ledger\n");
  const CtomRun replay = RunCtom({"replay", "--data", folder_.data(), "candidate-nobody"});
  EXPECT_EQ(replay.exit_code, run.exit_code) << replay;
  EXPECT_EQ(replay.err, run.err);
}

TEST_F(ExportCommand, BadUsageExitsTwoWithOneLine) {
  for (const std::vector<std::string>& arguments : {
           std::vector<std::string>{"export"},
           std::vector<std::string>{"export", "--data", folder_.data(), "--stream"},
           std::vector<std::string>{"export", "--data", folder_.data(), "--since", "3"},
           std::vector<std::string>{"export", "--data", folder_.data() + "/missing"},
       }) {
    const CtomRun run = RunCtom(arguments);
    EXPECT_EQ(run.exit_code, 2) << run;
    EXPECT_EQ(run.out, "");
    EXPECT_EQ(Lines(run.err).size(), 1u) << run.err;
  }
}

}  // namespace
}  // namespace ctom::cli::testing
