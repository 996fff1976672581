// The printable certificate: one landscape US Letter page drawn with cairo, with a QR code
// (libqrencode) of the public verification page.
#pragma once

#include <expected>
#include <string>

namespace ctom::credentials {

// What the certificate shows, as people read it.
struct CertificateFace {
  std::string holder;      // the certificate view's holder ("[erased]" after an erasure)
  std::string number;      // CCTO-2018-0001
  std::string issued_on;   // "November 12, 2018"
  std::string expires_on;  // "November 12, 2021"
  std::string verify_url;  // <public-url>/verify/<number>, the QR code's text
};

// The PDF's bytes. Text too wide for the page is drawn smaller. Fails (one line) only when cairo
// or libqrencode does (out of memory, a URL too long for a QR code).
[[nodiscard]] std::expected<std::string, std::string> CertificatePdf(const CertificateFace& face);

}  // namespace ctom::credentials
