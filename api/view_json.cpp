// Rendering candidate, cohort and mentor views.
#include "api/view_json.hpp"

#include "api/json_text.hpp"
#include "domain/requirements.hpp"
#include "domain/time.hpp"

namespace ctom::api {
namespace json = boost::json;
using domain::FormatDate;
using domain::FormatInstant;

namespace {

json::value Text(const std::string& text) {
  return text.empty() ? json::value(nullptr) : json::value(text);
}

json::array Codes(const std::vector<std::string>& codes) {
  json::array out;
  for (const std::string& code : codes) out.emplace_back(code);
  return out;
}

// Every CEU logged, with where it counts (DOMAIN.md: never silently dropped): the cycle it falls
// in, or null and `counts` saying why it counts nowhere.
json::array CeusJson(const domain::Candidate& c) {
  json::array out;
  for (const domain::Ceu& ceu : c.ceus) {
    const domain::CeuPlacement placement = domain::PlaceCeu(c.certification, ceu.completed_on);
    json::object item{{"position", ceu.position},
                      {"completed_on", domain::FormatDate(ceu.completed_on)},
                      {"ceus", ExactDecimal(ceu.contact_hours_hundredths, 1000)},
                      {"counts", placement.where}};
    item["cycle"] =
        placement.counts
            ? json::value(json::object{{"from", domain::FormatDate(placement.cycle_from)},
                                       {"until", domain::FormatDate(placement.cycle_until)}})
            : json::value(nullptr);
    out.push_back(std::move(item));
  }
  return out;
}

json::object CertificationJson(const domain::Candidate& c,
                               const projections::CandidateOutcome& outcome) {
  const domain::Certification& cert = c.certification;
  json::object out;
  out["state"] = cert.state;
  const bool certified = cert.state == "certified";
  out["certificate"] = Text(cert.certificate);
  out["issued_on"] =
      certified ? json::value(domain::FormatDate(cert.issued_on)) : json::value(nullptr);
  out["expires_on"] =
      certified ? json::value(domain::FormatDate(cert.expires_on)) : json::value(nullptr);
  out["status"] = Text(outcome.certificate_status);
  out["ceus_in_cycle"] = ExactDecimal(outcome.ceus_in_cycle_thousandths, 1000);
  out["unmet_for_recertification"] =
      certified ? Codes(outcome.recertification.Unmet()) : json::array{};
  out["ceus"] = CeusJson(c);
  return out;
}

json::object MeetingsJson(const domain::Candidate& c) {
  json::object out;
  for (const char* kind : {"check_in", "mid_year_evaluation", "portfolio_review"}) {
    auto found = c.meetings.find(kind);
    out[kind] = found == c.meetings.end() ? 0 : static_cast<std::int64_t>(found->second.size());
  }
  return out;
}

json::object PortfolioJson(const domain::Candidate& c) {
  std::int64_t artifacts = 0, reflections = 0;
  for (const auto& [session, count] : c.artifacts_by_session) artifacts += count;
  for (const auto& [session, count] : c.reflections_by_session) reflections += count;
  return json::object{{"artifacts", artifacts},
                      {"reflections", reflections},
                      {"curriculum_summary", c.curriculum_summary_position.has_value()}};
}

}  // namespace

json::object AssignmentsJson(const domain::Program& program, const domain::Candidate& c) {
  json::object out;
  const domain::Cohort* cohort = program.FindCohort(c.cohort);
  if (cohort == nullptr) return out;
  for (const std::string& id : cohort->assignment_order) {
    auto found = c.assignments.find(id);
    if (found == c.assignments.end()) {
      out[id] = "missing";
    } else if (!found->second.result.empty()) {
      out[id] = found->second.result;
    } else {
      out[id] = found->second.submitted ? "submitted" : "missing";
    }
  }
  return out;
}

json::object EmployerJson(const domain::Employer& employer) {
  return json::object{
      {"name", employer.name}, {"kind", employer.kind}, {"cds_code", Text(employer.cds_code)}};
}

json::object CandidateJson(const domain::Program& program, const domain::Candidate& c,
                           const projections::CandidateOutcome& outcome) {
  json::object out;
  out["id"] = c.id;
  out["cohort"] = c.cohort;
  out["name"] = c.name;
  out["email"] = c.email;
  out["employer"] = EmployerJson(c.employer);
  // API.md names both the job title and the last log position "position"; the view's "position"
  // is the log position every view carries, and the title is "position_title".
  out["position_title"] = c.position_title;
  out["status"] = c.status;
  out["mentor"] = Text(c.mentor_id);
  out["requested_mentor"] = Text(c.requested_mentor_id);
  out["balance_cents"] = domain::BalanceCents(program, c);
  json::object attendance, participation;
  json::array makeups;
  for (const auto& [session, mark] : c.attendance) {
    attendance[std::to_string(session)] = mark.status;
    if (mark.makeup_position) makeups.emplace_back(session);
  }
  for (const auto& [session, rating] : c.participation) {
    participation[std::to_string(session)] = rating.first;
  }
  out["attendance"] = std::move(attendance);
  out["makeups"] = std::move(makeups);
  out["participation"] = std::move(participation);
  out["assignments"] = AssignmentsJson(program, c);
  out["portfolio"] = PortfolioJson(c);
  out["meetings"] = MeetingsJson(c);
  out["at_risk"] = !outcome.at_risk.met;
  out["completion"] =
      json::object{{"met", outcome.completion.met}, {"unmet", Codes(outcome.completion.Unmet())}};
  out["certification"] = CertificationJson(c, outcome);
  json::array promotions;
  for (const domain::Promotion& p : c.promotions) {
    promotions.push_back(
        json::object{{"title", p.title}, {"effective_on", domain::FormatDate(p.effective_on)}});
  }
  out["promotions"] = std::move(promotions);
  out["version"] = c.version;
  out["position"] = program.position;
  return out;
}

json::object CandidateSummaryJson(const domain::Candidate& c,
                                  const projections::CandidateOutcome& outcome) {
  return json::object{
      {"id", c.id},         {"cohort", c.cohort},          {"name", c.name},
      {"status", c.status}, {"mentor", Text(c.mentor_id)}, {"at_risk", !outcome.at_risk.met}};
}

json::object CohortJson(const domain::Program& program, const domain::Cohort& cohort,
                        domain::Instant at) {
  const domain::CohortOpened& opened = cohort.opened;
  json::object out;
  out["id"] = std::to_string(opened.year);
  out["year"] = opened.year;
  out["application_opens"] = domain::FormatInstant(opened.application_opens);
  out["application_deadline"] = domain::FormatInstant(opened.application_deadline);
  out["tuition_cents"] = opened.tuition_cents;
  out["capacity"] = opened.capacity ? json::value(*opened.capacity) : json::value(nullptr);
  out["location"] = opened.location;
  json::array sessions;
  for (const auto& [number, session] : cohort.sessions) {
    json::array topics;
    for (const std::string& topic : session.slot.topics) topics.emplace_back(topic);
    sessions.push_back(json::object{{"number", number},
                                    {"title", session.slot.title},
                                    {"topics", std::move(topics)},
                                    {"starts_at", domain::FormatInstant(session.slot.starts_at)},
                                    {"ends_at", domain::FormatInstant(session.slot.ends_at)},
                                    {"location", session.slot.location},
                                    {"reschedules", session.reschedules}});
  }
  out["sessions"] = std::move(sessions);
  json::array assignments;
  for (const std::string& id : cohort.assignment_order) {
    const domain::AssignmentDefined& a = cohort.assignments.at(id).definition;
    assignments.push_back(json::object{{"id", a.assignment_id},
                                       {"session", a.session},
                                       {"kind", a.kind},
                                       {"title", a.title},
                                       {"due_at", domain::FormatInstant(a.due_at)}});
  }
  out["assignments"] = std::move(assignments);
  json::array roster;
  json::object counts, matrix;
  for (const std::string& id : cohort.candidate_ids) {
    const domain::Candidate* c = program.FindCandidate(id);
    if (c == nullptr) continue;
    const auto outcome = projections::EvaluateCandidate(program, *c, at, program.rules);
    json::object member = CandidateSummaryJson(*c, outcome);
    member["balance_cents"] = domain::BalanceCents(program, *c);
    roster.push_back(std::move(member));
    counts[c->status] = (counts.contains(c->status) ? counts[c->status].as_int64() : 0) + 1;
    json::object row;
    for (const auto& [session, mark] : c->attendance) row[std::to_string(session)] = mark.status;
    matrix[id] = std::move(row);
  }
  out["roster"] = std::move(roster);
  out["counts"] = std::move(counts);
  out["attendance"] = std::move(matrix);
  out["version"] = cohort.version;
  out["position"] = program.position;
  return out;
}

json::object MentorJson(const domain::Program& program, const domain::Mentor& mentor) {
  const domain::MentorApplied& a = mentor.application;
  json::object out;
  out["id"] = a.mentor_id;
  out["name"] = a.name;
  out["email"] = a.email;
  out["employer"] = EmployerJson(a.employer);
  out["position_title"] = a.position;  // "position" is the log position, as in every view
  out["qualifications"] = json::object{{"currently_k12_leader", a.currently_k12_leader},
                                       {"hands_on_experience", a.hands_on_experience},
                                       {"qualification", a.qualification},
                                       {"years_k12_leadership", a.years_k12_leadership}};
  json::array flags;
  if (a.years_k12_leadership < 10) flags.emplace_back("below_preferred_experience");
  out["flags"] = std::move(flags);
  out["cohort"] = a.cohort ? json::value(*a.cohort) : json::value(nullptr);
  out["approval"] = mentor.approval;
  out["approval_reason"] = Text(mentor.approval_reason);
  out["contract_signed_on"] = mentor.contract_signed_on
                                  ? json::value(domain::FormatDate(*mentor.contract_signed_on))
                                  : json::value(nullptr);
  json::object mentees;
  for (const std::string& id : mentor.mentee_ids) {
    const domain::Candidate* c = program.FindCandidate(id);
    if (c == nullptr || c->mentor_id != a.mentor_id) continue;
    const std::string year = std::to_string(c->cohort);
    if (!mentees.contains(year)) mentees[year] = json::array{};
    mentees[year].as_array().emplace_back(id);
  }
  out["mentees"] = std::move(mentees);
  out["meetings_logged"] = mentor.meetings_logged;
  out["version"] = mentor.version;
  out["position"] = program.position;
  return out;
}

}  // namespace ctom::api
