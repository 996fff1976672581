// Builds valid program histories through the domain's own Decide and Evolve, for tests and
// benchmarks: the seeds' slide (2007-2012) and large generated ledgers.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/decide.hpp"
#include "domain/state.hpp"

namespace ctom::testing {

// Appends commands by deciding them against the state built so far; every event decided is
// folded and kept, with dense positions and stream versions and recorded_at = occurred_at.
class HistoryBuilder {
 public:
  // Decides and folds; aborts the test program on a rejection (a generator bug).
  domain::Decision Do(const domain::Command& command, domain::Instant at,
                      const std::string& actor_role = "staff");
  // Decides without aborting; returns the rejection code or "" when accepted and folded.
  std::string Try(const domain::Command& command, domain::Instant at,
                  const std::string& actor_role = "staff");

  // Called with every event as it is folded (e.g. to append it to a real ledger). With
  // keep_history false the builder keeps only the state, for very large histories.
  void SetSink(std::function<void(const domain::Recorded&)> sink, bool keep_history) {
    sink_ = std::move(sink);
    keep_history_ = keep_history;
  }

  const domain::Program& program() const { return program_; }
  const std::vector<domain::Recorded>& history() const { return history_; }

 private:
  domain::Program program_;
  std::vector<domain::Recorded> history_;
  std::function<void(const domain::Recorded&)> sink_;
  bool keep_history_ = true;
};

// Shorthands for commands.
domain::Command On(const std::string& target, domain::Event event);
domain::Instant At(const std::string& rfc3339);

// A cohort of the given year with the seeds' shape: application window from 23 August to
// 29 September (17:00 Pacific) of the year before, kickoff, eight sessions, commencement on
// 12 November, and two assignments.
domain::CohortOpened SeedsCohort(std::int64_t year, std::optional<std::int64_t> capacity = {});

struct CandidatePlan {
  std::string id;
  std::int64_t cohort = 0;
  domain::Employer employer;
  enum class Path { rejected, dropped, enrolled_now, denied_completed, certified } path;
  bool promoted = false;
};

// Walks one candidate through the program as far as its plan says, using the builder. Mentor
// ids are taken from mentors (created by AddMentors) in turn.
void WalkCandidate(HistoryBuilder& builder, const CandidatePlan& plan,
                   const std::vector<std::string>& mentors, domain::Instant stop_at);

// Approved, contracted mentors "m<index>".
std::vector<std::string> AddMentors(HistoryBuilder& builder, int count, domain::Instant at);

// Uploads the three application documents and returns their ids by kind.
std::map<std::string, std::string> UploadApplicationDocuments(HistoryBuilder& builder,
                                                              domain::Instant at);

// The seeds' slide: cohorts 2007-2012 as of 2012-02-17, built so that the report reads 121
// enrolled, 97 completed, 21 currently enrolled, 92 certified, 12 promoted, 93 districts and
// 19 county offices (plus applicants who were never enrolled and do not count).
HistoryBuilder SlideHistory();
inline constexpr const char* kSlideInstant = "2012-02-17T12:00:00Z";

// A large history for benchmarks: `cohorts` cohorts of `per_cohort` candidates, each walked to
// certification with CEUs and recertification, until about `events_wanted` events exist. Set a
// sink on the builder first to stream the events somewhere.
void GenerateHistory(HistoryBuilder& builder, std::uint64_t events_wanted);

}  // namespace ctom::testing

namespace ctom::testing {

// A temporary folder removed with everything in it when the object goes.
class ScratchFolder {
 public:
  ScratchFolder();
  ~ScratchFolder();
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Encodes a folded event back into what the ledger appends (one event, its stream, its actor).
struct LedgerEntry {
  std::string stream;
  std::string type;
  std::uint32_t schema_version = 1;
  std::int64_t occurred_at = 0;
  std::string actor_id, actor_role;
  std::string payload;
};
LedgerEntry ToLedgerEntry(const domain::Recorded& recorded);

}  // namespace ctom::testing
