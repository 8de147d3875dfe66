// The MongoDB engine, through mongo-c-driver (see docs/storage.md for the document layout).
//
// One mongoc_client_pool_t per Database; each operation leases a client for its duration, so
// any number of threads may share a Database. mongoc_init() runs once per process, on the first
// open, and mongoc_cleanup() at exit; the driver's own logging is switched off (library code
// never prints).
#pragma once

#include <memory>
#include <string>

#include "store/collection.hpp"

namespace facenapi::detail::mongo {

// Connects to the deployment `uri` names and pings it. Throws Error(invalid_argument) for a
// malformed URI and Error(io_error) when no server answers within the server selection timeout
// (the URI's serverSelectionTimeoutMS, else 10 s).
std::shared_ptr<Database> open_mongo_database(const std::string& uri);

}  // namespace facenapi::detail::mongo
