// cadencectl: the command-line front end. All work is in src/cli/.
#include <iostream>

#include "cli/cli.hpp"

int main(int argc, char** argv) {
  return cadence::cli::run_cadencectl(argc, argv, std::cin, std::cout, std::cerr);
}
