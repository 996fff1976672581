// Base64url over libcrypto's EVP_EncodeBlock.
#include "credentials/base64url.hpp"

#include <openssl/evp.h>

#include <vector>

namespace ctom::credentials {

std::string Base64Url(std::span<const std::uint8_t> bytes) {
  std::vector<unsigned char> encoded(4 * ((bytes.size() + 2) / 3) + 1);
  const int length = EVP_EncodeBlock(encoded.data(), bytes.data(), static_cast<int>(bytes.size()));
  std::string text(reinterpret_cast<const char*>(encoded.data()), static_cast<std::size_t>(length));
  while (!text.empty() && text.back() == '=') text.pop_back();
  for (char& c : text) {
    if (c == '+') c = '-';
    if (c == '/') c = '_';
  }
  return text;
}

std::string Base64Url(std::string_view bytes) {
  return Base64Url(std::span<const std::uint8_t>(
      reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
}

}  // namespace ctom::credentials
