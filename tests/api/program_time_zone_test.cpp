// The program's time zone from the system's tzdata: offsets across daylight time, unknown names.
#include "api/program_time_zone.hpp"

#include <gtest/gtest.h>

#include "domain/time.hpp"

namespace ctom::api {
namespace {

domain::Instant At(const char* text) { return *domain::ParseInstant(text); }

TEST(ProgramTimeZone, GivesTheZonesOffsetAcrossDaylightTime) {
  auto pacific = ProgramTimeZone::Load("America/Los_Angeles");
  ASSERT_TRUE(pacific) << pacific.error();
  EXPECT_EQ(pacific->OffsetMinutesAt(At("2017-09-30T00:00:00Z")), -7 * 60);
  EXPECT_EQ(pacific->OffsetMinutesAt(At("2018-02-02T18:00:00Z")), -8 * 60);
  // Before 2007 the US rule was another: daylight time began on the first Sunday of April.
  EXPECT_EQ(pacific->OffsetMinutesAt(At("2006-03-20T12:00:00Z")), -8 * 60);
  auto berlin = ProgramTimeZone::Load("Europe/Berlin");
  ASSERT_TRUE(berlin) << berlin.error();
  EXPECT_EQ(domain::FormatInstantIn(At("2017-09-30T00:00:00Z"), *berlin),
            "2017-09-30 02:00 +02:00");
  EXPECT_EQ(berlin->name(), "Europe/Berlin");
}

TEST(ProgramTimeZone, AgreesWithThePacificRuleTheDomainUsesWithoutADatabase) {
  auto pacific = ProgramTimeZone::Load("America/Los_Angeles");
  ASSERT_TRUE(pacific);
  for (domain::Instant at = At("2008-01-01T00:00:00Z"); at < At("2030-01-01T00:00:00Z");
       at += 6 * 3'600'000'000LL) {
    ASSERT_EQ(pacific->OffsetMinutesAt(at), domain::PacificOffsets().OffsetMinutesAt(at))
        << domain::FormatInstant(at);
  }
}

TEST(ProgramTimeZone, AnUnknownNameIsRefusedWithTheName) {
  for (const char* name : {"Mars/Olympus_Mons", "", "../../etc/passwd", "PST8PDT "}) {
    auto zone = ProgramTimeZone::Load(name);
    ASSERT_FALSE(zone) << name;
    EXPECT_NE(zone.error().find("unknown time zone"), std::string::npos);
  }
}

}  // namespace
}  // namespace ctom::api
