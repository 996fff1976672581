// Evolve: the one exhaustive dispatch of a recorded event to its area, then stream versions.
#include "domain/areas.hpp"
#include "domain/state.hpp"

namespace ctom::domain {

void Evolve(Program& program, const Recorded& recorded) {
  program.position = recorded.position;
  // The lambda only forwards to the areas::Apply overloads, which have no catch-all and none that
  // takes an Event: an event type without its own Apply does not compile ("no matching function
  // for call to Apply(Program&, const Recorded&, const NewEvent&)").
  std::visit([&](const auto& event) { areas::Apply(program, recorded, event); }, recorded.event);
  const bool plaintext = recorded.personal_data == PersonalData::plain;
  if (Candidate* c = areas::CandidateOf(program, recorded)) {
    c->version = recorded.stream_version;
    c->last_position = recorded.position;
    c->personal.has_plaintext_records |= plaintext;
  } else if (Mentor* m = areas::MentorOf(program, recorded)) {
    m->version = recorded.stream_version;
    m->personal.has_plaintext_records |= plaintext;
  } else if (Cohort* cohort = areas::CohortOf(program, recorded)) {
    cohort->version = recorded.stream_version;
  } else if (recorded.stream == kProgramStream) {
    program.program_version = recorded.stream_version;
  }
}

}  // namespace ctom::domain
