// The one hex encoder: lower-case out, either case in, refusals of what is not hex.
#include "eventstore/hex.hpp"

#include <gtest/gtest.h>

#include <array>

#include "eventstore/ledger.hpp"

namespace ctom::eventstore {
namespace {

TEST(Hex, EncodesLowerCaseAndDecodesEitherCaseBack) {
  EXPECT_EQ(ToHex(std::string_view("\x01\xab\xff", 3)), "01abff");
  const std::array<std::uint8_t, 2> bytes{0x00, 0x7f};
  EXPECT_EQ(ToHex(bytes), "007f");
  EXPECT_EQ(FromHex("01ABff"), std::string("\x01\xab\xff", 3));
  EXPECT_EQ(FromHex(""), std::string());
}

TEST(Hex, RefusesOddLengthsAndDigitsThatAreNotHex) {
  EXPECT_FALSE(FromHex("abc").has_value());
  EXPECT_FALSE(FromHex("zz").has_value());
  EXPECT_FALSE(FromHex("0g").has_value());
}

TEST(Hex, AHashReadsBackOnlyFromExactly64Digits) {
  const Hash hash = Sha256("ctom");
  EXPECT_EQ(HashFromHex(ToHex(hash)), hash);
  EXPECT_FALSE(HashFromHex(ToHex(hash).substr(2)).has_value());
}

}  // namespace
}  // namespace ctom::eventstore
