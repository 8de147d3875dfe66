// The CLI's commands. Each returns the process exit status; a malformed command line throws
// UsageError (exit 2), a failed operation facenapi::Error or std::exception (exit 1).
#pragma once

#include <string>
#include <vector>

namespace facenapi_cli {

class StoreSession;

// facenapi extract PHOTO... [options]: prints a JSON array, one object per face.
int extract_command(const std::vector<std::string>& args);

// facenapi users create|list|token|revoke|disable|enable ... (no token needed).
int users_command(StoreSession& session, const std::vector<std::string>& args);

// facenapi galleries create|list|delete ... (as the token's user).
int galleries_command(StoreSession& session, const std::vector<std::string>& args);

// facenapi faces add|list|get|update|delete ... (as the token's user).
int faces_command(StoreSession& session, const std::vector<std::string>& args);

}  // namespace facenapi_cli
