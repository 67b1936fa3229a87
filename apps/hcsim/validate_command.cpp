#include "apps/hcsim/commands.hpp"
#include "validation/validate.hpp"

namespace hcsim::app {

int validate_command(const ValidateOptions& options) {
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
