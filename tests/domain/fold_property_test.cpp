// Property: for random valid histories (random commands, only the accepted decisions kept),
// folding the whole log in one go, or its re-encoded events, gives the state built event by
// event as decided; and along the way the program's invariants hold and Decide agrees with the
// requirement evaluations.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <sstream>

#include "tests/domain/domain_spec.hpp"

namespace ctom::domain::spec {
namespace {

constexpr int kSeeds = 200;
constexpr int kCandidates = 6;
constexpr int kMentors = 3;
constexpr std::int64_t kCapacity = 4;

// ---- a canonical rendering of the state ----

void Put(std::ostream& out, const Positions& positions) {
  out << '[';
  for (std::uint64_t p : positions) out << p << ' ';
  out << ']';
}

void Put(std::ostream& out, const Employer& e) {
  out << e.name << '|' << e.kind << '|' << e.cds_code;
}

void RenderEvaluation(std::ostream& out, const char* name, const Evaluation& evaluation) {
  out << "  " << name << ' ' << evaluation.met << '\n';
  for (const Requirement& r : evaluation.requirements) {
    out << "    " << r.code << ' ' << r.met << ' ' << r.detail << ' ';
    Put(out, r.evidence);
    out << '\n';
  }
}

void RenderCandidate(std::ostream& out, const Program& p, const Candidate& c, Instant at) {
  out << "candidate " << c.id << ' ' << c.cohort << ' ' << c.name << ' ' << c.email << ' '
      << c.position_title << ' ';
  Put(out, c.employer);
  out << ' ';
  Put(out, c.employer_when_accepted);
  out << " docs";
  for (const auto& [kind, id] : c.documents) out << ' ' << kind << '=' << id;
  out << "\n  " << c.requested_mentor_id << ' ' << c.status << ' ' << c.status_reason << " v"
      << c.version << " @" << c.last_position << " mentor " << c.mentor_id << ' ' << c.ever_accepted
      << c.continuation_pending << " paid " << c.paid_cents << " refunded " << c.refunded_cents
      << ' ';
  Put(out, c.payment_positions);
  out << "\n  attendance";
  for (const auto& [session, mark] : c.attendance) {
    out << ' ' << session << ':' << mark.status << '@' << mark.position << '/'
        << mark.makeup_position.value_or(0);
  }
  out << "\n  participation";
  for (const auto& [session, rating] : c.participation) {
    out << ' ' << session << ':' << rating.first << '@' << rating.second;
  }
  out << "\n  assignments";
  for (const auto& [id, grade] : c.assignments) {
    out << ' ' << id << ':' << grade.result << grade.submitted << grade.late << '@'
        << grade.position;
  }
  out << "\n  portfolio";
  for (const auto& [session, count] : c.artifacts_by_session)
    out << " a" << session << '=' << count;
  for (const auto& [session, count] : c.reflections_by_session) {
    out << " r" << session << '=' << count;
  }
  out << ' ';
  Put(out, c.portfolio_positions);
  out << " summary " << c.curriculum_summary_position.value_or(0) << "\n  meetings";
  for (const auto& [kind, positions] : c.meetings) {
    out << ' ' << kind;
    Put(out, positions);
  }
  out << " reviews ";
  Put(out, c.review_positions);
  out << "\n  final " << (c.final_presentation ? EventDataJson(*c.final_presentation) : "-") << '@'
      << c.final_presentation_position << " assessment "
      << (c.mentor_assessment ? EventDataJson(*c.mentor_assessment) : "-") << '@'
      << c.mentor_assessment_position << " feedback " << c.feedback_position.value_or(0) << '\n';
  const Certification& cert = c.certification;
  out << "  certification " << cert.state << ' ' << cert.certificate << ' '
      << FormatDate(cert.issued_on) << ' ' << FormatDate(cert.cycle_start) << ' '
      << FormatDate(cert.expires_on) << ' ' << cert.revoked << " @" << cert.decided_position << ' '
      << cert.decided_at << " revoked@" << cert.revoked_position << ' ';
  Put(out, cert.recertification_positions);
  out << "\n  ceus";
  for (const Ceu& ceu : c.ceus) {
    out << ' ' << FormatDate(ceu.completed_on) << ':' << ceu.contact_hours_hundredths << '@'
        << ceu.position;
  }
  out << " annual";
  for (const auto& [year, position] : c.annual_documentation) out << ' ' << year << '@' << position;
  out << " promotions";
  for (const Promotion& promotion : c.promotions) {
    out << ' ' << promotion.title << ':' << FormatDate(promotion.effective_on) << '@'
        << promotion.position;
  }
  out << '\n';
  const RuleParameters& rules = p.rules.At(at);
  RenderEvaluation(out, "completion", EvaluateCompletion(p, c, rules));
  RenderEvaluation(out, "certification", EvaluateCertification(p, c, rules));
  RenderEvaluation(out, "recertification", EvaluateRecertification(c, rules));
  RenderEvaluation(out, "at_risk", EvaluateAtRisk(c, rules));
  out << "  status " << CertificateStatus(c, rules, at) << " ceus " << CeusInCycleThousandths(c)
      << '\n';
}

// Every field of the program, in a fixed order, with the evaluations derived at `at`.
std::string Render(const Program& p, Instant at) {
  std::ostringstream out;
  out << "position " << p.position << " program v" << p.program_version << '\n';
  for (const RuleSet& rule_set : p.rules.All()) {
    out << "rules " << rule_set.version << ' ' << rule_set.effective_from << ' '
        << EventDataJson(RuleSetPublished{rule_set.version, 0, rule_set.parameters}) << '\n';
  }
  for (const auto& [id, user] : p.users) {
    out << "user " << id << ' ' << user.role << ' ' << user.revoked << '\n';
  }
  for (const auto& [id, document] : p.documents) {
    out << "document " << id << ' ' << document.content_type << ' ' << document.uploader_id << ' '
        << document.size << '@' << document.position << '\n';
  }
  for (const auto& [year, cohort] : p.cohorts) {
    out << "cohort " << year << " v" << cohort.version << '@' << cohort.position << ' '
        << EventDataJson(cohort.opened) << " issued " << cohort.certificates_issued << '\n';
    for (const auto& [number, session] : cohort.sessions) {
      out << "  session " << number << ' ' << session.slot.starts_at << ' ' << session.slot.ends_at
          << ' ' << session.slot.location << ' ' << session.reschedules << '\n';
    }
    for (const std::string& id : cohort.assignment_order) {
      const Assignment& a = cohort.assignments.at(id);
      out << "  assignment " << EventDataJson(a.definition) << '@' << a.position << '\n';
    }
    out << "  candidates";
    for (const std::string& id : cohort.candidate_ids) out << ' ' << id;
    out << '\n';
  }
  for (const auto& [id, mentor] : p.mentors) {
    out << "mentor " << id << " v" << mentor.version << '@' << mentor.position << ' '
        << EventDataJson(mentor.application) << ' ' << mentor.approval << ' '
        << mentor.approval_reason << ' '
        << (mentor.contract_signed_on ? FormatDate(*mentor.contract_signed_on) : "-") << ' '
        << mentor.meetings_logged << " mentees";
    for (const std::string& mentee : mentor.mentee_ids) out << ' ' << mentee;
    out << '\n';
  }
  for (const auto& [id, candidate] : p.candidates) RenderCandidate(out, p, candidate, at);
  for (const auto& [number, id] : p.candidate_by_certificate) {
    out << "certificate " << number << ' ' << id << '\n';
  }
  return out.str();
}

// ---- a generator of random histories ----

// Random commands for one cohort through a candidate's whole life: applications, selection and
// matching, the year's work, certification, then CEUs and recertification. Work on a candidate
// is biased towards what they still miss, so that some reach certification; every command is
// decided and only accepted decisions are kept.
class HistoryGenerator {
 public:
  explicit HistoryGenerator(std::uint32_t seed) : random_(seed) {}

