// The client address: canonical forms, and X-Forwarded-For heard only from the trusted proxy.
#include "server/client_address.hpp"

#include <gtest/gtest.h>

namespace ctom::server {
namespace {

HttpRequest From(std::string peer, std::string forwarded_for = {}) {
  HttpRequest request;
  request.peer_address = std::move(peer);
  if (!forwarded_for.empty()) request.headers["x-forwarded-for"] = std::move(forwarded_for);
  return request;
}

TEST(CanonicalIpAddress, WritesEachAddressOneWay) {
  EXPECT_EQ(CanonicalIpAddress("127.0.0.1"), "127.0.0.1");
  EXPECT_EQ(CanonicalIpAddress(" 10.0.0.7 "), "10.0.0.7");
  EXPECT_EQ(CanonicalIpAddress("::1"), "::1");
  EXPECT_EQ(CanonicalIpAddress("[::1]"), "::1");
  EXPECT_EQ(CanonicalIpAddress("2001:DB8:0:0::1"), "2001:db8::1");
  EXPECT_EQ(CanonicalIpAddress("::ffff:192.0.2.9"), "192.0.2.9");
}

TEST(CanonicalIpAddress, RefusesWhatIsNotAnAddress) {
  for (const char* text : {"", "localhost", "1.2.3", "1.2.3.4.5", "256.0.0.1", "1.2.3.4:80", "::g",
                           "[::1", "example.org"}) {
    EXPECT_FALSE(CanonicalIpAddress(text)) << text;
  }
}

TEST(ClientAddress, IsThePeerWhenNoProxyIsTrusted) {
  EXPECT_EQ(ClientAddress(From("192.0.2.1", "203.0.113.5"), ""), "192.0.2.1");
}

TEST(ClientAddress, IgnoresXForwardedForFromAPeerThatIsNotTheTrustedProxy) {
  EXPECT_EQ(ClientAddress(From("192.0.2.1", "203.0.113.5"), "127.0.0.1"), "192.0.2.1");
}

TEST(ClientAddress, IsTheLastXForwardedForAddressWhenThePeerIsTheTrustedProxy) {
  EXPECT_EQ(ClientAddress(From("127.0.0.1", "198.51.100.1, 203.0.113.5"), "127.0.0.1"),
            "203.0.113.5");
  EXPECT_EQ(ClientAddress(From("127.0.0.1", "2001:DB8::1"), "127.0.0.1"), "2001:db8::1");
}

TEST(ClientAddress, StaysThePeerWhenTheTrustedProxyNamesNoAddress) {
  EXPECT_EQ(ClientAddress(From("127.0.0.1"), "127.0.0.1"), "127.0.0.1");
  EXPECT_EQ(ClientAddress(From("127.0.0.1", "unknown"), "127.0.0.1"), "127.0.0.1");
  EXPECT_EQ(ClientAddress(From("127.0.0.1", "203.0.113.5, "), "127.0.0.1"), "127.0.0.1");
}

}  // namespace
}  // namespace ctom::server
