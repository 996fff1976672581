// Helpers for the vault's tests: temporary folders, keys, and a scan of every byte of a folder.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "vault/secret_key.hpp"
#include "vault/vault.hpp"

namespace ctom::vault::testing {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "ctom-vault-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) ADD_FAILURE() << "mkdtemp failed";
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path Sub(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

inline SecretKey NewKey() {
  auto key = RandomKey();
  EXPECT_TRUE(key.has_value());
  return key ? *key : SecretKey();
}

inline std::string KeyBytes(const SecretKey& key) {
  return std::string(reinterpret_cast<const char*>(key.bytes().data()), key.bytes().size());
}

inline std::unique_ptr<Vault> OpenOrDie(const std::filesystem::path& folder, const SecretKey& key) {
  auto vault = Vault::Open(folder, key);
  EXPECT_TRUE(vault.has_value()) << (vault ? "" : vault.error().detail);
  return vault ? std::move(*vault) : nullptr;
}

inline std::string ReadWholeFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The files under folder (recursively) whose bytes contain needle.
inline std::vector<std::string> FilesContaining(const std::filesystem::path& folder,
                                                const std::string& needle) {
  std::vector<std::string> found;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
    if (!entry.is_regular_file()) continue;
    if (ReadWholeFile(entry.path()).find(needle) != std::string::npos) {
      found.push_back(entry.path().filename().string());
    }
  }
  return found;
}

inline std::string Joined(const std::vector<std::string>& names) {
  std::string joined;
  for (const std::string& name : names) joined += name + " ";
  return joined;
}

}  // namespace ctom::vault::testing
