// Reading one request from bytes as a connection does (ReadRequest): what the HTTP fuzz target
// drives, held to the server's limits and refusals.
#include <gtest/gtest.h>

#include <string>

#include "server/server.hpp"

namespace ctom::server {
namespace {

using Outcome = RequestReading::Outcome;

// Every route takes bodies up to 16 bytes.
class SmallBodies final : public RequestHandler {
 public:
  RequestRoute Resolve(std::string_view, std::string_view) const override {
    return RequestRoute{.body_bytes_max = 16, .quick = false, .match = {}};
  }
  void Handle(HttpRequest, RequestRoute, Reply reply) override {
    std::move(reply).Send(TextResponse(200, "text/plain", "ok"));
  }
  void OnRefused(std::string_view, int, std::chrono::microseconds) override {}
  void OnConnectionsChanged(std::size_t) override {}
  void OnConnectionRefused() override {}
};

TEST(ReadRequest, PipelinedRequestsAreReadOneAfterTheOther) {
  SmallBodies handler;
  const std::string first =
      "POST /a?x=1 HTTP/1.1\r\nHost: h\r\nX-Twice: 1\r\nX-Twice: 2\r\nContent-Length: "
      "4\r\n\r\nbody";
  const std::string second = "GET /b HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n";
  const RequestReading one = ReadRequest(first + second, handler);
  ASSERT_EQ(one.outcome, Outcome::request);
  EXPECT_EQ(one.request.method, "POST");
  EXPECT_EQ(one.request.target, "/a?x=1");
  EXPECT_EQ(one.request.body, "body");
  EXPECT_EQ(one.request.Header("x-twice"), "1, 2");
  EXPECT_TRUE(one.keep_alive);
  ASSERT_EQ(one.bytes_read, first.size());
  const RequestReading two = ReadRequest(second, handler);
  ASSERT_EQ(two.outcome, Outcome::request);
  EXPECT_EQ(two.request.target, "/b");
  EXPECT_FALSE(two.keep_alive);
}

TEST(ReadRequest, AChunkedBodyIsJoined) {
  SmallBodies handler;
  const RequestReading reading = ReadRequest(
      "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n",
      handler);
  ASSERT_EQ(reading.outcome, Outcome::request);
  EXPECT_EQ(reading.request.body, "abcde");
}

TEST(ReadRequest, BytesEndingBeforeTheRequestDoesAreIncomplete) {
  SmallBodies handler;
  EXPECT_EQ(ReadRequest("", handler).outcome, Outcome::incomplete);
  EXPECT_EQ(ReadRequest("GET / HTTP/1.1\r\nHost:", handler).outcome, Outcome::incomplete);
  EXPECT_EQ(ReadRequest("POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nab", handler).outcome,
            Outcome::incomplete);
}

TEST(ReadRequest, AContentLengthOverTheRoutesLimitIs413BeforeTheBody) {
  SmallBodies handler;
  const RequestReading reading =
      ReadRequest("POST / HTTP/1.1\r\nContent-Length: 17\r\n\r\n", handler);
  ASSERT_EQ(reading.outcome, Outcome::refused);
  EXPECT_EQ(reading.status, 413);
}

TEST(ReadRequest, AChunkedBodyOverTheRoutesLimitIs413) {
  SmallBodies handler;
  const RequestReading reading = ReadRequest(
      "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n11\r\n01234567890123456\r\n0\r\n\r\n",
      handler);
  ASSERT_EQ(reading.outcome, Outcome::refused);
  EXPECT_EQ(reading.status, 413);
}

TEST(ReadRequest, MalformedHttpAnOversizedHeaderAndOtherVersionsAre400) {
  SmallBodies handler;
  for (const std::string& bytes :
       {std::string("GET / HTTP/1.1\r\nBad Header\r\n\r\n"), std::string("GET / HTTP/2.0\r\n\r\n"),
        "GET / HTTP/1.1\r\nX: " + std::string(kHeaderBytesMax, 'a') + "\r\n\r\n"}) {
    const RequestReading reading = ReadRequest(bytes, handler);
    ASSERT_EQ(reading.outcome, Outcome::refused) << bytes.substr(0, 40);
    EXPECT_EQ(reading.status, 400) << bytes.substr(0, 40);
  }
}

}  // namespace
}  // namespace ctom::server
