// Test support for the command-line tools: runs the real `ctom` program (CTOM_BINARY) as a child
// process, and fills data folders with known histories through a primary ledger on a fake clock.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "domain/time.hpp"
#include "eventstore/ledger.hpp"
#include "projections/fold.hpp"
#include "tests/support/history_append.hpp"
#include "tests/support/program_history.hpp"
#include "tests/support/run_ctom.hpp"

namespace ctom::cli::testing {

using ctom::testing::At;
using ctom::testing::CandidatePlan;
using ctom::testing::HistoryBuilder;
using ctom::testing::On;
using ctom::testing::ScratchFolder;

inline constexpr domain::Instant kDayUs = domain::kMicrosecondsPerDay;

inline std::string ReadText(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

inline void WriteText(const std::string& path, const std::string& text) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << text;
  ASSERT_TRUE(file.good()) << path;
}

inline std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// What one run of `ctom` did.
using ctom::testing::CtomRun;

// Runs `ctom arguments...` (see RunCtomIn) with its output in a scratch folder of its own.
inline CtomRun RunCtom(const std::vector<std::string>& arguments) {
  ScratchFolder scratch;
  return ctom::testing::RunCtomIn(scratch.path(), arguments);
}

// A data folder as `ctom serve` keeps it (DIR/ledger), with a primary ledger the test appends
// to. recorded_at follows the high-water mark of the appended events' occurred_at, as when
// earlier years are imported, so recorded instants are the same on every run.
class DataFolder {
 public:
  DataFolder() { Open(); }

  const std::string& data() const { return data_; }
  std::string ledger_path() const { return data_ + "/ledger"; }
  eventstore::Ledger& ledger() { return *ledger_; }

  void Open(bool sync_writes = false) {
    std::filesystem::create_directories(data_);
    eventstore::OpenOptions options;
    options.path = ledger_path();
    options.sync_writes = sync_writes;
    options.clock = [this] { return now_; };
    auto opened = eventstore::Ledger::Open(options);
    ASSERT_TRUE(opened.has_value()) << opened.error().detail;
    ledger_ = std::move(*opened);
  }
  // Closes the primary (to tamper with the database directly).
  void Close() { ledger_.reset(); }

  void Append(const domain::Recorded& recorded) {
    now_ = std::max(now_, recorded.occurred_at);
    auto appended = ledger_->Append(ctom::testing::AppendRequestOf(recorded));
    ASSERT_TRUE(appended.has_value()) << appended.error().detail;
  }

  void AppendAll(const HistoryBuilder& history) {
    for (const domain::Recorded& recorded : history.history()) Append(recorded);
  }

 private:
  ScratchFolder scratch_;
  std::string data_ = scratch_.path() + "/data";
  std::int64_t now_ = 0;
  std::unique_ptr<eventstore::Ledger> ledger_;
};

// One cohort (2011) with its two assignments, one mentor, candidate "c1" walked to certification
// and a promotion, and candidate "c2" dropped for an unexcused absence.
inline HistoryBuilder SmallHistory() {
  HistoryBuilder b;
  const domain::CohortOpened cohort = ctom::testing::SeedsCohort(2011);
  b.Do(On("", cohort), cohort.application_opens - 20 * kDayUs);
  const domain::Instant defined_at = cohort.application_opens - 19 * kDayUs;
  b.Do(On("2011", domain::AssignmentDefined{"homework-1", 1, "homework", "Strategic plan",
                                            cohort.sessions[1].starts_at}),
       defined_at);
  b.Do(On("2011", domain::AssignmentDefined{"oral-8", 8, "oral_presentation", "Policy briefing",
                                            cohort.sessions[8].starts_at}),
       defined_at);
  const std::vector<std::string> mentors =
      ctom::testing::AddMentors(b, 1, cohort.application_opens - 10 * kDayUs);
  const domain::Instant stop_at = At("2012-06-01T00:00:00Z");
  ctom::testing::WalkCandidate(
      b,
      CandidatePlan{"c1", 2011,
                    domain::Employer{"Sacramento City Unified", "district", "34674390000000"},
                    CandidatePlan::Path::certified, true},
      mentors, stop_at);
  ctom::testing::WalkCandidate(
      b,
      CandidatePlan{"c2", 2011, domain::Employer{"Yolo County Office", "county_office", ""},
                    CandidatePlan::Path::dropped, false},
      mentors, stop_at);
  return b;
}

// A deterministic rendering of what the views show, to compare two folds.
inline std::string Fingerprint(const domain::Program& p) {
  std::ostringstream out;
  out << "position " << p.position << "\n";
  for (const auto& [id, c] : p.candidates) {
    out << id << " " << c.status << " v" << c.version << " m" << c.mentor_id << " paid"
        << c.paid_cents << " att" << c.attendance.size() << " asg" << c.assignments.size()
        << " cert" << c.certification.state << c.certification.certificate
        << c.certification.expires_on.days << " ceu" << c.ceus.size() << " promo"
        << c.promotions.size() << "\n";
  }
  for (const auto& [year, cohort] : p.cohorts) {
    out << "cohort " << year << " v" << cohort.version << " n" << cohort.candidate_ids.size()
        << "\n";
  }
  for (const auto& [id, m] : p.mentors) {
    out << "mentor " << id << " " << m.approval << m.mentee_ids.size() << "\n";
  }
  return out.str();
}

}  // namespace ctom::cli::testing
