// A cereal-shaped archive that writes an event's named fields as JSON text. Events name their
// fields with CEREAL_NVP, which binary archives ignore and this one prints.
#include "domain/event_json.hpp"

#include <cstdio>
#include <map>
#include <optional>
#include <type_traits>
#include <vector>

namespace ctom::domain {
namespace {

bool IsInstantField(std::string_view name) {
  return (name.size() > 3 && name.substr(name.size() - 3) == "_at") || name == "effective_from" ||
         name == "application_opens" || name == "application_deadline";
}

class JsonFieldArchive {
 public:
  explicit JsonFieldArchive(std::string& out) : out_(out) {}

  template <typename... Fields>
  void operator()(Fields&&... fields) {
    (Field(fields), ...);
  }

 private:
  template <typename T>
  void Field(const cereal::NameValuePair<T>& field) {
    const std::string_view name = field.name;
    if (name == "bytes") return;  // document contents are served separately
    if (!first_) out_ += ',';
    first_ = false;
    out_ += JsonString(name);
    out_ += ':';
    if constexpr (std::is_same_v<std::decay_t<T>, std::int64_t>) {
      if (IsInstantField(name)) {
        out_ += JsonString(FormatInstant(field.value));
        return;
      }
    }
    Value(field.value);
  }

  void Value(bool value) { out_ += value ? "true" : "false"; }
  void Value(const std::string& value) { out_ += JsonString(value); }
  void Value(const Date& value) { out_ += JsonString(FormatDate(value)); }
  template <typename T>
  requires std::is_integral_v<T>
  void Value(T value) { out_ += std::to_string(value); }
  template <typename T>
  void Value(const std::optional<T>& value) {
    if (value) {
      Value(*value);
    } else {
      out_ += "null";
    }
  }
  template <typename T>
  void Value(const std::vector<T>& values) {
    out_ += '[';
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i > 0) out_ += ',';
      Value(values[i]);
    }
    out_ += ']';
  }
  void Value(const std::map<std::string, std::string>& values) {
    out_ += '{';
    bool first = true;
    for (const auto& [key, value] : values) {
      if (!first) out_ += ',';
      first = false;
      out_ += JsonString(key) + ":" + JsonString(value);
    }
    out_ += '}';
  }
  template <typename T>
  requires requires(T& t, JsonFieldArchive& a) { t.serialize(a); }
  void Value(const T& value) {
    out_ += '{';
    JsonFieldArchive nested(out_);
    // serialize() only reads through this archive; it is non-const because cereal's loading
    // archives share it.
    const_cast<T&>(value).serialize(nested);
    out_ += '}';
  }

  std::string& out_;
  bool first_ = true;
};

}  // namespace

std::string JsonString(std::string_view text) {
  std::string out = "\"";
  for (const char ch : text) {
    const auto byte = static_cast<unsigned char>(ch);
    if (ch == '"' || ch == '\\') {
      out += '\\';
      out += ch;
    } else if (byte < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", byte);
      out += escaped;
    } else {
      out += ch;
    }
  }
  out += '"';
  return out;
}

std::string EventDataJson(const Event& event) {
  std::string out = "{";
  std::visit(
      [&](const auto& typed) {
        JsonFieldArchive archive(out);
        const_cast<std::decay_t<decltype(typed)>&>(typed).serialize(archive);
      },
      event);
  out += '}';
  return out;
}

}  // namespace ctom::domain
