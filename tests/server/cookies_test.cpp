// The session cookie: its flags, clearing it, and finding it among a request's cookies.
#include "server/cookies.hpp"

#include <gtest/gtest.h>

namespace ctom::server {
namespace {

HttpRequest WithCookie(std::string cookie) {
  HttpRequest request;
  request.headers["cookie"] = std::move(cookie);
  return request;
}

TEST(SessionCookie, IsHttpOnlySameSiteStrictForTheWholeSite) {
  EXPECT_EQ(SessionCookie("abc", false), "ctom_session=abc; HttpOnly; SameSite=Strict; Path=/");
}

TEST(SessionCookie, IsSecureWhenThePublicUrlIsHttps) {
  EXPECT_EQ(SessionCookie("abc", true),
            "ctom_session=abc; HttpOnly; SameSite=Strict; Path=/; Secure");
}

TEST(ClearedSessionCookie, MakesTheBrowserForgetTheSessionAtOnce) {
  EXPECT_EQ(ClearedSessionCookie(false),
            "ctom_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0");
  EXPECT_EQ(ClearedSessionCookie(true),
            "ctom_session=; HttpOnly; SameSite=Strict; Path=/; Secure; Max-Age=0");
}

TEST(CookieValue, FindsTheNamedCookieAmongOthers) {
  EXPECT_EQ(CookieValue(WithCookie("ctom_session=abc"), "ctom_session"), "abc");
  EXPECT_EQ(CookieValue(WithCookie("theme=dark; ctom_session=abc; x=1"), "ctom_session"), "abc");
  EXPECT_EQ(CookieValue(WithCookie("a=1, ctom_session=\"abc\""), "ctom_session"), "abc");
  EXPECT_EQ(CookieValue(WithCookie("ctom_session=first; ctom_session=second"), "ctom_session"),
            "first");
}

TEST(CookieValue, IsAbsentWithoutTheCookie) {
  EXPECT_FALSE(CookieValue(HttpRequest{}, "ctom_session"));
  EXPECT_FALSE(CookieValue(WithCookie("ctom_sessionx=abc; other"), "ctom_session"));
  EXPECT_FALSE(CookieValue(WithCookie(""), "ctom_session"));
}

}  // namespace
}  // namespace ctom::server
