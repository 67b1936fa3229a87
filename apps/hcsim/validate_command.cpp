#include "apps/hcsim/commands.hpp"
#include "validation/ipacs.hpp"
#include "validation/validate.hpp"

namespace hcsim::app {

int validate_command(const ValidateOptions& options) {
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
