// The auditor's view of the ledger itself: its head digest, chain verification and the log.
#pragma once

#include <boost/json/object.hpp>

#include "api/http.hpp"
#include "api/server_context.hpp"
#include "eventstore/ledger.hpp"

namespace ctom::api {

// The most bytes of event payloads one page of GET /v1/events carries; a page stops early (with
// a "next" cursor) rather than exceed it, so a page of documents stays a bounded answer.
inline constexpr std::size_t kEventsPagePayloadBytesMax = 16 * 1024 * 1024;
// Events read from the ledger per step while filling a page.
inline constexpr std::size_t kEventsReadChunkMax = 64;

// Registers (roles admin and auditor):
//   GET /v1/ledger/digest            {"position", "hash"} of the head (hash: 64 hex digits)
//   GET /v1/ledger/verify?to=N       {"ok":true, "position", "hash"} or
//                                    {"ok":false, "first_bad_position"}; to=0 or absent: the head
//   GET /v1/events?after=P&limit=L   {"items":[record...], "next": P' or null}: records with
//                                    position > P in order; limit 1..1000 (default 100); each
//                                    record as `ctom export` writes it (RecordJson)
// Ledger faults are 503 service_unavailable (LedgerProblem).
void RegisterLedgerRoutes(Router& router, ServerContext& context);

}  // namespace ctom::api
