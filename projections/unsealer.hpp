// Reading records' personal fields through the vault: a sealed record opened with its person's
// (or document's) key, or shown erased when the key was destroyed (docs/privacy.md).
#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <string_view>

#include "domain/event_codec.hpp"

namespace ctom::vault {
class Vault;
}

namespace ctom::projections {

// The associated data a record's sealed body is bound to: its stream, stream version and type,
// so sealed bytes moved to another record do not open.
std::string SealingAssociatedData(std::string_view stream, std::uint64_t stream_version,
                                  std::string_view type);

// Thread-safe; holds a pointer to the vault, which must outlive it.
class Unsealer {
 public:
  // Without a vault: every sealed record reads as erased (a tool run without the key file).
  Unsealer() = default;
  explicit Unsealer(const vault::Vault& vault) : vault_(&vault) {}
  // One that lives for the program: sealed fields read as erased.
  static const Unsealer& NoKeys();

  // Decodes a record, opening its sealed personal fields. Fails on bytes that do not decode and
  // on sealed bytes that do not open under their key (tampered, or moved from another record).
  std::expected<domain::DecodedEvent, std::string> Decode(std::string_view stream,
                                                          std::uint64_t stream_version,
                                                          std::string_view type,
                                                          std::uint32_t schema_version,
                                                          std::string_view payload) const;

  // The keyed hash of an e-mail address the duplicate-application rule compares; empty without a
  // vault or for an erased address.
  std::string EmailHash(std::string_view email) const;

  const vault::Vault* vault() const { return vault_; }

 private:
  const vault::Vault* vault_ = nullptr;
};

}  // namespace ctom::projections
