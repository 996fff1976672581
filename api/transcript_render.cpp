// Rendering the CEU transcript.
#include "api/transcript_render.hpp"

#include "api/csv_writer.hpp"
#include "api/formats.hpp"
#include "api/json_text.hpp"

namespace ctom::api {
namespace json = boost::json;
using domain::FormatCeus;
using domain::FormatDate;

namespace {

json::value TextOrNull(const std::string& text) {
  return text.empty() ? json::value(nullptr) : json::value(text);
}

json::object CeuJson(const domain::Ceu& ceu) {
  return json::object{{"activity", ceu.activity},
                      {"provider", ceu.provider},
                      {"completed_on", FormatDate(ceu.completed_on)},
                      {"contact_hours", ExactDecimal(ceu.contact_hours_hundredths, 100)},
                      {"ceus", ExactDecimal(ceu.contact_hours_hundredths, 1000)},
                      {"document", TextOrNull(ceu.document)},
                      {"position", ceu.position}};
}

json::object CycleJson(const projections::TranscriptCycle& cycle) {
  json::array ceus, years;
  for (const domain::Ceu* ceu : cycle.ceus) ceus.push_back(CeuJson(*ceu));
  for (const projections::TranscriptYear& year : cycle.annual_documentation) {
    years.push_back(json::object{
        {"year", year.year},
        {"documented", year.position.has_value()},
        {"position", year.position ? json::value(*year.position) : json::value(nullptr)}});
  }
  return json::object{
      {"number", cycle.number},
      {"from", FormatDate(cycle.from)},
      {"until", FormatDate(cycle.until)},
      {"current", cycle.current},
      {"rule_set", cycle.rule_set_version},
      {"ceus", std::move(ceus)},
      {"totals", json::object{{"ceus", ExactDecimal(cycle.ceus_thousandths, 1000)},
                              {"required", ExactDecimal(cycle.ceus_needed_thousandths, 1000)},
                              {"met", cycle.CeusMet()}}},
      {"annual_documentation", json::object{{"required", cycle.annual_documentation_required},
                                            {"met", cycle.AnnualDocumentationMet()},
                                            {"years", std::move(years)}}}};
}

}  // namespace

json::object TranscriptJson(const domain::Candidate& candidate,
                            const projections::Transcript& transcript, domain::Instant at) {
  json::array cycles, uncounted;
  for (const projections::TranscriptCycle& cycle : transcript.cycles) {
    cycles.push_back(CycleJson(cycle));
  }
  for (const projections::UncountedCeu& entry : transcript.not_in_any_cycle) {
    json::object item = CeuJson(*entry.ceu);
    item["counts"] = entry.where;
    uncounted.push_back(std::move(item));
  }
  return json::object{{"candidate", candidate.id},
                      {"name", candidate.name},
                      {"certificate", TextOrNull(candidate.certification.certificate)},
                      {"as_of", domain::FormatInstant(at)},
                      {"cycles", std::move(cycles)},
                      {"not_in_any_cycle", std::move(uncounted)}};
}

std::string TranscriptCsv(const projections::Transcript& transcript) {
  CsvWriter csv({"cycle", "cycle_from", "cycle_until", "line", "activity", "provider",
                 "completed_on", "contact_hours", "ceus", "document", "year", "detail"});
  auto ceu_line = [&](const std::vector<std::string>& cycle, const domain::Ceu& ceu,
                      const std::string& detail) {
    csv.Row({cycle[0], cycle[1], cycle[2], "ceu", ceu.activity, ceu.provider,
             FormatDate(ceu.completed_on), FormatHundredths(ceu.contact_hours_hundredths),
             FormatCeus(ceu.contact_hours_hundredths), ceu.document, "", detail});
  };
  for (const projections::TranscriptCycle& cycle : transcript.cycles) {
    const std::vector<std::string> at{std::to_string(cycle.number), FormatDate(cycle.from),
                                      FormatDate(cycle.until)};
    for (const domain::Ceu* ceu : cycle.ceus) ceu_line(at, *ceu, "");
    for (const projections::TranscriptYear& year : cycle.annual_documentation) {
      csv.Row({at[0], at[1], at[2], "annual_documentation", "", "", "", "", "", "",
               std::to_string(year.year), year.position ? "documented" : "not documented"});
    }
    csv.Row(
        {at[0], at[1], at[2], "total", "", "", "", "", FormatCeus(cycle.ceus_thousandths), "", "",
         "need " + FormatCeus(cycle.ceus_needed_thousandths) + " under rule set " +
             std::to_string(cycle.rule_set_version) + ": " + (cycle.CeusMet() ? "met" : "not met") +
             "; annual documentation " + (cycle.AnnualDocumentationMet() ? "met" : "not met")});
  }
  for (const projections::UncountedCeu& entry : transcript.not_in_any_cycle) {
    ceu_line({"", "", ""}, *entry.ceu, entry.where);
  }
  return csv.text();
}

}  // namespace ctom::api
