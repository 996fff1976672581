// AES-256-GCM through OpenSSL's EVP interface, one reused cipher context per thread.
#include "vault/seal.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>

namespace ctom::vault {
namespace {

// The EVP calls other than the final tag check fail only when OpenSSL cannot allocate; there is
// no sensible way to go on, as in eventstore/sha256.cpp.
void CheckOpenSsl(int result, const char* what) {
  if (result != 1) {
    std::fprintf(stderr, "ctom vault: OpenSSL %s failed\n", what);
    std::abort();
  }
}

// Fetched once: an explicit fetch saves OpenSSL 3 a lookup on every seal.
const EVP_CIPHER* Aes256Gcm() {
  static EVP_CIPHER* const cipher = EVP_CIPHER_fetch(nullptr, "AES-256-GCM", nullptr);
  CheckOpenSsl(cipher != nullptr ? 1 : 0, "EVP_CIPHER_fetch(AES-256-GCM)");
  return cipher;
}

struct ContextFree {
  void operator()(EVP_CIPHER_CTX* context) const { EVP_CIPHER_CTX_free(context); }
};

// A context per thread, reused: creating one costs an allocation per seal. Initialising it with a
// new key replaces the previous key schedule; EVP_CIPHER_CTX_free wipes it at thread exit.
EVP_CIPHER_CTX* ThreadContext() {
  thread_local std::unique_ptr<EVP_CIPHER_CTX, ContextFree> context(EVP_CIPHER_CTX_new());
  CheckOpenSsl(context != nullptr ? 1 : 0, "EVP_CIPHER_CTX_new");
  return context.get();
}

const unsigned char* Bytes(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}
unsigned char* Bytes(std::string& text, std::size_t offset) {
  return reinterpret_cast<unsigned char*>(text.data()) + offset;
}

std::optional<VaultError> CheckLimits(std::size_t text_bytes, std::string_view associated_data) {
  if (text_bytes > kSealPlaintextBytesMax + kSealOverheadBytes) {
    return VaultError{VaultErrorCode::invalid_argument, "text over the sealing limit"};
  }
  if (associated_data.size() > kSealAssociatedDataBytesMax) {
    return VaultError{VaultErrorCode::invalid_argument, "associated data over its limit"};
  }
  return std::nullopt;
}

// Feeds the associated data, then the text; the output is written at out.
void Crypt(EVP_CIPHER_CTX* context, bool encrypt, std::string_view associated_data,
           std::string_view text, unsigned char* out) {
  auto update = encrypt ? EVP_EncryptUpdate : EVP_DecryptUpdate;
  int written = 0;
  if (!associated_data.empty()) {
    CheckOpenSsl(update(context, nullptr, &written, Bytes(associated_data),
                        static_cast<int>(associated_data.size())),
                 "feeding associated data");
  }
  if (!text.empty()) {
    CheckOpenSsl(update(context, out, &written, Bytes(text), static_cast<int>(text.size())),
                 "AES-GCM update");
    CheckOpenSsl(written == static_cast<int>(text.size()) ? 1 : 0, "AES-GCM output size");
  }
}

}  // namespace

VaultResult<std::string> Seal(const SecretKey& key, std::string_view plaintext,
                              std::string_view associated_data) {
  if (plaintext.size() > kSealPlaintextBytesMax) {
    return Fail(VaultErrorCode::invalid_argument, "plaintext over the sealing limit");
  }
  if (auto error = CheckLimits(plaintext.size(), associated_data)) return std::unexpected(*error);
  std::string sealed(kSealOverheadBytes + plaintext.size(), '\0');
  sealed[0] = static_cast<char>(kSealVersion);
  unsigned char* nonce = Bytes(sealed, 1);
  if (!FillRandom({nonce, kSealNonceBytes})) {
    return Fail(VaultErrorCode::randomness_unavailable, "RAND_bytes failed drawing a nonce");
  }
  EVP_CIPHER_CTX* context = ThreadContext();
  CheckOpenSsl(EVP_EncryptInit_ex2(context, Aes256Gcm(), key.bytes().data(), nonce, nullptr),
               "EVP_EncryptInit_ex2");
  Crypt(context, true, associated_data, plaintext, Bytes(sealed, 1 + kSealNonceBytes));
  int written = 0;
  unsigned char* tag = Bytes(sealed, sealed.size() - kSealTagBytes);
  CheckOpenSsl(EVP_EncryptFinal_ex(context, tag, &written), "EVP_EncryptFinal_ex");
  CheckOpenSsl(EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_AEAD_GET_TAG, kSealTagBytes, tag),
               "reading the GCM tag");
  return sealed;
}

VaultResult<std::string> Unseal(const SecretKey& key, std::string_view sealed,
                                std::string_view associated_data) {
  if (auto error = CheckLimits(sealed.size(), associated_data)) return std::unexpected(*error);
  if (sealed.size() < kSealOverheadBytes) {
    return Fail(VaultErrorCode::refused, "sealed bytes too short");
  }
  if (static_cast<std::uint8_t>(sealed[0]) != kSealVersion) {
    return Fail(VaultErrorCode::refused, "sealed bytes of an unknown version");
  }
  const auto* nonce = Bytes(sealed.substr(1, kSealNonceBytes));
  const std::string_view ciphertext =
      sealed.substr(1 + kSealNonceBytes, sealed.size() - kSealOverheadBytes);
  std::string tag(sealed.substr(sealed.size() - kSealTagBytes));
  EVP_CIPHER_CTX* context = ThreadContext();
  CheckOpenSsl(EVP_DecryptInit_ex2(context, Aes256Gcm(), key.bytes().data(), nonce, nullptr),
               "EVP_DecryptInit_ex2");
  std::string plaintext(ciphertext.size(), '\0');
  Crypt(context, false, associated_data, ciphertext, Bytes(plaintext, 0));
  CheckOpenSsl(EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_AEAD_SET_TAG, kSealTagBytes, Bytes(tag, 0)),
               "setting the GCM tag");
  int written = 0;
  if (EVP_DecryptFinal_ex(context, Bytes(plaintext, 0), &written) != 1) {
    OPENSSL_cleanse(plaintext.data(), plaintext.size());
    return Fail(VaultErrorCode::refused,
                "sealed bytes refused: altered, or another key or associated data");
  }
  return plaintext;
}

}  // namespace ctom::vault
