// The HTTP answers to commands: a recorded command's {id, stream, version, position}, and the
// problem responses for what the domain or the ledger refused.
#pragma once

#include "api/http.hpp"
#include "command/command_service.hpp"
#include "domain/decide.hpp"
#include "eventstore/ledger.hpp"

namespace ctom::api {

// The standard answer to a recorded command: 201 when it created its record, else 200, with
// {id, stream, version, position} and an ETag of the stream's version.
[[nodiscard]] HttpResponse CommandAnswer(const command::CommandOutcome& outcome);

// Why a command was not recorded, as a problem response (RejectionProblem or LedgerProblem).
[[nodiscard]] HttpResponse CommandProblem(const command::CommandError& error);

// Maps a domain rejection to its answer: validation 400, not_found 404, already_exists 409,
// everything else 422 with the rule's code (and unmet list).
[[nodiscard]] HttpResponse RejectionProblem(const domain::Rejection& rejection);

// Maps a ledger error to its answer: version_conflict 409, idempotency_key_reused 422,
// invalid_request 400, not_found 404, io_error/corruption/closed 503 service_unavailable (a disk
// fault or shutdown is the server's trouble, and the client may retry). The detail never repeats
// the ledger's own text, which may name files.
[[nodiscard]] HttpResponse LedgerProblem(const eventstore::Error& error);

}  // namespace ctom::api