  void Run() {
    Setup();
    Phase(ApplicationOpens(), ApplicationDeadline() + kHour, 40, &HistoryGenerator::Applications);
    Phase(SelectionDay(), SessionStart(0), 40, &HistoryGenerator::Selection);
    Phase(SessionStart(0), Commencement(), 400, &HistoryGenerator::Year);
    Phase(Commencement(), At("2018-12-31T00:00:00Z"), 80, &HistoryGenerator::Decisions);
    Phase(At("2019-01-01T00:00:00Z"), At("2022-06-01T00:00:00Z"), 150,
          &HistoryGenerator::AfterCertification);
  }

  const Spec& spec() const { return spec_; }
  Instant now() const { return now_; }
  int accepted() const { return accepted_; }
  int refused() const { return refused_; }

 private:
  using Step = void (HistoryGenerator::*)();
  using Codes = std::vector<std::string>;

  int Pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(random_); }
  bool Chance(int percent) { return Pick(100) < percent; }
  std::string CandidateId() { return "c" + std::to_string(1 + Pick(kCandidates)); }
  std::string MentorId() { return "m" + std::to_string(1 + Pick(kMentors)); }
  template <typename T>
  const T& OneOf(const std::vector<T>& values) {
    return values[static_cast<std::size_t>(Pick(static_cast<int>(values.size())))];
  }

