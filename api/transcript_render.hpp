// The CEU transcript (projections/transcript.hpp) as JSON and as CSV.
#pragma once

#include <boost/json/object.hpp>
#include <string>

#include "domain/state.hpp"
#include "projections/transcript.hpp"

namespace ctom::api {

// {candidate, name, certificate, as_of, cycles:[{number, from, until, current, rule_set,
//  ceus:[{activity, provider, completed_on, contact_hours, ceus, document, position}],
//  totals:{ceus, required, met}, annual_documentation:{required, met, years:[{year, documented,
//  position}]}}], not_in_any_cycle:[{..., counts}]}
boost::json::object TranscriptJson(const domain::Candidate& candidate,
                                   const projections::Transcript& transcript, domain::Instant at);

// One line per CEU, per year of annual documentation and per cycle's total:
// cycle,cycle_from,cycle_until,line,activity,provider,completed_on,contact_hours,ceus,document,
// year,detail; `line` is ceu, annual_documentation or total.
std::string TranscriptCsv(const projections::Transcript& transcript);

}  // namespace ctom::api
