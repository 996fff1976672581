// Reading and atomically creating key files with POSIX calls, which say why a file cannot be read.
#include "vault/key_file.hpp"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <optional>

#include "eventstore/hex.hpp"
#include "vault/new_file.hpp"

namespace ctom::vault {
namespace {

std::string Why(const std::filesystem::path& path, const char* doing) {
  return std::string(doing) + " " + path.string() + ": " + std::strerror(errno);
}

// A string that wipes itself: key file text and decoded key bytes pass through these.
struct WipedText {
  std::string text;
  ~WipedText() { OPENSSL_cleanse(text.data(), text.size()); }
};

// Reads at most kKeyFileBytesMax + 1 bytes of an open file into out.
bool ReadAll(int descriptor, std::string& out) {
  out.assign(kKeyFileBytesMax + 1, '\0');
  std::size_t filled = 0;
  while (filled < out.size()) {
    const ssize_t got = ::read(descriptor, out.data() + filled, out.size() - filled);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return false;
    if (got == 0) break;
    filled += static_cast<std::size_t>(got);
  }
  OPENSSL_cleanse(out.data() + filled, out.size() - filled);
  out.resize(filled);
  return true;
}

std::string_view TrimWhiteSpace(std::string_view text) {
  constexpr std::string_view kWhiteSpace = " \t\r\n";
  const std::size_t first = text.find_first_not_of(kWhiteSpace);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kWhiteSpace) - first + 1);
}

std::optional<std::string> ModeWarning(const std::filesystem::path& path, const struct stat& info) {
  if ((info.st_mode & (S_IRWXG | S_IRWXO)) == 0) return std::nullopt;
  std::array<char, 8> mode{};
  std::snprintf(mode.data(), mode.size(), "%04o", static_cast<unsigned>(info.st_mode & 07777));
  return "key file " + path.string() + " has mode " + mode.data() +
         ": group or others may read it; chmod 600 it";
}

}  // namespace

VaultResult<LoadedKeyFile> LoadKeyFile(const std::filesystem::path& path) {
  const int descriptor = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (descriptor < 0) {
    const auto code =
        errno == ENOENT ? VaultErrorCode::key_file_missing : VaultErrorCode::key_file_unreadable;
    return Fail(code, Why(path, errno == ENOENT ? "no key file at" : "cannot open key file"));
  }
  struct stat info {};
  WipedText contents;
  const bool read = ::fstat(descriptor, &info) == 0 && ReadAll(descriptor, contents.text);
  const std::string why = read ? "" : Why(path, "cannot read key file");
  ::close(descriptor);
  if (!read) return Fail(VaultErrorCode::key_file_unreadable, why);
  const std::string_view hex = TrimWhiteSpace(contents.text);
  WipedText bytes{hex.size() == 2 * kKeyBytes ? eventstore::FromHex(hex).value_or("") : ""};
  if (bytes.text.size() != kKeyBytes) {
    return Fail(VaultErrorCode::key_file_malformed,
                "key file " + path.string() + " does not hold a 256-bit key as 64 hex digits (" +
                    std::to_string(contents.text.size()) + " bytes)");
  }
  LoadedKeyFile loaded{SecretKey(std::span<const std::uint8_t, kKeyBytes>(
                           reinterpret_cast<const std::uint8_t*>(bytes.text.data()), kKeyBytes)),
                       {}};
  if (auto warning = ModeWarning(path, info)) loaded.warnings.push_back(std::move(*warning));
  return loaded;
}

VaultResult<SecretKey> CreateKeyFile(const std::filesystem::path& path) {
  VaultResult<SecretKey> key = RandomKey();
  if (!key) return key;
  WipedText text{eventstore::ToHex(key->bytes()) + "\n"};
  if (auto written = WriteNewFile(path, text.text, S_IRUSR | S_IWUSR); !written) {
    return std::unexpected(written.error());
  }
  return key;
}

}  // namespace ctom::vault
