#include "apps/hcsim/commands.hpp"
#include "apps/hcsim/interrupt.hpp"
#include "validation/ipacs.hpp"
#include "validation/national.hpp"
#include "validation/validate.hpp"

#ifndef HCSIM_VERSION
#define HCSIM_VERSION "unknown"
#endif

namespace hcsim::app {

int validate_command(const ValidateOptions& options) {
  if (options.national) {
    validation::NationalOptions national;
    if (options.output_path) national.output_path = *options.output_path;
    national.json = options.json;
    national.threads = options.threads;
    national.replications = options.replications;
    national.seed = options.seed;
    national.set = options.set;
    national.version = HCSIM_VERSION;
    // A run at full default scale takes a while: Ctrl-C stops it at a window
    // end with nothing written.
    national.stop = &install_interrupt_handlers();
    return validation::run_national_validation(national);
  }
  if (options.ipacs_dir) {
    validation::IpacsOptions ipacs;
    ipacs.directory = *options.ipacs_dir;
    ipacs.json = options.json;
    ipacs.threads = options.threads;
    if (options.replications) ipacs.replications = static_cast<std::size_t>(*options.replications);
    if (options.seed) ipacs.seed = *options.seed;
    return validation::run_ipacs_validation(ipacs);
  }
  validation::ValidationOptions validation;
  if (options.scenario_dir) validation.scenario_dir = *options.scenario_dir;
  validation.json = options.json;
  validation.threads = options.threads;
  validation.replications = options.replications;
  validation.seed = options.seed;
  validation.set = options.set;
  return validation::run_validation(validation);
}

}  // namespace hcsim::app
