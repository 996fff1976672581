// A test suite whose tests share one real server, started once for the suite, and one setting
// (the candidates, mentors and tokens the tests look at) built on it once per process.
#pragma once

#include <gtest/gtest.h>

#include <exception>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "tests/e2e/program_client.hpp"

namespace ctom::e2e {

template <typename Setting>
class SharedServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    folder_ = std::make_unique<TemporaryFolder>();
    server_ = std::make_unique<ServerProcess>(ServeOptions(folder_->path()));
  }
  static void TearDownTestSuite() {
    server_.reset();
    folder_.reset();
  }

  static const ServerProcess& server() { return *server_; }

  // build() runs once per process; when it throws, every test that asks fails with its cause.
  static const Setting& BuiltOnce(Setting (*build)(), const std::string& what) {
    static std::optional<Setting> setting;
    static std::string failure;
    if (!setting && failure.empty()) {
      try {
        setting = build();
      } catch (const std::exception& error) {
        failure = error.what();
      }
    }
    if (!setting) throw std::runtime_error(what + " failed: " + failure);
    return *setting;
  }

 private:
  static inline std::unique_ptr<TemporaryFolder> folder_;
  static inline std::unique_ptr<ServerProcess> server_;
};

}  // namespace ctom::e2e
