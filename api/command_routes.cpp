// Parsing each write endpoint's body into its domain command.
#include "api/command_routes.hpp"

#include <random>

#include "api/field_limits.hpp"
#include "api/formats.hpp"

namespace ctom::api {
namespace {

using namespace domain;

Command On(const PathParameters& path, std::string_view key, Event event) {
  auto found = path.find(key);
  return Command{found == path.end() ? std::string() : found->second, std::move(event)};
}

Employer ReadEmployer(BodyReader employer, bool allow_non_k12) {
  Employer out;
  out.name = employer.RequiredString("name", kNameBytesMax);
  out.kind = allow_non_k12 ? employer.RequiredEnum("kind", {"district", "county_office", "non_k12"})
                           : employer.RequiredEnum("kind", {"district", "county_office"});
  out.cds_code = employer.OptionalString("cds_code", kCdsCodeBytes).value_or("");
  if (!out.cds_code.empty() &&
      (out.cds_code.size() != 14 ||
       out.cds_code.find_first_not_of("0123456789") != std::string::npos)) {
    employer.Refuse("cds_code", "must be 14 digits");
  }
  return out;
}

Command OpenCohort(BodyReader& b, const PathParameters&, const Caller&) {
  CohortOpened e;
  e.year = b.RequiredInt("year", 2000, 2200);
  e.application_opens = b.RequiredInstant("application_opens");
  e.application_deadline = b.RequiredInstant("application_deadline");
  e.tuition_cents = b.RequiredInt("tuition_cents", 0, kMoneyCentsMax);
  e.capacity = b.OptionalInt("capacity", 1, 10'000);
  e.location = b.RequiredString("location", kNameBytesMax);
  for (BodyReader& s : b.RequiredObjectArray("sessions", 1, kSessionsMax)) {
    SessionSlot slot;
    slot.number = s.RequiredInt("number", 0, 9);
    slot.title = s.RequiredString("title", kNameBytesMax);
    slot.topics = s.OptionalStringArray("topics", kTopicsPerSessionMax, kNameBytesMax)
                      .value_or(std::vector<std::string>{});
    slot.starts_at = s.RequiredInstant("starts_at");
    slot.ends_at = s.RequiredInstant("ends_at");
    slot.location = s.OptionalString("location", kNameBytesMax).value_or("");
    e.sessions.push_back(std::move(slot));
  }
  return Command{"", e};
}

// The session number a path names; -1 (a session no cohort has) unless it is a small decimal.
std::int64_t SessionNumber(const std::string& text) {
  if (text.empty() || text.size() > 2 || text.find_first_not_of("0123456789") != std::string::npos)
    return -1;
  return std::stoll(text);
}

Command Reschedule(BodyReader& b, const PathParameters& path, const Caller&) {
  SessionRescheduled e;
  e.number = SessionNumber(path.at("n"));
  e.starts_at = b.RequiredInstant("starts_at");
  e.ends_at = b.RequiredInstant("ends_at");
  e.location = b.OptionalString("location", kNameBytesMax).value_or("");
  return On(path, "year", e);
}

Command DefineAssignment(BodyReader& b, const PathParameters& path, const Caller&) {
  AssignmentDefined e;
  e.assignment_id = b.RequiredString("id", kIdBytesMax);
  e.session = b.RequiredInt("session", 0, 9);
  e.kind = b.RequiredEnum("kind", {"prerequisite", "homework", "in_class", "oral_presentation"});
  e.title = b.RequiredString("title", kNameBytesMax);
  e.due_at = b.RequiredInstant("due_at");
  return On(path, "year", e);
}

Command Apply(BodyReader& b, const PathParameters& path, const Caller&) {
  ApplicationSubmitted e;
  e.candidate_id = NewRecordId("c-");
  const std::string& year = path.at("year");
  e.cohort = year.size() <= 4 && year.find_first_not_of("0123456789") == std::string::npos
                 ? std::stoll("0" + year)
                 : -1;
  e.name = b.RequiredString("name", kNameBytesMax);
  e.email = b.RequiredString("email", kNameBytesMax);
  e.employer = ReadEmployer(b.RequiredObject("employer"), true);
  e.position = b.RequiredString("position", kNameBytesMax);
  BodyReader documents = b.RequiredObject("documents");
  for (const char* kind : {"application", "resume", "nomination"}) {
    if (auto id = documents.OptionalString(kind, 100)) e.documents[kind] = *id;
  }
  e.requested_mentor_id = b.OptionalString("requested_mentor_id", kIdBytesMax).value_or("");
  e.channel =
      b.OptionalEnum("channel", {"electronic", "mail", "fax", "in_person"}).value_or("electronic");
  return Command{"", e};
}

Command ApplyAsMentor(BodyReader& b, const PathParameters&, const Caller&) {
  MentorApplied e;
  e.mentor_id = NewRecordId("m-");
  e.name = b.RequiredString("name", kNameBytesMax);
  e.email = b.RequiredString("email", kNameBytesMax);
  e.employer = ReadEmployer(b.RequiredObject("employer"), false);
  e.position = b.RequiredString("position", kNameBytesMax);
  e.currently_k12_leader = b.RequiredBool("currently_k12_leader");
  e.hands_on_experience = b.RequiredBool("hands_on_experience");
  e.qualification =
      b.OptionalEnum("qualification", {"business_degree", "cto_certification", "work_experience"})
          .value_or("");
  e.years_k12_leadership = b.RequiredInt("years_k12_leadership", 0, 80);
  e.cohort = b.OptionalInt("cohort", 2000, 2200);
  return Command{"", e};
}

Command ApproveMentor(BodyReader& b, const PathParameters& path, const Caller&) {
  return On(path, "id",
            MentorApprovalDecided{b.RequiredEnum("decision", {"approved", "rejected"}),
                                  b.OptionalText("reason", kTextBytesMax).value_or("")});
}

Command SignContract(BodyReader& b, const PathParameters& path, const Caller&) {
  return On(path, "id", MentorContractSigned{b.RequiredDate("signed_on")});
}

Command Select(BodyReader& b, const PathParameters& path, const Caller&) {
  return On(path, "id",
            SelectionDecided{b.RequiredEnum("decision", {"accepted", "waitlisted", "rejected"}),
                             b.OptionalText("reason", kTextBytesMax).value_or("")});
}

Command Withdraw(BodyReader& b, const PathParameters& path, const Caller&) {
  return On(path, "id", CandidateWithdrew{b.RequiredString("reason", kTextBytesMax)});
}

Command Match(BodyReader& b, const PathParameters& path, const Caller&) {
  return On(path, "id", MentorMatched{b.RequiredString("mentor_id", kIdBytesMax)});
}

Command Pay(BodyReader& b, const PathParameters& path, const Caller&) {
  PaymentRecorded e;
  e.amount_cents = b.RequiredInt("amount_cents", INT64_MIN / 2, kMoneyCentsMax);
  // An unknown method is a business refusal (422 unsupported_payment_method), not a 400.
  e.method = b.RequiredString("method", kPaymentMethodBytesMax);
  BodyReader payer = b.RequiredObject("payer");
  e.payer_kind = payer.RequiredEnum("kind", {"self", "employer"});
  e.payer_name = payer.OptionalString("name", kNameBytesMax).value_or("");
  e.funding_source =
      payer
          .OptionalEnum("funding_source", {"k12_voucher", "grant", "professional_development",
                                           "general_fund", "other"})
          .value_or("");
  e.reference = b.OptionalString("reference", kNameBytesMax).value_or("");
  return On(path, "id", e);
}

Command Refund(BodyReader& b, const PathParameters& path, const Caller&) {
  return On(path, "id",
            RefundRecorded{b.RequiredInt("amount_cents", INT64_MIN / 2, kMoneyCentsMax),
                           b.RequiredString("reason", kTextBytesMax)});
}

Command Attend(BodyReader& b, const PathParameters& path, const Caller&) {
  return On(path, "id",
            AttendanceRecorded{
                b.RequiredInt("session", -1000, 1000),
                b.RequiredEnum("status", {"present", "absent_excused", "absent_unexcused"}),
                b.OptionalText("note", kTextBytesMax).value_or("")});
}

Command MakeUp(BodyReader& b, const PathParameters& path, const Caller&) {
  return On(path, "id",
            MakeupRecorded{b.RequiredInt("session", -1000, 1000),
                           b.RequiredString("description", kTextBytesMax)});
}

Command Participate(BodyReader& b, const PathParameters& path, const Caller&) {
  return On(path, "id",
            ParticipationRecorded{b.RequiredInt("session", -1000, 1000),
                                  b.RequiredEnum("rating", {"satisfactory", "unsatisfactory"})});
}

Command Submit(BodyReader& b, const PathParameters& path, const Caller&) {
  SubmissionRecorded e;
  e.assignment_id = b.RequiredString("assignment", kIdBytesMax);
  e.document = b.OptionalString("document", kIdBytesMax).value_or("");
  e.url = b.OptionalString("url", kUrlBytesMax).value_or("");
  if (e.document.empty() && e.url.empty())
    b.Refuse("document", "a submission needs a document or a url");
  return On(path, "id", e);
}

Command GradeWork(BodyReader& b, const PathParameters& path, const Caller&) {
  return On(
      path, "id",
      GradeRecorded{b.RequiredString("assignment", kIdBytesMax),
                    b.RequiredEnum("result", {"pass", "fail"}), b.OptionalInt("score", 0, 100),
                    b.OptionalText("comment", kTextBytesMax).value_or("")});
}

Command AddToPortfolio(BodyReader& b, const PathParameters& path, const Caller&) {
  return On(path, "id",
            PortfolioItemAdded{
                b.RequiredEnum("kind", {"artifact", "reflection", "curriculum_summary"}),
                b.OptionalInt("session", -1000, 1000), b.RequiredString("title", kNameBytesMax),
                b.RequiredString("url", kUrlBytesMax)});
}

Command Meet(BodyReader& b, const PathParameters& path, const Caller&) {
  return On(
      path, "id",
      MentorMeetingLogged{
          b.RequiredEnum("kind", {"check_in", "mid_year_evaluation", "portfolio_review"}),
          b.RequiredEnum("mode", {"face_to_face", "phone", "video", "shared_documents"}),
          b.RequiredDate("held_on"), b.OptionalText("notes", kTextBytesMax).value_or(""), ""});
}

Command Review(BodyReader& b, const PathParameters& path, const Caller&) {
  return On(path, "id",
            ProgressReviewHeld{b.RequiredDate("held_on"),
                               b.OptionalText("notes", kTextBytesMax).value_or("")});
}

Command Present(BodyReader& b, const PathParameters& path, const Caller&) {
  return On(path, "id",
            FinalPresentationGraded{
                b.RequiredEnum("result", {"pass", "fail"}),
                b.RequiredEnum("executive_summary", {"accepted", "rejected", "missing"}),
                b.OptionalText("comment", kTextBytesMax).value_or("")});
}

Command Assess(BodyReader& b, const PathParameters& path, const Caller&) {
  return On(path, "id",
            MentorAssessmentRecorded{b.RequiredBool("recommend"),
                                     b.RequiredString("statement", kTextBytesMax), ""});
}

Command GiveFeedback(BodyReader& b, const PathParameters& path, const Caller&) {
  return On(path, "id", FeedbackGiven{b.RequiredString("text", kTextBytesMax)});
}

Command ChangeJob(BodyReader& b, const PathParameters& path, const Caller&) {
  return On(path, "id",
            EmploymentChanged{ReadEmployer(b.RequiredObject("employer"), true),
                              b.OptionalString("position", kNameBytesMax).value_or("")});
}

Command Continue(BodyReader& b, const PathParameters& path, const Caller&) {
  return On(path, "id",
            ContinuationDecided{b.RequiredEnum("decision", {"continue", "release"}),
                                b.RequiredString("reason", kTextBytesMax)});
}

Command Drop(BodyReader& b, const PathParameters& path, const Caller&) {
  return On(path, "id",
            CandidateDropped{b.RequiredEnum("reason", {"unexcused_absence", "missing_work",
                                                       "left_k12", "withdrew", "other"}),
                             b.OptionalText("detail", kTextBytesMax).value_or("")});
}

Command LogCeu(BodyReader& b, const PathParameters& path, const Caller&) {
  return On(path, "id",
            CeuRecorded{b.RequiredString("activity", kNameBytesMax),
                        b.RequiredString("provider", kNameBytesMax), b.RequiredDate("completed_on"),
                        b.RequiredHundredths("contact_hours", 1, 100'000),
                        b.OptionalString("document", kIdBytesMax).value_or("")});
}

Command Document(BodyReader& b, const PathParameters& path, const Caller&) {
  return On(path, "id",
            AnnualDocumentationSubmitted{b.RequiredInt("year", 2000, 2300),
                                         b.OptionalString("document", kIdBytesMax).value_or("")});
}

Command Revoke(BodyReader& b, const PathParameters& path, const Caller&) {
  return On(path, "id", CertificateRevoked{b.RequiredString("reason", kTextBytesMax)});
}

Command Promote(BodyReader& b, const PathParameters& path, const Caller&) {
  return On(
      path, "id",
      PromotionRecorded{b.RequiredString("title", kNameBytesMax), b.RequiredDate("effective_on")});
}

Command Certify(BodyReader& b, const PathParameters& path, const Caller&) {
  return Command{path.at("id"),
                 DecideCertification{b.RequiredEnum("decision", {"certify", "deny"}),
                                     b.OptionalText("reason", kTextBytesMax).value_or(""),
                                     b.OptionalString("certificate", kIdBytesMax).value_or("")}};
}

Command Recertify(BodyReader&, const PathParameters& path, const Caller&) {
  return Command{path.at("id"), domain::Recertify{}};
}

std::vector<CommandRoute> MakeRoutes() {
  const std::vector<std::string_view> staff{"admin", "staff"};
  const std::vector<std::string_view> teaching{"admin", "staff", "instructor"};
  const std::vector<std::string_view> own{"admin", "staff", "candidate"};
  const std::vector<std::string_view> mentoring{"admin", "staff", "mentor"};
  constexpr Ownership kOwn = Ownership::candidate_or_mentor;
  constexpr Ownership kNone = Ownership::none;
  const std::string c = "/v1/candidates/{id}/";
  return {
      {"POST", "/v1/cohorts", staff, kNone, &OpenCohort},
      {"POST", "/v1/cohorts/{year}/sessions/{n}/reschedule", staff, kNone, &Reschedule},
      {"POST", "/v1/cohorts/{year}/assignments", teaching, kNone, &DefineAssignment},
      {"POST", "/v1/cohorts/{year}/applications", staff, kNone, &Apply},
      {"POST", "/v1/mentors", staff, kNone, &ApplyAsMentor},
      {"POST", "/v1/mentors/{id}/approval", staff, kNone, &ApproveMentor},
      {"POST", "/v1/mentors/{id}/contract", staff, kNone, &SignContract},
      {"POST", "/v1/candidates/{id}/decision", staff, kNone, &Select},
      {"POST", "/v1/candidates/{id}/withdraw", own, kOwn, &Withdraw},
      {"POST", "/v1/candidates/{id}/mentor", staff, kNone, &Match},
      {"POST", "/v1/candidates/{id}/payments", staff, kNone, &Pay},
      {"POST", "/v1/candidates/{id}/refunds", staff, kNone, &Refund},
      {"POST", "/v1/candidates/{id}/attendance", teaching, kNone, &Attend},
      {"POST", "/v1/candidates/{id}/makeups", teaching, kNone, &MakeUp},
      {"POST", "/v1/candidates/{id}/participation", teaching, kNone, &Participate},
      {"POST", "/v1/candidates/{id}/submissions", own, kOwn, &Submit},
      {"POST", "/v1/candidates/{id}/grades", teaching, kNone, &GradeWork},
      {"POST", "/v1/candidates/{id}/portfolio", own, kOwn, &AddToPortfolio},
      {"POST", "/v1/candidates/{id}/meetings", mentoring, kOwn, &Meet},
      {"POST", "/v1/candidates/{id}/reviews", staff, kNone, &Review},
      {"POST", "/v1/candidates/{id}/final-presentation", teaching, kNone, &Present},
      {"POST", "/v1/candidates/{id}/mentor-assessment", mentoring, kOwn, &Assess},
      {"POST", "/v1/candidates/{id}/feedback", own, kOwn, &GiveFeedback},
      {"POST", "/v1/candidates/{id}/employment", own, kOwn, &ChangeJob},
      {"POST", "/v1/candidates/{id}/continuation", staff, kNone, &Continue},
      {"POST", "/v1/candidates/{id}/drop", staff, kNone, &Drop},
      {"POST", "/v1/candidates/{id}/certification", staff, kNone, &Certify},
      {"POST", "/v1/candidates/{id}/ceus", own, kOwn, &LogCeu},
      {"POST", "/v1/candidates/{id}/annual-documentation", own, kOwn, &Document},
      {"POST", "/v1/candidates/{id}/recertification", staff, kNone, &Recertify,
       EmptyBody::empty_object},
      {"POST", "/v1/candidates/{id}/revocation", {"admin"}, kNone, &Revoke},
      {"POST", "/v1/candidates/{id}/promotions", own, kOwn, &Promote},
  };
}

}  // namespace

Caller CallerOf(const RouteContext& route) {
  if (route.principal == nullptr) return Caller{};
  const Principal& p = *route.principal;
  return Caller{p.user_id, p.role, p.candidate_id, p.mentor_id};
}

const std::vector<CommandRoute>& CommandRoutes() {
  static const std::vector<CommandRoute> routes = MakeRoutes();
  return routes;
}

std::expected<ParsedCommand, HttpResponse> ParseCommand(const CommandRoute& route,
                                                        const HttpRequest& request,
                                                        const PathParameters& path,
                                                        const Caller& caller) {
  auto object = ParseJsonBody(request, route.empty_body);
  if (!object) return std::unexpected(std::move(object.error()));
  return ParseCommandObject(route, *object, path, caller);
}

std::expected<ParsedCommand, HttpResponse> ParseCommandObject(const CommandRoute& route,
                                                              const boost::json::object& object,
                                                              const PathParameters& path,
                                                              const Caller& caller) {
  BodyReader body(object);
  const std::optional<std::int64_t> occurred_at = body.OptionalInstant("occurred_at");
  domain::Command command = route.parse(body, path, caller);
  if (!body.Finish()) return std::unexpected(body.Problem());
  return ParsedCommand{std::move(command), occurred_at};
}

std::string NewRecordId(std::string_view prefix) {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  char text[24];
  std::snprintf(text, sizeof text, "%012llx",
                static_cast<unsigned long long>(generator() & 0xffffffffffffULL));
  return std::string(prefix) + text;
}

}  // namespace ctom::api
