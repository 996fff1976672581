// Encodes and decodes ledger records, and computes the hash each record must carry.
#include "eventstore/record_codec.hpp"

#include <algorithm>

#include "eventstore/binary_codec.hpp"

namespace ctom::eventstore {
namespace {

// Fixed bytes of the canonical encoding besides the strings: encoding, position, stream version,
// schema version, event id, two instants, and the u32 length of each of the 9 strings.
constexpr std::size_t kCanonicalFixedBytes = 1 + 8 + 8 + 4 + 16 + 8 + 8 + 9 * 4;

std::size_t CanonicalSize(const RecordFields& f) {
  return kCanonicalFixedBytes + f.stream.size() + f.type.size() + f.actor_user_id.size() +
         f.actor_role.size() + f.correlation_id.size() + f.causation_id.size() +
         f.idempotency_key.size() + f.payload.size();
}

// A stored value's fields, borrowed from it; the event id is copied (it is 16 bytes).
struct StoredRecord {
  RecordFields fields;
  EventId event_id{};
  std::string_view previous_hash;
  std::string_view hash;
};

// The one reader of the stored encoding: false when the value is truncated, has trailing bytes,
// or another encoding.
bool DecodeStored(std::string_view value, StoredRecord& out) {
  BinaryReader reader(value);
  RecordFields& f = out.fields;
  auto encoding = reader.GetU8();
  if (!encoding || *encoding != kRecordEncodingV1) return false;
  auto position = reader.GetU64();
  auto stream = reader.GetStringView();
  auto stream_version = reader.GetU64();
  auto type = reader.GetStringView();
  auto schema_version = reader.GetU32();
  if (!position || !stream || !stream_version || !type || !schema_version ||
      !reader.GetRaw(out.event_id)) {
    return false;
  }
  auto occurred_at = reader.GetI64();
  auto recorded_at = reader.GetI64();
  auto user_id = reader.GetStringView();
  auto role = reader.GetStringView();
  auto correlation_id = reader.GetStringView();
  auto causation_id = reader.GetStringView();
  auto idempotency_key = reader.GetStringView();
  auto payload = reader.GetStringView();
  auto previous_hash = reader.GetRawView(sizeof(Hash));
  auto hash = reader.GetRawView(sizeof(Hash));
  if (!occurred_at || !recorded_at || !user_id || !role || !correlation_id || !causation_id ||
      !idempotency_key || !payload || !previous_hash || !hash || reader.remaining() != 0) {
    return false;
  }
  f = RecordFields{.position = *position,
                   .stream = *stream,
                   .stream_version = *stream_version,
                   .type = *type,
                   .schema_version = *schema_version,
                   .event_id = &out.event_id,
                   .occurred_at_us = *occurred_at,
                   .recorded_at_us = *recorded_at,
                   .actor_user_id = *user_id,
                   .actor_role = *role,
                   .correlation_id = *correlation_id,
                   .causation_id = *causation_id,
                   .idempotency_key = *idempotency_key,
                   .payload = *payload};
  out.previous_hash = *previous_hash;
  out.hash = *hash;
  return true;
}

void CopyHash(std::string_view bytes, Hash& hash) {
  std::copy(bytes.begin(), bytes.end(), hash.begin());
}

}  // namespace

RecordFields FieldsOf(const RecordedEvent& record) {
  return RecordFields{
      .position = record.position,
      .stream = record.stream,
      .stream_version = record.stream_version,
      .type = record.type,
      .schema_version = record.schema_version,
      .event_id = &record.event_id,
      .occurred_at_us = record.occurred_at_us,
      .recorded_at_us = record.recorded_at_us,
      .actor_user_id = record.actor.user_id,
      .actor_role = record.actor.role,
      .correlation_id = record.correlation_id,
      .causation_id = record.causation_id,
      .idempotency_key = record.idempotency_key,
      .payload = record.payload,
  };
}

void AppendCanonicalBytes(const RecordFields& f, std::string& out) {
  out.reserve(out.size() + CanonicalSize(f));
  BinaryWriter writer(out);
  writer.PutU8(kRecordEncodingV1);
  writer.PutU64(f.position);
  writer.PutString(f.stream);
  writer.PutU64(f.stream_version);
  writer.PutString(f.type);
  writer.PutU32(f.schema_version);
  writer.PutRaw(*f.event_id);
  writer.PutI64(f.occurred_at_us);
  writer.PutI64(f.recorded_at_us);
  writer.PutString(f.actor_user_id);
  writer.PutString(f.actor_role);
  writer.PutString(f.correlation_id);
  writer.PutString(f.causation_id);
  writer.PutString(f.idempotency_key);
  writer.PutString(f.payload);
}

std::string EncodeRecord(const RecordFields& fields, const Hash& previous_hash,
                         Sha256Hasher& hasher, Hash& hash_out) {
  std::string value;
  value.reserve(CanonicalSize(fields) + 2 * sizeof(Hash));
  AppendCanonicalBytes(fields, value);
  hasher.Update(previous_hash);
  hasher.Update(value);
  hash_out = hasher.Finish();
  BinaryWriter writer(value);
  writer.PutRaw(previous_hash);
  writer.PutRaw(hash_out);
  return value;
}

bool DecodeRecordView(std::string_view value, RecordedEventView& view) {
  StoredRecord stored;
  if (!DecodeStored(value, stored)) return false;
  const RecordFields& f = stored.fields;
  view = RecordedEventView{f.position,       f.stream,         f.stream_version, f.type,
                           f.schema_version, f.occurred_at_us, f.recorded_at_us, f.actor_user_id,
                           f.actor_role,     f.payload};
  return true;
}

bool DecodeRecordInto(std::string_view value, RecordedEvent& record) {
  StoredRecord stored;
  if (!DecodeStored(value, stored)) return false;
  const RecordFields& f = stored.fields;
  record.position = f.position;
  record.stream.assign(f.stream);
  record.stream_version = f.stream_version;
  record.type.assign(f.type);
  record.schema_version = f.schema_version;
  record.event_id = stored.event_id;
  record.occurred_at_us = f.occurred_at_us;
  record.recorded_at_us = f.recorded_at_us;
  record.actor.user_id.assign(f.actor_user_id);
  record.actor.role.assign(f.actor_role);
  record.correlation_id.assign(f.correlation_id);
  record.causation_id.assign(f.causation_id);
  record.idempotency_key.assign(f.idempotency_key);
  record.payload.assign(f.payload);
  CopyHash(stored.previous_hash, record.previous_hash);
  CopyHash(stored.hash, record.hash);
  return true;
}

std::optional<RecordedEvent> DecodeRecord(std::string_view value) {
  RecordedEvent record;
  if (!DecodeRecordInto(value, record)) return std::nullopt;
  return record;
}

Hash RecordHash(const RecordedEvent& record) {
  std::string canonical;
  AppendCanonicalBytes(FieldsOf(record), canonical);
  Sha256Hasher hasher;
  hasher.Update(record.previous_hash);
  hasher.Update(canonical);
  return hasher.Finish();
}

}  // namespace ctom::eventstore
