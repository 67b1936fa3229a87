#pragma once
// SIGINT and SIGTERM set a flag that the simulation reads at window ends, so
// an interrupted run stops cleanly, removes its temporary output and exits
// with status 130 instead of dying mid-write.
#include "sim/run_control.hpp"

namespace hcsim::app {

// Installs the handlers once and returns the flag they set.
const sim::StopFlag& install_interrupt_handlers();

}  // namespace hcsim::app
