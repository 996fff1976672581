// What makes a value of a command well formed: e-mail addresses, CDS codes, web addresses.
#pragma once

#include <string_view>

namespace ctom::domain {

// "local@domain.tld": one '@', no spaces or control characters, a local part, and a domain of
// dot-separated labels (at least two, none empty), once surrounding white space is set aside.
// Deliverability is not judged.
bool IsEmailAddress(std::string_view text);

// A California County-District-School code: exactly 14 digits.
bool IsCdsCode(std::string_view text);

// An absolute http:// or https:// address with a host (portfolio items, submissions).
bool IsWebUrl(std::string_view text);

}  // namespace ctom::domain
