// The enrollment area, decide and evolve side by side: selection, matching, tuition, drops.
#include <algorithm>
#include <set>

#include "domain/areas.hpp"

namespace ctom::domain::areas {
namespace {

using R = Recorded;

std::int64_t SeatsHeld(const Program& p, const Cohort& cohort) {
  std::int64_t seats = 0;
  for (const std::string& id : cohort.candidate_ids) {
    const Candidate* c = p.FindCandidate(id);
    if (c != nullptr && HoldsSeat(*c)) ++seats;
  }
  return seats;
}

Decided Select(const Program& p, const Candidate& c, const SelectionDecided& e) {
  if (e.decision != "accepted" && e.decision != "waitlisted" && e.decision != "rejected") {
    return std::unexpected(Invalid("decision", "is accepted, waitlisted or rejected"));
  }
  // applied -> any decision; waitlisted -> accepted or rejected; everything else is final.
  const bool allowed =
      c.status == "applied" || (c.status == "waitlisted" && e.decision != "waitlisted");
  if (!allowed) {
    return std::unexpected(Reject(RejectionCode::invalid_transition,
                                  "a " + c.status + " application cannot be " + e.decision));
  }
  if (e.decision == "accepted") {
    const Cohort* cohort = p.FindCohort(c.cohort);
    if (cohort != nullptr && cohort->opened.capacity &&
        SeatsHeld(p, *cohort) >= *cohort->opened.capacity) {
      return std::unexpected(
          Reject(RejectionCode::cohort_full,
                 "the cohort has " + std::to_string(*cohort->opened.capacity) + " seats"));
    }
  }
  return Append(CandidateStream(c.id), c.version, e, c.id);
}

Decided Match(const Program& p, const Candidate& c, const MentorMatched& e, const Context& ctx) {
  if (IsClosedStatus(c.status))
    return std::unexpected(
        Reject(RejectionCode::invalid_transition, "the candidate is " + c.status));
  if (c.status != "accepted")
    return std::unexpected(
        Reject(RejectionCode::candidate_not_accepted, "candidate is " + c.status));
  const Mentor* mentor = p.FindMentor(e.mentor_id);
  if (mentor == nullptr)
    return std::unexpected(Reject(RejectionCode::not_found, "no mentor " + e.mentor_id));
  if (mentor->personal.erased) return std::unexpected(ErasedRefusal("mentor"));
  if (mentor->approval != "approved")
    return std::unexpected(
        Reject(RejectionCode::mentor_not_approved, "mentor is " + mentor->approval));
  if (!mentor->contract_signed_on)
    return std::unexpected(
        Reject(RejectionCode::mentor_no_contract, "the mentor has not signed a contract"));
  if (mentor->application.cohort && *mentor->application.cohort != c.cohort) {
    return std::unexpected(
        Reject(RejectionCode::different_cohort,
               "the mentor serves cohort " + std::to_string(*mentor->application.cohort)));
  }
  std::int64_t mentees = 0;
  for (const std::string& id : mentor->mentee_ids) {
    const Candidate* other = p.FindCandidate(id);
    if (other != nullptr && other->id != c.id && other->cohort == c.cohort &&
        other->mentor_id == mentor->application.mentor_id && HoldsSeat(*other)) {
      ++mentees;
    }
  }
  if (mentees >= p.rules.At(ctx.at).max_mentees_per_mentor) {
    return std::unexpected(
        Reject(RejectionCode::mentor_at_capacity,
               "the mentor has " + std::to_string(mentees) + " candidates in this cohort"));
  }
  return Append(CandidateStream(c.id), c.version, e, c.id);
}

// Who paid (DOMAIN.md, Tuition): the candidate (no sponsor fields), or an employer sponsor with
// its name and funding source.
std::optional<Rejection> CheckPayer(const PaymentRecorded& e) {
  static const std::set<std::string> kSources{"k12_voucher", "grant", "professional_development",
                                              "general_fund", "other"};
  Validation check;
  if (e.payer_kind == "employer") {
    check.Require(!e.payer_name.empty(), "payer.name", "is required for an employer sponsor");
    check.Require(!e.funding_source.empty(), "payer.funding_source",
                  "is required for an employer sponsor");
  } else if (e.payer_kind == "self") {
    check.Require(e.payer_name.empty(), "payer.name", "is for an employer sponsor, not self");
    check.Require(e.funding_source.empty(), "payer.funding_source",
                  "is for an employer sponsor, not self");
  } else {
    check.Add("payer.kind", "is self or employer");
  }
  check.Require(e.funding_source.empty() || kSources.contains(e.funding_source),
                "payer.funding_source",
                "is k12_voucher, grant, professional_development, general_fund or other");
  return check.Refusal();
}

Decided Pay(const Program& p, const Candidate& c, const PaymentRecorded& e) {
  static const std::set<std::string> kMethods{"check", "money_order", "visa", "mastercard",
                                              "discover"};
  if (auto refusal = CheckPayer(e)) return std::unexpected(*refusal);
  if (!kMethods.contains(e.method))
    return std::unexpected(
        Reject(RejectionCode::unsupported_payment_method,
               "tuition is paid by check, money order, Visa, MasterCard or Discover"));
  if (e.amount_cents <= 0)
    return std::unexpected(Reject(RejectionCode::invalid_amount, "the amount must be positive"));
  if (!c.ever_accepted || IsClosedStatus(c.status))
    return std::unexpected(
        Reject(RejectionCode::invalid_transition, "tuition is paid by enrolled candidates"));
  const std::int64_t balance = BalanceCents(p, c);
  if (e.amount_cents > balance)
    return std::unexpected(
        Reject(RejectionCode::overpayment, "the balance is " + std::to_string(balance) + " cents"));
  return Append(CandidateStream(c.id), c.version, e, c.id);
}

Decided Refund(const Candidate& c, const RefundRecorded& e) {
  if (e.amount_cents <= 0 || e.amount_cents > c.paid_cents - c.refunded_cents) {
    return std::unexpected(
        Reject(RejectionCode::invalid_amount, "a refund is positive and at most what was paid"));
  }
  if (e.reason.empty()) return std::unexpected(Invalid("reason", "is required"));
  return Append(CandidateStream(c.id), c.version, e, c.id);
}

Decided ChangeJob(const Candidate& c, const EmploymentChanged& e) {
  static const std::set<std::string> kKinds{"district", "county_office", "non_k12"};
  Validation check;
  check.Require(!e.employer.name.empty(), "employer.name", "is required");
  check.Require(kKinds.contains(e.employer.kind), "employer.kind",
                "is district, county_office or non_k12");
  check.Require(e.employer.cds_code.empty() || IsCdsCode(e.employer.cds_code), "employer.cds_code",
                "is 14 digits");
  if (auto refusal = check.Refusal()) return std::unexpected(*refusal);
  if (IsClosedStatus(c.status))
    return std::unexpected(
        Reject(RejectionCode::invalid_transition, "the candidate is " + c.status));
  return Append(CandidateStream(c.id), c.version, e, c.id);
}

Decided Continue(const Candidate& c, const ContinuationDecided& e) {
  if (e.decision != "continue" && e.decision != "release")
    return std::unexpected(Invalid("decision", "is continue or release"));
  // A review belongs to the program year: once the candidate has left it (dropped, withdrawn,
  // completed or certified) an open review has nothing left to decide.
  if (!c.continuation_pending || c.status != "accepted")
    return std::unexpected(
        Reject(RejectionCode::invalid_transition, "no continuation review is open"));
  return Append(CandidateStream(c.id), c.version, e, c.id);
}

Decided Drop(const Candidate& c, const CandidateDropped& e) {
  static const std::set<std::string> kReasons{"unexcused_absence", "missing_work", "left_k12",
                                              "withdrew", "other"};
  if (!kReasons.contains(e.reason))
    return std::unexpected(
        Invalid("reason", "is unexcused_absence, missing_work, left_k12, withdrew or other"));
  if (c.status != "accepted")
    return std::unexpected(
        Reject(RejectionCode::invalid_transition, "the candidate is " + c.status));
  return Append(CandidateStream(c.id), c.version, e, c.id);
}

Decided Withdraw(const Candidate& c, const CandidateWithdrew& e) {
  if (e.reason.empty()) return std::unexpected(Invalid("reason", "is required"));
  if (c.status != "applied" && c.status != "waitlisted" && c.status != "accepted") {
    return std::unexpected(
        Reject(RejectionCode::invalid_transition, "the candidate is " + c.status));
  }
  return Append(CandidateStream(c.id), c.version, e, c.id);
}

}  // namespace

// ---- each event: the command that proposes it, and its fold ----

Decided Decide(const Request& request, const SelectionDecided& e) {
  return AboutCandidate(request, [&](const Candidate& c) { return Select(request.program, c, e); });
}
void Apply(Program& p, const R& r, const SelectionDecided& e) {
  Candidate* c = CandidateOf(p, r);
  if (c == nullptr) return;
  c->status = e.decision;
  c->status_reason = e.reason;
  if (e.decision == "accepted" && !c->ever_accepted) {
    c->ever_accepted = true;
    c->employer_when_accepted = c->employer;
  }
}

Decided Decide(const Request& request, const CandidateWithdrew& e) {
  return AboutCandidate(request, [&](const Candidate& c) { return Withdraw(c, e); });
}
void Apply(Program& p, const R& r, const CandidateWithdrew& e) {
  if (Candidate* c = CandidateOf(p, r)) {
    c->status = "withdrawn";
    c->status_reason = e.reason;
  }
}

Decided Decide(const Request& request, const MentorMatched& e) {
  return AboutCandidate(
      request, [&](const Candidate& c) { return Match(request.program, c, e, request.context); });
}
void Apply(Program& p, const R& r, const MentorMatched& e) {
  Candidate* c = CandidateOf(p, r);
  if (c == nullptr) return;
  c->mentor_id = e.mentor_id;
  auto mentor = p.mentors.find(e.mentor_id);
  if (mentor != p.mentors.end()) {
    auto& mentees = mentor->second.mentee_ids;
    if (std::find(mentees.begin(), mentees.end(), c->id) == mentees.end()) mentees.push_back(c->id);
  }
}

Decided Decide(const Request& request, const PaymentRecorded& e) {
  return AboutCandidate(request, [&](const Candidate& c) { return Pay(request.program, c, e); });
}
void Apply(Program& p, const R& r, const PaymentRecorded& e) {
  if (Candidate* c = CandidateOf(p, r)) {
    c->paid_cents += e.amount_cents;
    c->payment_positions.push_back(r.position);
  }
}

Decided Decide(const Request& request, const RefundRecorded& e) {
  return AboutCandidate(request, [&](const Candidate& c) { return Refund(c, e); });
}
void Apply(Program& p, const R& r, const RefundRecorded& e) {
  if (Candidate* c = CandidateOf(p, r)) {
    c->refunded_cents += e.amount_cents;
    c->payment_positions.push_back(r.position);
  }
}

Decided Decide(const Request& request, const EmploymentChanged& e) {
  return AboutCandidate(request, [&](const Candidate& c) { return ChangeJob(c, e); });
}
void Apply(Program& p, const R& r, const EmploymentChanged& e) {
  Candidate* c = CandidateOf(p, r);
  if (c == nullptr) return;
  c->employer = e.employer;
  if (!e.position.empty()) c->position_title = e.position;
  // Leaving K-12 during the program opens a continuation review.
  if (e.employer.kind == "non_k12" && c->status == "accepted") c->continuation_pending = true;
}

Decided Decide(const Request& request, const ContinuationDecided& e) {
  return AboutCandidate(request, [&](const Candidate& c) { return Continue(c, e); });
}
void Apply(Program& p, const R& r, const ContinuationDecided& e) {
  Candidate* c = CandidateOf(p, r);
  if (c == nullptr) return;
  c->continuation_pending = false;
  if (e.decision == "release") {
    c->status = "released";
    c->status_reason = e.reason;
  }
}

Decided Decide(const Request& request, const CandidateDropped& e) {
  return AboutCandidate(request, [&](const Candidate& c) { return Drop(c, e); });
}
void Apply(Program& p, const R& r, const CandidateDropped& e) {
  if (Candidate* c = CandidateOf(p, r)) {
    c->status = "dropped";
    c->status_reason = e.reason;
  }
}

}  // namespace ctom::domain::areas
