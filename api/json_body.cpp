// Strict JSON request bodies: parsing and the field reader.
#include "api/json_body.hpp"

#include <algorithm>
#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value_stack.hpp>
#include <deque>
#include <limits>
#include <set>
#include <utility>

#include "domain/time.hpp"

namespace ctom::api {
namespace {

namespace json = boost::json;

// A basic_parser handler that builds a json::value like json::parser does, and also refuses a
// key given twice in one object (json::parser silently keeps one of them).
class StrictHandler {
 public:
  static constexpr std::size_t max_array_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_object_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_string_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_key_size = static_cast<std::size_t>(-1);

  StrictHandler() { stack_.reset(); }

  json::value Release() { return stack_.release(); }
  const std::string& duplicate_key() const { return duplicate_key_; }

  bool on_document_begin(json::error_code&) { return true; }
  bool on_document_end(json::error_code&) { return true; }
  bool on_array_begin(json::error_code&) { return true; }
  bool on_array_end(std::size_t n, json::error_code&) {
    stack_.push_array(n);
    return true;
  }
  bool on_object_begin(json::error_code&) {
    keys_.emplace_back();
    return true;
  }
  bool on_object_end(std::size_t n, json::error_code&) {
    keys_.pop_back();
    stack_.push_object(n);
    return true;
  }
  bool on_key_part(json::string_view s, std::size_t, json::error_code&) {
    pending_key_.append(s.data(), s.size());
    stack_.push_chars(s);
    return true;
  }
  bool on_key(json::string_view s, std::size_t, json::error_code& ec) {
    pending_key_.append(s.data(), s.size());
    if (!keys_.back().insert(pending_key_).second) {
      duplicate_key_ = std::move(pending_key_);
      ec = json::error::syntax;
      return false;
    }
    pending_key_.clear();
    stack_.push_key(s);
    return true;
  }
  bool on_string_part(json::string_view s, std::size_t, json::error_code&) {
    stack_.push_chars(s);
    return true;
  }
  bool on_string(json::string_view s, std::size_t, json::error_code&) {
    stack_.push_string(s);
    return true;
  }
  bool on_number_part(json::string_view, json::error_code&) { return true; }
  bool on_int64(std::int64_t i, json::string_view, json::error_code&) {
    stack_.push_int64(i);
    return true;
  }
  bool on_uint64(std::uint64_t u, json::string_view, json::error_code&) {
    stack_.push_uint64(u);
    return true;
  }
  bool on_double(double d, json::string_view, json::error_code&) {
    stack_.push_double(d);
    return true;
  }
  bool on_bool(bool b, json::error_code&) {
    stack_.push_bool(b);
    return true;
  }
  bool on_null(json::error_code&) {
    stack_.push_null();
    return true;
  }
  bool on_comment_part(json::string_view, json::error_code&) { return true; }
  bool on_comment(json::string_view, json::error_code&) { return true; }

