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

// facenapi detect PHOTO [--attributes]: faces with bbox and score (no database needed).
int detect_command(const std::vector<std::string>& args);

// facenapi verify A B [--threshold T]: A and B each a photo file, a face ID or a base64 facen.
int verify_command(StoreSession& session, const std::vector<std::string>& args);

// facenapi identify PHOTO [--gallery G]... [--threshold T] [--n N] [--draw OUT.png].
int identify_command(StoreSession& session, const std::vector<std::string>& args);

// facenapi persons list | get ID | merge INTO FROM.
int persons_command(StoreSession& session, const std::vector<std::string>& args);

}  // namespace facenapi_cli
