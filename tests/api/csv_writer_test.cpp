// The one CSV writer of every export: RFC 4180 quoting and the guard against spreadsheet formulas.
#include "api/csv_writer.hpp"

#include <gtest/gtest.h>

namespace ctom::api {
namespace {

TEST(CsvCell, PrefixesTextThatASpreadsheetWouldRunAsAFormula) {
  EXPECT_EQ(CsvCell("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(CsvCell("+1 555"), "'+1 555");
  EXPECT_EQ(CsvCell("-cmd"), "'-cmd");
  EXPECT_EQ(CsvCell("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(CsvCell("\tx"), "'\tx");
  EXPECT_EQ(CsvCell("\rx"), "\"'\rx\"");
}

TEST(CsvCell, LeavesNumbersAndPlainTextAlone) {
  EXPECT_EQ(CsvCell("-3.05"), "-3.05");
  EXPECT_EQ(CsvCell("250000"), "250000");
  EXPECT_EQ(CsvCell("Ada Lovelace"), "Ada Lovelace");
  EXPECT_EQ(CsvCell(""), "");
  EXPECT_EQ(CsvCell("a=b"), "a=b");  // only a leading sign is a formula
}

TEST(CsvCell, QuotesCommasQuotesAndLineBreaks) {
  EXPECT_EQ(CsvCell("Sacramento, CA"), "\"Sacramento, CA\"");
  EXPECT_EQ(CsvCell("the \"best\""), "\"the \"\"best\"\"\"");
  EXPECT_EQ(CsvCell("two\nlines"), "\"two\nlines\"");
}

TEST(CsvWriter, WritesAHeaderAndRowsEndingInCrlf) {
  CsvWriter csv({"id", "name"});
  csv.Row({"c1", "=1+1"});
  csv.Row({"c2", "Smith, Jo"});
  EXPECT_EQ(csv.text(), "id,name\r\nc1,'=1+1\r\nc2,\"Smith, Jo\"\r\n");
}

}  // namespace
}  // namespace ctom::api
