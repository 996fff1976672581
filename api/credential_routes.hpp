// The routes of credentials and public verification (API.md, "Credentials and public
// verification"), over the live views and the issuer's keys.
#pragma once

#include "api/http.hpp"
#include "api/server_context.hpp"
#include "projections/live_views.hpp"

namespace ctom::api {

// Opens the issuer's keys in context.data_directory (creating them on the folder's first start;
// a folder whose keys cannot be read stops start-up with exit code 2, as an unreadable ledger
// does) and registers:
//   GET /.well-known/jwks.json                             public  the issuer's keys
//   GET /v1/issuer                                         public  the issuer Profile
//   GET /v1/credentials/revocations                        public  the 1EdTechRevocationList
//   GET /v1/certificates/{number}/credential               public  the current cycle's VC-JWT
//   GET /v1/certificates/{number}/credentials/{cycle}      public  one cycle's VC-JWT
//   GET /v1/certificates/{number}/certificate.pdf          admin, staff, auditor, the holder
//   GET /verify/{number}, GET /verify/verify.css           public  the page for people
// Absolute URLs are made from context.settings.public_url as it is when a request comes.
void AddCredentialRoutes(Router& router, const projections::LiveViews& views,
                         ServerContext& context);

}  // namespace ctom::api
