// Data keys sealed under the key file's key.
#include "vault/key_wrapping.hpp"

#include <openssl/crypto.h>

#include "vault/seal.hpp"

namespace ctom::vault {

VaultResult<std::string> WrapKey(const SecretKey& key_file_key, const SecretKey& key, KeyKind kind,
                                 std::string_view id) {
  const std::string_view raw(reinterpret_cast<const char*>(key.bytes().data()), kKeyBytes);
  return Seal(key_file_key, raw, WrappingAssociatedData(kind, id));
}

VaultResult<SecretKey> UnwrapKey(const SecretKey& key_file_key, std::string_view wrapped,
                                 KeyKind kind, std::string_view id) {
  VaultResult<std::string> raw = Unseal(key_file_key, wrapped, WrappingAssociatedData(kind, id));
  if (!raw || raw->size() != kKeyBytes) {
    if (raw) OPENSSL_cleanse(raw->data(), raw->size());
    return Fail(VaultErrorCode::corruption,
                "the wrapped key of " + WrappingAssociatedData(kind, id) +
                    " does not open (altered, or copied from another record)");
  }
  SecretKey key(std::span<const std::uint8_t, kKeyBytes>(
      reinterpret_cast<const std::uint8_t*>(raw->data()), kKeyBytes));
  OPENSSL_cleanse(raw->data(), raw->size());
  return key;
}

}  // namespace ctom::vault
