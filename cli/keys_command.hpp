// `ctom keys ...`: offline work on a data folder's keys. `rotate` makes a new credential-signing
// key; the subcommand leaves room for the others of API.md ("Command line").
#pragma once

namespace ctom::cli {

// `ctom keys rotate --data DIR`: the issuer's new current RS256 key; the old key's public half
// stays in the JWKS, so every credential signed before still verifies. Offline: refused (exit 2,
// one line) while a server holds the folder's ledger. Prints "issuer key <kid> is current; the
// JWKS lists N keys". Exit 0 on success, 2 on bad usage or a folder whose keys cannot be read or
// written.
int RunKeys(int argc, char** argv);

}  // namespace ctom::cli
