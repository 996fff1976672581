// Hex, the one encoder of bytes as text the program has: hashes, event ids, document ids and
// token hashes are all lower-case hex. Pure functions of the standard library only, so that the
// server (which includes nothing else of eventstore/) can use them for token hashes.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace ctom::eventstore {

// Lower-case hex of bytes: two digits a byte.
[[nodiscard]] std::string ToHex(std::span<const std::uint8_t> bytes);
[[nodiscard]] std::string ToHex(std::string_view bytes);

// The bytes of hex text (either case); nullopt on odd length or a non-hex digit.
[[nodiscard]] std::optional<std::string> FromHex(std::string_view hex);

}  // namespace ctom::eventstore
