// The embedded console: the embedding script keeps every byte, each answer carries the security
// headers of API.md, assets are cached for good, index.html never, and other paths fall back to
// index.html (the console routes in the browser).
#include "server/console_files.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace ctom::server {

// tests/server/fixtures/console-dist, embedded by server/embed_console.cmake
// (tests/CMakeLists.txt).
std::span<const EmbeddedFile> FixtureConsoleFiles();

namespace {

const std::string kFixture = std::string(CTOM_SOURCE_DIR) + "/tests/server/fixtures/console-dist/";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

std::string HeaderOf(const HttpResponse& response, std::string_view name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return {};
}

void ExpectSecurityHeaders(const HttpResponse& response) {
  EXPECT_EQ(HeaderOf(response, "Content-Security-Policy"),
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
  EXPECT_EQ(HeaderOf(response, "X-Frame-Options"), "DENY");
  EXPECT_EQ(HeaderOf(response, "Referrer-Policy"), "no-referrer");
}

TEST(EmbedConsole, TheTableHoldsEveryFileOfTheBuildByteForByte) {
  const auto files = FixtureConsoleFiles();
  ASSERT_EQ(files.size(), 4u);
  for (const char* path : {"assets/index-abc123.js", "assets/index-def456.css",
                           "assets/logo-0f0f.png", "index.html"}) {
    const auto found = std::find_if(files.begin(), files.end(),
                                    [&](const EmbeddedFile& f) { return f.path == path; });
    ASSERT_NE(found, files.end()) << path;
    EXPECT_EQ(found->bytes, ReadFile(kFixture + path)) << path;
  }
}

TEST(EmbedConsole, TheProgramAlwaysCarriesAnIndexHtml) {
  const auto files = ConsoleFiles();
  EXPECT_TRUE(std::any_of(files.begin(), files.end(),
                          [](const EmbeddedFile& f) { return f.path == "index.html"; }));
}

TEST(ConsoleContentType, FollowsTheExtension) {
  EXPECT_EQ(ConsoleContentType("index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(ConsoleContentType("assets/a.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(ConsoleContentType("assets/a.css"), "text/css; charset=utf-8");
  EXPECT_EQ(ConsoleContentType("assets/a.svg"), "image/svg+xml");
  EXPECT_EQ(ConsoleContentType("assets/a.png"), "image/png");
  EXPECT_EQ(ConsoleContentType("favicon.ico"), "image/x-icon");
  EXPECT_EQ(ConsoleContentType("assets/a.json"), "application/json");
  EXPECT_EQ(ConsoleContentType("assets/a.woff2"), "font/woff2");
  EXPECT_EQ(ConsoleContentType("assets/a.bin"), "application/octet-stream");
}

TEST(ConsoleResponse, AHashedAssetIsCachedForAYearAndImmutable) {
  const HttpResponse response = ConsoleResponse(FixtureConsoleFiles(), "assets/logo-0f0f.png");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "image/png");
  EXPECT_EQ(response.body, ReadFile(kFixture + "assets/logo-0f0f.png"));
  EXPECT_EQ(HeaderOf(response, "Cache-Control"), "public, max-age=31536000, immutable");
  ExpectSecurityHeaders(response);
}

TEST(ConsoleResponse, IndexHtmlIsRevalidatedEveryTime) {
  const HttpResponse response = ConsoleResponse(FixtureConsoleFiles(), "");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(response.body, ReadFile(kFixture + "index.html"));
  EXPECT_EQ(HeaderOf(response, "Cache-Control"), "no-cache");
  ExpectSecurityHeaders(response);
}

TEST(ConsoleResponse, AnyPathThatIsNotAnAssetAnswersIndexHtml) {
  const std::string index = ReadFile(kFixture + "index.html");
  for (const char* path : {"cohorts", "cohorts/2018", "candidates/c-1", "index.html", "my-progress",
                           "no/such/page.js"}) {
    const HttpResponse response = ConsoleResponse(FixtureConsoleFiles(), path);
    EXPECT_EQ(response.status, 200) << path;
    EXPECT_EQ(response.body, index) << path;
    EXPECT_EQ(HeaderOf(response, "Cache-Control"), "no-cache") << path;
    ExpectSecurityHeaders(response);
  }
}

TEST(ConsoleResponse, AMissingAssetIsNotFoundRatherThanThePage) {
  const HttpResponse response = ConsoleResponse(FixtureConsoleFiles(), "assets/gone-123.js");
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.content_type, "application/problem+json");
  ExpectSecurityHeaders(response);
}

TEST(ConsoleRedirect, SendsTheBrowserToTheConsole) {
  const HttpResponse response = ConsoleRedirect();
  EXPECT_EQ(response.status, 302);
  EXPECT_EQ(HeaderOf(response, "Location"), "/console/");
  ExpectSecurityHeaders(response);
}

}  // namespace
}  // namespace ctom::server
