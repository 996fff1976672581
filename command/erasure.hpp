// Finishing erasures: a person's data key destroyed once their personal_data_erased is durable.
#pragma once

#include <cstddef>
#include <string>

#include "domain/state.hpp"
#include "vault/vault_error.hpp"

namespace ctom::vault {
class Vault;
}

namespace ctom::command {

// The vault's id of a person: their stream ("candidate-<id>", "mentor-<id>").
std::string CandidatePerson(const std::string& candidate_id);
std::string MentorPerson(const std::string& mentor_id);

// Destroys the data keys (and document keys) of every person program records as erased whose
// key is still in the vault: an erasure the process stopped after recording, which start-up
// finishes. Returns how many it finished.
vault::VaultResult<std::size_t> FinishErasures(const domain::Program& program, vault::Vault& vault);

}  // namespace ctom::command
