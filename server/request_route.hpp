// The route a handler finds for a request line, decided once per request.
#pragma once

#include <any>
#include <cstddef>

#include "server/limits.hpp"

namespace ctom::server {

// What a handler makes of a request line as soon as its header is read, before the body: how
// much body to read, and whether the request may be answered on the connection's I/O thread (its
// handler does not block: it answers from memory, or hands the work on and answers through its
// reply later). match is the handler's own record of what it found (for the router, the route and
// its parameters); it comes back with the request to Handle, so a request is routed once.
struct RequestRoute {
  std::size_t body_bytes_max = kJsonBodyBytesMax;
  bool quick = false;
  std::any match;
};

}  // namespace ctom::server
