// The program stream and documents: users and their revocation, content-addressed uploads.
#include <gtest/gtest.h>

#include "tests/domain/domain_spec.hpp"

namespace ctom::domain::spec {
namespace {

TEST(Users, AreCreatedWithAKnownRoleAndAnExistingRecord) {
  struct Case {
    const char* name;
    UserCreated user;
    const char* outcome;
  };
  const Case cases[] = {
      {"staff", {"u1", "Pat", "staff", "", "", "hash-1"}, "accepted"},
      {"a candidate user of c1", {"u1", "Ana", "candidate", "c1", "", "hash-1"}, "accepted"},
      {"a mentor user of m1", {"u1", "Lee", "mentor", "", "m1", "hash-1"}, "accepted"},
      {"a candidate user of nobody", {"u1", "Ana", "candidate", "c9", "", "hash-1"}, "validation"},
      {"a mentor user of nobody", {"u1", "Lee", "mentor", "", "m9", "hash-1"}, "validation"},
      {"an unknown role", {"u1", "Pat", "janitor", "", "", "hash-1"}, "validation"},
      {"no name", {"u1", "", "staff", "", "", "hash-1"}, "validation"},
      {"no token", {"u1", "Pat", "staff", "", "", ""}, "validation"},
      {"an id in use", {"admin-0", "Pat", "staff", "", "", "hash-1"}, "already_exists"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Spec spec;
    GivenCohortWithMatchedCandidate(spec);
    spec.Given(std::string(kProgramStream), UserCreated{"admin-0", "Root", "admin", "", "", "h0"},
               ApplicationOpens());
    const Decided decided = spec.When("", c.user, SelectionDay(), Admin());
    EXPECT_EQ(Outcome(decided), c.outcome);
    if (decided) {
      EXPECT_TRUE(Accepted(decided, {c.user}));
      EXPECT_EQ(decided->stream, "program");
      EXPECT_TRUE(decided->created);
      EXPECT_EQ(spec.program().user_by_token_hash.at("hash-1"), "u1");
    }
  }
}

TEST(Users, AreRevokedOnce) {
  Spec spec;
  spec.Given(std::string(kProgramStream), UserCreated{"u1", "Pat", "staff", "", "", "hash-1"},
             ApplicationOpens());
  EXPECT_TRUE(Rejected(spec.When("u9", UserRevoked{}, SelectionDay(), Admin()), "not_found"));
  EXPECT_TRUE(
      Accepted(spec.When("u1", UserRevoked{}, SelectionDay(), Admin()), {UserRevoked{"u1"}}));
  EXPECT_TRUE(spec.program().users.at("u1").revoked);
  EXPECT_FALSE(spec.program().user_by_token_hash.contains("hash-1"));
  EXPECT_TRUE(
      Rejected(spec.When("u1", UserRevoked{}, SelectionDay(), Admin()), "invalid_transition"));
  EXPECT_EQ(spec.program().program_version, 2u);
}

TEST(Users, AGivenNewTokenReplacesTheOldOneOfAUserWhoIsNotRevoked) {
  Spec spec;
  spec.Given(std::string(kProgramStream), UserCreated{"u1", "Pat", "staff", "", "", "hash-1"},
             ApplicationOpens());
  EXPECT_TRUE(Rejected(spec.When("u9", UserTokenIssued{"", "hash-2"}, SelectionDay(), Admin()),
                       "not_found"));
  EXPECT_TRUE(
      Rejected(spec.When("u1", UserTokenIssued{"", ""}, SelectionDay(), Admin()), "validation"));
  const Decided issued = spec.When("u1", UserTokenIssued{"", "hash-2"}, SelectionDay(), Admin());
  EXPECT_TRUE(Accepted(issued, {UserTokenIssued{"u1", "hash-2"}}));
  EXPECT_TRUE(issued->created);
  EXPECT_EQ(spec.program().users.at("u1").token_hash, "hash-2");
  EXPECT_FALSE(spec.program().user_by_token_hash.contains("hash-1"));
  EXPECT_EQ(spec.program().user_by_token_hash.at("hash-2"), "u1");
  EXPECT_TRUE(
      Accepted(spec.When("u1", UserRevoked{}, SelectionDay(), Admin()), {UserRevoked{"u1"}}));
  EXPECT_TRUE(Rejected(spec.When("u1", UserTokenIssued{"", "hash-3"}, SelectionDay(), Admin()),
                       "invalid_transition"));
}

TEST(Users, AFeedReplacesTheUsersEarlierOneAndEndsWithTheUser) {
  Spec spec;
  spec.Given(std::string(kProgramStream), UserCreated{"u1", "Pat", "staff", "", "", "hash-1"},
             ApplicationOpens());
  EXPECT_TRUE(Rejected(spec.When("u1", FeedIssued{"", ""}, SelectionDay(), Admin()), "validation"));
  const Decided issued = spec.When("u1", FeedIssued{"", "feed-1"}, SelectionDay(), Admin());
  EXPECT_TRUE(Accepted(issued, {FeedIssued{"u1", "feed-1"}}));
  EXPECT_TRUE(issued->created);
  EXPECT_EQ(spec.program().feed_hash_by_user.at("u1"), "feed-1");
  EXPECT_TRUE(Accepted(spec.When("u1", FeedIssued{"", "feed-2"}, SelectionDay(), Admin()),
                       {FeedIssued{"u1", "feed-2"}}));
  EXPECT_EQ(spec.program().feed_hash_by_user.at("u1"), "feed-2");
  // The first administrator is not among the ledger's users, and may hold a feed.
  EXPECT_TRUE(Accepted(spec.When("admin", FeedIssued{"", "feed-a"}, SelectionDay(), Admin()),
                       {FeedIssued{"admin", "feed-a"}}));
  EXPECT_TRUE(
      Accepted(spec.When("u1", UserRevoked{}, SelectionDay(), Admin()), {UserRevoked{"u1"}}));
  EXPECT_FALSE(spec.program().feed_hash_by_user.contains("u1"));
  EXPECT_TRUE(Rejected(spec.When("u1", FeedIssued{"", "feed-3"}, SelectionDay(), Admin()),
                       "invalid_transition"));
}

TEST(Documents, TheSameBytesAreStoredOnce) {
  Spec spec;
  const DocumentUploaded upload{"sha256:abc", "text/plain", 3, "abc"};
  const Decided first = spec.When("", upload, ApplicationOpens(), Actor{"u7", "candidate", ""});
  ASSERT_TRUE(Accepted(first, {upload}));
  EXPECT_EQ(first->stream, "document-abc");
  EXPECT_EQ(first->expect, Expect::no_stream);
  EXPECT_EQ(spec.program().documents.at("sha256:abc").uploader_id, "u7");
  EXPECT_EQ(spec.program().StreamVersion("document-abc"), 1u);
  const Decided again = spec.When("", upload, SelectionDay());
  ASSERT_TRUE(Accepted(again, {}));
  EXPECT_EQ(again->resource_id, "sha256:abc");
  EXPECT_EQ(spec.last_position(), 1u);
}

TEST(Commands, AboutACandidateNeedAnEventOfACandidate) {
  Spec spec;
  GivenCohortWithMatchedCandidate(spec);
  // Derived events are decided, never proposed.
  EXPECT_TRUE(Rejected(spec.When("c1", CertificationGranted{}, SelectionDay()), "validation"));
  EXPECT_TRUE(Rejected(spec.When("c1", RecertificationGranted{}, SelectionDay()), "validation"));
  EXPECT_TRUE(Rejected(spec.When("nobody", FeedbackGiven{"x"}, SelectionDay()), "not_found"));
  EXPECT_TRUE(Rejected(spec.WhenRecertification("nobody", SelectionDay()), "not_found"));
}

}  // namespace
}  // namespace ctom::domain::spec
