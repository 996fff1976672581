// Decoding ledger records into domain events.
#include "projections/recorded_event.hpp"

namespace ctom::projections {

std::expected<domain::Recorded, std::string> ToRecorded(const eventstore::RecordedEvent& record,
                                                        const Unsealer& unsealer) {
  auto event = unsealer.Decode(record.stream, record.stream_version, record.type,
                               record.schema_version, record.payload);
  if (!event) {
    return std::unexpected("position " + std::to_string(record.position) + ": " + event.error());
  }
  domain::Recorded recorded;
  recorded.position = record.position;
  recorded.stream = record.stream;
  recorded.stream_version = record.stream_version;
  recorded.occurred_at = record.occurred_at_us;
  recorded.recorded_at = record.recorded_at_us;
  recorded.actor_id = record.actor.user_id;
  recorded.actor_role = record.actor.role;
  recorded.personal_data = event->personal_data;
  recorded.event = std::move(event->event);
  return recorded;
}

std::expected<void, std::string> DecodeInto(const eventstore::RecordedEventView& view,
                                            const Unsealer& unsealer, domain::Recorded& recorded) {
  auto event = unsealer.Decode(view.stream, view.stream_version, view.type, view.schema_version,
                               view.payload);
  if (!event) {
    return std::unexpected("position " + std::to_string(view.position) + ": " + event.error());
  }
  recorded.position = view.position;
  recorded.stream.assign(view.stream);
  recorded.stream_version = view.stream_version;
  recorded.occurred_at = view.occurred_at_us;
  recorded.recorded_at = view.recorded_at_us;
  recorded.actor_id.assign(view.actor_user_id);
  recorded.actor_role.assign(view.actor_role);
  recorded.personal_data = event->personal_data;
  recorded.event = std::move(event->event);
  return {};
}

}  // namespace ctom::projections
