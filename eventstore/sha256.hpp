// Incremental SHA-256 over OpenSSL's EVP interface, for hashing a record without first
// concatenating its previous hash and canonical bytes.
#pragma once

#include <span>
#include <string_view>

#include "eventstore/ledger.hpp"

// OpenSSL's context type, declared here so this header does not pull in OpenSSL.
struct evp_md_ctx_st;

namespace ctom::eventstore {

// One hashing context, reusable: Finish() returns the digest and readies the next one. Not
// thread-safe; give each thread its own. OpenSSL failing to hash (it only can when out of memory)
// aborts the process, since a ledger that cannot hash cannot keep its chain.
class Sha256Hasher {
 public:
  Sha256Hasher();
  ~Sha256Hasher();
  Sha256Hasher(const Sha256Hasher&) = delete;
  Sha256Hasher& operator=(const Sha256Hasher&) = delete;

  void Update(std::string_view bytes);
  void Update(std::span<const std::uint8_t> bytes);
  Hash Finish();

 private:
  void Start();

  evp_md_ctx_st* context_;
};

}  // namespace ctom::eventstore
