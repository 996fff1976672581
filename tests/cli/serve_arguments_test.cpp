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

TEST(ParseServeArguments, HelpWinsOverMissingData) {
  auto arguments = Parse({"--help"});
  ASSERT_TRUE(arguments.has_value());
  EXPECT_TRUE(arguments->help);
}

}  // namespace
}  // namespace ctom::cli
