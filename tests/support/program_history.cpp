// Generators of valid program histories, decided and folded by the domain itself.
#include "tests/support/program_history.hpp"

#include <cstdio>
#include <cstdlib>

#include "domain/time.hpp"

namespace ctom::testing {
using namespace domain;

namespace {

constexpr Instant kHour = 3'600'000'000LL;
constexpr Instant kDay = 24 * kHour;

Instant Civil(std::int64_t year, int month, int day, int hour) {
  return StartOf(DateFromCivil(CivilDate{static_cast<int>(year), month, day})) + hour * kHour;
}

Context ContextAt(Instant at, const std::string& role) {
  return Context{at, "u-" + role, role, ""};
}

}  // namespace

Decision HistoryBuilder::Do(const Command& command, Instant at, const std::string& actor_role) {
  auto decided = Decide(program_, command, ContextAt(at, actor_role));
  if (!decided) {
    const std::string code(RejectionCodeName(decided.error().code));
    std::fprintf(stderr, "history generator: rejected %s: %s\n", code.c_str(),
                 decided.error().detail.c_str());
    std::abort();
  }
  for (const Event& event : decided->events) {
    Recorded recorded;
    recorded.position = program_.position + 1;
    recorded.stream = decided->stream;
    recorded.stream_version = program_.StreamVersion(decided->stream) + 1;
    recorded.occurred_at = at;
    recorded.recorded_at = at;
    recorded.actor_id = "u-" + actor_role;
    recorded.actor_role = actor_role;
    recorded.event = event;
    Evolve(program_, recorded);
    if (sink_) sink_(recorded);
    if (keep_history_) history_.push_back(std::move(recorded));
  }
  return *decided;
}

std::string HistoryBuilder::Try(const Command& command, Instant at, const std::string& actor_role) {
  auto decided = Decide(program_, command, ContextAt(at, actor_role));
  if (!decided) return std::string(RejectionCodeName(decided.error().code));
  Do(command, at, actor_role);
  return "";
}

Command On(const std::string& target, Event event) { return Command{target, std::move(event)}; }

Instant At(const std::string& rfc3339) {
  auto parsed = ParseInstant(rfc3339);
  if (!parsed) std::abort();
  return *parsed;
}

CohortOpened SeedsCohort(std::int64_t year, std::optional<std::int64_t> capacity) {
  CohortOpened cohort;
  cohort.year = year;
  cohort.application_opens = Civil(year - 1, 8, 23, 7);     // 00:00 Pacific (PDT)
  cohort.application_deadline = Civil(year - 1, 9, 30, 0);  // 17:00 Pacific (PDT)
  cohort.tuition_cents = 250'000;
  cohort.capacity = capacity;
  cohort.location = "Sacramento, CA";
  cohort.sessions.push_back(SessionSlot{
      0, "Kickoff", {"Program overview"}, Civil(year, 2, 2, 18), Civil(year, 2, 3, 0), ""});
  for (int n = 1; n <= 8; ++n) {
    // Friday 17:30 to Saturday 16:00 Pacific, one weekend a month from February.
    const Instant friday = Civil(year, n == 1 ? 2 : n + 1, n == 1 ? 3 : 5, 1) + kDay;
    cohort.sessions.push_back(SessionSlot{n,
                                          "Session " + std::to_string(n),
                                          {"Topic"},
                                          friday,
                                          friday + 22 * kHour + 30 * 60'000'000LL,
                                          ""});
  }
  cohort.sessions.push_back(SessionSlot{9,
                                        "Final presentations and commencement",
                                        {},
                                        Civil(year, 11, 12, 17),
                                        Civil(year, 11, 13, 1),
                                        ""});
  return cohort;
}

std::vector<std::string> AddMentors(HistoryBuilder& builder, int count, Instant at) {
  std::vector<std::string> ids;
  for (int i = 0; i < count; ++i) {
    const std::string id = "m" + std::to_string(i);
    if (builder.program().FindMentor(id) != nullptr) {
      ids.push_back(id);
      continue;
    }
    MentorApplied applied{id,
                          "Mentor " + std::to_string(i),
                          id + "@example.org",
                          Employer{"Mentor District " + std::to_string(i), "district", ""},
                          "CTO",
                          true,
                          true,
                          "work_experience",
                          12,
                          std::nullopt};
    builder.Do(On("", applied), at);
    builder.Do(On(id, MentorApprovalDecided{"approved", ""}), at);
    builder.Do(On(id, MentorContractSigned{DateOf(at)}), at);
    ids.push_back(id);
  }
  return ids;
}

std::map<std::string, std::string> UploadApplicationDocuments(HistoryBuilder& builder, Instant at) {
  std::map<std::string, std::string> ids;
  for (const char* kind : {"application", "resume", "nomination"}) {
    const std::string id = std::string("sha256:") + kind;
    if (!builder.program().documents.contains(id)) {
      builder.Do(On("", DocumentUploaded{id, "text/plain", 4, kind}), at);
    }
    ids[kind] = id;
  }
  return ids;
}

}  // namespace ctom::testing
