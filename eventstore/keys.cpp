// Encodes and parses the ledger's keys and small values.
#include "eventstore/keys.hpp"

#include "eventstore/binary_codec.hpp"

namespace ctom::eventstore {
namespace {

constexpr std::uint8_t kIdempotencyEncodingV1 = 1;
constexpr std::uint8_t kHeadEncodingV1 = 1;

}  // namespace

std::string EventKey(std::uint64_t position) {
  std::string key;
  key.reserve(kEventKeyBytes);
  BinaryWriter(key).PutU64(position);
  return key;
}

std::optional<std::uint64_t> PositionFromEventKey(std::string_view key) {
  if (key.size() != kEventKeyBytes) return std::nullopt;
  return BinaryReader(key).GetU64();
}

std::string StreamKeyPrefix(std::string_view stream) {
  std::string key;
  key.reserve(2 + stream.size() + 8);
  BinaryWriter writer(key);
  writer.PutU16(static_cast<std::uint16_t>(stream.size()));
  writer.PutRaw(stream);
  return key;
}

std::string StreamKey(std::string_view stream, std::uint64_t version) {
  std::string key = StreamKeyPrefix(stream);
  BinaryWriter(key).PutU64(version);
  return key;
}

std::optional<StreamKeyParts> ParseStreamKey(std::string_view key) {
  BinaryReader reader(key);
  auto size = reader.GetU16();
  if (!size) return std::nullopt;
  auto stream = reader.GetRawView(*size);
  auto version = reader.GetU64();
  if (!stream || !version || reader.remaining() != 0) return std::nullopt;
  return StreamKeyParts{*stream, *version};
}

std::string PositionValue(std::uint64_t position) { return EventKey(position); }

std::optional<std::uint64_t> ParsePositionValue(std::string_view value) {
  return PositionFromEventKey(value);
}

std::string EncodeIdempotencyEntry(const IdempotencyEntry& entry) {
  std::string value;
  BinaryWriter writer(value);
  writer.PutU8(kIdempotencyEncodingV1);
  writer.PutRaw(entry.request_digest);
  writer.PutU64(entry.result.first_position);
  writer.PutU64(entry.result.last_position);
  writer.PutU64(entry.result.stream_version);
  return value;
}

std::optional<IdempotencyEntry> DecodeIdempotencyEntry(std::string_view value) {
  BinaryReader reader(value);
  auto encoding = reader.GetU8();
  if (!encoding || *encoding != kIdempotencyEncodingV1) return std::nullopt;
  IdempotencyEntry entry;
  if (!reader.GetRaw(entry.request_digest)) return std::nullopt;
  auto first = reader.GetU64();
  auto last = reader.GetU64();
  auto version = reader.GetU64();
  if (!first || !last || !version || reader.remaining() != 0) return std::nullopt;
  entry.result = AppendResult{*first, *last, *version, false};
  return entry;
}

std::string EncodeHead(const Head& head) {
  std::string value;
  BinaryWriter writer(value);
  writer.PutU8(kHeadEncodingV1);
  writer.PutU64(head.position);
  writer.PutRaw(head.hash);
  return value;
}

std::optional<Head> DecodeHead(std::string_view value) {
  BinaryReader reader(value);
  auto encoding = reader.GetU8();
  if (!encoding || *encoding != kHeadEncodingV1) return std::nullopt;
  Head head;
  auto position = reader.GetU64();
  if (!position || !reader.GetRaw(head.hash) || reader.remaining() != 0) return std::nullopt;
  head.position = *position;
  return head;
}

}  // namespace ctom::eventstore