  void Phase(Instant from, Instant to, int steps, Step step) {
    for (int i = 0; i < steps; ++i) {
      now_ = std::max(now_, from + (to - from) / steps * i + Pick(3600) * kSecond);
      (this->*step)();
      if (Chance(3)) Noise();
      if (Chance(1)) PublishRules();
      CheckInvariants();
    }
  }

  void Do(const std::string& target, Event event, const Actor& actor = Staff()) {
    Count(spec_.When(target, std::move(event), now_, actor));
  }
  void Count(const Decided& decided) { decided ? ++accepted_ : ++refused_; }

  void Setup() {
    now_ = At("2017-08-01T09:00:00-07:00");
    Do("", Cohort2018(kCapacity));
    for (std::size_t i = 0; i < AssignmentIds().size(); ++i) Do(kCohortTarget, Assignment2018(i));
    for (int i = 1; i <= kCandidates; ++i) {
      for (const char* kind : {"application", "resume", "nomination"}) {
        const std::string hex = "c" + std::to_string(i) + kind;
        Do("", DocumentUploaded{"sha256:" + hex, "application/pdf", 4, "%PDF"});
      }
    }
  }

  // ---- phases ----

  void Applications() {
    if (Chance(30)) return MentorCommand();
    const std::string id = CandidateId();
    std::map<std::string, std::string> documents;
    for (const char* kind : {"application", "resume", "nomination"}) {
      if (!Chance(5)) documents[kind] = "sha256:" + id + kind;
    }
    ApplicationSubmitted application = Application(id, documents);
    if (Chance(10))
      application.email = " " + OneOf<std::string>({"C1", "c2"}) + "@DISTRICT.k12.ca.us";
    if (Chance(5)) application.employer.kind = "non_k12";
    if (Chance(30)) application.employer = Employer{"Sacramento COE", "county_office", ""};
    if (Chance(5)) application.channel = "mail";
    if (Chance(20)) application.requested_mentor_id = MentorId();
    Do("", application);
  }

  void MentorCommand() {
    const std::string id = MentorId();
    if (!spec_.program().FindMentor(id)) {
      MentorApplied applied =
          MentorApplication(id, Chance(20) ? std::optional<std::int64_t>(2019) : std::nullopt);
      applied.years_k12_leadership = Pick(20);
      if (Chance(10)) applied.hands_on_experience = false;
      return Do("", applied);
    }
    if (Chance(50)) return Do(id, MentorApprovalDecided{Chance(85) ? "approved" : "rejected", ""});
    Do(id, MentorContractSigned{DateOf(now_)});
  }

  void Selection() {
    if (Chance(25)) return MentorCommand();
    const std::string id = CandidateId();
    if (Chance(50)) {
      const int roll = Pick(100);
      return Do(id, SelectionDecided{roll < 65   ? "accepted"
                                     : roll < 85 ? "waitlisted"
                                                 : "rejected",
                                     "committee"});
    }
    if (Chance(60)) return Do(id, MentorMatched{MentorId()});
    Pay(id);
  }

