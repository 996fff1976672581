// Destroying the keys of erased persons.
#include "command/erasure.hpp"

#include <vector>

#include "vault/vault.hpp"

namespace ctom::command {

std::string CandidatePerson(const std::string& candidate_id) {
  return domain::CandidateStream(candidate_id);
}

std::string MentorPerson(const std::string& mentor_id) { return domain::MentorStream(mentor_id); }

vault::VaultResult<std::size_t> FinishErasures(const domain::Program& program,
                                               vault::Vault& vault) {
  std::vector<std::string> erased;
  for (const auto& [id, candidate] : program.candidates) {
    if (candidate.personal.erased) erased.push_back(CandidatePerson(id));
  }
  for (const auto& [id, mentor] : program.mentors) {
    if (mentor.personal.erased) erased.push_back(MentorPerson(id));
  }
  std::size_t finished = 0;
  for (const std::string& person : erased) {
    auto key = vault.PersonKey(person);
    if (!key) return std::unexpected(key.error());
    if (key->state == vault::KeyState::erased) continue;
    if (auto destroyed = vault.ErasePerson(person); !destroyed) {
      return std::unexpected(destroyed.error());
    }
    ++finished;
  }
  return finished;
}

}  // namespace ctom::command
