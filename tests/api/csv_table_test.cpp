// ReadCsv: RFC 4180 through libcsv, and each kind of malformed row refused alone with its number.
#include "api/csv_table.hpp"

#include <gtest/gtest.h>

namespace ctom::api {
namespace {

CsvTable Read(std::string_view text) {
  auto table = ReadCsv(text);
  EXPECT_TRUE(table.has_value()) << table.error();
  return table.value_or(CsvTable{});
}

using Cells = std::vector<std::string>;

TEST(CsvTableTest, QuotedCellsKeepCommasQuotesLineBreaksAndSpaces) {
  const CsvTable table = Read("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n p , ,\r\n");
  EXPECT_EQ(table.header, (Cells{"a", "b", "c"}));
  ASSERT_EQ(table.rows.size(), 2u);
  EXPECT_EQ(table.rows[0].cells, (Cells{"x, y", "say \"hi\"", "two\nlines"}));
  EXPECT_EQ(table.rows[1].cells, (Cells{" p ", " ", ""}));
  EXPECT_EQ(table.rows[1].number, 2u);
}

TEST(CsvTableTest, AByteOrderMarkIsSkippedAndEmptyLinesAreNotRows) {
  const CsvTable table = Read(
      "\xEF\xBB\xBF"
      "a,b\n\n1,2\n\n3,4");
  EXPECT_EQ(table.header, (Cells{"a", "b"}));
  ASSERT_EQ(table.rows.size(), 2u);
  EXPECT_EQ(table.rows[1].cells, (Cells{"3", "4"}));
  EXPECT_EQ(table.rows[1].number, 2u);
}

TEST(CsvTableTest, EachMalformedRowIsRefusedAloneAndReadingGoesOn) {
  const CsvTable table = Read(
      "a,b\n"
      "1\n"           // 1: too few cells
      "1,2,3\n"       // 2: too many
      "x\"y,2\n"      // 3: a quote inside an unquoted cell
      "\"x\"y,2\n"    // 4: text after a closing quote
      "\xC3\x28,2\n"  // 5: not UTF-8
      "ok,fine\n"     // 6
      "\"open,2\n"    // 7: a quote never closed ...
      "after,it\n");  // 8: ... and the row after it is read again
  ASSERT_EQ(table.rows.size(), 8u);
  EXPECT_EQ(table.rows[0].malformed, "the row has 1 cells; the header has 2");
  EXPECT_EQ(table.rows[1].malformed, "the row has 3 cells; the header has 2");
  EXPECT_NE(table.rows[2].malformed.find("RFC 4180"), std::string::npos);
  EXPECT_NE(table.rows[3].malformed.find("RFC 4180"), std::string::npos);
  EXPECT_EQ(table.rows[4].malformed, "a: is not UTF-8");
  EXPECT_TRUE(table.rows[5].malformed.empty());
  EXPECT_EQ(table.rows[6].malformed, "the row has a quote that is never closed");
  EXPECT_EQ(table.rows[7].cells, (Cells{"after", "it"}));
  for (std::size_t i = 0; i < table.rows.size(); ++i) EXPECT_EQ(table.rows[i].number, i + 1);
  for (const CsvRow& row : table.rows) {
    if (!row.malformed.empty()) {
      EXPECT_TRUE(row.cells.empty()) << "a partial row";
    }
  }
}

TEST(CsvTableTest, AFileWithoutAReadableHeaderIsRefused) {
  EXPECT_FALSE(ReadCsv("").has_value());
  EXPECT_FALSE(ReadCsv("\n\n").has_value());
  EXPECT_FALSE(ReadCsv("a,\"b\n").has_value());
  EXPECT_FALSE(ReadCsv("a\xFF,b\n1,2\n").has_value());
}

TEST(CsvTableTest, MoreRowsThanTheLimitRefuseTheFile) {
  std::string text = "a\n";
  for (std::size_t i = 0; i <= kCsvRowsMax; ++i) text += "1\n";
  EXPECT_FALSE(ReadCsv(text).has_value());
}

}  // namespace
}  // namespace ctom::api
