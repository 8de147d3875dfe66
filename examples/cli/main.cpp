// facenapi: the command-line face of the library. This file only dispatches: the global options
// (store_session.hpp) come first, then the command (commands.hpp).
#include <facenapi/error.hpp>
#include <facenapi/facenapi.hpp>
#include <iostream>
#include <string>
#include <vector>

#include "arguments.hpp"
#include "commands.hpp"
#include "extract_options.hpp"
#include "store_session.hpp"

namespace {

const std::string kUsage = std::string(R"(usage: facenapi [--db PATH|URI] [--token T] COMMAND [ARGS]

  --db PATH|URI   the database: an embedded SQLite file or mongodb://...
                  (default: $FACENAPI_DB, else facenapi.db in the current directory)
  --token T       the API token of the user the galleries and faces commands act for
                  (default: $FACENAPI_TOKEN, which keeps it out of the process list)

commands:
  extract PHOTO... [--normalized-dir DIR] [--draw OUT.png] EXTRACT_OPTIONS
      Prints a JSON array with one object per face found in the photos.
  users create NAME [--password P]   a new user and its first API token (shown once)
  users list                         every user and the ids of its tokens
  users token NAME|ID                a new API token for the user (shown once)
  users revoke NAME|ID TOKEN_ID      revokes one of the user's tokens
  users disable NAME|ID              the user's tokens stop working; its data is kept
  users enable NAME|ID
      User administration needs no token: whoever can open the database administers it.
      An ID is digits only; anything else is a NAME.
  galleries create NAME | list | delete NAME
  faces add PHOTO... [--gallery G]... [--meta M] [--persons] EXTRACT_OPTIONS
      Stores every face found in the photos, with the photo and a thumbnail in the media
      store; --persons gives each face the person of its best match (or a new one).
      Prints {"faces": [...]}.
  faces list [--gallery G] [--meta M] [--person ID] [--camera ID] [--min-id N] [--max-id N]
             [--from TIME] [--to TIME] [--limit N] [--desc]
      Prints {"faces": [...], "next": N|null}; pass next as --min-id (--max-id with --desc).
  faces get ID
  faces update ID [--meta M] [--gallery G]... [--no-galleries]
  faces delete ID | faces delete --meta M
  detect PHOTO [--attributes] EXTRACT_OPTIONS
      Faces with bbox, detection score and quality score (and gender, age, emotions).
  verify A B [--threshold T]
      A and B are each a photo file, a face ID or a base64 facen; prints every pair of faces
      with distance, confidence and verified.
  identify PHOTO [--gallery G]... [--threshold T] [--n N] [--draw OUT.png] EXTRACT_OPTIONS
      Up to N (default 1) of the user's faces per face of the photo, best first, each with
      its confidence; --draw labels each face with its best match.
      T: strict | medium (default) | low | none | a confidence in [0, 1] (docs/recognition.md)
  persons list | get ID [--limit N] | merge INTO FROM
  version
      Prints the library version.

EXTRACT_OPTIONS:
      )") + facenapi_cli::kExtractOptionsUsage +
                           R"(

Output is JSON on stdout. Exit status: 0 done, 1 the operation failed (the reason is on
stderr), 2 the command line is malformed.
)";

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> all(argv + 1, argv + argc);
  try {
    facenapi_cli::GlobalOptions global;
    const std::vector<std::string> args = facenapi_cli::take_global_options(all, global);
    if (args.empty() || args[0] == "--help" || args[0] == "help") {
      std::cout << kUsage;
      return args.empty() ? 2 : 0;
    }
    const std::string& command = args[0];
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (command == "extract") return facenapi_cli::extract_command(rest);
    if (command == "version") {
      std::cout << facenapi::version() << "\n";
      return 0;
    }
    if (command == "detect") return facenapi_cli::detect_command(rest);
    if (command == "users" || command == "galleries" || command == "faces" || command == "verify" ||
        command == "identify" || command == "persons") {
      facenapi_cli::StoreSession session(global);
      if (command == "users") return facenapi_cli::users_command(session, rest);
      if (command == "galleries") return facenapi_cli::galleries_command(session, rest);
      if (command == "verify") return facenapi_cli::verify_command(session, rest);
      if (command == "identify") return facenapi_cli::identify_command(session, rest);
      if (command == "persons") return facenapi_cli::persons_command(session, rest);
      return facenapi_cli::faces_command(session, rest);
    }
    throw facenapi_cli::UsageError("unknown command '" + command + "'");
  } catch (const facenapi_cli::UsageError& e) {
    std::cerr << "facenapi: " << e.what() << " (facenapi --help shows the usage)\n";
    return 2;
  } catch (const facenapi::Error& e) {
    std::cerr << "facenapi: " << e.code().message() << ": " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "facenapi: " << e.what() << "\n";
    return 1;
  }
}
