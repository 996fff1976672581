// Events as JSON text, for auditors: the "data" of /v1/events, history, export and replay.
// Field names are the event's own; instants are RFC 3339 UTC, dates YYYY-MM-DD; a document's
// bytes are left out (they are served by /v1/documents).
#pragma once

#include <string>

#include "domain/events.hpp"

namespace ctom::domain {

// A JSON object holding every field of the event.
std::string EventDataJson(const Event& event);

// A JSON string literal (with quotes) of UTF-8 text.
std::string JsonString(std::string_view text);

}  // namespace ctom::domain
