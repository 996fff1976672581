// The reminders list, feed secrets and the iCalendar feed.
#include "api/reminder_routes.hpp"

#include <openssl/crypto.h>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <charconv>

#include "api/json_body.hpp"
#include "api/json_text.hpp"
#include "api/query_support.hpp"
#include "api/reminders_ics.hpp"
#include "projections/reminders.hpp"

namespace ctom::api {
namespace json = boost::json;

namespace {

// ?within_days= (0..kReminderWithinDaysMax, default kReminderWithinDaysDefault).
std::expected<std::int64_t, HttpResponse> WithinDays(const HttpRequest& request) {
  const auto text = request.Query("within_days");
  if (!text) return projections::kReminderWithinDaysDefault;
  std::int64_t days = -1;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), days);
  if (error != std::errc{} || end != text->data() + text->size() || days < 0 ||
      days > projections::kReminderWithinDaysMax) {
    return std::unexpected(
        ValidationProblem("within_days", "must be a whole number of days, 0.." +
                                             std::to_string(projections::kReminderWithinDaysMax)));
  }
  return days;
}

json::object ReminderJson(const projections::Reminder& reminder) {
  json::object item{{"kind", projections::ReminderKindName(reminder.kind)},
                    {"due_on", domain::FormatDate(reminder.due_on)}};
  if (!reminder.candidate.empty()) item["candidate"] = reminder.candidate;
  if (!reminder.mentor.empty()) item["mentor"] = reminder.mentor;
  if (reminder.cohort) item["cohort"] = *reminder.cohort;
  item["detail"] = reminder.detail;
  item["key"] = reminder.key;
  return item;
}

bool SameHash(const std::string& a, const std::string& b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

// The user whose live feed the secret's hash is, or "". Every feed is compared, in constant time
// each, so the time taken does not depend on where or whether the hash matched.
std::string FeedOwner(const domain::Program& program, const std::string& secret_hash) {
  std::string owner;
  for (const auto& [user_id, hash] : program.feed_hash_by_user) {
    if (SameHash(hash, secret_hash) && owner.empty()) owner = user_id;
  }
  if (owner.empty()) return owner;
  const auto user = program.users.find(owner);
  if (user != program.users.end() && user->second.revoked) return "";
  return owner;
}

bool IsSecretShape(const std::string& secret) {
  return secret.size() == kFeedSecretHexDigits &&
         secret.find_first_not_of("0123456789abcdef") == std::string::npos;
}

}  // namespace

ReminderRoutes::ReminderRoutes(const eventstore::Ledger& ledger,
                               const projections::LiveViews& views, ProgramCommands& commands,
                               Clock clock, std::string public_url)
    : ledger_(ledger),
      views_(views),
      commands_(commands),
      clock_(std::move(clock)),
      public_url_(std::move(public_url)) {
  while (!public_url_.empty() && public_url_.back() == '/') public_url_.pop_back();
}

HttpResponse ReminderRoutes::List(const HttpRequest& request) const {
  const auto within_days = WithinDays(request);
  if (!within_days) return within_days.error();
  return WithProgram(request, ledger_, views_, clock_,
                     [&](const domain::Program& p, domain::Instant at) {
                       json::array items;
                       for (const projections::Reminder& reminder :
                            projections::BuildReminders(p, at, *within_days)) {
                         items.push_back(ReminderJson(reminder));
                       }
                       return JsonOk(json::object{{"items", std::move(items)},
                                                  {"as_of", domain::FormatInstant(at)},
                                                  {"within_days", *within_days},
                                                  {"position", p.position}});
                     });
}

HttpResponse ReminderRoutes::IssueFeed(const HttpRequest& request, const Caller& caller) {
  auto object = ParseJsonBody(request, EmptyBody::empty_object);
  if (!object) return object.error();
  BodyReader body(*object);
  if (!body.Finish()) return body.Problem();
  const std::optional<std::string> secret = GenerateToken();
  if (!secret) {
    return ProblemResponse(Problem{503, "service_unavailable", "no randomness", {}, {}, {}});
  }
  const std::string secret_hash = HashToken(*secret);
  HttpResponse answer = commands_.Run(
      domain::Command{caller.user_id, domain::FeedIssued{caller.user_id, secret_hash}}, request,
      caller, std::nullopt);
  if (answer.status >= 300) return answer;
  // An idempotent retry answers as the first request did, whose secret was shown once: it shows
  // none (and never this request's, which was not recorded).
  const bool recorded = views_.Read([&](const domain::Program& p) {
    const auto found = p.feed_hash_by_user.find(caller.user_id);
    return found != p.feed_hash_by_user.end() && found->second == secret_hash;
  });
  if (!recorded) return answer;
  json::object out = json::parse(answer.body).as_object();
  out["url"] = public_url_ + "/v1/feeds/" + *secret + "/reminders.ics";
  answer.body = JsonText(out);
  return answer;
}

HttpResponse ReminderRoutes::Feed(const PathParameters& path) const {
  const std::string& secret = path.at("secret");
  // The same answer for a malformed, unknown or revoked secret: nothing tells them apart.
  const auto not_found = [] { return NotFoundProblem("no such feed"); };
  if (!IsSecretShape(secret)) return not_found();
  const std::string secret_hash = HashToken(secret);
  const domain::Instant now = clock_();
  return views_.Read([&](const domain::Program& p) {
    if (FeedOwner(p, secret_hash).empty()) return not_found();
    const auto reminders =
        projections::BuildReminders(p, now, projections::kReminderWithinDaysDefault);
    HttpResponse response = TextResponse(200, "text/calendar; charset=utf-8",
                                         RemindersIcs(p, reminders, now, public_url_ + "/console"));
    // The URL is the credential: keep it out of caches and referrers.
    response.headers.emplace_back("Cache-Control", "private, no-store");
    return response;
  });
}

}  // namespace ctom::api
