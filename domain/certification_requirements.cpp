// Certification, recertification, certificate status and the at-risk flag.
#include <algorithm>

#include "domain/requirements.hpp"

namespace ctom::domain {
namespace {

Requirement Participation(const Candidate& c, const RuleParameters& rules) {
  Requirement r{"participation", true, "", {}};
  std::int64_t unsatisfactory = 0;
  for (const auto& [session, rating] : c.participation) {
    r.evidence.push_back(rating.second);
    if (rating.first == "unsatisfactory") ++unsatisfactory;
  }
  r.met = unsatisfactory <= rules.max_unsatisfactory_participation;
  r.detail = std::to_string(unsatisfactory) + " unsatisfactory session" +
             (unsatisfactory == 1 ? "" : "s") + ", at most " +
             std::to_string(rules.max_unsatisfactory_participation) + " allowed";
  return r;
}

Requirement FinalPresentation(const Candidate& c, const RuleParameters& rules) {
  Requirement r{"final_presentation", true, "", {}};
  if (c.final_presentation) r.evidence.push_back(c.final_presentation_position);
  const bool passed = c.final_presentation && c.final_presentation->result == "pass";
  r.met = !rules.final_presentation_pass_required || passed;
  r.detail = !c.final_presentation ? "final presentation not graded yet"
                                   : "final presentation graded " + c.final_presentation->result;
  return r;
}

Requirement ExecutiveSummary(const Candidate& c, const RuleParameters& rules) {
  Requirement r{"executive_summary", true, "", {}};
  if (c.final_presentation) r.evidence.push_back(c.final_presentation_position);
  const std::string state =
      c.final_presentation ? c.final_presentation->executive_summary : "missing";
  r.met = !rules.executive_summary_required || state == "accepted";
  r.detail = "executive summary " + state;
  return r;
}

Requirement MentorRecommendation(const Candidate& c, const RuleParameters& rules) {
  Requirement r{"mentor_recommendation", true, "", {}};
  if (c.mentor_assessment) r.evidence.push_back(c.mentor_assessment_position);
  const bool recommends = c.mentor_assessment && c.mentor_assessment->recommend;
  r.met = !rules.mentor_recommendation_required || recommends;
  r.detail = !c.mentor_assessment
                 ? "no mentor assessment"
                 : (recommends ? "mentor recommends" : "mentor does not recommend");
  return r;
}

Requirement Tuition(const Program& p, const Candidate& c, const RuleParameters& rules) {
  Requirement r{"tuition", true, "", c.payment_positions};
  const std::int64_t balance = BalanceCents(p, c);
  r.met = !rules.tuition_paid_required || balance <= 0;
  r.detail = balance <= 0 ? "tuition paid in full"
                          : "balance " + std::to_string(balance) + " cents unpaid";
  return r;
}

}  // namespace

Evaluation EvaluateCertification(const Program& program, const Candidate& candidate,
                                 const RuleParameters& rules) {
  const Evaluation completion = EvaluateCompletion(program, candidate, rules);
  Requirement summary{"completion", completion.met, "", {}};
  const std::vector<std::string> unmet = completion.Unmet();
  for (const std::string& code : unmet)
    summary.detail += (summary.detail.empty() ? "" : ",") + code;
  summary.detail = completion.met ? "program completed" : "unmet: " + summary.detail;
  for (const Requirement& r : completion.requirements) {
    summary.evidence.insert(summary.evidence.end(), r.evidence.begin(), r.evidence.end());
  }
  Evaluation out;
  out.Add(std::move(summary));
  out.Add(Participation(candidate, rules));
  out.Add(FinalPresentation(candidate, rules));
  out.Add(ExecutiveSummary(candidate, rules));
  out.Add(MentorRecommendation(candidate, rules));
  out.Add(Tuition(program, candidate, rules));
  return out;
}

std::vector<std::string> CertificationUnmet(const Program& program, const Candidate& candidate,
                                            const RuleParameters& rules) {
  std::vector<std::string> codes = EvaluateCompletion(program, candidate, rules).Unmet();
  for (const std::string& code : EvaluateCertification(program, candidate, rules).Unmet()) {
    codes.push_back(code);
  }
  return codes;
}

std::vector<std::int64_t> CycleYears(const Certification& certification) {
  std::vector<std::int64_t> years;
  const int start_year = CivilFromDate(certification.cycle_start).year;
  const int end_year = CivilFromDate(certification.expires_on).year;
  for (int year = start_year + 1; year <= end_year; ++year) years.push_back(year);
  return years;
}

std::int64_t CeusInCycleThousandths(const Candidate& candidate) {
  const Certification& cert = candidate.certification;
  std::int64_t total = 0;
  for (const Ceu& ceu : candidate.ceus) {
    if (ceu.completed_on >= cert.cycle_start && ceu.completed_on < cert.expires_on) {
      total += ceu.contact_hours_hundredths;
    }
  }
  return total;
}

CeuPlacement PlaceCeu(const Certification& certification, Date completed_on) {
  CeuPlacement out;
  const std::vector<Date>& starts = certification.cycle_starts;
  if (certification.state != "certified" || starts.empty()) {
    out.where = "nowhere: no certificate to count toward";
    return out;
  }
  if (completed_on < starts.front()) {
    out.where = "nowhere: completed before certification on " + FormatDate(starts.front());
    return out;
  }
  if (completed_on >= certification.expires_on) {
    out.where =
        "nowhere: completed after the last cycle ended on " + FormatDate(certification.expires_on);
    return out;
  }
  auto next = std::upper_bound(starts.begin(), starts.end(), completed_on);
  out.counts = true;
  out.cycle_from = *(next - 1);
  out.cycle_until = next == starts.end() ? certification.expires_on : *next;
  out.in_current_cycle = next == starts.end();
  out.where = "the cycle " + FormatDate(out.cycle_from) + " to " + FormatDate(out.cycle_until);
  return out;
}

std::string FormatCeus(std::int64_t thousandths) {
  const std::int64_t whole = thousandths / 1000;
  const std::int64_t fraction = thousandths % 1000;
  std::string text = std::to_string(whole) + ".";
  text += static_cast<char>('0' + fraction / 100);
  text += static_cast<char>('0' + fraction / 10 % 10);
  if (fraction % 10 != 0) text += static_cast<char>('0' + fraction % 10);
  return text;
}

namespace {

std::string Plural(std::int64_t count, const std::string& one, const std::string& many) {
  return std::to_string(count) + " " + (count == 1 ? one : many);
}

// CEUs toward the current cycle against the minimum; what is missing, and which CEUs count in no
// cycle, said in words.
Requirement CeusRequirement(const Candidate& candidate, const RuleParameters& rules) {
  const Certification& cert = candidate.certification;
  const bool certified = cert.state == "certified";
  Requirement ceus{"ceus", true, "", {}};
  std::int64_t nowhere = 0;
  for (const Ceu& ceu : candidate.ceus) {
    const CeuPlacement placement = PlaceCeu(cert, ceu.completed_on);
    if (placement.in_current_cycle) ceus.evidence.push_back(ceu.position);
    if (!placement.counts) ++nowhere;
  }
  const std::int64_t earned = certified ? CeusInCycleThousandths(candidate) : 0;
  const std::int64_t needed = rules.min_ceus_per_cycle_hundredths * 10;
  ceus.met = certified && earned >= needed;
  ceus.detail =
      FormatCeus(earned) + " CEUs in the cycle" +
      (certified ? " " + FormatDate(cert.cycle_start) + " to " + FormatDate(cert.expires_on) : "") +
      ", need " + FormatCeus(needed);
  if (!ceus.met && certified) ceus.detail += ": " + FormatCeus(needed - earned) + " more";
  if (nowhere > 0)
    ceus.detail += "; " + Plural(nowhere, "CEU entry counts", "CEU entries count") + " in no cycle";
  return ceus;
}

}  // namespace

Evaluation EvaluateRecertification(const Candidate& candidate, const RuleParameters& rules) {
  const Certification& cert = candidate.certification;
  Evaluation out;
  const bool certified = cert.state == "certified";
  out.Add(Requirement{"not_certified", certified, certified ? "certified" : "holds no certificate",
                      certified ? Positions{cert.decided_position} : Positions{}});
  out.Add(Requirement{"revoked", !cert.revoked,
                      cert.revoked ? "certificate revoked" : "not revoked",
                      cert.revoked ? Positions{cert.revoked_position} : Positions{}});
  out.Add(CeusRequirement(candidate, rules));
  Requirement annual{"annual_documentation", true, "", {}};
  std::string missing;
  for (std::int64_t year : certified ? CycleYears(cert) : std::vector<std::int64_t>{}) {
    auto found = candidate.annual_documentation.find(year);
    if (found == candidate.annual_documentation.end()) {
      missing += (missing.empty() ? "" : ", ") + std::to_string(year);
    } else {
      annual.evidence.push_back(found->second);
    }
  }
  annual.met = certified && (!rules.annual_documentation_required || missing.empty());
  if (!certified) {
    annual.detail = "holds no certificate";
  } else if (missing.empty()) {
    annual.detail = "every year of the cycle documented";
  } else {
    annual.detail = missing + " not documented" +
                    (rules.annual_documentation_required ? "" : " (not required)");
  }
  out.Add(std::move(annual));
  return out;
}

std::string CertificateStatus(const Candidate& candidate, const RuleParameters& rules, Instant at) {
  const Certification& cert = candidate.certification;
  if (cert.state != "certified") return "";
  if (cert.revoked) return "revoked";
  const Date today = ProgramDateOf(at);
  if (today >= cert.expires_on) return "lapsed";
  const Date window_opens{cert.expires_on.days -
                          static_cast<std::int32_t>(rules.renewal_window_days)};
  if (today >= window_opens) return "due";
  return "active";
}

Evaluation EvaluateAtRisk(const Candidate& candidate, const RuleParameters& rules) {
  Requirement r{"unexcused_absences", true, "", {}};
  std::int64_t unexcused = 0;
  for (const auto& [session, mark] : candidate.attendance) {
    if (mark.status == "absent_unexcused") {
      ++unexcused;
      r.evidence.push_back(mark.position);
    }
  }
  r.met = unexcused <= rules.max_unexcused_absences;
  r.detail = Plural(unexcused, "unexcused absence", "unexcused absences") + ", at most " +
             std::to_string(rules.max_unexcused_absences) + " allowed";
  Evaluation out;
  out.Add(std::move(r));
  return out;
}

}  // namespace ctom::domain
