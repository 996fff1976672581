// Reminders and their calendar feed (API.md, "Imports, exports and reminders"): the list of what
// needs doing, a secret feed URL per user, and the feed itself as iCalendar for calendar apps
// that cannot send a bearer token.
#pragma once

#include <string>

#include "api/command_routes.hpp"
#include "api/http.hpp"
#include "api/program_commands.hpp"
#include "api/program_queries.hpp"
#include "eventstore/ledger.hpp"
#include "projections/live_views.hpp"

namespace ctom::api {

// The size of a feed secret in the URL: 256 random bits as 64 hex digits.
inline constexpr std::size_t kFeedSecretHexDigits = 64;

class ReminderRoutes {
 public:
  // ledger, views and commands must outlive this. public_url: `ctom serve --public-url`.
  ReminderRoutes(const eventstore::Ledger& ledger, const projections::LiveViews& views,
                 ProgramCommands& commands, Clock clock, std::string public_url);

  // GET /v1/reminders?as_of=&within_days= (also ?known_at=, ?position=).
  HttpResponse List(const HttpRequest& request) const;
  // POST /v1/feeds: a new secret for the caller (replacing its earlier one), 201 {url}.
  HttpResponse IssueFeed(const HttpRequest& request, const Caller& caller);
  // GET /v1/feeds/{secret}/reminders.ics: the reminders of the next kReminderWithinDaysDefault
  // days and the sessions not yet ended; 404 for a secret that names no live feed.
  HttpResponse Feed(const PathParameters& path) const;

 private:
  const eventstore::Ledger& ledger_;
  const projections::LiveViews& views_;
  ProgramCommands& commands_;
  Clock clock_;
  std::string public_url_;
};

}  // namespace ctom::api
