// Decide: a command, judged against the program's state under the rules in force at the
// command's instant, becomes the events to append or a rejection with one stable code.
#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "domain/events.hpp"
#include "domain/state.hpp"

namespace ctom::domain {

// Commands that are not simply the event they propose.
struct DecideCertification {
  std::string decision;  // certify | deny
  std::string reason;
  // A number kept from earlier records (an import of past years); empty: the cohort's next.
  std::string certificate;
};
struct Recertify {};
// A person's data: whose (a candidate's or a mentor's record, named by Command::target).
enum class PersonKind { candidate, mentor };
struct CorrectPersonalData {
  PersonKind person = PersonKind::candidate;
  PersonalDataCorrected correction;  // email_hash filled in by the caller, as for applications
};
struct ErasePersonalData {
  PersonKind person = PersonKind::candidate;
  std::string reason;
};

// What a caller asks for: a proposed event (most commands propose exactly the event they record;
// decide completes derived fields such as a submission's lateness) aimed at a target record.
struct Command {
  // The candidate id, mentor id, cohort year or user id the command is about; empty when the
  // command creates its record (the new id is inside the proposed event).
  std::string target;
  std::variant<Event, DecideCertification, Recertify, CorrectPersonalData, ErasePersonalData> body;
};

// Who asks, and when the fact happened (occurred_at: now, or a backdated instant from staff).
struct Context {
  Instant at = 0;
  std::string actor_id;
  std::string actor_role;
  std::string actor_mentor_id;  // for a mentor: the mentor record the user is
  // The zone refusal details write instants in (`ctom serve --time-zone`); Pacific when null.
  const ZoneOffsets* zone = nullptr;
};

enum class Expect { any, no_stream, exact };

struct Decision {
  std::string stream;
  Expect expect = Expect::any;
  std::uint64_t expected_version = 0;
  std::vector<Event> events;
  std::string resource_id;  // what the API answers as "id"
  bool created = false;     // 201 rather than 200
};

// One stable code per rule a command can break: the refusal codes of API.md (sent with 422), and
// the three the API answers otherwise (validation 400, not_found 404, already_exists 409).
enum class RejectionCode {
  validation,
  not_found,
  already_exists,
  // applications
  application_window_not_open,
  application_deadline_passed,
  missing_documents,
  duplicate_application,
  not_k12,
  electronic_only,
  // selection, and any command on a closed record
  cohort_full,
  invalid_transition,
  // mentors and matching
  mentor_unqualified,
  candidate_not_accepted,
  mentor_not_approved,
  mentor_no_contract,
  mentor_at_capacity,
  different_cohort,
  // payments
  unsupported_payment_method,
  overpayment,
  invalid_amount,
  // sessions and assignments
  unknown_session,
  session_not_started,
  unknown_assignment,
  // completion, certification and recertification
  requirements_unmet,
  // personal data: a person recorded before sealing existed
  not_erasable,
};

// The code as the API sends it ("application_window_not_open"): the one place a code becomes text.
std::string_view RejectionCodeName(RejectionCode code);
// The code RejectionCodeName names `name`, or nothing when no code has that name.
std::optional<RejectionCode> ParseRejectionCode(std::string_view name);

// One malformed value of a command: `field` is its JSON path in the request body
// ("payer.funding_source", "sessions[3].ends_at"), `message` says what is wrong with it.
struct FieldProblem {
  std::string field;
  std::string message;
  bool operator==(const FieldProblem&) const = default;
};

struct Rejection {
  RejectionCode code = RejectionCode::validation;
  std::string detail;
  std::vector<std::string> unmet;
  // For code validation: every malformed value of the command at once (API.md, Conventions).
  std::vector<FieldProblem> errors;
};

using Decided = std::expected<Decision, Rejection>;

// The events `command` appends, or the rule it breaks, judged against `program` at context.at.
// Reads nothing but its arguments (no clock, no I/O) and leaves `program` unchanged.
Decided Decide(const Program& program, const Command& command, const Context& context);

}  // namespace ctom::domain
