// The program's state: what folding the ledger's events in log order produces. Decisions read
// it; projections render views from it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/candidate_index.hpp"
#include "domain/events.hpp"
#include "domain/rules.hpp"
#include "domain/time.hpp"

namespace ctom::domain {

using Positions = std::vector<std::uint64_t>;

struct User {
  std::string id, name, role, candidate_id, mentor_id, token_hash;
  bool revoked = false;
};

struct Document {
  std::string id, content_type, uploader_id;
  std::int64_t size = 0;
  std::uint64_t position = 0;  // where the bytes are in the log
};

struct Session {
  SessionSlot slot;
  std::int64_t reschedules = 0;  // iCalendar SEQUENCE
};

struct Assignment {
  AssignmentDefined definition;
  std::uint64_t position = 0;
};

struct Cohort {
  CohortOpened opened;
  std::uint64_t version = 0;  // stream version
  std::uint64_t position = 0;
  std::map<std::int64_t, Session> sessions;       // by number
  std::map<std::string, Assignment> assignments;  // by id, in id order
  std::vector<std::string> assignment_order;      // ids in definition order
  std::vector<std::string> candidate_ids;         // in application order
  std::int64_t certificates_issued = 0;           // for CCTO-<year>-<nnnn>
};

// What the program knows of how a person's data is kept (API.md "Personal data and erasure").
struct PersonalRecord {
  bool erased = false;  // personal_data_erased recorded: no command may follow
  std::uint64_t erased_position = 0;
  bool has_plaintext_records = false;  // personal fields recorded before sealing: not erasable
};

struct Mentor {
  MentorApplied application;
  std::uint64_t version = 0;
  std::uint64_t position = 0;
  std::string approval = "pending";  // pending | approved | rejected
  std::string approval_reason;
  std::optional<Date> contract_signed_on;
  std::vector<std::string> mentee_ids;  // every candidate ever matched, in order
  std::int64_t meetings_logged = 0;
  PersonalRecord personal;
};

// One session's attendance as last recorded, with the log positions that decided it.
struct AttendanceMark {
  std::string status;
  std::uint64_t position = 0;
  std::optional<std::uint64_t> makeup_position;
};

struct Grade {
  std::string result;  // pass | fail | "" (submitted, not graded)
  bool submitted = false;
  bool late = false;
  std::uint64_t position = 0;  // the latest submission or grade
};

struct Certification {
  std::string state = "none";  // none | certified | denied
  std::string certificate;
  Date issued_on;
  Date cycle_start;  // the start of the current recertification cycle
  // The start of every cycle so far, oldest first: issued_on, then each recertification's
  // previous expiry. A cycle ends where the next starts; the last ends at expires_on.
  std::vector<Date> cycle_starts;
  Date expires_on;
  bool revoked = false;
  std::uint64_t decided_position = 0;
  Instant decided_at = 0;  // the decision's occurred_at: completion is judged by the rules then
  std::uint64_t revoked_position = 0;
  std::vector<std::uint64_t> recertification_positions;
};

struct Ceu {
  Date completed_on;
  std::int64_t contact_hours_hundredths = 0;
  std::uint64_t position = 0;
  std::string activity, provider, document;  // as logged, for the transcript
};

struct Promotion {
  std::string title;
  Date effective_on;
  std::uint64_t position = 0;
};

struct Candidate {
  std::string id;
  std::int64_t cohort = 0;
  std::string name, email, position_title;
  std::string email_hash;  // the keyed hash the duplicate-application rule compares
  Employer employer;
  Employer employer_when_accepted;
  std::map<std::string, std::string> documents;
  std::string requested_mentor_id;
  std::string status = "applied";
  std::string status_reason;
  std::uint64_t version = 0;
  std::uint64_t last_position = 0;
  std::string mentor_id;
  bool ever_accepted = false;
  bool continuation_pending = false;
  std::int64_t paid_cents = 0;
  std::int64_t refunded_cents = 0;
  Positions payment_positions;
  std::map<std::int64_t, AttendanceMark> attendance;
  std::map<std::int64_t, std::pair<std::string, std::uint64_t>> participation;  // rating, position
  std::map<std::string, Grade> assignments;
  std::map<std::int64_t, std::int64_t> artifacts_by_session;
  std::map<std::int64_t, std::int64_t> reflections_by_session;
  Positions portfolio_positions;
  std::optional<std::uint64_t> curriculum_summary_position;
  std::map<std::string, Positions> meetings;  // kind -> positions
  Positions review_positions;
  std::optional<FinalPresentationGraded> final_presentation;
  std::uint64_t final_presentation_position = 0;
  std::optional<MentorAssessmentRecorded> mentor_assessment;
  std::uint64_t mentor_assessment_position = 0;
  std::optional<std::uint64_t> feedback_position;
  Certification certification;
  std::vector<Ceu> ceus;
  std::map<std::int64_t, std::uint64_t> annual_documentation;  // year -> position
  std::vector<Promotion> promotions;
  PersonalRecord personal;
};

struct Program {
  RuleBook rules;
  std::uint64_t position = 0;  // the last position folded
  std::uint64_t program_version = 0;
  // Maps keyed by text compare transparently, so a lookup by string_view allocates nothing.
  std::map<std::string, User, std::less<>> users;
  std::map<std::string, std::string, std::less<>> user_by_token_hash;
  // Each user's calendar feed (the secret's SHA-256, hex), while the user is not revoked. The
  // first administrator, who is not in `users`, may hold one too.
  std::map<std::string, std::string, std::less<>> feed_hash_by_user;
  std::map<std::string, Document, std::less<>> documents;
  std::map<std::int64_t, Cohort> cohorts;
  std::map<std::string, Mentor, std::less<>> mentors;
  CandidateMap candidates;
  CandidateIndex candidate_index;  // Evolve's lookups; rebuilt by itself after a copy
  std::map<std::string, std::string, std::less<>> candidate_by_certificate;

  const Cohort* FindCohort(std::int64_t year) const;
  const Candidate* FindCandidate(std::string_view id) const;
  const Mentor* FindMentor(std::string_view id) const;
  // The version of any stream, from the record it holds (0 when there is none).
  std::uint64_t StreamVersion(std::string_view stream) const;
};

// Folds one event into the state. Events arrive in log order; an event that refers to something
// the state does not hold (possible under an as-of or known-at bound) is skipped, never trusted.
void Evolve(Program& program, const Recorded& recorded);

// Candidate statuses that end the candidate's year.
bool IsClosedStatus(const std::string& status);
// Seats count candidates accepted and still in the program (not dropped, withdrawn or released).
bool HoldsSeat(const Candidate& candidate);
std::int64_t BalanceCents(const Program& program, const Candidate& candidate);

// Compares e-mail addresses and employer names as the program does.
std::string NormalizedEmail(const std::string& email);
std::string NormalizedName(const std::string& name);

}  // namespace ctom::domain
