// The import kinds: one per kind API.md names, each on its command route, and each template's
// example row read by that route's own body reader without a refusal.
#include "api/import_kinds.hpp"

#include <gtest/gtest.h>

#include "api/csv_table.hpp"
#include "api/import_rows.hpp"

namespace ctom::api {
namespace {

TEST(ImportKindsTest, EveryKindApiMdNamesIsImportable) {
  std::vector<std::string_view> names;
  for (const ImportKind& kind : ImportKinds()) names.push_back(kind.name);
  EXPECT_EQ(names, (std::vector<std::string_view>{"applications",
                                                  "mentors",
                                                  "decision",
                                                  "payments",
                                                  "attendance",
                                                  "makeups",
                                                  "participation",
                                                  "submissions",
                                                  "grades",
                                                  "portfolio",
                                                  "meetings",
                                                  "reviews",
                                                  "final-presentation",
                                                  "mentor-assessment",
                                                  "feedback",
                                                  "employment",
                                                  "drop",
                                                  "certification",
                                                  "ceus",
                                                  "annual-documentation",
                                                  "promotions"}));
}

TEST(ImportKindsTest, EveryTemplateRowReadsAsItsCommandWithoutARefusal) {
  domain::Program program;
  domain::Candidate jane;
  jane.id = "c-jane";
  jane.cohort = 2009;
  jane.email = "jane.doe@example.org";
  program.candidates.emplace(jane.id, jane);
  const CandidateDirectory directory(program);
  const Caller caller{"u-staff", "staff", "", ""};
  for (const ImportKind& kind : ImportKinds()) {
    auto table = ReadCsv(ImportTemplate(kind));
    ASSERT_TRUE(table) << kind.name;
    ASSERT_TRUE(CheckColumns(kind, table->header)) << kind.name;
    ASSERT_EQ(table->rows.size(), 1u) << kind.name;
    auto prepared =
        PrepareRow(RowContext{kind, table->header, directory, caller}, table->rows[0].cells);
    EXPECT_TRUE(prepared) << kind.name << ": " << prepared.error().body;
  }
}

TEST(ImportKindsTest, ARowKeyIsTheKindAndTheFilledCellsWhateverTheirOrder) {
  const std::string key = RowKey("attendance", {"a", "b", "c"}, {"1", "", "3"});
  EXPECT_EQ(key, RowKey("attendance", {"c", "a", "b"}, {"3", "1", ""}));
  EXPECT_EQ(key, RowKey("attendance", {"c", "a"}, {"3", "1"}));
  EXPECT_NE(key, RowKey("makeups", {"a", "b", "c"}, {"1", "", "3"}));
  EXPECT_NE(key, RowKey("attendance", {"a", "b", "c"}, {"1", "3", ""}));
  EXPECT_LE(key.size(), 128u);
}

}  // namespace
}  // namespace ctom::api