  void Pay(const std::string& id) {
    const Candidate* c = spec_.program().FindCandidate(id);
    const std::int64_t balance = c == nullptr ? 100 : BalanceCents(spec_.program(), *c);
    const std::int64_t amount = OneOf<std::int64_t>({balance, balance / 2 + 1, balance + 1, 0});
    Do(id, PaymentRecorded{amount, Chance(95) ? "visa" : "cash", "self", "", "", ""});
  }

  // The year's work: mostly what the candidate still misses, sometimes something random.
  void Year() {
    const std::string id = CandidateId();
    const Candidate* c = spec_.program().FindCandidate(id);
    if (c == nullptr || Chance(5)) return Noise();
    if (Chance(75)) {
      if (std::optional<Event> work = MissingWork(*c)) return Do(id, *work, ActorFor(*c, *work));
    }
    if (Chance(4)) return Do(id, MentorMatched{MentorId()});
    if (Chance(3)) return Pay(id);
    if (Chance(2)) {
      return Do(id,
                EmploymentChanged{Employer{"Acme", Chance(50) ? "non_k12" : "district", ""}, ""});
    }
    if (c->continuation_pending) {
      return Do(id, ContinuationDecided{Chance(70) ? "continue" : "release", "committee"});
    }
    if (Chance(1) && Chance(30)) return Do(id, CandidateDropped{"other", ""});
    const int work = Pick(10);
    const std::int64_t session = LatestStartedSession();
    if (work < 3 && session >= 0) {
      const std::int64_t s = MissingSession(*c, session);
      const int roll = Pick(100);
      const char* status = roll < 88   ? "present"
                           : roll < 96 ? "absent_excused"
                                       : "absent_unexcused";
      Do(id, AttendanceRecorded{s, status, ""}, Instructor());
      if (std::string(status) == "absent_excused" && Chance(70)) {
        Do(id, MakeupRecorded{s, "recording"});
      }
      return Do(id, ParticipationRecorded{s, Chance(97) ? "satisfactory" : "unsatisfactory"});
    }
    if (work < 6 && session >= 1) {
      const std::int64_t s = 1 + Pick(static_cast<int>(std::min<std::int64_t>(session, 8)));
      const char* kind = Chance(50) ? "artifact" : "reflection";
      return Do(id, PortfolioItemAdded{kind, s, "item", "https://p.example"});
    }
    if (work < 7) {
      const std::string& assignment = OneOf(AssignmentIds());
      if (Chance(40)) return Do(id, SubmissionRecorded{assignment, "", "https://w", false});
      return Do(id, GradeRecorded{assignment, Chance(85) ? "pass" : "fail", Pick(101), ""});
    }
    if (work < 9) {
      const int roll = Pick(100);
      const char* kind = roll < 30   ? "check_in"
                         : roll < 55 ? "mid_year_evaluation"
                                     : "portfolio_review";
      return Do(id, MentorMeetingLogged{kind, "video", DateOf(now_), "", ""},
                MentorUser(c->mentor_id.empty() ? "m1" : c->mentor_id));
    }
    Do(id, ProgressReviewHeld{DateOf(now_), ""});
  }

