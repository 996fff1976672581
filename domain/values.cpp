// What makes a value of a command well formed.
#include "domain/values.hpp"

#include <algorithm>

namespace ctom::domain {
namespace {

bool HasSpaceOrControl(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) <= ' ' || c == 0x7f; });
}

bool StartsWithIgnoringCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

}  // namespace

bool IsEmailAddress(std::string_view text) {
  // Surrounding white space is not part of the address (NormalizedEmail drops it too).
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return false;
  text = text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
  const std::size_t at = text.find('@');
  if (at == std::string_view::npos || at == 0 || text.find('@', at + 1) != std::string_view::npos)
    return false;
  if (HasSpaceOrControl(text)) return false;
  const std::string_view domain = text.substr(at + 1);
  if (domain.empty() || domain.front() == '.' || domain.back() == '.') return false;
  return domain.find('.') != std::string_view::npos && domain.find("..") == std::string_view::npos;
}

bool IsCdsCode(std::string_view text) {
  return text.size() == 14 &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool IsWebUrl(std::string_view text) {
  std::string_view rest;
  if (StartsWithIgnoringCase(text, "https://")) {
    rest = text.substr(8);
  } else if (StartsWithIgnoringCase(text, "http://")) {
    rest = text.substr(7);
  } else {
    return false;
  }
  if (HasSpaceOrControl(text)) return false;
  const std::string_view host = rest.substr(0, rest.find_first_of("/?#"));
  return !host.empty() && host.front() != '@' && host.front() != ':';
}

}  // namespace ctom::domain
