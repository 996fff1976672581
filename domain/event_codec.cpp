// Cereal portable-binary encoding of every event type; decoding dispatches on the type name.
#include "domain/event_codec.hpp"

#include <algorithm>
#include <array>
#include <cereal/archives/portable_binary.hpp>
#include <cereal/types/map.hpp>
#include <cereal/types/optional.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>
#include <istream>
#include <sstream>
#include <streambuf>
#include <utility>

#include "domain/personal_fields.hpp"

// Strict, bounded decoding of corrupt bytes. These overloads are more specialized than cereal's
// own; only this file decodes the portable binary archive.
namespace cereal {

// A bool is written as one byte, 0 or 1; any other byte is not a bool (and reading it as one is
// undefined behaviour), so it fails the decode.
inline void CEREAL_LOAD_FUNCTION_NAME(PortableBinaryInputArchive& archive, bool& value) {
  std::uint8_t byte = 0;
  archive(byte);
  if (byte > 1) throw Exception("a bool byte is " + std::to_string(byte));
  value = byte == 1;
}

// Text and lists grow only as their bytes arrive, so a corrupt length fails at the end of the
// payload instead of first allocating (and zeroing) the gigabytes it claims. Every list element
// (text, sessions) reads at least one length, so each loop ends with the payload.
inline void CEREAL_LOAD_FUNCTION_NAME(PortableBinaryInputArchive& archive, std::string& text) {
  constexpr size_type kChunkBytes = 64 * 1024;
  size_type size = 0;
  archive(make_size_tag(size));
  text.clear();
  while (text.size() < size) {
    const std::size_t at = text.size();
    const std::size_t chunk = static_cast<std::size_t>(std::min<size_type>(kChunkBytes, size - at));
    text.resize(at + chunk);
    archive(binary_data(text.data() + at, chunk));
  }
}

template <class T>
void CEREAL_LOAD_FUNCTION_NAME(PortableBinaryInputArchive& archive, std::vector<T>& items) {
  size_type size = 0;
  archive(make_size_tag(size));
  items.clear();
  for (size_type i = 0; i < size; ++i) archive(items.emplace_back());
}

}  // namespace cereal

namespace ctom::domain {
namespace {

using Decoder = std::expected<Event, std::string> (*)(std::string_view payload);

// An input stream over bytes it does not own: decoding copies nothing but the fields themselves.
class PayloadBuffer : public std::streambuf {
 public:
  void Point(std::string_view bytes) {
    char* begin = const_cast<char*>(bytes.data());  // read only: the get area is never written
    setg(begin, begin, begin + bytes.size());
  }
};

// One stream per thread, pointed at each payload in turn: constructing an std::istream (its
// locale and its ios_base) cost more than decoding a typical event.
struct PayloadStream {
  PayloadBuffer buffer;
  std::istream in{&buffer};