  // The first piece of work the candidate still misses that can be done now, if any.
  std::optional<Event> MissingWork(const Candidate& c) {
    const std::int64_t latest = std::min<std::int64_t>(LatestStartedSession(), 8);
    for (std::int64_t s = 0; s <= latest; ++s) {
      auto mark = c.attendance.find(s);
      if (mark == c.attendance.end()) {
        const int roll = Pick(100);
        const char* status = roll < 90   ? "present"
                             : roll < 98 ? "absent_excused"
                                         : "absent_unexcused";
        return AttendanceRecorded{s, status, ""};
      }
      if (mark->second.status == "absent_excused" && !mark->second.makeup_position && Chance(85)) {
        return MakeupRecorded{s, "recording"};
      }
      if (!c.participation.contains(s)) {
        return ParticipationRecorded{s, Chance(98) ? "satisfactory" : "unsatisfactory"};
      }
      if (s == 0) continue;
      if (!c.artifacts_by_session.contains(s)) {
        return PortfolioItemAdded{"artifact", s, "item", "https://p.example"};
      }
      if (!c.reflections_by_session.contains(s)) {
        return PortfolioItemAdded{"reflection", s, "item", "https://p.example"};
      }
    }
    for (const std::string& assignment : AssignmentIds()) {
      auto grade = c.assignments.find(assignment);
      if (grade == c.assignments.end() || grade->second.result != "pass") {
        return GradeRecorded{assignment, Chance(90) ? "pass" : "fail", Pick(101), ""};
      }
    }
    const auto meetings = [&](const char* kind) {
      auto found = c.meetings.find(kind);
      return found == c.meetings.end() ? std::size_t{0} : found->second.size();
    };
    if (latest >= 4 && meetings("mid_year_evaluation") < 1) {
      return MentorMeetingLogged{"mid_year_evaluation", "video", DateOf(now_), "", ""};
    }
    if (latest >= 3 && meetings("portfolio_review") < 2) {
      return MentorMeetingLogged{"portfolio_review", "phone", DateOf(now_), "", ""};
    }
    if (latest >= 8 && !c.curriculum_summary_position) {
      return PortfolioItemAdded{"curriculum_summary", std::nullopt, "Summary", "https://p.example"};
    }
    if (now_ < Commencement()) return std::nullopt;
    if (!c.final_presentation) {
      return FinalPresentationGraded{Chance(92) ? "pass" : "fail",
                                     Chance(92) ? "accepted" : "missing", ""};
    }
    if (!c.mentor_assessment) return MentorAssessmentRecorded{Chance(92), "statement", ""};
    if (!c.feedback_position) return FeedbackGiven{"feedback"};
    const std::int64_t balance = BalanceCents(spec_.program(), c);
    if (balance > 0) return PaymentRecorded{balance, "check", "employer", "District", "grant", ""};
    return std::nullopt;
  }

  Actor ActorFor(const Candidate& c, const Event& work) const {
    if (std::holds_alternative<MentorMeetingLogged>(work) ||
        std::holds_alternative<MentorAssessmentRecorded>(work)) {
      return MentorUser(c.mentor_id.empty() ? "m1" : c.mentor_id);
    }
    return Staff();
  }

  std::int64_t LatestStartedSession() const {
    std::int64_t latest = -1;
    for (std::int64_t s = 0; s <= 9; ++s) {
      if (spec_.program().FindCohort(kYear)->sessions.at(s).slot.starts_at <= now_) latest = s;
    }
    return latest;
  }
  std::int64_t MissingSession(const Candidate& c, std::int64_t latest) {
    for (std::int64_t s = 0; s <= std::min<std::int64_t>(latest, 8); ++s) {
      if (!c.attendance.contains(s) && Chance(80)) return s;
    }
    return Pick(static_cast<int>(latest) + 1);
  }

  void Decisions() {
    const std::string id = CandidateId();
    const Candidate* c = spec_.program().FindCandidate(id);
    if (c != nullptr && Chance(60)) {
      if (std::optional<Event> work = MissingWork(*c)) return Do(id, *work, ActorFor(*c, *work));
    }
    const int roll = Pick(10);
    if (roll < 3) {
      return Do(id, FinalPresentationGraded{Chance(90) ? "pass" : "fail",
                                            Chance(90) ? "accepted" : "missing", ""});
    }
    if (roll < 5) return Do(id, MentorAssessmentRecorded{Chance(90), "statement", ""});
    if (roll < 6) return Do(id, FeedbackGiven{"feedback"});
    if (roll < 7) return Pay(id);
    Certify(id);
  }

  // Decide agrees with the evaluation: certify is granted exactly when nothing is unmet.
  void Certify(const std::string& id) {
    const Candidate* c = spec_.program().FindCandidate(id);
    if (c == nullptr) return;
    const bool open = c->status == "accepted" || c->status == "completed";
    const Codes unmet = CertificationUnmet(spec_.program(), *c, spec_.rules(now_));
    if (Chance(15)) {
      const bool completion = EvaluateCompletion(spec_.program(), *c, spec_.rules(now_)).met;
      const Decided denied = spec_.WhenCertification(id, "deny", now_, "committee");
      EXPECT_EQ(denied.has_value(), open);
      if (denied) {
        EXPECT_TRUE(Accepted(denied, {CertificationDenied{"committee", completion}}));
      }
      return Count(denied);
    }
    const Decided decided = spec_.WhenCertification(id, "certify", now_);
    EXPECT_EQ(decided.has_value(), open && unmet.empty()) << id;
    if (open && !decided) {
      EXPECT_EQ(decided.error().unmet, unmet);
    }
    Count(decided);
  }

