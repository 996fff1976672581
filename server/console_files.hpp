// The console's files (web/'s build, embedded in the program) and how they are served under
// /console/ with the security headers of API.md ("Sign-in for browsers").
#pragma once

#include <span>
#include <string_view>

#include "server/http_message.hpp"

namespace ctom::server {

// One embedded file: its path under /console/ ("index.html", "assets/index-4f2a.js") and bytes.
struct EmbeddedFile {
  std::string_view path;
  std::string_view bytes;
};

// The files built into this program: web/'s dist folder, or, in a build without the console
// (CTOM_CONSOLE=OFF, or no web/), one index.html that says so. Generated at build time by
// server/embed_console.cmake; always holds "index.html".
[[nodiscard]] std::span<const EmbeddedFile> ConsoleFiles();

// The Content-Security-Policy of every console answer, exactly as API.md writes it.
inline constexpr std::string_view kConsoleContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

// Adds the console's security headers to response: the CSP above, X-Frame-Options: DENY,
// Referrer-Policy: no-referrer and X-Content-Type-Options: nosniff. Pages served outside
// /console/ for people (the public verification page) carry the same.
void AddConsoleSecurityHeaders(HttpResponse& response);

// The media type of a file by its extension (html, js, css, svg, png, ico, json, woff2, ...);
// application/octet-stream for others.
[[nodiscard]] std::string_view ConsoleContentType(std::string_view path);

// The answer to GET /console/<path> (path without the leading "/console/", "" for the console's
// root): the file under assets/ of that name (Cache-Control: public, max-age=31536000,
// immutable), 404 for an assets/ path that is not one, and index.html (Cache-Control: no-cache)
// for every other path, since the console routes in the browser. Every answer carries the CSP,
// X-Frame-Options: DENY, Referrer-Policy: no-referrer and X-Content-Type-Options: nosniff.
// REQUIRES: files holds "index.html".
[[nodiscard]] HttpResponse ConsoleResponse(std::span<const EmbeddedFile> files,
                                           std::string_view path);

// GET / and GET /console: 302 to /console/, with the same headers.
[[nodiscard]] HttpResponse ConsoleRedirect();

}  // namespace ctom::server
