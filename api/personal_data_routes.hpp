// The personal data endpoints (API.md "Personal data and erasure"): a candidate's or mentor's
// data erased (the event recorded, then their keys destroyed), handed to them, or corrected.
#pragma once

#include "api/http.hpp"
#include "api/program_commands.hpp"
#include "api/server_context.hpp"

namespace ctom::api {

class PersonalDataRoutes {
 public:
  // commands, views and the context's ledger and vault must outlive this.
  PersonalDataRoutes(ProgramCommands& commands, const projections::LiveViews& views,
                     ServerContext& context);

  // POST /v1/{candidates|mentors}/{id}/erasure: appends personal_data_erased, then destroys the
  // person's data key and their documents' keys; 503 when the key could not be destroyed now
  // (the event is the point of no return: the next start finishes it).
  HttpResponse Erase(const HttpRequest& request, const PathParameters& path, const Caller& caller,
                     domain::PersonKind person);
  // POST /v1/{candidates|mentors}/{id}/correction.
  HttpResponse Correct(const HttpRequest& request, const PathParameters& path, const Caller& caller,
                       domain::PersonKind person);
  // GET /v1/{candidates|mentors}/{id}/personal-data: every record of the person's own stream,
  // opened, with their user accounts and documents; admin and the person only.
  HttpResponse Export(const PathParameters& path, const Caller& caller,
                      domain::PersonKind person) const;

 private:
  ProgramCommands& commands_;
  const projections::LiveViews& views_;
  ServerContext& context_;
};

// Adds the routes above for candidates and mentors, with their roles.
void AddPersonalDataRoutes(Router& router, PersonalDataRoutes& routes);

}  // namespace ctom::api