  void AfterCertification() {
    std::vector<std::string> certified;
    for (const auto& [id, c] : spec_.program().candidates) {
      if (c.certification.state == "certified") certified.push_back(id);
    }
    const std::string id = !certified.empty() && Chance(85) ? OneOf(certified) : CandidateId();
    const Candidate* c = spec_.program().FindCandidate(id);
    if (c == nullptr) return;
    const int roll = Pick(20);
    if (roll < 8) {
      const Date on{DateOf(now_).days - Pick(400)};
      return Do(id, CeuRecorded{"course", "CETPA", on, 100 * (1 + Pick(30)), ""});
    }
    if (roll < 13) {
      const int year = CivilFromDate(DateOf(now_)).year + Pick(3) - 1;
      return Do(id, AnnualDocumentationSubmitted{year, ""});
    }
    if (roll < 18) {
      const Evaluation expected = EvaluateRecertification(*c, spec_.rules(now_));
      const Decided decided = spec_.WhenRecertification(id, now_);
      EXPECT_EQ(decided.has_value(), expected.met) << id;
      return Count(decided);
    }
    if (roll < 19) return Do(id, PromotionRecorded{"CTO", DateOf(now_)});
    if (Chance(20)) return Do(id, CertificateRevoked{"review"}, Admin());
    Certify(id);
  }

  // Anything, anywhere, at any time: most of it is refused.
  void Noise() {
    const std::string id = CandidateId();
    switch (Pick(12)) {
      case 0:
        return Chance(15) ? Do(id, CandidateWithdrew{"plans"}) : Pay(id);
      case 1:
        return Do(id, RefundRecorded{OneOf<std::int64_t>({1, 10'000, 500'000}), "refund"});
      case 2:
        return Do(id, AttendanceRecorded{Pick(11) - 1, "present", ""});
      case 3:
        return Do(id, MakeupRecorded{Pick(10), "late make-up"});
      case 4:
        return Do(id, SelectionDecided{"accepted", ""});
      case 5:
        return Do(id, MentorMatched{MentorId()});
      case 6:
        return Chance(15) ? Do(id, CandidateDropped{"missing_work", ""}) : Pay(id);
      case 7:
        return Do(kCohortTarget,
                  SessionRescheduled{Pick(10), now_ + 24 * kHour, now_ + 30 * kHour, ""});
      case 8:
        return Do(id, GradeRecorded{"nothing", "pass", std::nullopt, ""});
      case 9:
        return Certify(id);
      case 10:
        return MentorCommand();
      default:
        return Do(id, ContinuationDecided{"release", "x"});
    }
  }

  void PublishRules() {
    RuleParameters parameters = spec_.program().rules.Latest().parameters;
    parameters.max_excused_absences = Pick(4);
    parameters.max_mentees_per_mentor = 1 + Pick(3);
    parameters.min_ceus_per_cycle_hundredths = 100 * Pick(10);
    parameters.makeup_required_for_excused_absence = Chance(70);
    parameters.recert_cycle_years = 2 + Pick(3);
    Do("", RuleSetPublished{0, now_ + (Pick(60) - 30) * 24 * kHour, parameters}, Admin());
  }

  // ---- invariants ----

