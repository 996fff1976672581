// Disk faults at the real server: its data folder lives on a tmpfs that a filler file makes full
// mid-run, and a burst of large documents then runs out of room. Commands are answered 503 with a
// problem body (never another 5xx, never a dropped connection), reads keep being served, and once
// the filler is gone commands succeed again without a restart. Nothing acknowledged is lost: after
// a restart every acknowledged command and document is in the ledger and the chain verifies.
//
// Mounting needs root (CI runs as root); elsewhere the test is skipped with the reason.
#include <gtest/gtest.h>
#include <sys/mount.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>

#include "tests/e2e/program_client.hpp"

namespace ctom::e2e {
namespace {

// RocksDB reserves write-ahead-log space ahead (about 70 MiB, taken by the first appends, before
// the disk fills), and after a no-space error resumes writes only once the disk has a memtable's
// worth free (64 MiB). The disk holds both, and the documents' burst outgrows the reservation.
constexpr const char* kMountOptions = "size=256m";
constexpr std::size_t kDocumentBytes = 8 * 1024 * 1024;
constexpr int kDocumentsMax = 30;
// RocksDB looks for free space again every few seconds once it has been refused.
constexpr auto kRecoveryDeadline = std::chrono::seconds(60);
class DiskFault : public ::testing::Test {
 protected:
  void SetUp() override {
    mount_point_ = folder_.path() / "disk";
    std::filesystem::create_directory(mount_point_);
    if (::mount("tmpfs", mount_point_.c_str(), "tmpfs", 0, kMountOptions) != 0) {
      if (errno == EPERM) GTEST_SKIP() << "mounting a tmpfs needs root: " << std::strerror(errno);
      FAIL() << "mount tmpfs: " << std::strerror(errno);
    }
    mounted_ = true;
    data_ = mount_point_ / "data";
    std::filesystem::create_directory(data_);
    server_.emplace(ServeOptions(data_));
    ProgramWalk walk(*server_);
    walk.OpenCohort2018();
    candidate_ = walk.Apply("Disk Candidate", "disk@district.example");
    walk.Accept(candidate_);
  }

  void TearDown() override {
    server_.reset();
    if (mounted_) ::umount2(mount_point_.c_str(), MNT_DETACH);
  }

  Response SendFeedback(const std::string& key) const {
    return Call(*server_, kAdminToken, "POST", "/v1/candidates/" + candidate_ + "/feedback",
                json::object{{"text", "feedback " + key}}, {{"Idempotency-Key", key}});
  }

  // Writes a filler file until the disk refuses another byte.
  void FillTheDisk() {
    std::ofstream filler(Filler(), std::ios::binary);
    const std::string block(64 * 1024, 'x');
    while (filler.write(block.data(), block.size()) && filler.flush()) {
    }
    filler.clear();
    while (filler.put('x') && filler.flush()) {
    }
  }
  std::filesystem::path Filler() const { return mount_point_ / "filler"; }

  // Uploads distinct large documents until one is refused; each one accepted must survive.
  Response UploadUntilRefused() {
    for (int i = 0; i < kDocumentsMax; ++i) {
      std::string bytes(kDocumentBytes, static_cast<char>('a' + i % 26));
      bytes += std::to_string(i);
      const Response answer = Call(*server_, kAdminToken, "POST", "/v1/documents", bytes,
                                   {{"Content-Type", "text/plain"}});
      if (answer.status / 100 != 2) return answer;
      documents_.emplace_back(answer.Json().at("id").as_string());
    }
    throw std::runtime_error("the disk never filled");
  }

  TemporaryFolder folder_;
  std::filesystem::path mount_point_;
  std::filesystem::path data_;
  bool mounted_ = false;
  std::optional<ServerProcess> server_;
  std::string candidate_;
  std::vector<std::string> acknowledged_;  // idempotency keys of acknowledged feedback
  std::vector<std::string> documents_;     // ids of acknowledged documents
};

TEST_F(DiskFault, FullDiskAnswers503KeepsServingReadsAndRecoversWhenSpaceReturns) {
  for (int i = 0; i < 5; ++i) {
    const std::string key = "before-" + std::to_string(i);
    ASSERT_EQ(SendFeedback(key).status, 200) << "before the fault";
    acknowledged_.push_back(key);
  }

  FillTheDisk();
  const Response refused = UploadUntilRefused();
  ASSERT_EQ(refused.status, 503) << refused.body;
  EXPECT_EQ(refused.Header("content-type"), "application/problem+json");
  EXPECT_EQ(refused.Code(), "service_unavailable");
  const Response small = SendFeedback("while-full");
  EXPECT_EQ(small.status, 503) << "a full disk takes no command, small or large: " << small.body;

  const Response read = Call(*server_, kAdminToken, "GET", "/v1/candidates/" + candidate_);
  EXPECT_EQ(read.status, 200) << "reads are served while the disk is full: " << read.body;
  EXPECT_EQ(server_->Send("GET", "/healthz").status, 200);

  std::filesystem::remove(Filler());
  const auto space_returned = Clock::now();
  bool recovered = false;
  std::string last_refusal;
  const auto deadline = Clock::now() + kRecoveryDeadline;
  for (int i = 0; Clock::now() < deadline && !recovered; ++i) {
    const std::string key = "after-" + std::to_string(i);
    const Response answer = SendFeedback(key);
    recovered = answer.status == 200;
    last_refusal = answer.body;
    if (recovered) acknowledged_.push_back(key);
    if (!recovered) std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  ASSERT_TRUE(recovered) << "commands still refused once the disk had room again (" << last_refusal
                         << "): " << server_->Log();
  std::cout << "disk fault: " << documents_.size() << " documents of "
            << kDocumentBytes / (1024 * 1024) << " MiB before the disk was full; commands again "
            << std::chrono::duration<double>(Clock::now() - space_returned).count()
            << " s after space returned\n";

  ASSERT_EQ(server_->Stop(), 0);
  server_.reset();
  server_.emplace(ServeOptions(data_));
  const json::value verify =
      Expect2xx(server_->SendAsAdmin("GET", "/v1/ledger/verify"), "verify").Json();
  EXPECT_EQ(verify.at("ok"), true) << verify;
  const auto in_ledger = IdempotencyKeysInLedger(*server_);
  for (const std::string& key : acknowledged_) {
    EXPECT_TRUE(in_ledger.contains(key)) << key << " was acknowledged but is lost";
  }
  for (const std::string& id : documents_) {
    EXPECT_EQ(server_->SendAsAdmin("GET", "/v1/documents/" + id).status, 200) << id << " is lost";
  }
}

}  // namespace
}  // namespace ctom::e2e
