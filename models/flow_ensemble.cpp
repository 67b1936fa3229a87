#include "models/flow_ensemble.hpp"

#include <tbb/task_arena.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "sim/parallel.hpp"

namespace hcsim::models {

FlowEnsemble run_flow_ensemble(const FlowServiceParameters& parameters, std::uint64_t seed,
                               std::size_t replications, int threads) {
  check_flow_parameters(parameters);
  if (replications == 0) throw std::invalid_argument("replications must be at least 1");
  FlowEnsemble ensemble;
  ensemble.runs.resize(replications);
  tbb::task_arena arena(threads > 0 ? threads : tbb::task_arena::automatic);
  arena.execute([&] {
    sim::parallel_for_index(replications, [&](std::size_t r) {
      const sim::RandomStreams streams(seed, r);
      ensemble.runs[r] = run_flow_service(parameters, streams);
    });
  });
  // Summed in replication order, so the means do not depend on threads.
  const std::size_t days = parameters.daily_arrival_rate.size();
  ensemble.mean_occupancy.assign(days, 0.0);
  ensemble.mean_waiting.assign(days, 0.0);
  ensemble.mean_cost.assign(days, 0.0);
  for (const auto& run : ensemble.runs) {
    for (std::size_t d = 0; d < days; ++d) {
      ensemble.mean_occupancy[d] += run.occupancy[d];
      ensemble.mean_waiting[d] += run.waiting[d];
      ensemble.mean_cost[d] += run.cost[d];
    }
  }
  const double count = static_cast<double>(replications);
  for (std::size_t d = 0; d < days; ++d) {
    ensemble.mean_occupancy[d] /= count;
    ensemble.mean_waiting[d] /= count;
    ensemble.mean_cost[d] /= count;
  }
  return ensemble;
}

double quantile_type7(std::vector<double> values, double q) {
  if (values.empty()) throw std::invalid_argument("quantile of no values");
  if (!(q >= 0.0 && q <= 1.0)) throw std::invalid_argument("quantile level must be in [0, 1]");
  std::sort(values.begin(), values.end());
  const double h = q * static_cast<double>(values.size() - 1);
  const auto low = static_cast<std::size_t>(std::floor(h));
  const std::size_t high = std::min(low + 1, values.size() - 1);
  return values[low] + (h - static_cast<double>(low)) * (values[high] - values[low]);
}

}  // namespace hcsim::models
