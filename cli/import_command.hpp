// `ctom import --data DIR FILE [--dry-run]`: loads earlier years' records, one JSON command a line,
// through the same routes, rules and ledger as the HTTP API.
#pragma once

#include <expected>
#include <string>

#include "server/http_message.hpp"

namespace ctom::cli {

// Each line: {"command": "POST /v1/cohorts/2018/applications", "occurred_at": "<RFC 3339>",
// "body": {...}} (for POST /v1/documents, "body" is the document's text and "content_type" its
// media type). Lines run as the import's own admin. A refused line is reported on stderr with its
// line number, code and detail (for a validation refusal, every refused field with its JSON path)
// and writes nothing; the rest go on. With --dry-run the lines run against a copy of the ledger
// that is thrown away, and the summary says what would be imported. Exit 0 when every line was
// accepted, 1 when any was refused, 2 on bad usage or an unreadable data folder or file. The
// server must not be running: a ledger another process holds is refused in one line.
//
// `ctom import --data DIR --csv KIND FILE [--dry-run]` sends the CSV file through
// POST /v1/imports/KIND as the import's admin and prints its answer, {rows, accepted, refused,
// appended}, on stdout and each refused row ("row N: code: detail") on stderr. Exit 0 when every
// row was accepted, 1 when any was refused, 2 when the file is refused as a whole (an unknown
// column, no header, over 10 MiB) or as above.
int RunImport(int argc, char** argv);

// The request one line of an import file stands for, sent with token as its bearer token; or a
// sentence saying why the line is not a command (not JSON, with the column where reading stopped;
// not a JSON object; no "command"; not a POST; an unknown field). The caller skips empty lines,
// comments and lines over its length limit first.
[[nodiscard]] std::expected<server::HttpRequest, std::string> ImportLineRequest(
    const std::string& line, const std::string& token);

}  // namespace ctom::cli
