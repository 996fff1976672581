// Validation and digests of append requests; pure functions run on the caller's thread.
#include "eventstore/append_request.hpp"

#include <string>

#include "eventstore/binary_codec.hpp"
#include "eventstore/sha256.hpp"

namespace ctom::eventstore {
namespace {

constexpr std::uint8_t kCallerDigestTag = 1;
constexpr std::uint8_t kLedgerDigestTag = 2;

Error Invalid(std::string detail) { return Error{ErrorCode::invalid_request, std::move(detail)}; }

std::optional<Error> ValidateEvent(const NewEvent& event, std::size_t index) {
  const std::string where = "event " + std::to_string(index) + ": ";
  if (event.type.empty()) return Invalid(where + "empty event type");
  if (event.schema_version == 0) return Invalid(where + "schema_version must be at least 1");
  if (event.payload.size() > kPayloadBytesMax) return Invalid(where + "payload too large");
  for (const std::string* field : {&event.type, &event.actor.user_id, &event.actor.role,
                                   &event.correlation_id, &event.causation_id}) {
    if (field->size() > kEventFieldBytesMax) return Invalid(where + "a field is too long");
  }
  return std::nullopt;
}

}  // namespace

std::size_t AppendPayloadBytes(const AppendRequest& request) {
  std::size_t bytes = 0;
  for (const NewEvent& event : request.events) bytes += event.payload.size();
  return bytes;
}

std::optional<Error> ValidateAppendRequest(const AppendRequest& request) {
  if (request.stream.empty()) return Invalid("empty stream id");
  if (request.stream.size() > kStreamIdBytesMax) return Invalid("stream id too long");
  if (request.events.empty()) return Invalid("no events");
  if (request.events.size() > kAppendEventsMax) return Invalid("too many events");
  if (request.idempotency_key.size() > kIdempotencyKeyBytesMax) {
    return Invalid("idempotency key too long");
  }
  for (std::size_t i = 0; i < request.events.size(); ++i) {
    if (auto error = ValidateEvent(request.events[i], i)) return error;
  }
  if (AppendPayloadBytes(request) > kAppendPayloadBytesMax) return Invalid("payloads too large");
  return std::nullopt;
}

Hash AppendRequestDigest(const AppendRequest& request) {
  std::string bytes;
  BinaryWriter writer(bytes);
  if (!request.request_digest.empty()) {
    writer.PutU8(kCallerDigestTag);
    writer.PutString(request.request_digest);
    return Sha256(bytes);
  }
  writer.PutU8(kLedgerDigestTag);
  writer.PutString(request.stream);
  writer.PutU32(static_cast<std::uint32_t>(request.events.size()));
  Sha256Hasher hasher;
  hasher.Update(bytes);
  // Payloads are hashed in place rather than copied into one buffer.
  for (const NewEvent& event : request.events) {
    bytes.clear();
    writer.PutString(event.type);
    writer.PutU32(static_cast<std::uint32_t>(event.payload.size()));
    hasher.Update(bytes);
    hasher.Update(event.payload);
  }
  return hasher.Finish();
}

}  // namespace ctom::eventstore
