// Which fields of which events are personal data (API.md "Personal data and erasure"), and whose
// key seals them. command/ seals what this names; projections/ shows kErased where a key is gone.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/events.hpp"

namespace ctom::domain {

// What every personal field reads once its key is destroyed.
inline constexpr std::string_view kErased = "[erased]";

// The data key a record's personal fields are sealed under: a person's (a candidate or mentor,
// named by their stream, "candidate-<id>" or "mentor-<id>") or a document's (its id).
struct SealingKey {
  enum class Kind { person, document };
  Kind kind = Kind::person;
  std::string id;
  bool operator==(const SealingKey&) const = default;
};

// The key an event recorded on stream is sealed under, or none when it holds no personal field
// or names no person (a staff member's user account, a cohort's schedule).
std::optional<SealingKey> SealingKeyOf(std::string_view stream, const Event& event);

// Replaces every non-empty personal field of event with kErased (empty ones stay empty: there was
// nothing to erase). Returns whether the event's type has personal fields at all.
bool ErasePersonalFields(Event& event);

// Whether the event's type has personal fields.
bool HasPersonalFields(const Event& event);

// The documents an event names: once recorded, each is one of its person's keys.
std::vector<std::string> DocumentsNamed(const Event& event);

// The person a stream belongs to ("candidate-<id>" or "mentor-<id>", the stream itself), or empty.
std::string PersonOfStream(std::string_view stream);

}  // namespace ctom::domain
