#include "models/plan_partition.hpp"

#include "models/interventions/intervention_returns.hpp"
#include "sim/distributed.hpp"

namespace hcsim::models {

double area_work(const Scenario& scenario, std::size_t area) {
  const auto people = static_cast<double>(
      scaled_count(scenario.areas.at(area).population, scenario.population_scale));
  double simulations = 1.0;
  if (wants_intervention_returns(scenario)) {
    for (const auto& intervention : scenario.interventions) {
      if (intervention.covers(scenario.areas[area].name)) simulations += 1.0;
    }
  }
  return people * simulations;
}

std::vector<std::vector<char>> areas_of_rank(const RunPlan& plan, const std::vector<char>& to_do,
                                             int ranks, int rank) {
  std::vector<double> weights;
  for (std::size_t run = 0; run < plan.run_count(); ++run) {
    if (!to_do.at(run)) continue;
    const Scenario& scenario = plan.points[plan.point_of(run)].scenario;
    for (std::size_t area = 0; area < scenario.areas.size(); ++area) {
      weights.push_back(area_work(scenario, area));
    }
  }
  const std::vector<int> owner = sim::partition_in_order(weights, ranks);
  std::vector<std::vector<char>> areas_here(plan.run_count());
  std::size_t item = 0;
  for (std::size_t run = 0; run < plan.run_count(); ++run) {
    const std::size_t areas = plan.points[plan.point_of(run)].scenario.areas.size();
    areas_here[run].assign(areas, 0);
    if (!to_do[run]) continue;
    for (std::size_t area = 0; area < areas; ++area, ++item) {
      areas_here[run][area] = owner[item] == rank ? 1 : 0;
    }
  }
  return areas_here;
}

}  // namespace hcsim::models
