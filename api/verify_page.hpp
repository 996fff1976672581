// The public verification page, /verify/{number} (CONSOLE.md, "Public pages"): server-rendered
// HTML with no script and nothing from another origin; its stylesheet is /verify/verify.css.
#pragma once

#include <string>
#include <string_view>

#include "domain/time.hpp"

namespace ctom::api {

// What the page shows of one certificate.
struct VerifiedCertificate {
  std::string number;
  std::string holder;  // the certificate view's holder ("[erased]" after an erasure)
  std::string status;  // active | due | lapsed | revoked
  domain::Date issued_on;
  domain::Date expires_on;
  std::string public_url;  // --public-url, no trailing '/'
};

// "November 12, 2018": how the page and the printed certificate write dates.
std::string DateInWords(domain::Date date);

// The page of a certificate: heading "Certificate {number}", holder, status in words (and its
// colour by class), issued and expiry dates, links "Download credential" and "Add to LinkedIn".
// Every value is HTML-escaped.
std::string VerifyPageHtml(const VerifiedCertificate& certificate);

// The page for a number no certificate has (served with 404).
std::string UnknownCertificatePageHtml(std::string_view number);

// <public_url>/verify/<number, percent-encoded>: the page's address, as the printed certificate's
// QR code and the LinkedIn link give it.
std::string VerifyPageUrl(std::string_view public_url, std::string_view number);

// LinkedIn's add-to-profile URL for the certificate, every value percent-encoded.
std::string LinkedInAddUrl(const VerifiedCertificate& certificate);

// The page's stylesheet (text/css).
std::string_view VerifyPageCss();

}  // namespace ctom::api
