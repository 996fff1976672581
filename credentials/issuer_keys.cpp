// The issuer's key files: RSA key generation, PEM reading and writing, JWK members and thumbprints,
// all through libcrypto.
#include "credentials/issuer_keys.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <sys/stat.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <map>

#include "credentials/base64url.hpp"
#include "credentials/private_file.hpp"
#include "eventstore/hex.hpp"

namespace ctom::credentials {
namespace {

using Key = std::shared_ptr<EVP_PKEY>;
constexpr std::size_t kSecretBytes = 32;
constexpr std::size_t kKeyFileBytesMax = 16 * 1024;
constexpr std::string_view kKeyPrefix = "key-";
constexpr std::string_view kPrivateSuffix = ".pem";
constexpr std::string_view kPublicSuffix = ".public.pem";

// What the folder holds of one key: its private half (current, or not yet retired) or public half.
struct KeyFiles {
  bool has_private = false;
  bool has_public = false;
};

std::string KeyFileName(std::uint32_t number, bool public_half) {
  std::string digits = std::to_string(number);
  if (digits.size() < 4) digits.insert(0, 4 - digits.size(), '0');
  return std::string(kKeyPrefix) + digits +
         std::string(public_half ? kPublicSuffix : kPrivateSuffix);
}

// "key-0007.pem" or "key-0007.public.pem": the number and which half; nullopt for other names.
std::optional<std::pair<std::uint32_t, bool>> ParseKeyFileName(std::string_view name) {
  if (!name.starts_with(kKeyPrefix)) return std::nullopt;
  name.remove_prefix(kKeyPrefix.size());
  const bool public_half = name.ends_with(kPublicSuffix);
  const std::string_view suffix = public_half ? kPublicSuffix : kPrivateSuffix;
  if (!name.ends_with(suffix)) return std::nullopt;
  name.remove_suffix(suffix.size());
  std::uint32_t number = 0;
  const auto [end, error] = std::from_chars(name.data(), name.data() + name.size(), number);
  if (name.size() < 4 || error != std::errc{} || end != name.data() + name.size() || number == 0) {
    return std::nullopt;
  }
  return std::pair{number, public_half};
}

std::expected<std::map<std::uint32_t, KeyFiles>, std::string> ListKeys(
    const std::filesystem::path& folder) {
  std::map<std::uint32_t, KeyFiles> keys;
  std::error_code error;
  // Incremented with an error code, so a folder that cannot be read is a value, not an exception.
  for (std::filesystem::directory_iterator it(folder, error), end; !error && it != end;
       it.increment(error)) {
    const auto parsed = ParseKeyFileName(it->path().filename().string());
    if (!parsed) continue;
    KeyFiles& files = keys[parsed->first];
    (parsed->second ? files.has_public : files.has_private) = true;
    if (keys.size() > kIssuerKeysMax) {
      return std::unexpected(folder.string() + " holds more than " +
                             std::to_string(kIssuerKeysMax) + " keys");
    }
  }
  if (error) return std::unexpected("cannot list " + folder.string() + ": " + error.message());
  return keys;
}

// The folder for the issuer's files, made 0700 when missing. The data folder must exist.
std::expected<std::filesystem::path, std::string> IssuerFolder(
    const std::filesystem::path& data_directory) {
  std::error_code error;
  if (!std::filesystem::is_directory(data_directory, error)) {
    return std::unexpected("no data folder " + data_directory.string());
  }
  const std::filesystem::path folder = data_directory / kIssuerFolderName;
  if (::mkdir(folder.c_str(), 0700) != 0 && errno != EEXIST) {
    return std::unexpected("cannot create " + folder.string() + ": " + std::strerror(errno));
  }
  if (!std::filesystem::is_directory(folder, error)) {
    return std::unexpected(folder.string() + " is not a folder");
  }
  return folder;
}

std::expected<std::string, std::string> PemOf(const Key& key, bool public_half) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
  const int ok = bio && (public_half ? PEM_write_bio_PUBKEY(bio.get(), key.get())
                                     : PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr,
                                                                nullptr, 0, nullptr, nullptr));
  if (ok != 1) return std::unexpected("libcrypto cannot write a PEM key");
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(length));
}

