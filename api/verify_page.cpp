// Rendering the public verification page: escaped values in a fixed HTML template.
#include "api/verify_page.hpp"

#include <array>

#include "credentials/open_badge.hpp"

namespace ctom::api {
namespace {

constexpr std::array<const char*, 12> kMonths{"January",   "February", "March",    "April",
                                              "May",       "June",     "July",     "August",
                                              "September", "October",  "November", "December"};

std::string Escaped(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// RFC 3986 percent-encoding of everything but the unreserved characters.
std::string PercentEncoded(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool unreserved = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
                            (byte >= '0' && byte <= '9') || c == '-' || c == '.' || c == '_' ||
                            c == '~';
    if (unreserved) {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0f];
    }
  }
  return out;
}

std::string StatusInWords(std::string_view status) {
  if (status == "active") return "Active";
  if (status == "due") return "Active, due for renewal";
  if (status == "lapsed") return "Lapsed";
  if (status == "revoked") return "Revoked";
  return "Unknown";
}

std::string PageHead(std::string_view title) {
  return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<meta name=\"referrer\" content=\"no-referrer\">\n<title>" +
         Escaped(title) + "</title>\n<link rel=\"stylesheet\" href=\"verify.css\">\n</head>\n";
}

std::string Row(std::string_view term, std::string_view value) {
  return "<dt>" + Escaped(term) + "</dt><dd>" + Escaped(value) + "</dd>\n";
}

}  // namespace

std::string DateInWords(domain::Date date) {
  const domain::CivilDate civil = domain::CivilFromDate(date);
  return std::string(kMonths[static_cast<std::size_t>(civil.month - 1)]) + " " +
         std::to_string(civil.day) + ", " + std::to_string(civil.year);
}

std::string VerifyPageUrl(std::string_view public_url, std::string_view number) {
  return std::string(public_url) + "/verify/" + PercentEncoded(number);
}

std::string LinkedInAddUrl(const VerifiedCertificate& c) {
  const domain::CivilDate issued = domain::CivilFromDate(c.issued_on);
  const domain::CivilDate expires = domain::CivilFromDate(c.expires_on);
  return "https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&name=" +
         PercentEncoded(credentials::kAchievementName) +
         "&organizationName=" + PercentEncoded(credentials::kIssuerName) +
         "&issueYear=" + std::to_string(issued.year) +
         "&issueMonth=" + std::to_string(issued.month) +
         "&expirationYear=" + std::to_string(expires.year) +
         "&expirationMonth=" + std::to_string(expires.month) +
         "&certId=" + PercentEncoded(c.number) +
         "&certUrl=" + PercentEncoded(VerifyPageUrl(c.public_url, c.number));
}

std::string VerifyPageHtml(const VerifiedCertificate& c) {
  const std::string credential = "../v1/certificates/" + PercentEncoded(c.number) + "/credential";
  std::string html = PageHead("Certificate " + c.number);
  html += "<body>\n<main>\n<p class=\"issuer\">" + Escaped(credentials::kIssuerName) + "</p>\n";
  html += "<h1>Certificate " + Escaped(c.number) + "</h1>\n";
  html += "<p class=\"status status-" + Escaped(c.status) + "\">" +
          Escaped(StatusInWords(c.status)) + "</p>\n<dl>\n";
  html += Row("Holder", c.holder);
  html += Row("Certification", credentials::kAchievementName);
  html += Row("Status", StatusInWords(c.status));
  html += Row("Issued", DateInWords(c.issued_on));
  html += Row(c.status == "lapsed" ? "Expired" : "Expires", DateInWords(c.expires_on));
  html += "</dl>\n<ul class=\"links\">\n<li><a href=\"" + Escaped(credential) + "\" download=\"" +
          Escaped(c.number) + ".jwt\">Download credential</a></li>\n";
  html += "<li><a href=\"" + Escaped(LinkedInAddUrl(c)) +
          "\" rel=\"noopener noreferrer\">Add to LinkedIn</a></li>\n</ul>\n";
  html +=
      "<p class=\"note\">The credential is an Open Badges 3.0 verifiable credential signed by "
      "the issuer; its keys are published at <code>" +
      Escaped(c.public_url) + "/.well-known/jwks.json</code>.</p>\n";
  html += "</main>\n</body>\n</html>\n";
  return html;
}

std::string UnknownCertificatePageHtml(std::string_view number) {
  std::string html = PageHead("No such certificate");
  html += "<body>\n<main>\n<p class=\"issuer\">" + Escaped(credentials::kIssuerName) + "</p>\n";
  html += "<h1>No such certificate</h1>\n<p>No certificate has the number <strong>" +
          Escaped(number) + "</strong>. Check the number and try again.</p>\n";
  html += "</main>\n</body>\n</html>\n";
  return html;
}

std::string_view VerifyPageCss() {
  return R"(body { margin: 0; font-family: system-ui, sans-serif; color: #1b1b1b; background: #f4f6f8; }
main { max-width: 40rem; margin: 2rem auto; padding: 2rem; background: #fff; border-radius: 8px; }
.issuer { margin: 0; color: #1c3f73; font-weight: 600; }
h1 { margin: 0.25rem 0 1rem; }
.status { display: inline-block; padding: 0.25rem 0.75rem; border-radius: 1rem; font-weight: 700; }
.status-active { background: #d8f0dd; color: #14532d; }
.status-due { background: #fff1c2; color: #6b4e00; }
.status-lapsed { background: #e6e6e6; color: #333; }
.status-revoked { background: #fbdada; color: #8a1010; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.5rem 1.5rem; }
dt { font-weight: 600; }
dd { margin: 0; }
.links { list-style: none; padding: 0; display: flex; gap: 1.5rem; }
a { color: #0b5cad; }
.note { font-size: 0.875rem; color: #555; }
)";
}

}  // namespace ctom::api