  void CheckInvariants() {
    const Program& p = spec_.program();
    std::int64_t most_mentees = 0;
    for (const RuleSet& r : p.rules.All()) {
      most_mentees = std::max(most_mentees, r.parameters.max_mentees_per_mentor);
    }
    std::int64_t seats = 0;
    std::map<std::string, std::int64_t> mentees;
    std::set<std::string> certificates;
    for (const auto& [id, c] : p.candidates) {
      if (HoldsSeat(c)) ++seats;
      if (HoldsSeat(c) && !c.mentor_id.empty()) ++mentees[c.mentor_id];
      ASSERT_GE(c.paid_cents - c.refunded_cents, 0) << id;
      ASSERT_LE(c.paid_cents - c.refunded_cents, kTuitionCents) << id;
      ASSERT_TRUE(c.status == "applied" || c.status == "waitlisted" || c.status == "rejected" ||
                  c.status == "withdrawn" || c.status == "accepted" || c.status == "dropped" ||
                  c.status == "released" || c.status == "completed" || c.status == "certified")
          << c.status;
      if (c.certification.state == "certified") {
        ASSERT_EQ(c.status, "certified") << id;
        ASSERT_TRUE(certificates.insert(c.certification.certificate).second);
        ASSERT_EQ(p.candidate_by_certificate.at(c.certification.certificate), id);
        ASSERT_GT(c.certification.expires_on, c.certification.cycle_start);
      }
      if (!c.mentor_id.empty()) {
        ASSERT_TRUE(c.ever_accepted) << id;
        ASSERT_NE(p.FindMentor(c.mentor_id), nullptr);
        ASSERT_EQ(p.FindMentor(c.mentor_id)->approval, "approved");
      }
    }
    ASSERT_LE(seats, kCapacity);
    for (const auto& [mentor, count] : mentees) ASSERT_LE(count, most_mentees) << mentor;
    ASSERT_EQ(p.position, spec_.last_position());
  }

  std::mt19937 random_;
  Spec spec_;
  Instant now_ = 0;
  int accepted_ = 0;
  int refused_ = 0;
};

// Folds `history` into a fresh program, optionally through the codec.
Program Fold(const std::vector<Recorded>& history, bool through_codec) {
  Program program;
  for (const Recorded& recorded : history) {
    if (!through_codec) {
      Evolve(program, recorded);
      continue;
    }
    const EncodedEvent encoded = Encode(recorded.event);
    auto decoded = Decode(encoded.type, encoded.schema_version, encoded.payload);
    EXPECT_TRUE(decoded.has_value()) << encoded.type;
    Recorded copy = recorded;
    copy.event = std::move(decoded).value_or(recorded.event);
    Evolve(program, copy);
  }
  return program;
}

TEST(FoldProperty, FoldingTheWholeHistoryEqualsFoldingItAsDecided) {
  int certified = 0;
  int recertified = 0;
  std::size_t events = 0;
  for (int seed = 1; seed <= kSeeds; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    HistoryGenerator generator(static_cast<std::uint32_t>(seed));
    generator.Run();
    if (::testing::Test::HasFatalFailure()) return;
    const Spec& spec = generator.spec();
    events += spec.history().size();
    for (const auto& [id, c] : spec.program().candidates) {
      certified += c.certification.state == "certified";
      recertified += !c.certification.recertification_positions.empty();
    }
    const Program whole = Fold(spec.history(), false);
    const Program decoded = Fold(spec.history(), true);
    for (const Instant at : {SessionStart(5), CertificationDay(), generator.now()}) {
      const std::string decided = Render(spec.program(), at);
      ASSERT_EQ(Render(whole, at), decided);
      ASSERT_EQ(Render(decoded, at), decided);
    }
    // Positions are dense, stream versions count each stream from 1, and the state knows them.
    std::map<std::string, std::uint64_t> versions;
    for (std::size_t i = 0; i < spec.history().size(); ++i) {
      const Recorded& r = spec.history()[i];
      ASSERT_EQ(r.position, i + 1);
      ASSERT_EQ(r.stream_version, ++versions[r.stream]);
    }
    for (const auto& [stream, version] : versions) {
      ASSERT_EQ(spec.program().StreamVersion(stream), version) << stream;
    }
  }
  // The generator reaches the whole life of a candidate, not only refusals.
  EXPECT_GT(certified, kSeeds / 2);
  EXPECT_GT(recertified, kSeeds / 10);
  EXPECT_GT(events, static_cast<std::size_t>(kSeeds) * 100);
}

}  // namespace
}  // namespace ctom::domain::spec
