// Folders that hold a ledger or a copy of one (a data folder, a backup) hold personal data: the
// tools create them for their owner alone.
#pragma once

#include <expected>
#include <filesystem>
#include <string>

namespace ctom::eventstore {

// Creates path and any missing parents. When path itself is created here it gets mode 0700; a
// folder that already exists keeps its mode. Returns whether path was created, or why it could
// not be created or restricted.
[[nodiscard]] std::expected<bool, std::string> CreatePrivateFolder(
    const std::filesystem::path& path);

// True when group or others may do anything with path (false when it cannot be read).
[[nodiscard]] bool OpenToOthers(const std::filesystem::path& path);

}  // namespace ctom::eventstore