  std::istream& Over(std::string_view bytes) {
    buffer.Point(bytes);
    in.clear();
    return in;
  }
};

// This thread's stream, over bytes.
std::istream& StreamOver(std::string_view bytes) {
  thread_local PayloadStream stream;
  return stream.Over(bytes);
}

template <typename T>
std::expected<Event, std::string> DecodeAs(std::string_view payload) {
  try {
    std::istream& in = StreamOver(payload);
    cereal::PortableBinaryInputArchive archive(in);
    T event;
    archive(event);
    // Trailing bytes mean the payload is not what this type wrote.
    if (in.peek() != std::char_traits<char>::eof()) {
      return std::unexpected(std::string(T::kType) + ": trailing bytes");
    }
    return Event{std::move(event)};
  } catch (const std::exception& error) {
    return std::unexpected(std::string(T::kType) + ": " + error.what());
  }
}

// Whether T has personal fields (asked once per type).
template <typename T>
bool Sealable() {
  static const bool sealable = HasPersonalFields(Event{T{}});
  return sealable;
}

struct DecoderEntry {
  std::string_view type;
  std::uint32_t schema_version;
  Decoder decode;
  bool (*sealable)();
};

template <std::size_t... I>
constexpr auto MakeDecoders(std::index_sequence<I...>) {
  return std::array<DecoderEntry, sizeof...(I)>{
      DecoderEntry{std::variant_alternative_t<I, Event>::kType,
                   std::variant_alternative_t<I, Event>::kSchemaVersion,
                   &DecodeAs<std::variant_alternative_t<I, Event>>,
                   &Sealable<std::variant_alternative_t<I, Event>>}...};
}

constexpr auto kDecoders = MakeDecoders(std::make_index_sequence<std::variant_size_v<Event>>{});

const DecoderEntry* FindDecoder(std::string_view type) {
  for (const DecoderEntry& entry : kDecoders) {
    if (entry.type == type) return &entry;
  }
  return nullptr;
}

// Whether the entry's type has personal fields, i.e. a sealed form.
bool IsSealable(const DecoderEntry& entry) { return entry.sealable(); }

// A sealed record's payload (schema kSealedSchemaVersion).
struct SealedEnvelope {
  bool document_key = false;  // the key is a document's, else a person's
  std::string key_id;         // the person's stream or the document's id
  std::string clear;          // the event with its personal fields erased, version-1 bytes
  std::string sealed;         // the whole event's version-1 bytes, sealed
  template <class A>
  void serialize(A& a) {
    a(document_key, key_id, clear, sealed);
  }
};

std::expected<SealedEnvelope, std::string> DecodeEnvelope(std::string_view type,
                                                          std::string_view payload) {
  try {
    std::istream& in = StreamOver(payload);
    cereal::PortableBinaryInputArchive archive(in);
    SealedEnvelope envelope;
    archive(envelope);
    if (in.peek() != std::char_traits<char>::eof()) {
      return std::unexpected(std::string(type) + ": trailing bytes after the sealed envelope");
    }
    return envelope;
  } catch (const std::exception& error) {
    return std::unexpected(std::string(type) + ": sealed envelope: " + error.what());
  }
}

}  // namespace

EncodedEvent Encode(const Event& event) {
  return std::visit(
      [](const auto& typed) {
        using T = std::decay_t<decltype(typed)>;
        std::ostringstream out;
        {
          cereal::PortableBinaryOutputArchive archive(out);
          archive(typed);
        }
        return EncodedEvent{std::string(T::kType), T::kSchemaVersion, std::move(out).str()};
      },
      event);
}

std::expected<Event, std::string> Decode(std::string_view type, std::uint32_t schema_version,
                                         std::string_view payload) {
  auto decoded =
      DecodeRecord(type, schema_version, payload, [](const SealingKey&, std::string_view) {
        return std::expected<std::optional<std::string>, std::string>(std::nullopt);
      });
  if (!decoded) return std::unexpected(std::move(decoded.error()));
  return std::move(decoded->event);
}

std::expected<EncodedEvent, std::string> EncodeSealed(const Event& event, const SealingKey& key,
                                                      const Sealer& seal) {
  if (!HasPersonalFields(event)) {
    return std::unexpected(std::string(TypeName(event)) + " has no personal fields to seal");
  }
  EncodedEvent body = Encode(event);
  auto sealed = seal(body.payload);
  if (!sealed) return std::unexpected(std::move(sealed.error()));
  Event clear = event;
  ErasePersonalFields(clear);
  SealedEnvelope envelope{key.kind == SealingKey::Kind::document, key.id, Encode(clear).payload,
                          std::move(*sealed)};
  std::ostringstream out;
  {
    cereal::PortableBinaryOutputArchive archive(out);
    archive(envelope);
  }
  return EncodedEvent{std::move(body.type), kSealedSchemaVersion, std::move(out).str()};
}

bool IsSealed(std::string_view type, std::uint32_t schema_version) {
  const DecoderEntry* entry = FindDecoder(type);
  return entry != nullptr && IsSealable(*entry) && schema_version == kSealedSchemaVersion;
}

std::expected<DecodedEvent, std::string> DecodeRecord(std::string_view type,
                                                      std::uint32_t schema_version,
                                                      std::string_view payload,
                                                      const Opener& open) {
  const DecoderEntry* entry = FindDecoder(type);
  if (entry == nullptr) return std::unexpected("unknown event type '" + std::string(type) + "'");
  const bool sealable = IsSealable(*entry);
  const std::uint32_t newest = sealable ? kSealedSchemaVersion : entry->schema_version;
  if (schema_version == 0 || schema_version > newest) {
    return std::unexpected(std::string(type) + ": unknown schema version " +
                           std::to_string(schema_version));
  }
  if (!sealable || schema_version != kSealedSchemaVersion) {
    auto event = entry->decode(payload);
    if (!event) return std::unexpected(std::move(event.error()));
    return DecodedEvent{std::move(*event), sealable ? PersonalData::plain : PersonalData::none};
  }
  auto envelope = DecodeEnvelope(type, payload);
  if (!envelope) return std::unexpected(std::move(envelope.error()));
  const SealingKey key{
      envelope->document_key ? SealingKey::Kind::document : SealingKey::Kind::person,
      envelope->key_id};
  auto body = open(key, envelope->sealed);
  if (!body) return std::unexpected(std::string(type) + ": " + body.error());
  const bool erased = !body->has_value();
  auto event = entry->decode(erased ? std::string_view(envelope->clear) : **body);
  if (!event) return std::unexpected(std::move(event.error()));
  return DecodedEvent{std::move(*event), erased ? PersonalData::erased : PersonalData::sealed};
}

std::string_view TypeName(const Event& event) {
  return std::visit([](const auto& typed) { return std::decay_t<decltype(typed)>::kType; }, event);
}

}  // namespace ctom::domain
