// The record and key encodings: round trips, strict decoding, and golden bytes that must decode
// forever.
#include "eventstore/record_codec.hpp"

#include <gtest/gtest.h>

#include "eventstore/hex.hpp"
#include "eventstore/keys.hpp"

namespace ctom::eventstore {
namespace {

RecordedEvent SampleRecord() {
  RecordedEvent record;
  record.position = 7;
  record.stream = "cohort-2024";
  record.stream_version = 3;
  record.type = "MentorAssigned";
  record.schema_version = 2;
  for (std::size_t i = 0; i < record.event_id.size(); ++i) {
    record.event_id[i] = static_cast<std::uint8_t>(i);
  }
  record.occurred_at_us = -5;  // before the epoch: instants are signed
  record.recorded_at_us = 1'700'000'000'000'001;
  record.actor = Actor{"u1", "admin"};
  record.correlation_id = "c";
  record.causation_id = "";
  record.idempotency_key = "k";
  record.payload = std::string("\x00\x01payload", 9);
  record.previous_hash.fill(0xAB);
  record.hash = RecordHash(record);
  return record;
}

std::string Encode(const RecordedEvent& record) {
  Sha256Hasher hasher;
  Hash hash{};
  std::string value = EncodeRecord(FieldsOf(record), record.previous_hash, hasher, hash);
  EXPECT_EQ(hash, record.hash);
  return value;
}

TEST(RecordCodec, RoundTripKeepsEveryField) {
  const RecordedEvent record = SampleRecord();
  auto decoded = DecodeRecord(Encode(record));
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->position, record.position);
  EXPECT_EQ(decoded->stream, record.stream);
  EXPECT_EQ(decoded->stream_version, record.stream_version);
  EXPECT_EQ(decoded->type, record.type);
  EXPECT_EQ(decoded->schema_version, record.schema_version);
  EXPECT_EQ(decoded->event_id, record.event_id);
  EXPECT_EQ(decoded->occurred_at_us, record.occurred_at_us);
  EXPECT_EQ(decoded->recorded_at_us, record.recorded_at_us);
  EXPECT_EQ(decoded->actor.user_id, record.actor.user_id);
  EXPECT_EQ(decoded->actor.role, record.actor.role);
  EXPECT_EQ(decoded->correlation_id, record.correlation_id);
  EXPECT_EQ(decoded->causation_id, record.causation_id);
  EXPECT_EQ(decoded->idempotency_key, record.idempotency_key);
  EXPECT_EQ(decoded->payload, record.payload);
  EXPECT_EQ(decoded->previous_hash, record.previous_hash);
  EXPECT_EQ(decoded->hash, record.hash);
}

TEST(RecordCodec, HashCoversEveryField) {
  const RecordedEvent record = SampleRecord();
  auto changed = [&](auto mutate) {
    RecordedEvent copy = record;
    mutate(copy);
    return RecordHash(copy) != record.hash;
  };
  EXPECT_TRUE(changed([](RecordedEvent& r) { r.position++; }));
  EXPECT_TRUE(changed([](RecordedEvent& r) { r.stream += "x"; }));
  EXPECT_TRUE(changed([](RecordedEvent& r) { r.stream_version++; }));
  EXPECT_TRUE(changed([](RecordedEvent& r) { r.type += "x"; }));
  EXPECT_TRUE(changed([](RecordedEvent& r) { r.schema_version++; }));
  EXPECT_TRUE(changed([](RecordedEvent& r) { r.event_id[15]++; }));
  EXPECT_TRUE(changed([](RecordedEvent& r) { r.occurred_at_us++; }));
  EXPECT_TRUE(changed([](RecordedEvent& r) { r.recorded_at_us++; }));
  EXPECT_TRUE(changed([](RecordedEvent& r) { r.actor.user_id += "x"; }));
  EXPECT_TRUE(changed([](RecordedEvent& r) { r.actor.role += "x"; }));
  EXPECT_TRUE(changed([](RecordedEvent& r) { r.correlation_id += "x"; }));
  EXPECT_TRUE(changed([](RecordedEvent& r) { r.causation_id += "x"; }));
  EXPECT_TRUE(changed([](RecordedEvent& r) { r.idempotency_key += "x"; }));
  EXPECT_TRUE(changed([](RecordedEvent& r) { r.payload += "x"; }));
  EXPECT_TRUE(changed([](RecordedEvent& r) { r.previous_hash[0]++; }));
  // Length prefixes keep field boundaries: moving a byte from one string to the next changes it.
  EXPECT_TRUE(changed([](RecordedEvent& r) {
    r.actor.user_id = "u";
    r.actor.role = "1admin";
  }));
}

TEST(RecordCodec, EveryTruncationIsRefused) {
  const std::string value = Encode(SampleRecord());
  for (std::size_t size = 0; size < value.size(); ++size) {
    EXPECT_FALSE(DecodeRecord(std::string_view(value).substr(0, size)).has_value()) << size;
  }
}

TEST(RecordCodec, TrailingBytesAndUnknownEncodingAreRefused) {
  std::string value = Encode(SampleRecord());
  EXPECT_FALSE(DecodeRecord(value + "x").has_value());
  value[0] = 2;
  EXPECT_FALSE(DecodeRecord(value).has_value());
}

// The bytes of SampleRecord as the first release stores them. If this fails, the encoding changed:
// add a new encoding number instead, and keep decoding this one.
constexpr std::string_view kGoldenRecordHex =
    "010000000000000007000000"
    "0b636f686f72742d32303234"
    "0000000000000003"
    "0000000e4d656e746f7241737369676e6564"
    "00000002"
    "000102030405060708090a0b0c0d0e0f"
    "fffffffffffffffb"
    "00060a24181e4001"
    "000000027531"
    "0000000561646d696e"
    "0000000163"
    "00000000"
    "000000016b"
    "0000000900017061796c6f6164"
    "abababababababababababababababababababababababababababababababab";

TEST(RecordCodec, GoldenRecordStillDecodesAndVerifies) {
  const RecordedEvent record = SampleRecord();
  const std::string value = Encode(record);
  const std::string hex =
      ToHex(std::span(reinterpret_cast<const std::uint8_t*>(value.data()), value.size()));
  // The stored value is the golden prefix followed by the record's own hash.
  ASSERT_EQ(hex.substr(0, kGoldenRecordHex.size()), kGoldenRecordHex);
  EXPECT_EQ(hex.substr(kGoldenRecordHex.size()), ToHex(record.hash));
  auto decoded = DecodeRecord(value);
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(RecordHash(*decoded), decoded->hash);
}

TEST(Sha256, KnownAnswerAndHex) {
  EXPECT_EQ(ToHex(Sha256("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  auto parsed = HashFromHex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015AD");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(*parsed, Sha256("abc"));
  EXPECT_FALSE(HashFromHex("ba78").has_value());
  EXPECT_FALSE(HashFromHex(std::string(64, 'g')).has_value());
}

TEST(Keys, EventKeysSortInLogOrder) {
  EXPECT_LT(EventKey(255), EventKey(256));
  EXPECT_LT(EventKey(1), EventKey(1ULL << 40));
  EXPECT_EQ(PositionFromEventKey(EventKey(123456789)), 123456789u);
  EXPECT_FALSE(PositionFromEventKey("short").has_value());
}

TEST(Keys, StreamKeysKeepStreamsApart) {
  // "a" and "a\0" must not interleave, whatever their versions.
  const std::string a_last = StreamKey("a", ~0ULL);
  const std::string a0_first = StreamKey(std::string("a\0", 2), 0);
  EXPECT_LT(a_last, a0_first);
  EXPECT_LT(StreamKey("s", 9), StreamKey("s", 10));
  const std::string key = StreamKey("stream", 42);
  auto parts = ParseStreamKey(key);
  ASSERT_TRUE(parts.has_value());
  EXPECT_EQ(parts->stream, "stream");
  EXPECT_EQ(parts->version, 42u);
}

TEST(Keys, IdempotencyEntryAndHeadRoundTrip) {
  IdempotencyEntry entry;
  entry.request_digest = Sha256("request");
  entry.result = AppendResult{5, 7, 3, false};
  auto decoded = DecodeIdempotencyEntry(EncodeIdempotencyEntry(entry));
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->request_digest, entry.request_digest);
  EXPECT_EQ(decoded->result.first_position, 5u);
  EXPECT_EQ(decoded->result.last_position, 7u);
  EXPECT_EQ(decoded->result.stream_version, 3u);
  Head head{9, Sha256("head")};
  auto head_decoded = DecodeHead(EncodeHead(head));
  ASSERT_TRUE(head_decoded.has_value());
  EXPECT_EQ(head_decoded->position, 9u);
  EXPECT_EQ(head_decoded->hash, head.hash);
  EXPECT_FALSE(DecodeHead(EncodeHead(head) + "x").has_value());
}

}  // namespace
}  // namespace ctom::eventstore
