// Opening sealed records with the vault's keys.
#include "projections/unsealer.hpp"

#include "domain/personal_fields.hpp"
#include "vault/seal.hpp"
#include "vault/vault.hpp"

namespace ctom::projections {
namespace {

std::expected<vault::KeyLookup, std::string> LookUp(const vault::Vault& vault,
                                                    const domain::SealingKey& key) {
  auto found = key.kind == domain::SealingKey::Kind::document ? vault.DocumentKey(key.id)
                                                              : vault.PersonKey(key.id);
  if (!found) return std::unexpected("the vault: " + found.error().detail);
  return *found;
}

// The computed fields the ledger never stores, filled in from the opened event.
void FillEmailHash(const Unsealer& unsealer, domain::Event& event) {
  if (auto* application = std::get_if<domain::ApplicationSubmitted>(&event)) {
    application->email_hash = unsealer.EmailHash(application->email);
  } else if (auto* correction = std::get_if<domain::PersonalDataCorrected>(&event)) {
    correction->email_hash = unsealer.EmailHash(correction->email);
  }
}

}  // namespace

std::string SealingAssociatedData(std::string_view stream, std::uint64_t stream_version,
                                  std::string_view type) {
  std::string data;
  data.reserve(stream.size() + type.size() + 24);
  data.append(stream).push_back('\0');
  data.append(std::to_string(stream_version)).push_back('\0');
  data.append(type);
  return data;
}

std::expected<domain::DecodedEvent, std::string> Unsealer::Decode(std::string_view stream,
                                                                  std::uint64_t stream_version,
                                                                  std::string_view type,
                                                                  std::uint32_t schema_version,
                                                                  std::string_view payload) const {
  auto open =
      [&](const domain::SealingKey& key,
          std::string_view sealed) -> std::expected<std::optional<std::string>, std::string> {
    if (vault_ == nullptr) return std::nullopt;
    auto lookup = LookUp(*vault_, key);
    if (!lookup) return std::unexpected(lookup.error());
    if (lookup->state == vault::KeyState::erased) return std::nullopt;
    if (lookup->state == vault::KeyState::absent) {
      return std::unexpected("the vault holds no key " + key.id +
                             ": is it the vault this ledger was written with?");
    }
    auto body =
        vault::Unseal(lookup->key, sealed, SealingAssociatedData(stream, stream_version, type));
    if (!body) return std::unexpected("sealed personal data does not open: " + body.error().detail);
    return std::move(*body);
  };
  auto decoded = domain::DecodeRecord(type, schema_version, payload, open);
  if (decoded && decoded->personal_data != domain::PersonalData::erased) {
    FillEmailHash(*this, decoded->event);
  }
  return decoded;
}

const Unsealer& Unsealer::NoKeys() {
  static const Unsealer no_keys;
  return no_keys;
}

std::string Unsealer::EmailHash(std::string_view email) const {
  if (vault_ == nullptr || email.empty() || email == domain::kErased) return {};
  return vault_->EmailHash(email);
}

}  // namespace ctom::projections
