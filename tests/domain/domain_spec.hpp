// A test kit for the domain: given events, when a command at an instant, then the events decided
// or a rejection code. Builders give the seeds' 2018 cohort and candidates at every stage.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "domain/decide.hpp"
#include "domain/event_codec.hpp"
#include "domain/event_json.hpp"
#include "domain/events.hpp"
#include "domain/requirements.hpp"
#include "domain/state.hpp"
#include "domain/time.hpp"

namespace ctom::domain::spec {

// ---- instants, dates, actors ----

inline Instant At(std::string_view rfc3339) {
  const std::optional<Instant> instant = ParseInstant(rfc3339);
  EXPECT_TRUE(instant.has_value()) << "bad instant in a test: " << rfc3339;
  return instant.value_or(0);
}

inline Date Day(std::string_view yyyy_mm_dd) {
  const std::optional<Date> date = ParseDate(yyyy_mm_dd);
  EXPECT_TRUE(date.has_value()) << "bad date in a test: " << yyyy_mm_dd;
  return date.value_or(Date{});
}

inline constexpr Instant kSecond = 1'000'000;
inline constexpr Instant kMinute = 60 * kSecond;
inline constexpr Instant kHour = 60 * kMinute;

struct Actor {
  std::string id = "staff-1";
  std::string role = "staff";
  std::string mentor_id;
};
inline Actor Staff() { return Actor{}; }
inline Actor Admin() { return Actor{"admin-1", "admin", ""}; }
inline Actor Instructor() { return Actor{"instructor-1", "instructor", ""}; }
inline Actor MentorUser(std::string mentor_id) {
  return Actor{"user-" + mentor_id, "mentor", std::move(mentor_id)};
}

// One line per event, for failure messages.
inline std::string Describe(const Event& event) {
  return std::string(TypeName(event)) + " " + EventDataJson(event);
}

// ---- the kit ----

// An in-memory log: dense positions from 1, stream versions from 1 per stream, recorded_at equal
// to occurred_at. Every event given or decided is folded into the program state.
class Spec {
 public:
  // Given: `event` was appended to `stream` and happened at `at`.
  const Recorded& Given(const std::string& stream, Event event, Instant at,
                        const Actor& actor = Staff()) {
    Recorded recorded;
    recorded.position = history_.size() + 1;
    recorded.stream = stream;
    recorded.stream_version = ++versions_[stream];
    recorded.occurred_at = at;
    recorded.recorded_at = at;
    recorded.actor_id = actor.id;
    recorded.actor_role = actor.role;
    recorded.event = std::move(event);
    Evolve(program_, recorded);
    history_.push_back(std::move(recorded));
    return history_.back();
  }

  // When: decides the command at `at`. An accepted decision's events are appended and folded,
  // so scenarios chain; the decision must expect the stream's true version.
  Decided When(const Command& command, Instant at, const Actor& actor = Staff()) {
    const Context context{at, actor.id, actor.role, actor.mentor_id};
    Decided decided = Decide(program_, command, context);
    if (!decided) return decided;
    const std::uint64_t version = versions_[decided->stream];
    if (decided->expect == Expect::exact) {
      EXPECT_EQ(decided->expected_version, version)
          << "stale expected version on " << decided->stream;
    } else if (decided->expect == Expect::no_stream && !decided->events.empty()) {
      EXPECT_EQ(version, 0u) << decided->stream << " already exists";
    }
    for (const Event& event : decided->events) Given(decided->stream, event, at, actor);
    return decided;
  }
  Decided When(const std::string& target, Event event, Instant at, const Actor& actor = Staff()) {
    return When(Command{target, std::move(event)}, at, actor);
  }
  Decided WhenCertification(const std::string& candidate, std::string decision, Instant at,
                            std::string reason = "") {
    return When(Command{candidate, DecideCertification{std::move(decision), std::move(reason), ""}},
                at);
  }
  Decided WhenRecertification(const std::string& candidate, Instant at) {
    return When(Command{candidate, Recertify{}}, at);
  }

