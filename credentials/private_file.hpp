// The issuer's files: written whole or not at all, readable by their owner only.
#pragma once

#include <expected>
#include <filesystem>
#include <string>
#include <string_view>

namespace ctom::credentials {

// Writes contents to a new file at path with mode 0600: a temporary file beside it, synced, then
// renamed into place only if path does not exist yet, and the folder synced. After a crash path
// is absent or whole. Fails (one line: what and where) when path exists, leaving it untouched.
[[nodiscard]] std::expected<void, std::string> WriteNewPrivateFile(
    const std::filesystem::path& path, std::string_view contents);

// The whole of a file of at most bytes_max bytes; fails (one line) when unreadable or larger.
[[nodiscard]] std::expected<std::string, std::string> ReadSmallFile(
    const std::filesystem::path& path, std::size_t bytes_max);

}  // namespace ctom::credentials
