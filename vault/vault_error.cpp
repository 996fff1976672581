// Names of the vault's error codes.
#include "vault/vault_error.hpp"

namespace ctom::vault {

std::string_view VaultErrorCodeName(VaultErrorCode code) {
  switch (code) {
    case VaultErrorCode::key_file_missing:
      return "key_file_missing";
    case VaultErrorCode::key_file_unreadable:
      return "key_file_unreadable";
    case VaultErrorCode::key_file_malformed:
      return "key_file_malformed";
    case VaultErrorCode::key_file_exists:
      return "key_file_exists";
    case VaultErrorCode::key_file_required:
      return "key_file_required";
    case VaultErrorCode::wrong_key_file:
      return "wrong_key_file";
    case VaultErrorCode::refused:
      return "refused";
    case VaultErrorCode::erased:
      return "erased";
    case VaultErrorCode::invalid_argument:
      return "invalid_argument";
    case VaultErrorCode::randomness_unavailable:
      return "randomness_unavailable";
    case VaultErrorCode::io_error:
      return "io_error";
    case VaultErrorCode::corruption:
      return "corruption";
  }
  return "unknown";
}

}  // namespace ctom::vault