std::expected<Key, std::string> ReadKeyFile(const std::filesystem::path& path, bool public_half) {
  auto text = ReadSmallFile(path, kKeyFileBytesMax);
  if (!text) return std::unexpected(text.error());
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(text->data(), static_cast<int>(text->size())), &BIO_free);
  EVP_PKEY* key = nullptr;
  if (bio) {
    key = public_half ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr)
                      : PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr);
  }
  OPENSSL_cleanse(text->data(), text->size());
  if (key == nullptr || EVP_PKEY_get_base_id(key) != EVP_PKEY_RSA) {
    EVP_PKEY_free(key);
    return std::unexpected(path.string() + " is not an RSA key in PEM");
  }
  return Key(key, &EVP_PKEY_free);
}

std::string BigNumberParameter(const Key& key, const char* name) {
  BIGNUM* number = nullptr;
  if (EVP_PKEY_get_bn_param(key.get(), name, &number) != 1) return "";
  std::string bytes(static_cast<std::size_t>(BN_num_bytes(number)), '\0');
  BN_bn2bin(number, reinterpret_cast<unsigned char*>(bytes.data()));
  BN_free(number);
  return Base64Url(bytes);
}

// The JWK members and the RFC 7638 thumbprint: SHA-256 of {"e","kty","n"} in that order.
PublicKey PublicKeyOf(const Key& key) {
  PublicKey out;
  out.n = BigNumberParameter(key, OSSL_PKEY_PARAM_RSA_N);
  out.e = BigNumberParameter(key, OSSL_PKEY_PARAM_RSA_E);
  const std::string members = R"({"e":")" + out.e + R"(","kty":"RSA","n":")" + out.n + R"("})";
  out.kid = Base64Url(std::span<const std::uint8_t>(Sha256(members)));
  return out;
}

std::expected<void, std::string> CreateKey(const std::filesystem::path& folder,
                                           std::uint32_t number) {
  Key key(EVP_RSA_gen(static_cast<unsigned int>(kRsaKeyBits)), &EVP_PKEY_free);
  if (!key) return std::unexpected("libcrypto cannot generate an RSA key");
  auto pem = PemOf(key, false);
  if (!pem) return std::unexpected(pem.error());
  auto written = WriteNewPrivateFile(folder / KeyFileName(number, false), *pem);
  OPENSSL_cleanse(pem->data(), pem->size());
  return written;
}

std::expected<void, std::string> CreateSecret(const std::filesystem::path& folder) {
  std::uint8_t bytes[kSecretBytes];
  if (RAND_bytes(bytes, sizeof bytes) != 1) {
    return std::unexpected("libcrypto has no randomness for the issuer secret");
  }
  std::string hex = eventstore::ToHex(std::span<const std::uint8_t>(bytes)) + "\n";
  OPENSSL_cleanse(bytes, sizeof bytes);
  auto written = WriteNewPrivateFile(folder / kIssuerSecretFileName, hex);
  OPENSSL_cleanse(hex.data(), hex.size());
  return written;
}

std::expected<std::vector<std::uint8_t>, std::string> ReadSecret(
    const std::filesystem::path& folder) {
  const std::filesystem::path path = folder / kIssuerSecretFileName;
  auto text = ReadSmallFile(path, 2 * kSecretBytes + 1);
  if (!text) return std::unexpected(text.error());
  if (!text->empty() && text->back() == '\n') text->pop_back();
  const auto bytes = eventstore::FromHex(*text);
  OPENSSL_cleanse(text->data(), text->size());
  if (!bytes || bytes->size() != kSecretBytes) {
    return std::unexpected(path.string() + " is not 64 hex digits");
  }
  return std::vector<std::uint8_t>(bytes->begin(), bytes->end());
}

}  // namespace

