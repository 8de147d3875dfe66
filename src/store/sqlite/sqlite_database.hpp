// The embedded engine: every collection in one SQLite file (see docs/storage.md for the schema).
//
// The file is in WAL mode with synchronous=FULL, so an insert is on disk when it returns and a
// crash (even SIGKILL or power loss) keeps every acknowledged write. Connections come from a
// pool, one per concurrent call, so readers run in parallel; writes inside one process are
// serialised by a mutex (cheaper than SQLite's sleeping busy handler), and writes from other
// processes wait on SQLite's lock for up to 10 s.
#pragma once

#include <memory>
#include <string>

#include "store/collection.hpp"

namespace facenapi::detail::sqlite {

// Opens or creates the database file at `path`. Throws Error(io_error) when it cannot.
std::shared_ptr<Database> open_sqlite_database(const std::string& path);

}  // namespace facenapi::detail::sqlite
