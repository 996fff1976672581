// Decide: the one exhaustive dispatch to the areas, their building blocks, the codes' names.
#include "domain/decide.hpp"

#include "domain/areas.hpp"

namespace ctom::domain {

namespace areas {

Rejection Reject(RejectionCode code, std::string detail, std::vector<std::string> unmet) {
  return Rejection{code, std::move(detail), std::move(unmet), {}};
}

std::string ShowInstant(const Context& context, Instant instant) {
  return FormatInstantIn(instant, context.zone != nullptr ? *context.zone : PacificOffsets());
}

Rejection Invalid(std::string field, std::string message) {
  Validation check;
  check.Add(std::move(field), std::move(message));
  return *check.Refusal();
}

// The detail names every error: "payer.name is required; payer.funding_source is required".
std::optional<Rejection> Validation::Refusal() const {
  if (errors_.empty()) return std::nullopt;
  std::string detail;
  for (const FieldProblem& error : errors_) {
    if (!detail.empty()) detail += "; ";
    detail += error.field + " " + error.message;
  }
  return Rejection{RejectionCode::validation, std::move(detail), {}, errors_};
}

Decision Append(std::string stream, std::uint64_t version, Event event, std::string resource_id) {
  Decision decision;
  decision.stream = std::move(stream);
  decision.expect = Expect::exact;
  decision.expected_version = version;
  decision.events.push_back(std::move(event));
  decision.resource_id = std::move(resource_id);
  return decision;
}

Decision Create(std::string stream, Event event, std::string resource_id) {
  Decision decision = Append(std::move(stream), 0, std::move(event), std::move(resource_id));
  decision.expect = Expect::no_stream;
  decision.created = true;
  return decision;
}

}  // namespace areas

namespace {

// Sends each alternative of Command::body, and each event a command proposes, to its own
// areas::Decide overload. There is no catch-all: the template only forwards, so an event or a
// command without an overload of its own does not compile ("no matching function for call to
// Decide(const Request&, const NewEvent&)"). An Event is visited rather than forwarded: the
// non-template overload below is preferred for it, and areas.hpp declares no overload that takes
// an Event, which every event type would convert to.
struct Dispatch {
  const areas::Request& request;

  Decided operator()(const Event& event) const { return std::visit(*this, event); }
  template <typename Proposed>
  Decided operator()(const Proposed& proposed) const {
    return areas::Decide(request, proposed);
  }
};

}  // namespace

Decided Decide(const Program& program, const Command& command, const Context& context) {
  const areas::Request request{program, command.target, context};
  return std::visit(Dispatch{request}, command.body);
}

std::string_view RejectionCodeName(RejectionCode code) {
  // No default: -Wswitch names a code added to the enum without its name here.
  switch (code) {
    case RejectionCode::validation:
      return "validation";
    case RejectionCode::not_found:
      return "not_found";
    case RejectionCode::already_exists:
      return "already_exists";
    case RejectionCode::application_window_not_open:
      return "application_window_not_open";
    case RejectionCode::application_deadline_passed:
      return "application_deadline_passed";
    case RejectionCode::missing_documents:
      return "missing_documents";
    case RejectionCode::duplicate_application:
      return "duplicate_application";
    case RejectionCode::not_k12:
      return "not_k12";
    case RejectionCode::electronic_only:
      return "electronic_only";
    case RejectionCode::cohort_full:
      return "cohort_full";
    case RejectionCode::invalid_transition:
      return "invalid_transition";
    case RejectionCode::mentor_unqualified:
      return "mentor_unqualified";
    case RejectionCode::candidate_not_accepted:
      return "candidate_not_accepted";
    case RejectionCode::mentor_not_approved:
      return "mentor_not_approved";
    case RejectionCode::mentor_no_contract:
      return "mentor_no_contract";
    case RejectionCode::mentor_at_capacity:
      return "mentor_at_capacity";
    case RejectionCode::different_cohort:
      return "different_cohort";
    case RejectionCode::unsupported_payment_method:
      return "unsupported_payment_method";
    case RejectionCode::overpayment:
      return "overpayment";
    case RejectionCode::invalid_amount:
      return "invalid_amount";
    case RejectionCode::unknown_session:
      return "unknown_session";
    case RejectionCode::session_not_started:
      return "session_not_started";
    case RejectionCode::unknown_assignment:
      return "unknown_assignment";
    case RejectionCode::requirements_unmet:
      return "requirements_unmet";
    case RejectionCode::not_erasable:
      return "not_erasable";
  }
  return {};  // a value outside the enum
}

std::optional<RejectionCode> ParseRejectionCode(std::string_view name) {
  // The codes are numbered densely from 0, so the first number with no name ends the search.
  constexpr int kCodesMax = 256;
  for (int number = 0; number < kCodesMax; ++number) {
    const auto code = static_cast<RejectionCode>(number);
    const std::string_view known = RejectionCodeName(code);
    if (known.empty()) break;
    if (known == name) return code;
  }
  return std::nullopt;
}

}  // namespace ctom::domain