  const Program& program() const { return program_; }
  const std::vector<Recorded>& history() const { return history_; }
  std::uint64_t last_position() const { return history_.size(); }
  const Candidate& candidate(const std::string& id) const {
    const Candidate* found = program_.FindCandidate(id);
    EXPECT_NE(found, nullptr) << "no candidate " << id;
    static const Candidate kNone;
    return found == nullptr ? kNone : *found;
  }
  const Mentor& mentor(const std::string& id) const {
    const Mentor* found = program_.FindMentor(id);
    EXPECT_NE(found, nullptr) << "no mentor " << id;
    static const Mentor kNone;
    return found == nullptr ? kNone : *found;
  }
  // The rules in force at an instant.
  const RuleParameters& rules(Instant at) const { return program_.rules.At(at); }

 private:
  Program program_;
  std::vector<Recorded> history_;
  std::map<std::string, std::uint64_t> versions_;
};

// A new spec holding the events of `spec` that `keep` keeps, given again in order (positions
// and versions are renumbered): a history with something left out.
template <typename Keep>
Spec Replay(const Spec& spec, Keep keep) {
  Spec replayed;
  for (const Recorded& r : spec.history()) {
    if (keep(r))
      replayed.Given(r.stream, r.event, r.occurred_at, Actor{r.actor_id, r.actor_role, ""});
  }
  return replayed;
}

// ---- then ----

// "accepted", or the rejection code: one word to compare in tables.
inline std::string Outcome(const Decided& decided) {
  return decided ? std::string("accepted") : std::string(RejectionCodeName(decided.error().code));
}

// The JSON paths a validation refusal names, in order; empty when accepted or refused otherwise.
inline std::vector<std::string> ErrorFields(const Decided& decided) {
  std::vector<std::string> fields;
  if (!decided) {
    for (const FieldProblem& error : decided.error().errors) fields.push_back(error.field);
  }
  return fields;
}

// Then: exactly these events were decided.
inline ::testing::AssertionResult Accepted(const Decided& decided,
                                           const std::vector<Event>& expected) {
  if (!decided) {
    return ::testing::AssertionFailure()
           << "rejected with " << RejectionCodeName(decided.error().code) << ": "
           << decided.error().detail;
  }
  if (decided->events == expected) return ::testing::AssertionSuccess();
  ::testing::AssertionResult failure = ::testing::AssertionFailure();
  failure << "decided:";
  for (const Event& event : decided->events) failure << "\n  " << Describe(event);
  failure << "\nexpected:";
  for (const Event& event : expected) failure << "\n  " << Describe(event);
  return failure;
}

// Then: rejected with this code and exactly these unmet requirements (none unless given).
inline ::testing::AssertionResult Rejected(const Decided& decided, const std::string& code,
                                           const std::vector<std::string>& unmet = {}) {
  if (decided) {
    ::testing::AssertionResult failure = ::testing::AssertionFailure();
    failure << "accepted, expected " << code << "; decided:";
    for (const Event& event : decided->events) failure << "\n  " << Describe(event);
    return failure;
  }
  // The code is named as the API sends it; a name no code has can never match.
  if (!ParseRejectionCode(code))
    return ::testing::AssertionFailure() << "no code is named " << code;
  const Rejection& rejection = decided.error();
  if (RejectionCodeName(rejection.code) == code && rejection.unmet == unmet) {
    return ::testing::AssertionSuccess();
  }
  ::testing::AssertionResult failure = ::testing::AssertionFailure();
  failure << "rejected with " << RejectionCodeName(rejection.code) << " (" << rejection.detail
          << ") unmet [";
  for (const std::string& u : rejection.unmet) failure << u << " ";
  failure << "], expected " << code << " unmet [";
  for (const std::string& u : unmet) failure << u << " ";
  return failure << "]";
}

// ---- the seeds' 2018 cohort ----

inline constexpr std::int64_t kYear = 2018;
inline constexpr std::int64_t kTuitionCents = 250'000;
inline const std::string kCohortTarget = "2018";

inline Instant ApplicationOpens() { return At("2017-08-23T00:00:00-07:00"); }
inline Instant ApplicationDeadline() { return At("2017-09-29T17:00:00-07:00"); }
// Inside the window, before selection.
inline Instant DuringApplications() { return At("2017-09-01T09:00:00-07:00"); }
inline Instant SelectionDay() { return At("2017-10-16T10:00:00-07:00"); }
inline Instant MatchingDay() { return At("2017-10-30T10:00:00-07:00"); }
// Commencement (session 9): certification is decided here.
inline Instant Commencement() { return At("2018-11-12T09:00:00-08:00"); }
inline Instant CertificationDay() { return At("2018-11-12T15:00:00-08:00"); }

// Session n's slot: the kickoff (0) at 10:00 on 2 February, sessions 1..8 Friday 17:30 to
// Saturday 16:00 Pacific, final presentations and commencement (9) on 12 November.
inline SessionSlot SeedsSession(std::int64_t number) {
  struct Row {
    const char* title;
    const char* starts;
    const char* ends;
  };
  static const Row kRows[] = {
      {"Kickoff", "2018-02-02T10:00:00-08:00", "2018-02-02T16:00:00-08:00"},
      {"Leadership and Strategic Planning", "2018-02-02T17:30:00-08:00",
       "2018-02-03T16:00:00-08:00"},
      {"Professional Development, Educational Technology", "2018-03-02T17:30:00-08:00",
       "2018-03-03T16:00:00-08:00"},
      {"Fiscal Management", "2018-04-06T17:30:00-07:00", "2018-04-07T16:00:00-07:00"},
      {"Security Fundamentals, Organizational Management", "2018-05-04T17:30:00-07:00",
       "2018-05-05T16:00:00-07:00"},
      {"Staff and Student Centered Aspects, Personnel Management", "2018-06-08T17:30:00-07:00",
       "2018-06-09T16:00:00-07:00"},
      {"Technology Infrastructure and Data Systems, Project Management",
       "2018-07-13T17:30:00-07:00", "2018-07-14T16:00:00-07:00"},
      {"Assessment and Accountability", "2018-09-07T17:30:00-07:00", "2018-09-08T16:00:00-07:00"},
      {"Technology Policies and Standards, Technology Leadership", "2018-10-05T17:30:00-07:00",
       "2018-10-06T16:00:00-07:00"},
      {"Final Presentations and Commencement", "2018-11-12T09:00:00-08:00",
       "2018-11-12T17:00:00-08:00"},
  };
  const Row& row = kRows[number];
  return SessionSlot{number, row.title, {row.title}, At(row.starts), At(row.ends), "Sacramento"};
}
inline Instant SessionStart(std::int64_t number) { return SeedsSession(number).starts_at; }

inline CohortOpened Cohort2018(std::optional<std::int64_t> capacity = std::nullopt) {
  CohortOpened opened;
  opened.year = kYear;
  opened.application_opens = ApplicationOpens();
  opened.application_deadline = ApplicationDeadline();
  opened.tuition_cents = kTuitionCents;
  opened.capacity = capacity;
  opened.location = "Sacramento";
  for (std::int64_t number = 0; number <= 9; ++number) {
    opened.sessions.push_back(SeedsSession(number));
  }
  return opened;
}

// The cohort's two assignments: a prerequisite for session 1 and a homework for session 3.
inline const std::vector<std::string>& AssignmentIds() {
  static const std::vector<std::string> kIds{"strategic-plan", "budget-memo"};
  return kIds;
}
inline AssignmentDefined Assignment2018(std::size_t index) {
  if (index == 0) {
    return AssignmentDefined{"strategic-plan", 1, "prerequisite", "A strategic plan",
                             SessionStart(1)};
  }
  return AssignmentDefined{"budget-memo", 3, "homework", "A budget memo", SessionStart(3)};
}

// Opens the 2018 cohort and defines its assignments.
inline void GivenCohort(Spec& spec, std::optional<std::int64_t> capacity = std::nullopt) {
  spec.Given(CohortStream(kYear), Cohort2018(capacity), At("2017-08-01T09:00:00-07:00"));
  for (std::size_t i = 0; i < AssignmentIds().size(); ++i) {
    spec.Given(CohortStream(kYear), Assignment2018(i), At("2017-08-01T09:05:00-07:00"));
  }
}

// Uploads an application, a resume and a nomination for `who`; returns their ids by kind.
inline std::map<std::string, std::string> GivenDocuments(Spec& spec, const std::string& who) {
  std::map<std::string, std::string> ids;
  for (const char* kind : {"application", "resume", "nomination"}) {
    const std::string hex = who + "-" + kind;
    const std::string id = "sha256:" + hex;
    spec.Given(DocumentStream(hex), DocumentUploaded{id, "application/pdf", 3, "pdf"},
               At("2017-08-25T09:00:00-07:00"));
    ids[kind] = id;
  }
  return ids;
}

inline ApplicationSubmitted Application(const std::string& id,
                                        std::map<std::string, std::string> documents,
                                        std::string email = "") {
  ApplicationSubmitted application;
  application.candidate_id = id;
  application.cohort = kYear;
  application.name = "Candidate " + id;
  application.email = email.empty() ? id + "@district.k12.ca.us" : std::move(email);
  // The vault's keyed hash (vault::Vault::EmailHash) stands in as the normalised address.
  application.email_hash = "keyed:" + NormalizedEmail(application.email);
  application.employer = Employer{"Elk Grove Unified", "district", "34672390000000"};
  application.position = "Director of Technology";
  application.documents = std::move(documents);
  application.channel = "electronic";
  return application;
}

// An applicant, with documents, whose application was recorded inside the window.
inline void GivenApplicant(Spec& spec, const std::string& id, const std::string& email = "") {
  const auto documents = GivenDocuments(spec, id);
  spec.Given(CandidateStream(id), Application(id, documents, email), DuringApplications());
}

inline MentorApplied MentorApplication(const std::string& id,
                                       std::optional<std::int64_t> cohort = std::nullopt) {
  MentorApplied applied;
  applied.mentor_id = id;
  applied.name = "Mentor " + id;
  applied.email = id + "@county.k12.ca.us";
  applied.employer = Employer{"Sacramento County Office of Education", "county_office", ""};
  applied.position = "Chief Technology Officer";
  applied.currently_k12_leader = true;
  applied.hands_on_experience = true;
  applied.qualification = "cto_certification";
  applied.years_k12_leadership = 12;
  applied.cohort = cohort;
  return applied;
}

enum class MentorStage { applied, approved, contracted };

inline void GivenMentor(Spec& spec, const std::string& id,
                        MentorStage stage = MentorStage::contracted,
                        std::optional<std::int64_t> cohort = std::nullopt) {
  spec.Given(MentorStream(id), MentorApplication(id, cohort), At("2017-09-05T09:00:00-07:00"));
  if (stage == MentorStage::applied) return;
  spec.Given(MentorStream(id), MentorApprovalDecided{"approved", "steering committee"},
             At("2017-10-02T09:00:00-07:00"));
  if (stage == MentorStage::approved) return;
  spec.Given(MentorStream(id), MentorContractSigned{Day("2017-10-05")},
             At("2017-10-05T09:00:00-07:00"));
}

// An applicant accepted in October; matched to `mentor_id` when one is named (the mentor must
// already be given).
inline void GivenAccepted(Spec& spec, const std::string& id, const std::string& mentor_id = "") {
  GivenApplicant(spec, id);
  spec.Given(CandidateStream(id), SelectionDecided{"accepted", "strong nomination"},
             SelectionDay());
  if (!mentor_id.empty()) {
    spec.Given(CandidateStream(id), MentorMatched{mentor_id}, MatchingDay());
  }
}

// A cohort, a contracted mentor "m1" and an accepted candidate matched to it.
inline void GivenCohortWithMatchedCandidate(Spec& spec, const std::string& id = "c1") {
  GivenCohort(spec);
  GivenMentor(spec, "m1");
  GivenAccepted(spec, id, "m1");
}

// Everything an accepted candidate does in the year, so that certification's rules are all met
// at CertificationDay(): attendance and participation for sessions 0..8, every assignment
// passed, a full portfolio and curriculum summary, the mentor meetings, a passed final
// presentation with an accepted executive summary, a recommendation, feedback and the tuition.
inline void GivenYearOfWork(Spec& spec, const std::string& id) {
  const std::string stream = CandidateStream(id);
  spec.Given(stream,
             PaymentRecorded{kTuitionCents, "check", "employer", "Elk Grove Unified",
                             "professional_development", "PO-1"},
             At("2017-12-01T09:00:00-08:00"));
  for (std::int64_t session = 0; session <= 8; ++session) {
    const Instant during = SessionStart(session) + kHour;
    spec.Given(stream, AttendanceRecorded{session, "present", ""}, during, Instructor());
    spec.Given(stream, ParticipationRecorded{session, "satisfactory"}, during, Instructor());
    if (session == 0) continue;
    spec.Given(stream, PortfolioItemAdded{"artifact", session, "Artifact", "https://p.example/a"},
               during + kHour);
    spec.Given(stream,
               PortfolioItemAdded{"reflection", session, "Reflection", "https://p.example/r"},
               during + kHour);
  }
  for (const std::string& assignment : AssignmentIds()) {
    spec.Given(stream, SubmissionRecorded{assignment, "", "https://p.example/w", false},
               SessionStart(1) - kHour);
    spec.Given(stream, GradeRecorded{assignment, "pass", 90, ""}, SessionStart(4), Instructor());
  }
  spec.Given(stream,
             PortfolioItemAdded{"curriculum_summary", std::nullopt, "Summary", "https://p.example"},
             SessionStart(8) + kHour);
  const Actor mentor = MentorUser("m1");
  spec.Given(stream, MentorMeetingLogged{"check_in", "phone", Day("2018-03-10"), "", "m1"},
             At("2018-03-10T12:00:00-08:00"), mentor);
  spec.Given(
      stream,
      MentorMeetingLogged{"mid_year_evaluation", "face_to_face", Day("2018-06-20"), "", "m1"},
      At("2018-06-20T12:00:00-07:00"), mentor);
  spec.Given(stream, MentorMeetingLogged{"portfolio_review", "video", Day("2018-05-15"), "", "m1"},
             At("2018-05-15T12:00:00-07:00"), mentor);
  spec.Given(stream, MentorMeetingLogged{"portfolio_review", "video", Day("2018-10-15"), "", "m1"},
             At("2018-10-15T12:00:00-07:00"), mentor);
  spec.Given(stream, ProgressReviewHeld{Day("2018-08-01"), "on track"},
             At("2018-08-01T12:00:00-07:00"));
  spec.Given(stream, FinalPresentationGraded{"pass", "accepted", "clear"}, Commencement() + kHour,
             Instructor());
  spec.Given(stream, MentorAssessmentRecorded{true, "ready to lead", "m1"}, Commencement() + kHour,
             mentor);
  spec.Given(stream, FeedbackGiven{"more on budgets"}, Commencement() + 2 * kHour);
}

// A cohort, mentor "m1" and candidate `id` who has done everything certification needs.
inline void GivenReadyForCertification(Spec& spec, const std::string& id = "c1") {
  GivenCohortWithMatchedCandidate(spec, id);
  GivenYearOfWork(spec, id);
}

// Builds a rule set that changes some parameters of the defaults.
inline RuleSetPublished RuleSetFrom(std::int64_t version, Instant effective_from,
                                    RuleParameters parameters) {
  return RuleSetPublished{version, effective_from, std::move(parameters)};
}

}  // namespace ctom::domain::spec