 private:
  json::value_stack stack_;
  std::vector<std::set<std::string, std::less<>>> keys_;  // one per open object, depth-capped
  std::string pending_key_;
  std::string duplicate_key_;
};

std::string_view TrimSpaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// "application/json", optionally with "; charset=utf-8" (any case, quotes allowed).
bool IsJsonMediaType(std::string_view content_type) {
  return IsUtf8MediaType(content_type, "application/json");
}

std::string Quoted(std::string_view text) { return "'" + std::string(text) + "'"; }

}  // namespace

std::expected<json::value, FieldError> ParseStrictJson(std::string_view text) {
  json::parse_options options;
  options.max_depth = kJsonDepthMax;
  json::basic_parser<StrictHandler> parser(options);
  json::error_code ec;
  const std::size_t consumed = parser.write_some(false, text.data(), text.size(), ec);
  if (!ec && consumed != text.size()) ec = json::error::extra_data;
  if (ec) {
    std::string message;
    if (!parser.handler().duplicate_key().empty()) {
      message = "the key " + Quoted(parser.handler().duplicate_key()) + " is given twice";
    } else if (ec == json::error::too_deep) {
      message = "nested deeper than " + std::to_string(kJsonDepthMax) + " levels";
    } else {
      // Boost.JSON reports invalid UTF-8 as a syntax error at the offending byte.
      message = "malformed JSON or invalid UTF-8 near byte " + std::to_string(consumed) + " (" +
                ec.message() + ")";
    }
    return std::unexpected(FieldError{"body", std::move(message)});
  }
  return parser.handler().Release();
}

bool IsUtf8MediaType(std::string_view content_type, std::string_view media_type) {
  const std::size_t semicolon = content_type.find(';');
  if (AsciiLower(TrimSpaces(content_type.substr(0, semicolon))) != media_type) return false;
  if (semicolon == std::string_view::npos) return true;
  std::string_view parameters = content_type.substr(semicolon + 1);
  while (!parameters.empty()) {
    const std::size_t next = parameters.find(';');
    const std::string_view parameter = TrimSpaces(parameters.substr(0, next));
    parameters = next == std::string_view::npos ? std::string_view{} : parameters.substr(next + 1);
    if (parameter.empty()) continue;
    const std::size_t eq = parameter.find('=');
    if (eq == std::string_view::npos) return false;
    std::string value = AsciiLower(TrimSpaces(parameter.substr(eq + 1)));
    if (AsciiLower(TrimSpaces(parameter.substr(0, eq))) != "charset") continue;
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    if (value != "utf-8") return false;
  }
  return true;
}

std::expected<json::object, HttpResponse> ParseJsonBody(const HttpRequest& request,
                                                        EmptyBody empty_body) {
  if (request.body.empty() && empty_body == EmptyBody::empty_object) return json::object{};
  const auto content_type = request.Header("content-type");
  if (!content_type || !IsJsonMediaType(*content_type)) {
    return std::unexpected(ProblemResponse(
        {.status = 415,
         .code = std::string(problem_code::kUnsupportedMediaType),
         .detail = "The body must be JSON, sent with Content-Type: application/json"}));
  }
  if (request.body.empty()) {
    return std::unexpected(ValidationProblem("body", "a JSON object is required"));
  }
  auto value = ParseStrictJson(request.body);
  if (!value) return std::unexpected(ValidationProblem({std::move(value.error())}));
  if (!value->is_object()) {
    return std::unexpected(ValidationProblem("body", "must be a JSON object"));
  }
  return std::move(value->as_object());
}

HttpResponse JsonResponse(int status, const json::value& body) {
  return TextResponse(status, "application/json", json::serialize(body));
}

// ---- BodyReader ----

namespace {
constexpr std::size_t kInert = static_cast<std::size_t>(-1);
}  // namespace

struct BodyReader::Scope {
  const json::object* object;
  std::string prefix;  // "" at the root, "employer." or "sessions[2]." below
  std::set<std::string, std::less<>> known;
};

struct BodyReader::State {
  std::deque<Scope> scopes;  // a deque keeps references stable as nested readers are added
  std::vector<FieldError> errors;
  bool finished = false;
};

BodyReader::BodyReader(const json::object& object) : state_(std::make_shared<State>()), scope_(0) {
  state_->scopes.push_back(Scope{&object, "", {}});
}

BodyReader::BodyReader(std::shared_ptr<State> state, std::size_t scope)
    : state_(std::move(state)), scope_(scope) {}

std::string BodyReader::FieldPath(std::string_view name) const {
  if (scope_ == kInert) return std::string(name);
  return state_->scopes[scope_].prefix + std::string(name);
}

void BodyReader::RecordError(std::string_view name, std::string message) {
  if (scope_ == kInert) return;
  state_->errors.push_back(FieldError{FieldPath(name), std::move(message)});
}

void BodyReader::Refuse(std::string_view name, std::string message) {
  RecordError(name, std::move(message));
}

const json::value* BodyReader::Take(std::string_view name, Presence presence) {
  if (scope_ == kInert) return nullptr;
  Scope& scope = state_->scopes[scope_];
  scope.known.emplace(name);
  const json::value* value = scope.object->if_contains(name);
  if (value == nullptr || value->is_null()) {
    if (presence == Presence::required) RecordError(name, "is required");
    return nullptr;
  }
  return value;
}

template <typename T, typename Convert>
std::optional<T> BodyReader::Read(std::string_view name, Presence presence, Convert convert) {
  const json::value* value = Take(name, presence);
  if (value == nullptr) return std::nullopt;
  std::expected<T, std::string> result = convert(*value);
  if (!result) {
    RecordError(name, std::move(result.error()));
    return std::nullopt;
  }
  return std::move(*result);
}

namespace {

// Converters from a JSON value to a field's type, or a sentence saying why not.

auto StringOf(std::size_t max_bytes) {
  return [max_bytes](const json::value& value) -> std::expected<std::string, std::string> {
    const json::string* text = value.if_string();
    if (text == nullptr) return std::unexpected("must be a string");
    if (text->empty()) return std::unexpected("must not be empty");
    if (text->size() > max_bytes) {
      return std::unexpected("must be at most " + std::to_string(max_bytes) + " bytes long");
    }
    return std::string(text->data(), text->size());
  };
}

auto IntegerOf(std::int64_t min, std::int64_t max) {
  return [min, max](const json::value& value) -> std::expected<std::int64_t, std::string> {
    const std::string range =
        "must be an integer from " + std::to_string(min) + " to " + std::to_string(max);
    std::int64_t number = 0;
    if (const auto* i = value.if_int64()) {
      number = *i;
    } else if (const auto* u = value.if_uint64()) {
      if (*u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        return std::unexpected(range);
      }
      number = static_cast<std::int64_t>(*u);
    } else {
      return std::unexpected(value.is_double() ? range : "must be a number");
    }
    if (number < min || number > max) return std::unexpected(range);
    return number;
  };
}

std::expected<bool, std::string> BoolOf(const json::value& value) {
  if (const auto* b = value.if_bool()) return *b;
  return std::unexpected("must be true or false");
}

auto EnumOf(std::initializer_list<std::string_view> allowed) {
  return [allowed](const json::value& value) -> std::expected<std::string, std::string> {
    std::string listed;
    for (const std::string_view option : allowed) {
      if (const json::string* text = value.if_string(); text != nullptr && *text == option) {
        return std::string(option);
      }
      listed += (listed.empty() ? "" : ", ") + std::string(option);
    }
    return std::unexpected("must be one of: " + listed);
  };
}

std::expected<std::int64_t, std::string> InstantOf(const json::value& value) {
  const json::string* text = value.if_string();
  if (text != nullptr) {
    if (auto instant = domain::ParseInstant(std::string_view(text->data(), text->size())))
      return *instant;
  }
  return std::unexpected("must be an RFC 3339 instant such as 2017-09-29T17:00:00-07:00");
}

std::expected<domain::Date, std::string> DateOf(const json::value& value) {
  const json::string* text = value.if_string();
  if (text != nullptr) {
    if (auto date = domain::ParseDate(std::string_view(text->data(), text->size()))) return *date;
  }
  return std::unexpected("must be a date YYYY-MM-DD");
}

auto HundredthsOf(std::int64_t min, std::int64_t max) {
  return [min, max](const json::value& value) -> std::expected<std::int64_t, std::string> {
    const std::string range = "must be a number from " + FormatHundredths(min) + " to " +
                              FormatHundredths(max) + " with at most two decimals";
    std::optional<std::int64_t> hundredths;
    if (const auto* i = value.if_int64()) {
      if (*i >= -1'000'000'000'000'000 && *i <= 1'000'000'000'000'000) hundredths = *i * 100;
    } else if (const auto* u = value.if_uint64()) {
      if (*u <= 1'000'000'000'000'000) hundredths = static_cast<std::int64_t>(*u) * 100;
    } else if (const auto* d = value.if_double()) {
      hundredths = HundredthsFromDouble(*d);
    } else {
      return std::unexpected(range);
    }
    if (!hundredths || *hundredths < min || *hundredths > max) return std::unexpected(range);
    return *hundredths;
  };
}

auto StringArrayOf(std::size_t max_items, std::size_t max_bytes) {
  return [max_items, max_bytes](
             const json::value& value) -> std::expected<std::vector<std::string>, std::string> {
    const json::array* items = value.if_array();
    if (items == nullptr) return std::unexpected("must be an array of strings");
    if (items->size() > max_items) {
      return std::unexpected("must have at most " + std::to_string(max_items) + " items");
    }
    std::vector<std::string> strings;
    strings.reserve(items->size());
    for (std::size_t i = 0; i < items->size(); ++i) {
      auto text = StringOf(max_bytes)((*items)[i]);
      if (!text) return std::unexpected("item " + std::to_string(i) + " " + text.error());
      strings.push_back(std::move(*text));
    }
    return strings;
  };
}

}  // namespace

std::string BodyReader::RequiredString(std::string_view name, std::size_t max_bytes) {
  return Read<std::string>(name, Presence::required, StringOf(max_bytes)).value_or("");
}

std::optional<std::string> BodyReader::OptionalString(std::string_view name,
                                                      std::size_t max_bytes) {
  return Read<std::string>(name, Presence::optional, StringOf(max_bytes));
}

std::optional<std::string> BodyReader::OptionalText(std::string_view name, std::size_t max_bytes) {
  const json::value* value = Take(name, Presence::optional);
  if (value == nullptr || (value->is_string() && value->get_string().empty())) return std::nullopt;
  std::expected<std::string, std::string> text = StringOf(max_bytes)(*value);
  if (!text) {
    RecordError(name, std::move(text.error()));
    return std::nullopt;
  }
  return std::move(*text);
}

std::int64_t BodyReader::RequiredInt(std::string_view name, std::int64_t min, std::int64_t max) {
  return Read<std::int64_t>(name, Presence::required, IntegerOf(min, max)).value_or(min);
}

std::optional<std::int64_t> BodyReader::OptionalInt(std::string_view name, std::int64_t min,
                                                    std::int64_t max) {
  return Read<std::int64_t>(name, Presence::optional, IntegerOf(min, max));
}

bool BodyReader::RequiredBool(std::string_view name) {
  return Read<bool>(name, Presence::required, BoolOf).value_or(false);
}

std::optional<bool> BodyReader::OptionalBool(std::string_view name) {
  return Read<bool>(name, Presence::optional, BoolOf);
}

std::string BodyReader::RequiredEnum(std::string_view name,
                                     std::initializer_list<std::string_view> allowed) {
  return Read<std::string>(name, Presence::required, EnumOf(allowed)).value_or("");
}

std::optional<std::string> BodyReader::OptionalEnum(
    std::string_view name, std::initializer_list<std::string_view> allowed) {
  return Read<std::string>(name, Presence::optional, EnumOf(allowed));
}

std::int64_t BodyReader::RequiredInstant(std::string_view name) {
  return Read<std::int64_t>(name, Presence::required, InstantOf).value_or(0);
}

std::optional<std::int64_t> BodyReader::OptionalInstant(std::string_view name) {
  return Read<std::int64_t>(name, Presence::optional, InstantOf);
}

domain::Date BodyReader::RequiredDate(std::string_view name) {
  return Read<domain::Date>(name, Presence::required, DateOf).value_or(domain::Date{});
}

std::optional<domain::Date> BodyReader::OptionalDate(std::string_view name) {
  return Read<domain::Date>(name, Presence::optional, DateOf);
}

std::int64_t BodyReader::RequiredHundredths(std::string_view name, std::int64_t min,
                                            std::int64_t max) {
  return Read<std::int64_t>(name, Presence::required, HundredthsOf(min, max)).value_or(min);
}

std::optional<std::int64_t> BodyReader::OptionalHundredths(std::string_view name, std::int64_t min,
                                                           std::int64_t max) {
  return Read<std::int64_t>(name, Presence::optional, HundredthsOf(min, max));
}

std::vector<std::string> BodyReader::RequiredStringArray(std::string_view name,
                                                         std::size_t max_items,
                                                         std::size_t max_bytes) {
  return Read<std::vector<std::string>>(name, Presence::required,
                                        StringArrayOf(max_items, max_bytes))
      .value_or(std::vector<std::string>{});
}

std::optional<std::vector<std::string>> BodyReader::OptionalStringArray(std::string_view name,
                                                                        std::size_t max_items,
                                                                        std::size_t max_bytes) {
  return Read<std::vector<std::string>>(name, Presence::optional,
                                        StringArrayOf(max_items, max_bytes));
}

BodyReader BodyReader::NestedReader(const json::object* object, std::string prefix) {
  if (object == nullptr || scope_ == kInert) return BodyReader(state_, kInert);
  state_->scopes.push_back(Scope{object, std::move(prefix), {}});
  return BodyReader(state_, state_->scopes.size() - 1);
}

BodyReader BodyReader::RequiredObject(std::string_view name) {
  const json::value* value = Take(name, Presence::required);
  if (value == nullptr) return BodyReader(state_, kInert);
  if (!value->is_object()) {
    RecordError(name, "must be an object");
    return BodyReader(state_, kInert);
  }
  return NestedReader(&value->get_object(), FieldPath(name) + ".");
}

std::optional<BodyReader> BodyReader::OptionalObject(std::string_view name) {
  const json::value* value = Take(name, Presence::optional);
  if (value == nullptr) return std::nullopt;
  if (!value->is_object()) {
    RecordError(name, "must be an object");
    return std::nullopt;
  }
  return NestedReader(&value->get_object(), FieldPath(name) + ".");
}

std::vector<BodyReader> BodyReader::RequiredObjectArray(std::string_view name,
                                                        std::size_t min_items,
                                                        std::size_t max_items) {
  std::vector<BodyReader> readers;
  const json::value* value = Take(name, Presence::required);
  if (value == nullptr) return readers;
  const json::array* items = value->if_array();
  if (items == nullptr || items->size() < min_items || items->size() > max_items) {
    RecordError(name, "must be an array of " + std::to_string(min_items) + " to " +
                          std::to_string(max_items) + " objects");
    return readers;
  }
  for (std::size_t i = 0; i < items->size(); ++i) {
    const std::string item_path = FieldPath(name) + "[" + std::to_string(i) + "]";
    if (!(*items)[i].is_object()) {
      state_->errors.push_back(FieldError{item_path, "must be an object"});
      continue;
    }
    readers.push_back(NestedReader(&(*items)[i].get_object(), item_path + "."));
  }
  return readers;
}

const json::value* BodyReader::RequiredValue(std::string_view name) {
  return Take(name, Presence::required);
}

const json::value* BodyReader::OptionalValue(std::string_view name) {
  return Take(name, Presence::optional);
}

bool BodyReader::Finish() {
  if (!state_->finished) {
    state_->finished = true;
    for (const Scope& scope : state_->scopes) {
      for (const auto& field : *scope.object) {
        const std::string_view key(field.key().data(), field.key().size());
        if (!scope.known.contains(key)) {
          state_->errors.push_back(FieldError{scope.prefix + std::string(key), "unknown field"});
        }
      }
    }
  }
  return state_->errors.empty();
}

HttpResponse BodyReader::Problem() const { return ValidationProblem(state_->errors); }

const std::vector<FieldError>& BodyReader::errors() const { return state_->errors; }

}  // namespace ctom::api
