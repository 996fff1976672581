// Encoding decisions for the ledger, sealing personal fields.
#include "command/event_encoding.hpp"

#include <random>

#include "domain/event_codec.hpp"
#include "domain/personal_fields.hpp"
#include "projections/unsealer.hpp"
#include "vault/seal.hpp"
#include "vault/vault.hpp"

namespace ctom::command {
namespace {

eventstore::Error VaultFailure(const vault::VaultError& error) {
  return eventstore::Error{eventstore::ErrorCode::io_error, "the vault: " + error.detail};
}

eventstore::ExpectedVersion ExpectedOf(const domain::Decision& decision) {
  switch (decision.expect) {
    case domain::Expect::any:
      return eventstore::ExpectedVersion::Any();
    case domain::Expect::no_stream:
      return eventstore::ExpectedVersion::NoStream();
    case domain::Expect::exact:
      return eventstore::ExpectedVersion::Exact(decision.expected_version);
  }
  return eventstore::ExpectedVersion::Any();
}

// The data key of key, made and synced first when new.
vault::VaultResult<vault::SecretKey> EnsureKey(vault::Vault& vault, const domain::SealingKey& key) {
  return key.kind == domain::SealingKey::Kind::document ? vault.EnsureDocumentKey(key.id)
                                                        : vault.EnsurePersonKey(key.id);
}

// The event as the ledger stores it: sealed when it has a person, else in clear.
std::expected<domain::EncodedEvent, eventstore::Error> EncodeEvent(const domain::Event& event,
                                                                   const std::string& stream,
                                                                   std::uint64_t stream_version,
                                                                   vault::Vault* vault) {
  const auto key = vault != nullptr ? domain::SealingKeyOf(stream, event) : std::nullopt;
  if (!key) return domain::Encode(event);
  auto data_key = EnsureKey(*vault, *key);
  if (!data_key) return std::unexpected(VaultFailure(data_key.error()));
  const std::string person = domain::PersonOfStream(stream);
  for (const std::string& document : domain::DocumentsNamed(event)) {
    if (person.empty()) break;
    if (auto attached = vault->AttachDocumentToPerson(document, person); !attached) {
      return std::unexpected(VaultFailure(attached.error()));
    }
  }
  const std::string associated =
      projections::SealingAssociatedData(stream, stream_version, domain::TypeName(event));
  auto seal = [&](std::string_view body) -> std::expected<std::string, std::string> {
    auto sealed = vault::Seal(*data_key, body, associated);
    if (!sealed) return std::unexpected(sealed.error().detail);
    return std::move(*sealed);
  };
  auto encoded = domain::EncodeSealed(event, *key, seal);
  if (!encoded) {
    return std::unexpected(eventstore::Error{eventstore::ErrorCode::io_error, encoded.error()});
  }
  return std::move(*encoded);
}

}  // namespace

eventstore::EventId NewEventId() {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  eventstore::EventId id{};
  for (std::size_t i = 0; i < id.size(); i += 8) {
    const std::uint64_t bits = generator();
    for (std::size_t j = 0; j < 8; ++j) id[i + j] = static_cast<std::uint8_t>(bits >> (8 * j));
  }
  return id;
}

domain::PersonalData StoredPersonalData(std::string_view stream, const domain::Event& event,
                                        const vault::Vault* vault) {
  if (vault != nullptr && domain::SealingKeyOf(stream, event)) return domain::PersonalData::sealed;
  return domain::HasPersonalFields(event) ? domain::PersonalData::plain
                                          : domain::PersonalData::none;
}

std::expected<eventstore::AppendRequest, eventstore::Error> ToAppendRequest(
    const domain::Decision& decision, const Stamp& stamp, vault::Vault* vault) {
  eventstore::AppendRequest request;
  request.stream = decision.stream;
  request.expected = ExpectedOf(decision);
  // Decide names the version it expects (exact, or none for a new stream), so each event's
  // version, which its sealed fields are bound to, is known before it is written.
  std::uint64_t version = decision.expect == domain::Expect::exact ? decision.expected_version : 0;
  for (const domain::Event& event : decision.events) {
    if (decision.expect == domain::Expect::any && vault != nullptr &&
        domain::SealingKeyOf(decision.stream, event)) {
      return std::unexpected(eventstore::Error{eventstore::ErrorCode::invalid_request,
                                               "a sealed event needs its stream version known"});
    }
    auto encoded = EncodeEvent(event, decision.stream, ++version, vault);
    if (!encoded) return std::unexpected(encoded.error());
    eventstore::NewEvent out;
    out.type = std::move(encoded->type);
    out.schema_version = encoded->schema_version;
    out.event_id = NewEventId();
    out.occurred_at_us = stamp.occurred_at;
    out.actor = eventstore::Actor{stamp.actor_id, stamp.actor_role};
    out.correlation_id = stamp.correlation_id;
    out.payload = std::move(encoded->payload);
    request.events.push_back(std::move(out));
  }
  return request;
}

}  // namespace ctom::command
