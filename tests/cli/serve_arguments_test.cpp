// `ctom serve` argument parsing.
#include <gtest/gtest.h>

#include <vector>

#include "cli/serve_command.hpp"

namespace ctom::cli {
namespace {

std::expected<ServeArguments, std::string> Parse(std::vector<std::string_view> words) {
  return ParseServeArguments(words);
}

TEST(ParseServeArguments, ReadsDataListenThreadsAndReadTimeout) {
  auto arguments = Parse({"--data", "/tmp/d", "--listen", "127.0.0.1:0", "--threads", "4",
                          "--read-timeout-ms", "500"});
  ASSERT_TRUE(arguments.has_value()) << arguments.error();
  EXPECT_EQ(arguments->data_directory, "/tmp/d");
  EXPECT_EQ(arguments->host, "127.0.0.1");
  EXPECT_EQ(arguments->port, 0);
  EXPECT_EQ(arguments->io_threads, 4u);
  EXPECT_EQ(arguments->read_timeout, std::chrono::milliseconds(500));
}

TEST(ParseServeArguments, DefaultsToLoopback8080AndTwoThreads) {
  auto arguments = Parse({"--data", "d"});
  ASSERT_TRUE(arguments.has_value());
  EXPECT_EQ(arguments->host, "127.0.0.1");
  EXPECT_EQ(arguments->port, 8080);
  EXPECT_EQ(arguments->io_threads, server::kIoThreadsDefault);
  EXPECT_EQ(arguments->read_timeout, server::kReadTimeoutDefault);
}

TEST(ParseServeArguments, AcceptsBracketedIpv6) {
  auto arguments = Parse({"--data", "d", "--listen", "[::1]:9000"});
  ASSERT_TRUE(arguments.has_value());
  EXPECT_EQ(arguments->host, "::1");
  EXPECT_EQ(arguments->port, 9000);
}

TEST(ParseServeArguments, RefusesBadUsageWithOneLine) {
  for (const auto& words :
       std::vector<std::vector<std::string_view>>{{},
                                                  {"--listen", "127.0.0.1:8080"},
                                                  {"--data"},
                                                  {"--data", "d", "--listen", "8080"},
                                                  {"--data", "d", "--listen", "127.0.0.1:65536"},
                                                  {"--data", "d", "--listen", "127.0.0.1:http"},
                                                  {"--data", "d", "--threads", "0"},
                                                  {"--data", "d", "--threads", "65"},
                                                  {"--data", "d", "--read-timeout-ms", "0"},
                                                  {"--data", "d", "--verbose"}}) {
    auto arguments = Parse(words);
    ASSERT_FALSE(arguments.has_value());
    EXPECT_EQ(arguments.error().find('\n'), std::string::npos);
  }
}

TEST(ParseServeArguments, ThePublicFaceDefaultsToLosAngelesNoProxyAndTheListenAddress) {
  auto arguments = Parse({"--data", "d"});
  ASSERT_TRUE(arguments.has_value());
  EXPECT_EQ(arguments->public_url, "") << "http://<listen>, filled in once bound";
  EXPECT_EQ(arguments->time_zone, "America/Los_Angeles");
  EXPECT_EQ(arguments->trusted_proxy, "");
}

TEST(ParseServeArguments, ReadsPublicUrlTimeZoneAndTrustedProxy) {
  auto arguments = Parse({"--data", "d", "--public-url", "https://ctom.example.org/", "--time-zone",
                          "America/New_York", "--trusted-proxy", "::ffff:10.0.0.2"});
  ASSERT_TRUE(arguments.has_value()) << arguments.error();
  EXPECT_EQ(arguments->public_url, "https://ctom.example.org") << "no trailing slash";
  EXPECT_EQ(arguments->time_zone, "America/New_York");
  EXPECT_EQ(arguments->trusted_proxy, "10.0.0.2") << "kept canonical";
  EXPECT_EQ(Parse({"--data", "d", "--public-url", "http://10.0.0.5:8080/ctom"})->public_url,
            "http://10.0.0.5:8080/ctom");
  EXPECT_EQ(Parse({"--data", "d", "--time-zone", "UTC"})->time_zone, "UTC");
}

TEST(ParseServeArguments, RefusesABadPublicUrlTimeZoneOrProxyWithOneLineNamingTheOption) {
  for (const auto& [name, value] : std::vector<std::pair<std::string_view, std::string_view>>{
           {"--public-url", "ctom.example.org"},
           {"--public-url", "ftp://ctom.example.org"},
           {"--public-url", "https://"},
           {"--public-url", "https:///path"},
           {"--public-url", "https://a b"},
           {"--public-url", "https://x/?q=1"},
           {"--time-zone", ""},
           {"--time-zone", "Mars/Olympus_Mons"},
           {"--time-zone", "../etc/passwd"},
           {"--time-zone", "America/"},
           {"--trusted-proxy", "proxy.local"},
           {"--trusted-proxy", "10.0.0.256"}}) {
    auto arguments = Parse({"--data", "d", name, value});
    ASSERT_FALSE(arguments.has_value()) << name << " " << value;
    EXPECT_TRUE(arguments.error().starts_with(std::string(name))) << arguments.error();
    EXPECT_EQ(arguments.error().find('\n'), std::string::npos);
  }
}

TEST(ParseServeArguments, HelpWinsOverMissingData) {
  auto arguments = Parse({"--help"});
  ASSERT_TRUE(arguments.has_value());
  EXPECT_TRUE(arguments->help);
}

}  // namespace
}  // namespace ctom::cli
