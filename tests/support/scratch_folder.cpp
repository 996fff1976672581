// Temporary folders for tests, and folded events turned back into ledger appends.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "domain/event_codec.hpp"
#include "tests/support/program_history.hpp"

namespace ctom::testing {

ScratchFolder::ScratchFolder() {
  std::string pattern = (std::filesystem::temp_directory_path() / "ctom-test-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) std::abort();
  path_ = pattern;
}

ScratchFolder::~ScratchFolder() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

LedgerEntry ToLedgerEntry(const domain::Recorded& recorded) {
  domain::EncodedEvent encoded = domain::Encode(recorded.event);
  return LedgerEntry{recorded.stream,           std::move(encoded.type), encoded.schema_version,
                     recorded.occurred_at,      recorded.actor_id,       recorded.actor_role,
                     std::move(encoded.payload)};
}

}  // namespace ctom::testing