std::expected<IssuerKeys, std::string> IssuerKeys::OpenOrCreate(
    const std::filesystem::path& data_directory) {
  auto folder = IssuerFolder(data_directory);
  if (!folder) return std::unexpected(folder.error());
  auto keys = ListKeys(*folder);
  if (!keys) return std::unexpected(keys.error());
  std::error_code error;
  const bool has_secret = std::filesystem::exists(*folder / kIssuerSecretFileName, error);
  if (keys->empty()) {
    // The first start: a secret (unless a start that stopped half-way made it) and a first key.
    if (!has_secret) {
      if (auto made = CreateSecret(*folder); !made) return std::unexpected(made.error());
    }
    if (auto made = CreateKey(*folder, 1); !made) return std::unexpected(made.error());
    keys = ListKeys(*folder);
    if (!keys) return std::unexpected(keys.error());
  } else if (!has_secret) {
    return std::unexpected(folder->string() + " holds keys but no " +
                           std::string(kIssuerSecretFileName) +
                           ": restore the whole folder from a backup");
  }
  IssuerKeys out;
  auto secret = ReadSecret(*folder);
  if (!secret) return std::unexpected(secret.error());
  out.secret_ = std::move(*secret);
  // Newest first; the newest is current and must have its private half.
  for (auto it = keys->rbegin(); it != keys->rend(); ++it) {
    const bool current = it == keys->rbegin();
    if (current && !it->second.has_private) {
      return std::unexpected(folder->string() + "/" + KeyFileName(it->first, false) +
                             " is missing: the current key has no private half");
    }
    const bool public_half = !current && it->second.has_public;
    auto key = ReadKeyFile(*folder / KeyFileName(it->first, public_half), public_half);
    if (!key) return std::unexpected(key.error());
    if (current) out.signing_key_ = *key;
    out.public_keys_.push_back(PublicKeyOf(*key));
  }
  return out;
}

std::expected<std::string, std::string> IssuerKeys::Rotate(
    const std::filesystem::path& data_directory) {
  auto opened = OpenOrCreate(data_directory);
  if (!opened) return std::unexpected(opened.error());
  const std::filesystem::path folder = data_directory / kIssuerFolderName;
  auto keys = ListKeys(folder);
  if (!keys) return std::unexpected(keys.error());
  const std::uint32_t current = keys->rbegin()->first;
  if (keys->size() >= kIssuerKeysMax) {
    return std::unexpected(folder.string() + " already holds " + std::to_string(kIssuerKeysMax) +
                           " keys");
  }
  // The new key first: once it is there it is current, whatever happens next.
  if (auto made = CreateKey(folder, current + 1); !made) return std::unexpected(made.error());
  // Then the old key's public half, and only then its private half goes.
  if (!(*keys)[current].has_public) {
    auto pem = PemOf(opened->signing_key_, true);
    if (!pem) return std::unexpected(pem.error());
    auto written = WriteNewPrivateFile(folder / KeyFileName(current, true), *pem);
    if (!written) return std::unexpected(written.error());
  }
  std::error_code error;
  std::filesystem::remove(folder / KeyFileName(current, false), error);
  if (error) {
    return std::unexpected("cannot remove the retired private key " +
                           (folder / KeyFileName(current, false)).string() + ": " +
                           error.message());
  }
  auto rotated = OpenOrCreate(data_directory);
  if (!rotated) return std::unexpected(rotated.error());
  return rotated->current().kid;
}

std::expected<std::string, std::string> IssuerKeys::SignRs256(
    std::string_view signing_input) const {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                  &EVP_MD_CTX_free);
  std::size_t length = 0;
  const auto* input = reinterpret_cast<const unsigned char*>(signing_input.data());
  if (!context ||
      EVP_DigestSignInit(context.get(), nullptr, EVP_sha256(), nullptr, signing_key_.get()) != 1 ||
      EVP_DigestSign(context.get(), nullptr, &length, input, signing_input.size()) != 1) {
    return std::unexpected("libcrypto cannot sign with the issuer key");
  }
  std::string signature(length, '\0');
  if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                     input, signing_input.size()) != 1) {
    return std::unexpected("libcrypto cannot sign with the issuer key");
  }
  signature.resize(length);
  return signature;
}

Digest IssuerKeys::Derive(std::string_view label) const { return HmacSha256(secret_, label); }

}  // namespace ctom::credentials
