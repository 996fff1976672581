// Serving the embedded console: content types, cache headers, the SPA fallback.
#include "server/console_files.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "server/problem.hpp"

namespace ctom::server {
namespace {

constexpr std::string_view kAssetsFolder = "assets/";
constexpr std::string_view kIndex = "index.html";

const EmbeddedFile* FindFile(std::span<const EmbeddedFile> files, std::string_view path) {
  const auto found = std::find_if(files.begin(), files.end(),
                                  [path](const EmbeddedFile& file) { return file.path == path; });
  return found == files.end() ? nullptr : &*found;
}

HttpResponse FileResponse(const EmbeddedFile& file, std::string_view cache_control) {
  HttpResponse response{
      200, std::string(ConsoleContentType(file.path)), std::string(file.bytes), {}};
  response.headers.emplace_back("Cache-Control", cache_control);
  AddConsoleSecurityHeaders(response);
  return response;
}

}  // namespace

void AddConsoleSecurityHeaders(HttpResponse& response) {
  response.headers.emplace_back("Content-Security-Policy", kConsoleContentSecurityPolicy);
  response.headers.emplace_back("X-Frame-Options", "DENY");
  response.headers.emplace_back("Referrer-Policy", "no-referrer");
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
}

std::string_view ConsoleContentType(std::string_view path) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 12> kTypes{{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".json", "application/json"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".webmanifest", "application/manifest+json"},
      {".map", "application/json"},
  }};
  for (const auto& [extension, type] : kTypes) {
    if (path.ends_with(extension)) return type;
  }
  return "application/octet-stream";
}

HttpResponse ConsoleResponse(std::span<const EmbeddedFile> files, std::string_view path) {
  if (path.starts_with(kAssetsFolder)) {
    if (const EmbeddedFile* file = FindFile(files, path)) {
      return FileResponse(*file, "public, max-age=31536000, immutable");
    }
    // A missing asset is an error the browser should see, not the console's page as a script.
    HttpResponse missing = NotFoundProblem("No such console asset");
    AddConsoleSecurityHeaders(missing);
    return missing;
  }
  // Files at the top of the build other than index.html (favicon.ico, robots.txt) are served as
  // they are, unhashed, so they are revalidated like index.html.
  const EmbeddedFile* file = path.empty() ? nullptr : FindFile(files, path);
  if (file == nullptr) file = FindFile(files, kIndex);
  if (file == nullptr) return NotFoundProblem("This program holds no console");  // see REQUIRES
  return FileResponse(*file, "no-cache");
}

HttpResponse ConsoleRedirect() {
  HttpResponse response{302, "", "", {{"Location", "/console/"}}};
  AddConsoleSecurityHeaders(response);
  return response;
}

}  // namespace ctom::server
