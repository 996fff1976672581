// The issuer's key files: made private on first start, the same on every later one, rotated with
// the old key kept public only, and refused when inconsistent. Signatures verify with libcrypto.
#include "credentials/issuer_keys.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "credentials/base64url.hpp"
#include "credentials/vc_jwt.hpp"
#include "tests/support/program_history.hpp"

namespace ctom::credentials {
namespace {

namespace fs = std::filesystem;

unsigned Mode(const fs::path& path) {
  struct stat status {};
  EXPECT_EQ(::stat(path.c_str(), &status), 0) << path;
  return status.st_mode & 0777;
}

// Verifies an RS256 signature with the public key in a PEM file (either half).
bool VerifiesWith(const fs::path& pem, const std::string& input, const std::string& signature) {
  std::FILE* file = std::fopen(pem.c_str(), "r");
  if (file == nullptr) return false;
  EVP_PKEY* key = pem.string().ends_with(".public.pem")
                      ? PEM_read_PUBKEY(file, nullptr, nullptr, nullptr)
                      : PEM_read_PrivateKey(file, nullptr, nullptr, nullptr);
  std::fclose(file);
  EVP_MD_CTX* context = EVP_MD_CTX_new();
  const bool ok =
      key != nullptr && EVP_DigestVerifyInit(context, nullptr, EVP_sha256(), nullptr, key) == 1 &&
      EVP_DigestVerify(context, reinterpret_cast<const unsigned char*>(signature.data()),
                       signature.size(), reinterpret_cast<const unsigned char*>(input.data()),
                       input.size()) == 1;
  EVP_MD_CTX_free(context);
  EVP_PKEY_free(key);
  return ok;
}

TEST(IssuerKeys, TheFirstStartMakesAPrivateFolderWithOneKeyAndTheSecret) {
  testing::ScratchFolder data;
  auto keys = IssuerKeys::OpenOrCreate(data.path());
  ASSERT_TRUE(keys.has_value()) << keys.error();
  const fs::path folder = fs::path(data.path()) / "issuer";
  EXPECT_EQ(Mode(folder), 0700u);
  EXPECT_EQ(Mode(folder / "key-0001.pem"), 0600u);
  EXPECT_EQ(Mode(folder / "secret"), 0600u);
  ASSERT_EQ(keys->public_keys().size(), 1u);
  EXPECT_EQ(keys->current().e, "AQAB");
  EXPECT_EQ(keys->current().kid.size(), 43u) << "base64url of a SHA-256 thumbprint";
  auto again = IssuerKeys::OpenOrCreate(data.path());
  ASSERT_TRUE(again.has_value()) << again.error();
  EXPECT_EQ(again->current().kid, keys->current().kid);
  EXPECT_EQ(again->Derive("x"), keys->Derive("x")) << "the secret is kept";
}

TEST(IssuerKeys, RotationMakesANewCurrentKeyAndKeepsOnlyThePublicHalfOfTheOld) {
  testing::ScratchFolder data;
  auto first = IssuerKeys::OpenOrCreate(data.path());
  ASSERT_TRUE(first.has_value());
  const std::string signed_before = *first->SignRs256("payload");
  auto kid = IssuerKeys::Rotate(data.path());
  ASSERT_TRUE(kid.has_value()) << kid.error();
  auto rotated = IssuerKeys::OpenOrCreate(data.path());
  ASSERT_TRUE(rotated.has_value()) << rotated.error();
  ASSERT_EQ(rotated->public_keys().size(), 2u);
  EXPECT_EQ(rotated->current().kid, *kid);
  EXPECT_EQ(rotated->public_keys()[1].kid, first->current().kid);
  const fs::path folder = fs::path(data.path()) / "issuer";
  EXPECT_FALSE(fs::exists(folder / "key-0001.pem")) << "the retired private key is gone";
  EXPECT_TRUE(VerifiesWith(folder / "key-0001.public.pem", "payload", signed_before));
  EXPECT_TRUE(VerifiesWith(folder / "key-0002.pem", "payload", *rotated->SignRs256("payload")));
  EXPECT_FALSE(VerifiesWith(folder / "key-0002.pem", "payload", signed_before));
  EXPECT_EQ(rotated->Derive("x"), first->Derive("x")) << "rotation keeps the secret";
}

TEST(IssuerKeys, KeysWithoutTheSecretOrACurrentKeyWithoutItsPrivateHalfAreRefused) {
  testing::ScratchFolder data;
  ASSERT_TRUE(IssuerKeys::OpenOrCreate(data.path()).has_value());
  const fs::path folder = fs::path(data.path()) / "issuer";
  fs::rename(folder / "secret", folder / "secret.away");
  auto no_secret = IssuerKeys::OpenOrCreate(data.path());
  ASSERT_FALSE(no_secret.has_value());
  EXPECT_NE(no_secret.error().find("secret"), std::string::npos) << no_secret.error();
  fs::rename(folder / "secret.away", folder / "secret");
  ASSERT_TRUE(IssuerKeys::Rotate(data.path()).has_value());
  // Without the new key, the newest left is the retired one, whose private half is gone: never
  // fall back to signing with nothing, nor make a key silently.
  fs::remove(folder / "key-0002.pem");
  auto no_private = IssuerKeys::OpenOrCreate(data.path());
  ASSERT_FALSE(no_private.has_value());
  EXPECT_NE(no_private.error().find("key-0001.pem is missing: the current key has no private half"),
            std::string::npos)
      << no_private.error();
}

TEST(IssuerKeys, ACorruptKeyFileIsRefusedInOneLine) {
  testing::ScratchFolder data;
  ASSERT_TRUE(IssuerKeys::OpenOrCreate(data.path()).has_value());
  std::ofstream(fs::path(data.path()) / "issuer" / "key-0001.pem", std::ios::trunc) << "garbage";
  auto opened = IssuerKeys::OpenOrCreate(data.path());
  ASSERT_FALSE(opened.has_value());
  EXPECT_NE(opened.error().find("not an RSA key"), std::string::npos) << opened.error();
  EXPECT_EQ(opened.error().find('\n'), std::string::npos);
}

TEST(IssuerKeys, NoDataFolderIsRefused) {
  auto opened = IssuerKeys::OpenOrCreate("/nonexistent/ctom-data");
  ASSERT_FALSE(opened.has_value());
  EXPECT_NE(opened.error().find("no data folder"), std::string::npos);
}

TEST(VcJwt, TheCompactJwsNamesTheCurrentKeyAndItsSignatureCoversHeaderAndPayload) {
  testing::ScratchFolder data;
  auto keys = IssuerKeys::OpenOrCreate(data.path());
  ASSERT_TRUE(keys.has_value());
  auto token = SignVcJwt(*keys, R"({"id":"x"})");
  ASSERT_TRUE(token.has_value());
  const std::size_t first_dot = token->find('.');
  const std::size_t second_dot = token->rfind('.');
  EXPECT_EQ(token->substr(0, first_dot),
            Base64Url(R"({"alg":"RS256","kid":")" + keys->current().kid + R"(","typ":"JWT"})"));
  EXPECT_EQ(token->substr(first_dot + 1, second_dot - first_dot - 1), Base64Url(R"({"id":"x"})"));
  const std::string signature = *keys->SignRs256(token->substr(0, second_dot));
  EXPECT_EQ(token->substr(second_dot + 1), Base64Url(signature));
  EXPECT_TRUE(VerifiesWith(fs::path(data.path()) / "issuer" / "key-0001.pem",
                           token->substr(0, second_dot), signature));
}

TEST(Base64Url, UsesTheUrlAlphabetWithoutPadding) {
  EXPECT_EQ(Base64Url(std::string("\xfb\xff", 2)), "-_8");
  EXPECT_EQ(Base64Url(std::string("f")), "Zg");
  EXPECT_EQ(Base64Url(std::string("")), "");
}

}  // namespace
}  // namespace ctom::credentials
