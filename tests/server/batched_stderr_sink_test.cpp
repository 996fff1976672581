// The server's log sink: an I/O thread's lines wait for the thread to be about to wait, and
// nothing overtakes them.
#include "server/batched_stderr_sink.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <memory>
#include <string>
#include <thread>

namespace ctom::server {
namespace {

class BatchedStderrSinkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(::pipe(pipe_), 0);
    ASSERT_EQ(::fcntl(pipe_[0], F_SETFL, O_NONBLOCK), 0);
    logger_ =
        std::make_shared<spdlog::logger>("test", std::make_shared<BatchedStderrSink>(pipe_[1]));
    logger_->set_pattern("%v");
  }
  void TearDown() override {
    ::close(pipe_[0]);
    ::close(pipe_[1]);
  }

  // Everything written to the pipe so far.
  std::string Written() {
    std::string bytes;
    char buffer[4096];
    for (;;) {
      const ssize_t got = ::read(pipe_[0], buffer, sizeof buffer);
      if (got <= 0) return bytes;
      bytes.append(buffer, static_cast<std::size_t>(got));
    }
  }

  // Runs steps on a thread of its own, as an I/O thread runs.
  template <typename Steps>
  static void OnAnIoThread(Steps steps) {
    std::thread([&] {
      BatchedStderrSink::BatchLinesOnThisThread();
      steps();
    }).join();
  }

  int pipe_[2] = {-1, -1};
  std::shared_ptr<spdlog::logger> logger_;
};

TEST_F(BatchedStderrSinkTest, AnIoThreadsLinesAreWrittenTogetherWhenItIsAboutToWait) {
  OnAnIoThread([&] {
    logger_->info("one");
    logger_->info("two");
    EXPECT_EQ(Written(), "");
    BatchedStderrSink::WriteLinesOfThisThread();
    EXPECT_EQ(Written(), "one\ntwo\n");
  });
}

TEST_F(BatchedStderrSinkTest, AWarningIsWrittenAtOnceBehindTheLinesItsThreadHolds) {
  OnAnIoThread([&] {
    logger_->info("one");
    logger_->warn("careful");
    EXPECT_EQ(Written(), "one\ncareful\n");
  });
}

TEST_F(BatchedStderrSinkTest, AnIoThreadHoldingSixteenKibWritesWithoutWaiting) {
  OnAnIoThread([&] {
    const std::string line(1023, 'x');
    std::size_t logged = 0;
    while (logged < BatchedStderrSink::kThreadLinesBytesMax) {
      logger_->info(line);
      logged += line.size() + 1;
    }
    EXPECT_EQ(Written().size(), logged);
    BatchedStderrSink::WriteLinesOfThisThread();
    EXPECT_EQ(Written(), "");
  });
}

TEST_F(BatchedStderrSinkTest, AnyOtherThreadWritesEachLineAtOnce) {
  std::thread([&] {
    logger_->info("from a worker");
    EXPECT_EQ(Written(), "from a worker\n");
  }).join();
}

TEST_F(BatchedStderrSinkTest, FlushWritesWhatTheCallingThreadHolds) {
  OnAnIoThread([&] {
    logger_->info("last words");
    logger_->flush();
    EXPECT_EQ(Written(), "last words\n");
  });
}

}  // namespace
}  // namespace ctom::server
