// Canonical addresses and the client behind a trusted proxy.
#include "server/client_address.hpp"

#include <arpa/inet.h>

#include <array>
#include <cstring>

namespace ctom::server {
namespace {

constexpr std::size_t kAddressTextBytesMax = 64;  // the longest IPv6 text is 45

std::string_view Trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

std::optional<std::string> CanonicalIpAddress(std::string_view text) {
  text = Trimmed(text);
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']') {
    text = text.substr(1, text.size() - 2);
  }
  if (text.empty() || text.size() >= kAddressTextBytesMax) return std::nullopt;
  const std::string zero_terminated(text);
  std::array<char, INET6_ADDRSTRLEN> out{};
  in_addr v4{};
  if (inet_pton(AF_INET, zero_terminated.c_str(), &v4) == 1) {
    if (inet_ntop(AF_INET, &v4, out.data(), out.size()) == nullptr) return std::nullopt;
    return std::string(out.data());
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, zero_terminated.c_str(), &v6) != 1) return std::nullopt;
  if (IN6_IS_ADDR_V4MAPPED(&v6)) {
    std::memcpy(&v4, &v6.s6_addr[12], sizeof v4);
    if (inet_ntop(AF_INET, &v4, out.data(), out.size()) == nullptr) return std::nullopt;
    return std::string(out.data());
  }
  if (inet_ntop(AF_INET6, &v6, out.data(), out.size()) == nullptr) return std::nullopt;
  return std::string(out.data());
}

std::string ClientAddress(const HttpRequest& request, std::string_view trusted_proxy) {
  if (trusted_proxy.empty() || request.peer_address != trusted_proxy) return request.peer_address;
  const auto forwarded = request.Header("x-forwarded-for");
  if (!forwarded) return request.peer_address;
  std::string_view list = *forwarded;
  const std::size_t comma = list.rfind(',');
  const std::string_view last = comma == std::string_view::npos ? list : list.substr(comma + 1);
  return CanonicalIpAddress(last).value_or(request.peer_address);
}

}  // namespace ctom::server
