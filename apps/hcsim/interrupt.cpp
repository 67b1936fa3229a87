#include "apps/hcsim/interrupt.hpp"

#include <csignal>

namespace hcsim::app {
namespace {

sim::StopFlag stop_requested{false};
static_assert(sim::StopFlag::is_always_lock_free, "the flag is set from a signal handler");

extern "C" void request_stop(int) { stop_requested.store(true); }

}  // namespace

const sim::StopFlag& install_interrupt_handlers() {
  struct sigaction action {};
  action.sa_handler = request_stop;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  return stop_requested;
}

}  // namespace hcsim::app
