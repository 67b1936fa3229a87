#include <cstdio>
#include <sstream>

#include "apps/hcsim/commands.hpp"
#include "apps/hcsim/exit_codes.hpp"
#include "models/flow_scenario.hpp"
#include "models/input_error.hpp"
#include "models/pathway.hpp"
#include "models/run_plan.hpp"
#include "models/scenario.hpp"

namespace hcsim::app {

int check_command(const RunOptions& options) {
  if (models::is_flow_only_scenario(options.scenario_path)) return check_flow_command(options);
  models::ScenarioOverrides overrides;
  overrides.set = options.set;
  overrides.seed = options.seed;
  overrides.replications = options.replications;
  // The plan as `hcsim run` reads it: the sweep is expanded and every point
  // checked, so a plan that check passes does not fail when it is run.
  const auto plan = models::load_run_plan(options.scenario_path, overrides);
  const models::Scenario& scenario = plan.points.front().scenario;
  std::int64_t people = 0;
  for (const auto& area : scenario.areas) {
    people += models::scaled_count(area.population, scenario.population_scale);
  }
  std::string sweep;
  if (plan.sweep_method != "none") {
    sweep = ", " + std::to_string(plan.points.size()) + " sweep point(s) (" + plan.sweep_method +
            ") = " + std::to_string(plan.run_count()) + " runs";
  }
  std::printf("%s: ok: scenario '%s', %zu areas, %lld simulated people, %lld replication(s)%s, "
              "%.2f years after %.0f warm-up days\n",
              options.scenario_path.c_str(), scenario.name.c_str(), scenario.areas.size(),
              static_cast<long long>(people), static_cast<long long>(plan.replications),
              sweep.c_str(), scenario.horizon_years, scenario.warmup_days);
  return exit_success;
}

int pathway_command(const RunOptions& options) {
  models::ScenarioOverrides overrides;
  overrides.set = options.set;
  const auto scenario = models::load_scenario(options.scenario_path, overrides);
  const models::AreaSpec* area = &scenario.areas.front();
  if (options.area) {
    area = nullptr;
    for (const auto& candidate : scenario.areas) {
      if (candidate.name == *options.area) area = &candidate;
    }
    if (area == nullptr) {
      throw models::InputError(models::Diagnostic{
          options.scenario_path, 0, 0, "--area", "no area is called '" + *options.area + "'"});
    }
  }
  models::Diagnostics diagnostics;
  const auto pathway = models::Pathway::build(area->parameters, options.scenario_path, diagnostics);
  diagnostics.throw_if_any();  // already checked on load; kept for safety
  std::ostringstream dot;
  pathway.write_dot(dot);
  std::fputs(dot.str().c_str(), stdout);
  return exit_success;
}

}  // namespace hcsim::app
