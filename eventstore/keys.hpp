// Column families, keys and the small values stored beside the records (docs/ledger.md, "Keys").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "eventstore/ledger.hpp"

namespace ctom::eventstore {

inline constexpr std::string_view kEventsFamily = "events";    // position -> record
inline constexpr std::string_view kStreamsFamily = "streams";  // (stream, version) -> position
inline constexpr std::string_view kIdempotencyFamily = "idempotency";  // key -> original result
inline constexpr std::string_view kHeadFamily = "head";                // "head" -> position, hash
inline constexpr std::string_view kHeadKey = "head";

inline constexpr std::size_t kEventKeyBytes = 8;

// events: the position, 8 bytes big-endian, so the keys sort in log order.
std::string EventKey(std::uint64_t position);
std::optional<std::uint64_t> PositionFromEventKey(std::string_view key);

// streams: u16 length of the stream id, the id, u64 version. The length prefix keeps one stream's
// keys contiguous and ordered by version, whatever bytes the id holds.
std::string StreamKey(std::string_view stream, std::uint64_t version);
std::string StreamKeyPrefix(std::string_view stream);
struct StreamKeyParts {
  std::string_view stream;
  std::uint64_t version = 0;
};
std::optional<StreamKeyParts> ParseStreamKey(std::string_view key);

// A streams value: the position, 8 bytes big-endian.
std::string PositionValue(std::uint64_t position);
std::optional<std::uint64_t> ParsePositionValue(std::string_view value);

// What an idempotency key remembers: the request's digest and the result it got.
struct IdempotencyEntry {
  Hash request_digest{};
  AppendResult result;
};
std::string EncodeIdempotencyEntry(const IdempotencyEntry& entry);
std::optional<IdempotencyEntry> DecodeIdempotencyEntry(std::string_view value);

std::string EncodeHead(const Head& head);
std::optional<Head> DecodeHead(std::string_view value);

}  // namespace ctom::eventstore
