#include <cstdio>

#include "apps/hcsim/commands.hpp"
#include "apps/hcsim/exit_codes.hpp"
#include "models/scenario.hpp"

namespace hcsim::app {

int check_command(const RunOptions& options) {
  models::ScenarioOverrides overrides;
  overrides.set = options.set;
  overrides.seed = options.seed;
  overrides.replications = options.replications;
  const auto scenario = models::load_scenario(options.scenario_path, overrides);
  std::int64_t people = 0;
  for (const auto& area : scenario.areas) {
    people += models::scaled_count(area.population, scenario.population_scale);
  }
  std::printf("%s: ok: scenario '%s', %zu areas, %lld simulated people, %lld replication(s), "
              "%.2f years after %.0f warm-up days\n",
              options.scenario_path.c_str(), scenario.name.c_str(), scenario.areas.size(),
              static_cast<long long>(people), static_cast<long long>(scenario.replications),
              scenario.horizon_years, scenario.warmup_days);
  return exit_success;
}

}  // namespace hcsim::app
