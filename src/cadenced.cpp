// cadenced: the cadence daemon. All work is in src/daemon/.
#include "daemon/main.hpp"

int main(int argc, char** argv) { return cadence::daemon::run_cadenced(argc, argv); }
