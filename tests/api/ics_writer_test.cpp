// iCalendar text as RFC 5545 wants it: escaped TEXT and content lines folded at 75 octets.
#include "api/ics_writer.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace ctom::api {
namespace {

TEST(IcsText, EscapesBackslashSemicolonCommaAndNewline) {
  EXPECT_EQ(IcsText("a\\b;c,d\ne\r"), "a\\\\b\\;c\\,d\\ne");
}

TEST(IcsLine, FoldsAt75OctetsWithoutSplittingAUtf8Sequence) {
  std::string line = "DESCRIPTION:";
  for (int i = 0; i < 60; ++i) line += "\xC3\xA9";  // é, two octets each
  const std::string folded = IcsLine(line);
  std::istringstream lines(folded);
  std::string part, unfolded;
  bool first = true;
  while (std::getline(lines, part)) {
    ASSERT_FALSE(part.empty());
    ASSERT_EQ(part.back(), '\r');
    part.pop_back();
    EXPECT_LE(part.size(), 75u) << part;
    if (!first) {
      ASSERT_EQ(part.front(), ' ');
      part.erase(0, 1);
      EXPECT_NE(static_cast<unsigned char>(part.front()) & 0xC0, 0x80) << "split é";
    }
    unfolded += part;
    first = false;
  }
  EXPECT_EQ(unfolded, line);
  EXPECT_EQ(IcsLine("SUMMARY:short"), "SUMMARY:short\r\n");
}

TEST(IcsDates, AreWrittenWithoutSeparators) {
  EXPECT_EQ(IcsDate(*domain::ParseDate("2021-11-12")), "20211112");
  EXPECT_EQ(IcsInstant(*domain::ParseInstant("2018-02-02T18:00:00.5Z")), "20180202T180000Z");
}

}  // namespace
}  // namespace ctom::api
