// Strict JSON request bodies for handlers: parsing (media type, UTF-8, depth, duplicate keys) and
// a field reader that refuses unknown fields and collects every refusal into one 400 answer.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/formats.hpp"
#include "api/http.hpp"
#include "domain/time.hpp"

namespace ctom::api {

// What an empty body means to a route.
enum class EmptyBody {
  refused,       // 400: the route needs a JSON object
  empty_object,  // treated as {} whatever the Content-Type (commands whose body is all optional)
};

// The request body as a JSON object. Fails with the answer to send:
//   415 unsupported_media_type unless Content-Type is application/json (charset, if given, utf-8);
//   400 validation for malformed JSON, invalid UTF-8, nesting deeper than kJsonDepthMax, a key
//   given twice in one object, or a top-level value that is not an object.
// The body's size was already capped by the server (kJsonBodyBytesMax).
[[nodiscard]] std::expected<boost::json::object, HttpResponse> ParseJsonBody(
    const HttpRequest& request, EmptyBody empty_body = EmptyBody::refused);

// Whether a Content-Type names media_type (lower case; any case and spaces accepted), with no
// charset or charset utf-8 (quoted or not).
[[nodiscard]] bool IsUtf8MediaType(std::string_view content_type, std::string_view media_type);

// Parses JSON text with the same rules (no media type check). On failure, the FieldError says why.
[[nodiscard]] std::expected<boost::json::value, FieldError> ParseStrictJson(std::string_view text);

// A JSON answer: status, Content-Type application/json, the serialized value.
[[nodiscard]] HttpResponse JsonResponse(int status, const boost::json::value& body);

// Reads the fields of a JSON object, refusing what does not fit. Each read names a field, marks it
// as known and returns its value; a missing, mistyped or out-of-range field records a FieldError
// and returns a default, so a handler reads every field and then asks Finish() once:
//
//   BodyReader body(object);
//   auto name = body.RequiredString("name");
//   auto capacity = body.OptionalInt("capacity", 1, 500);
//   auto employer = body.RequiredObject("employer");      // a reader of the nested object
//   auto kind = employer.RequiredEnum("kind", {"district", "county_office", "non_k12"});
//   if (!body.Finish()) return body.Problem();            // 400 with every refused field
//
// Finish() also refuses every field of the object and of the nested objects read through it that
// no read named ("unknown field"). Field names in errors are paths: "employer.kind",
// "sessions[2].title". JSON null counts as absent. Strings must hold 1..max_bytes bytes.
// Readers made from one another share their errors; they refer to the object they were made from,
// which must outlive them. Not thread-safe.
class BodyReader {
 public:
  explicit BodyReader(const boost::json::object& object);

  [[nodiscard]] std::string RequiredString(std::string_view name,
                                           std::size_t max_bytes = kStringBytesMaxDefault);
  [[nodiscard]] std::optional<std::string> OptionalString(
      std::string_view name, std::size_t max_bytes = kStringBytesMaxDefault);

  // Optional free text (a note, a reason, a comment) of at most max_bytes: "" is absent, as a
  // form's empty field is (API.md, Conventions); other optional strings refuse "".
  [[nodiscard]] std::optional<std::string> OptionalText(std::string_view name,
                                                        std::size_t max_bytes);

  // Integers in [min, max]. A JSON number with a fraction or exponent is refused.
  [[nodiscard]] std::int64_t RequiredInt(std::string_view name, std::int64_t min, std::int64_t max);
  [[nodiscard]] std::optional<std::int64_t> OptionalInt(std::string_view name, std::int64_t min,
                                                        std::int64_t max);

  [[nodiscard]] bool RequiredBool(std::string_view name);
  [[nodiscard]] std::optional<bool> OptionalBool(std::string_view name);

  // One of the allowed strings (closed enumerations); returns it.
  [[nodiscard]] std::string RequiredEnum(std::string_view name,
                                         std::initializer_list<std::string_view> allowed);
  [[nodiscard]] std::optional<std::string> OptionalEnum(
      std::string_view name, std::initializer_list<std::string_view> allowed);

  // RFC 3339 instants as UTC microseconds (see domain::ParseInstant).
  [[nodiscard]] std::int64_t RequiredInstant(std::string_view name);
  [[nodiscard]] std::optional<std::int64_t> OptionalInstant(std::string_view name);

  // "YYYY-MM-DD" dates (see domain::ParseDate).
  [[nodiscard]] domain::Date RequiredDate(std::string_view name);
  [[nodiscard]] std::optional<domain::Date> OptionalDate(std::string_view name);

  // Numbers with at most two decimals, in hundredths within [min, max] (see
  // HundredthsFromDouble). A string is refused: the API's decimals are JSON numbers.
  [[nodiscard]] std::int64_t RequiredHundredths(std::string_view name, std::int64_t min,
                                                std::int64_t max);
  [[nodiscard]] std::optional<std::int64_t> OptionalHundredths(std::string_view name,
                                                               std::int64_t min, std::int64_t max);

  // Arrays of strings, with at most max_items items of 1..max_bytes bytes each.
  [[nodiscard]] std::vector<std::string> RequiredStringArray(
      std::string_view name, std::size_t max_items, std::size_t max_bytes = kStringBytesMaxDefault);
  [[nodiscard]] std::optional<std::vector<std::string>> OptionalStringArray(
      std::string_view name, std::size_t max_items, std::size_t max_bytes = kStringBytesMaxDefault);

  // Nested objects. When the field is missing or not an object, RequiredObject records that and
  // returns an inert reader whose reads return defaults and record nothing.
  [[nodiscard]] BodyReader RequiredObject(std::string_view name);
  [[nodiscard]] std::optional<BodyReader> OptionalObject(std::string_view name);
  // An array of min_items..max_items objects, one reader per item.
  [[nodiscard]] std::vector<BodyReader> RequiredObjectArray(std::string_view name,
                                                            std::size_t min_items,
                                                            std::size_t max_items);

  // The raw value, for shapes the typed reads do not cover (e.g. rule-set parameters).
  [[nodiscard]] const boost::json::value* RequiredValue(std::string_view name);
  [[nodiscard]] const boost::json::value* OptionalValue(std::string_view name);

  // Records a refusal the handler found itself (e.g. ends_at before starts_at); name is relative
  // to this reader, as for the reads.
  void Refuse(std::string_view name, std::string message);

  // Refuses unknown fields (once), then returns true when nothing was refused.
  [[nodiscard]] bool Finish();
  // The 400 validation answer listing every refused field. REQUIRES: Finish() returned false.
  [[nodiscard]] HttpResponse Problem() const;
  [[nodiscard]] const std::vector<FieldError>& errors() const;

 private:
  struct Scope;
  struct State;

  BodyReader(std::shared_ptr<State> state, std::size_t scope);

  enum class Presence { required, optional };

  // Marks name as known and returns its value; nullptr when absent or null, recording "is
  // required" for a required field.
  const boost::json::value* Take(std::string_view name, Presence presence);
  void RecordError(std::string_view name, std::string message);
  std::string FieldPath(std::string_view name) const;
  BodyReader NestedReader(const boost::json::object* object, std::string prefix);
  // Takes the field and converts it; a conversion failure (a sentence) is recorded.
  template <typename T, typename Convert>
  std::optional<T> Read(std::string_view name, Presence presence, Convert convert);

  std::shared_ptr<State> state_;
  std::size_t scope_;  // index into state_->scopes; kInert for a reader of a missing object
};

}  // namespace ctom::api
