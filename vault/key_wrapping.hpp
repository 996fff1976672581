// Wrapping a data key under the key file's key: sealed, bound to its kind and id
// (docs/vault.md, "Sealed bytes").
#pragma once

#include <string>
#include <string_view>

#include "vault/secret_key.hpp"
#include "vault/vault_error.hpp"
#include "vault/vault_keys.hpp"

namespace ctom::vault {

// The key sealed under key_file_key with WrappingAssociatedData(kind, id).
[[nodiscard]] VaultResult<std::string> WrapKey(const SecretKey& key_file_key, const SecretKey& key,
                                               KeyKind kind, std::string_view id);

// The key wrapped by WrapKey with the same key file key, kind and id. corruption otherwise: once
// the key check has passed, a wrapped key that does not open was altered or copied from another
// record.
[[nodiscard]] VaultResult<SecretKey> UnwrapKey(const SecretKey& key_file_key,
                                               std::string_view wrapped, KeyKind kind,
                                               std::string_view id);

}  // namespace ctom::vault
