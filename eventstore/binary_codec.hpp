// Big-endian fixed-width integers and length-prefixed byte strings: the building blocks of every
// stored record and key (docs/ledger.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace ctom::eventstore {

// Appends encoded values to a string the caller owns, so one buffer can hold a whole record.
class BinaryWriter {
 public:
  explicit BinaryWriter(std::string& out) : out_(out) {}

  void PutU8(std::uint8_t value) { out_.push_back(static_cast<char>(value)); }
  void PutU16(std::uint16_t value) { PutBigEndian(value, 2); }
  void PutU32(std::uint32_t value) { PutBigEndian(value, 4); }
  void PutU64(std::uint64_t value) { PutBigEndian(value, 8); }
  // Two's complement, so negative instants (before 1970) keep a fixed width.
  void PutI64(std::int64_t value) { PutU64(static_cast<std::uint64_t>(value)); }
  void PutRaw(std::span<const std::uint8_t> bytes) {
    out_.append(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  }
  void PutRaw(std::string_view bytes) { out_.append(bytes); }
  // A u32 length, then the bytes. Callers keep strings under 4 GiB (the ledger's limits are far
  // smaller), which the assertion-free cast relies on.
  void PutString(std::string_view bytes) {
    PutU32(static_cast<std::uint32_t>(bytes.size()));
    out_.append(bytes);
  }

 private:
  void PutBigEndian(std::uint64_t value, int width) {
    for (int shift = (width - 1) * 8; shift >= 0; shift -= 8) {
      out_.push_back(static_cast<char>((value >> shift) & 0xFF));
    }
  }

  std::string& out_;
};

// Reads values back from a byte view. Every getter returns nullopt (and reads nothing) when too few
// bytes remain, so a truncated or corrupted record is reported, never read past its end.
class BinaryReader {
 public:
  explicit BinaryReader(std::string_view bytes) : bytes_(bytes) {}

  std::size_t remaining() const { return bytes_.size(); }

  std::optional<std::uint8_t> GetU8() {
    auto value = GetBigEndian(1);
    if (!value) return std::nullopt;
    return static_cast<std::uint8_t>(*value);
  }
  std::optional<std::uint16_t> GetU16() {
    auto value = GetBigEndian(2);
    if (!value) return std::nullopt;
    return static_cast<std::uint16_t>(*value);
  }
  std::optional<std::uint32_t> GetU32() {
    auto value = GetBigEndian(4);
    if (!value) return std::nullopt;
    return static_cast<std::uint32_t>(*value);
  }
  std::optional<std::uint64_t> GetU64() { return GetBigEndian(8); }
  std::optional<std::int64_t> GetI64() {
    auto value = GetBigEndian(8);
    if (!value) return std::nullopt;
    return static_cast<std::int64_t>(*value);
  }
  // Copies exactly out.size() bytes.
  bool GetRaw(std::span<std::uint8_t> out) {
    if (bytes_.size() < out.size()) return false;
    std::memcpy(out.data(), bytes_.data(), out.size());
    bytes_.remove_prefix(out.size());
    return true;
  }
  std::optional<std::string_view> GetRawView(std::size_t size) {
    if (bytes_.size() < size) return std::nullopt;
    std::string_view view = bytes_.substr(0, size);
    bytes_.remove_prefix(size);
    return view;
  }
  std::optional<std::string_view> GetStringView() {
    std::string_view before = bytes_;
    auto size = GetU32();
    if (!size || bytes_.size() < *size) {
      bytes_ = before;
      return std::nullopt;
    }
    return GetRawView(*size);
  }
  bool GetString(std::string& out) {
    auto view = GetStringView();
    if (!view) return false;
    out.assign(*view);
    return true;
  }

 private:
  std::optional<std::uint64_t> GetBigEndian(std::size_t width) {
    if (bytes_.size() < width) return std::nullopt;
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < width; ++i) {
      value = (value << 8) | static_cast<std::uint8_t>(bytes_[i]);
    }
    bytes_.remove_prefix(width);
    return value;
  }

  std::string_view bytes_;
};

}  // namespace ctom::eventstore
