// The program's state: its lookups, the record a stream names, rules about candidates.
#include "domain/state.hpp"

#include <cctype>

#include "domain/areas.hpp"

namespace ctom::domain {
namespace {

// The record a stream id names: "candidate-<id>", "mentor-<id>", "cohort-<year>", ...
std::string_view StreamId(std::string_view stream, std::string_view prefix) {
  if (stream.size() <= prefix.size() || stream.substr(0, prefix.size()) != prefix) return {};
  return stream.substr(prefix.size());
}

std::optional<std::int64_t> YearOf(std::string_view stream) {
  const std::string_view text = StreamId(stream, "cohort-");
  if (text.empty() || text.size() > 6 ||
      text.find_first_not_of("0123456789") != std::string_view::npos) {
    return std::nullopt;
  }
  std::int64_t year = 0;
  for (char digit : text) year = year * 10 + (digit - '0');
  return year;
}

}  // namespace

namespace areas {

Candidate* CandidateOf(Program& program, const Recorded& recorded) {
  const std::string_view id = StreamId(recorded.stream, "candidate-");
  if (id.empty()) return nullptr;
  return program.candidate_index.Find(program.candidates, id);
}

Mentor* MentorOf(Program& program, const Recorded& recorded) {
  const std::string_view id = StreamId(recorded.stream, "mentor-");
  if (id.empty()) return nullptr;
  auto found = program.mentors.find(id);
  return found == program.mentors.end() ? nullptr : &found->second;
}

Cohort* CohortOf(Program& program, const Recorded& recorded) {
  const auto year = YearOf(recorded.stream);
  if (!year) return nullptr;
  auto found = program.cohorts.find(*year);
  return found == program.cohorts.end() ? nullptr : &found->second;
}

}  // namespace areas

bool IsClosedStatus(const std::string& status) {
  return status == "rejected" || status == "withdrawn" || status == "dropped" ||
         status == "released";
}

bool HoldsSeat(const Candidate& candidate) {
  return candidate.ever_accepted && candidate.status != "dropped" &&
         candidate.status != "withdrawn" && candidate.status != "released";
}

std::int64_t BalanceCents(const Program& program, const Candidate& candidate) {
  const Cohort* cohort = program.FindCohort(candidate.cohort);
  const std::int64_t tuition = cohort == nullptr ? 0 : cohort->opened.tuition_cents;
  return tuition - candidate.paid_cents + candidate.refunded_cents;
}

std::string NormalizedEmail(const std::string& email) {
  std::string lowered = NormalizedName(email);
  return lowered;
}

std::string NormalizedName(const std::string& name) {
  std::size_t first = 0;
  std::size_t last = name.size();
  while (first < last && std::isspace(static_cast<unsigned char>(name[first]))) ++first;
  while (last > first && std::isspace(static_cast<unsigned char>(name[last - 1]))) --last;
  std::string lowered = name.substr(first, last - first);
  for (char& ch : lowered) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return lowered;
}

const Cohort* Program::FindCohort(std::int64_t year) const {
  auto found = cohorts.find(year);
  return found == cohorts.end() ? nullptr : &found->second;
}
const Candidate* Program::FindCandidate(std::string_view id) const {
  auto found = candidates.find(id);
  return found == candidates.end() ? nullptr : &found->second;
}
const Mentor* Program::FindMentor(std::string_view id) const {
  auto found = mentors.find(id);
  return found == mentors.end() ? nullptr : &found->second;
}
std::uint64_t Program::StreamVersion(std::string_view stream) const {
  if (stream == kProgramStream) return program_version;
  if (auto id = StreamId(stream, "candidate-"); !id.empty()) {
    const Candidate* c = FindCandidate(id);
    return c == nullptr ? 0 : c->version;
  }
  if (auto id = StreamId(stream, "mentor-"); !id.empty()) {
    const Mentor* m = FindMentor(id);
    return m == nullptr ? 0 : m->version;
  }
  if (auto year = YearOf(stream)) {
    const Cohort* cohort = FindCohort(*year);
    return cohort == nullptr ? 0 : cohort->version;
  }
  if (auto hex = StreamId(stream, "document-"); !hex.empty()) {
    return documents.contains("sha256:" + std::string(hex)) ? 1 : 0;
  }
  return 0;
}

}  // namespace ctom::domain
