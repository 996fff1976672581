// Rendering explanations, certificates, the program report (JSON and CSV), rule sets, ledger
// records and the cohort calendar.
#include <boost/json/parse.hpp>

#include "api/csv_writer.hpp"
#include "api/json_text.hpp"
#include "api/view_json.hpp"
#include "domain/event_codec.hpp"
#include "domain/event_json.hpp"
#include "domain/time.hpp"
#include "projections/record_json.hpp"

namespace ctom::api {
namespace json = boost::json;

json::object EvaluationJson(const domain::Evaluation& evaluation) {
  json::array requirements;
  for (const domain::Requirement& r : evaluation.requirements) {
    json::array evidence;
    for (std::uint64_t position : r.evidence) evidence.emplace_back(position);
    requirements.push_back(json::object{
        {"code", r.code}, {"met", r.met}, {"detail", r.detail}, {"evidence", std::move(evidence)}});
  }
  return json::object{{"met", evaluation.met}, {"requirements", std::move(requirements)}};
}

json::object ExplainJson(const domain::Candidate& candidate,
                         const projections::CandidateOutcome& outcome) {
  return json::object{{"candidate", candidate.id},
                      {"status", candidate.status},
                      {"completion", EvaluationJson(outcome.completion)},
                      {"certification", EvaluationJson(outcome.certification)},
                      {"recertification", EvaluationJson(outcome.recertification)},
                      {"at_risk", EvaluationJson(outcome.at_risk)}};
}

json::object CertificateJson(const domain::Candidate& candidate, const std::string& status) {
  const domain::Certification& cert = candidate.certification;
  return json::object{{"number", cert.certificate},
                      {"holder", candidate.name},
                      {"status", status},
                      {"issued_on", domain::FormatDate(cert.issued_on)},
                      {"expires_on", domain::FormatDate(cert.expires_on)}};
}

json::object ReportCountsJson(const projections::ReportCounts& n) {
  return json::object{{"enrolled", n.enrolled},
                      {"completed", n.completed},
                      {"certified", n.certified},
                      {"dropped", n.dropped},
                      {"currently_enrolled", n.currently_enrolled},
                      {"promoted", n.promoted},
                      {"districts", n.districts},
                      {"county_offices", n.county_offices},
                      {"certificates", json::object{{"active", n.certificates_active},
                                                    {"due", n.certificates_due},
                                                    {"lapsed", n.certificates_lapsed},
                                                    {"revoked", n.certificates_revoked}}}};
}

json::object ReportJson(const projections::ProgramReport& report) {
  json::object out = ReportCountsJson(report.program);
  json::array cohorts;
  for (const auto& [year, counts] : report.cohorts) {
    json::object row = ReportCountsJson(counts);
    row["cohort"] = year;
    cohorts.push_back(std::move(row));
  }
  out["as_of"] = domain::FormatInstant(report.as_of);
  out["cohorts"] = std::move(cohorts);
  out["position"] = report.position;
  return out;
}

std::string ReportCsv(const projections::ProgramReport& report) {
  CsvWriter csv({"scope", "enrolled", "completed", "certified", "dropped", "currently_enrolled",
                 "promoted", "districts", "county_offices", "certificates_active",
                 "certificates_due", "certificates_lapsed", "certificates_revoked"});
  auto row = [&](const std::string& scope, const projections::ReportCounts& n) {
    std::vector<std::string> cells{scope};
    for (std::int64_t value :
         {n.enrolled, n.completed, n.certified, n.dropped, n.currently_enrolled, n.promoted,
          n.districts, n.county_offices, n.certificates_active, n.certificates_due,
          n.certificates_lapsed, n.certificates_revoked}) {
      cells.push_back(std::to_string(value));
    }
    csv.Row(cells);
  };
  row("program", report.program);
  for (const auto& [year, counts] : report.cohorts) row(std::to_string(year), counts);
  return csv.text();
}

json::object ParametersJson(const domain::RuleParameters& parameters) {
  json::object out;
  for (const domain::ParameterInfo& info : domain::Parameters()) {
    const domain::ParameterValue value = info.get(parameters);
    const std::string name(info.name);
    switch (info.kind) {
      case domain::ParameterKind::boolean:
        out[name] = value.boolean;
        break;
      case domain::ParameterKind::integer:
        out[name] = value.integer;
        break;
      case domain::ParameterKind::decimal:
        out[name] = ExactDecimal(value.integer, 100);
        break;
      case domain::ParameterKind::document_list: {
        json::array documents;
        for (const std::string& kind : value.documents) documents.emplace_back(kind);
        out[name] = std::move(documents);
        break;
      }
    }
  }
  return out;
}

json::object RuleSetJson(const domain::RuleSet& rule_set) {
  const bool from_start = rule_set.effective_from == INT64_MIN;
  return json::object{
      {"version", rule_set.version},
      {"effective_from", from_start ? json::value(nullptr)
                                    : json::value(domain::FormatInstant(rule_set.effective_from))},
      {"parameters", ParametersJson(rule_set.parameters)}};
}

json::object RecordJson(const eventstore::RecordedEvent& record,
                        const projections::Unsealer& unsealer) {
  // One rendering for the API and the command line (projections/record_json.hpp).
  return json::parse(projections::RecordJsonText(record, unsealer)).as_object();
}

}  // namespace ctom::api
