// The HTTP server's limits and default timeouts, in one place (docs/api-server.md explains them).
#pragma once

#include <chrono>
#include <cstddef>

namespace ctom::server {

// Request size. A header larger than kHeaderBytesMax is answered 400 and the connection closed; a
// body larger than its route's limit is answered 413 and the connection closed.
inline constexpr std::size_t kHeaderBytesMax = 16 * 1024;
inline constexpr std::size_t kJsonBodyBytesMax = 1024 * 1024;           // every route by default
inline constexpr std::size_t kDocumentBodyBytesMax = 10 * 1024 * 1024;  // POST /v1/documents

// After an error answer that closes the connection the server keeps reading (and discarding) what
// the client is still sending, at most this much for at most this long, so the client sees the
// answer instead of a connection reset.
inline constexpr std::size_t kDrainBytesMax = 12 * 1024 * 1024;
inline constexpr std::chrono::milliseconds kDrainTimeout{2000};

// Connections. At kConnectionsMax open connections a new one takes the place of the connection
// that has waited longest for its next request; when every connection is in the middle of a
// request, the new one is answered 503 and closed. Every connection has at most one request in
// flight, so the handler queue is bounded by it too.
inline constexpr std::size_t kConnectionsMax = 1024;
inline constexpr std::size_t kWorkerThreads = 64;  // handlers may block on a ledger fsync
inline constexpr std::size_t kIoThreadsDefault = 2;
inline constexpr std::size_t kIoThreadsMax = 64;
// Open files `ctom serve` keeps for itself besides its connections: the ledger's files (RocksDB
// keeps every table open), its logs, the listener, epoll and the threads' event descriptors. At
// start-up it raises its soft RLIMIT_NOFILE to kConnectionsMax + this; when the hard limit is
// lower, it serves fewer connections (the limit less this) rather than fail to accept.
inline constexpr std::size_t kFileDescriptorsReserve = 256;

// Time. The read timeout covers one whole request (header and body) and the idle wait between
// keep-alive requests; the write timeout covers one response.
inline constexpr std::chrono::milliseconds kReadTimeoutDefault{30000};
inline constexpr std::chrono::milliseconds kWriteTimeout{30000};
// On SIGINT/SIGTERM in-flight requests get this long to finish before the server stops anyway.
inline constexpr std::chrono::milliseconds kShutdownGrace{30000};

// Request content.
inline constexpr std::size_t kJsonDepthMax = 32;  // nesting of arrays and objects
inline constexpr std::size_t kStringBytesMaxDefault =
    4096;  // a JSON string field, unless a handler says
inline constexpr std::size_t kBearerTokenBytesMax = 256;
inline constexpr std::size_t kQueryParametersMax = 32;

// Lists: ?limit= defaults to kListLimitDefault and may not exceed kListLimitMax.
inline constexpr std::size_t kListLimitDefault = 100;
inline constexpr std::size_t kListLimitMax = 1000;

}  // namespace ctom::server
