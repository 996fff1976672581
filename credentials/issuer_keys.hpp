// The issuer's keys (docs/credentials.md, "The issuer's files"): RS256 key pairs in DIR/issuer,
// the newest current and the older ones retired to their public halves, so every credential ever
// signed still verifies against the JWKS; and the issuer secret, from which subject ids and e-mail
// salts are derived so that a credential is the same every time it is asked for.
#pragma once

#include <cstdint>
#include <expected>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "credentials/digests.hpp"

// OpenSSL's key type, declared here so this header does not pull in OpenSSL.
struct evp_pkey_st;

namespace ctom::credentials {

inline constexpr std::string_view kIssuerFolderName = "issuer";  // DIR/issuer, mode 0700
inline constexpr std::string_view kIssuerSecretFileName = "secret";
inline constexpr int kRsaKeyBits = 2048;  // what RS256 verifiers (1EdTech's) expect at least
inline constexpr std::size_t kIssuerKeysMax = 1000;  // rotations a data folder may hold

// A public key as a JWK's RSA members (RFC 7517, 7518).
struct PublicKey {
  std::string kid;  // the RFC 7638 thumbprint, base64url
  std::string n;    // modulus, base64url of its big-endian bytes
  std::string e;    // public exponent, the same
};

// Immutable once opened; every method may be called from many threads at once.
class IssuerKeys {
 public:
  // Loads DIR/issuer. On a data folder's first start (no issuer folder, or one with no key yet)
  // creates it: the folder 0700, a first key pair and the secret, each file 0600. Fails with one
  // line when the files cannot be read or made, or are inconsistent (keys without the secret, a
  // current key without its private half).
  [[nodiscard]] static std::expected<IssuerKeys, std::string> OpenOrCreate(
      const std::filesystem::path& data_directory);

  // Offline (no server running on the folder): makes a new current key pair and retires the
  // current one to its public half; creates the folder first when missing. Returns the new kid.
  // A crash at any point leaves a folder OpenOrCreate reads: the old key or the new one current.
  [[nodiscard]] static std::expected<std::string, std::string> Rotate(
      const std::filesystem::path& data_directory);

  // The key credentials are signed with now.
  [[nodiscard]] const PublicKey& current() const { return public_keys_.front(); }
  // The current key first, then each retired key, newest first.
  [[nodiscard]] const std::vector<PublicKey>& public_keys() const { return public_keys_; }

  // The RS256 signature (RSASSA-PKCS1-v1_5 with SHA-256) of signing_input under the current key,
  // through EVP_DigestSign. Fails only when libcrypto does (out of memory).
  [[nodiscard]] std::expected<std::string, std::string> SignRs256(
      std::string_view signing_input) const;

  // HMAC-SHA-256 of label under the issuer secret: a value nobody can guess or link to a person
  // without the secret, and the same run after run.
  [[nodiscard]] Digest Derive(std::string_view label) const;

 private:
  IssuerKeys() = default;

  std::shared_ptr<evp_pkey_st> signing_key_;
  std::vector<PublicKey> public_keys_;
  std::vector<std::uint8_t> secret_;
};

}  // namespace ctom::credentials
