// `ctom keys rotate`: a new current issuer key with the old one still listed, offline only, and a
// one-line refusal with exit 2 for every bad use; and a server that cannot read the keys does not
// start.
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/cli/cli_test_support.hpp"

namespace ctom::cli::testing {
namespace {

TEST(KeysRotate, MakesANewCurrentKeyAndKeepsTheOldInTheJwks) {
  ScratchFolder data;
  const CtomRun first = RunCtom({"keys", "rotate", "--data", data.path()});
  ASSERT_EQ(first.exit_code, 0) << first;
  EXPECT_NE(first.out.find("the JWKS lists 2 keys"), std::string::npos) << first;
  const CtomRun second = RunCtom({"keys", "rotate", "--data", data.path()});
  ASSERT_EQ(second.exit_code, 0) << second;
  EXPECT_NE(second.out.find("the JWKS lists 3 keys"), std::string::npos) << second;
  EXPECT_TRUE(std::filesystem::exists(data.path() + "/issuer/key-0003.pem"));
  EXPECT_TRUE(std::filesystem::exists(data.path() + "/issuer/key-0002.public.pem"));
  EXPECT_FALSE(std::filesystem::exists(data.path() + "/issuer/key-0002.pem"));
}

TEST(KeysRotate, IsRefusedWhileAServerHoldsTheLedger) {
  DataFolder folder;  // holds the ledger open for writing, as `ctom serve` does
  const CtomRun run = RunCtom({"keys", "rotate", "--data", folder.data()});
  EXPECT_EQ(run.exit_code, 2) << run;
  EXPECT_NE(run.err.find("stop it first"), std::string::npos) << run;
  EXPECT_FALSE(std::filesystem::exists(folder.data() + "/issuer")) << "nothing written";
}

TEST(KeysRotate, BadUseIsOneLineAndExitTwo) {
  ScratchFolder data;
  const std::vector<std::vector<std::string>> uses{
      {"keys"},
      {"keys", "frobnicate", "--data", data.path()},
      {"keys", "rotate"},
      {"keys", "rotate", "--data", data.path() + "/missing"},
      {"keys", "rotate", "--data", data.path(), "--unknown", "x"}};
  for (const auto& use : uses) {
    const CtomRun run = RunCtom(use);
    EXPECT_EQ(run.exit_code, 2) << run;
    EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run;
  }
  EXPECT_EQ(RunCtom({"keys", "--help"}).exit_code, 0);
}

TEST(ServeIssuerKeys, ServeRefusesToStartOnIssuerKeysItCannotRead) {
  ScratchFolder data;
  std::filesystem::create_directories(data.path() + "/issuer");
  WriteText(data.path() + "/issuer/secret", std::string(64, 'a') + "\n");
  WriteText(data.path() + "/issuer/key-0001.pem", "not a key");
  const CtomRun run = RunCtom({"serve", "--data", data.path(), "--listen", "127.0.0.1:0"});
  EXPECT_EQ(run.exit_code, 2) << run;
  EXPECT_NE(run.err.find("cannot open the issuer's keys"), std::string::npos) << run;
  EXPECT_NE(run.err.find("key-0001.pem is not an RSA key"), std::string::npos) << run;
}

}  // namespace
}  // namespace ctom::cli::testing
