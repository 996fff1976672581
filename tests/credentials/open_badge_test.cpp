// A certificate's credential per cycle: its dates, a subject id and e-mail hash that identify
// without telling, the same every time, and the holder's name as the view shows it.
#include "credentials/open_badge.hpp"

#include <gtest/gtest.h>

#include <regex>

#include "credentials/criteria_narrative.hpp"
#include "eventstore/hex.hpp"
#include "tests/support/program_history.hpp"

namespace ctom::credentials {
namespace {

domain::Date Day(const char* text) { return *domain::ParseDate(text); }

domain::Candidate RenewedOnce() {
  domain::Candidate c;
  c.id = "c-1";
  c.name = "Ada Lovelace";
  c.email = " Ada@SCUSD.example ";
  c.certification.state = "certified";
  c.certification.certificate = "CCTO-2018-0001";
  c.certification.issued_on = Day("2018-11-12");
  c.certification.cycle_starts = {Day("2018-11-12"), Day("2021-11-12")};
  c.certification.cycle_start = Day("2021-11-12");
  c.certification.expires_on = Day("2024-11-12");
  c.certification.decided_at = domain::StartOf(Day("2018-11-13"));
  return c;
}

class OpenBadgeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = IssuerKeys::OpenOrCreate(data_.path());
    ASSERT_TRUE(opened.has_value()) << opened.error();
    keys_.emplace(std::move(*opened));
  }
  std::optional<OpenBadge> Build(const domain::Candidate& c, std::uint32_t cycle) {
    return BuildOpenBadge(c, cycle, rules_, *keys_, "https://ctom.example");
  }

  testing::ScratchFolder data_;
  std::optional<IssuerKeys> keys_;
  domain::RuleBook rules_;
};

TEST_F(OpenBadgeTest, EachCycleRunsFromItsStartToTheNextOrToExpiry) {
  const domain::Candidate c = RenewedOnce();
  EXPECT_EQ(CycleCount(c.certification), 2u);
  const auto first = Build(c, 1);
  const auto second = Build(c, 2);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->id, "https://ctom.example/v1/certificates/CCTO-2018-0001/credentials/1");
  EXPECT_EQ(first->valid_from, "2018-11-12T00:00:00Z");
  EXPECT_EQ(first->valid_until, "2021-11-12T00:00:00Z");
  EXPECT_EQ(second->valid_from, "2021-11-12T00:00:00Z");
  EXPECT_EQ(second->valid_until, "2024-11-12T00:00:00Z");
  EXPECT_EQ(first->not_before_seconds, 1541980800);
  EXPECT_EQ(first->expires_seconds, 1636675200);
  EXPECT_FALSE(Build(c, 0).has_value());
  EXPECT_FALSE(Build(c, 3).has_value());
  domain::Candidate uncertified = c;
  uncertified.certification.state = "denied";
  EXPECT_EQ(CycleCount(uncertified.certification), 0u);
  EXPECT_FALSE(Build(uncertified, 1).has_value());
}

TEST_F(OpenBadgeTest, TheSubjectIdIsAStableUuidThatDiffersPerCandidate) {
  const domain::Candidate c = RenewedOnce();
  const std::string id = Build(c, 1)->subject_id;
  EXPECT_TRUE(std::regex_match(
      id,
      std::regex("urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")))
      << id;
  EXPECT_EQ(Build(c, 2)->subject_id, id);
  domain::Candidate other = c;
  other.id = "c-2";
  EXPECT_NE(Build(other, 1)->subject_id, id);
  EXPECT_EQ(id.find("c-1"), std::string::npos);
}

TEST_F(OpenBadgeTest, TheEmailIsHashedWithASaltOfItsOwnForEachCycle) {
  const domain::Candidate c = RenewedOnce();
  const auto first = Build(c, 1);
  ASSERT_TRUE(first->email.has_value());
  EXPECT_EQ(first->email->salt.size(), 32u);
  const Digest expected = Sha256("ada@scusd.example" + first->email->salt);
  EXPECT_EQ(first->email->identity_hash,
            "sha256$" + eventstore::ToHex(std::span<const std::uint8_t>(expected)));
  EXPECT_EQ(Build(c, 1)->email->salt, first->email->salt) << "reproducible";
  EXPECT_NE(Build(c, 2)->email->salt, first->email->salt);
}

TEST_F(OpenBadgeTest, AnErasedHolderIsNamedAsTheViewShowsItAndHasNoEmailIdentifier) {
  domain::Candidate c = RenewedOnce();
  c.name = "[erased]";
  c.email = "[erased]";
  const auto badge = Build(c, 2);
  ASSERT_TRUE(badge.has_value());
  EXPECT_EQ(badge->holder_name, "[erased]");
  EXPECT_FALSE(badge->email.has_value());
  EXPECT_EQ(badge->valid_until, "2024-11-12T00:00:00Z") << "dates are kept";
}

TEST(CriteriaNarrative, SaysTheRulesInForce) {
  domain::RuleParameters rules;
  const std::string narrative = CriteriaNarrative(rules);
  EXPECT_NE(narrative.find("Renew every 3 years with 6 continuing education units"),
            std::string::npos)
      << narrative;
  EXPECT_NE(narrative.find("at most 0 unexcused absences and 2 excused absences"),
            std::string::npos)
      << narrative;
  rules.recert_cycle_years = 5;
  rules.min_ceus_per_cycle_hundredths = 750;
  rules.mentor_recommendation_required = false;
  const std::string changed = CriteriaNarrative(rules);
  EXPECT_NE(changed.find("Renew every 5 years with 7.5 continuing education units"),
            std::string::npos)
      << changed;
  EXPECT_EQ(changed.find("recommendation"), std::string::npos) << changed;
}

}  // namespace
}  // namespace ctom::credentials
