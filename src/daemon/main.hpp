// cadenced's whole program, callable from the thin main in src/cadenced.cpp.
#pragma once

namespace cadence::daemon {

// Parses the command line, loads the config, runs the event loop until
// SIGTERM/SIGINT. Returns the process exit code: 0 after a clean stop,
// 78 (EX_CONFIG) for an invalid config at start, 2 for bad usage, 3 for a
// runtime failure (database, network).
int run_cadenced(int argc, char** argv);

}  // namespace cadence::daemon
