#pragma once
// The commands of the hcsim executable, one file each.
#include <string>

#include "apps/hcsim/command_line.hpp"

namespace hcsim::app {

// hcsim run: simulate, summarise, optionally write HDF5. Returns the exit status.
int run_command(const RunOptions& options, const std::string& command_line);

// hcsim check: load and check the scenario completely, simulate nothing.
int check_command(const RunOptions& options);

}  // namespace hcsim::app
