// `ctom import --data DIR FILE [--dry-run]`: loads earlier years' records, one JSON command a line,
// through the same routes, rules and ledger as the HTTP API.
#pragma once

namespace ctom::api {

// Each line: {"command": "POST /v1/cohorts/2018/applications", "occurred_at": "<RFC 3339>",
// "body": {...}} (for POST /v1/documents, "body" is the document's text and "content_type" its
// media type). Lines run as the import's own admin. A refused line is reported on stderr with its
// line number and code and writes nothing; the rest go on. With --dry-run the lines run against
// a copy of the ledger that is thrown away. Exit 0 when every line was accepted, 1 when any was
// refused, 2 on bad usage or an unreadable data folder or file. The server must not be running.
int RunImport(int argc, char** argv);

}  // namespace ctom::api
