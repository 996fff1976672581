// Compiles Boost.Asio and Boost.Beast once for the whole program (separate compilation), so the
// other api/ translation units include only their declarations and a 2-core build stays fast.
#include <boost/asio/impl/src.hpp>
#include <boost/beast/src.hpp>
