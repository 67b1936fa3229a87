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
  tbb::task_arena arena(sim::arena_size(threads));
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

DailyBand daily_band(const FlowEnsemble& ensemble, std::vector<double> FlowServiceRun::*measure) {
  if (ensemble.runs.empty()) throw std::invalid_argument("a daily band needs replications");
  const std::size_t days = (ensemble.runs.front().*measure).size();
  const double count = static_cast<double>(ensemble.runs.size());
  DailyBand band;
  band.mean.assign(days, 0.0);
  band.q05.resize(days);
  band.q50.resize(days);
  band.q95.resize(days);
  std::vector<double> values(ensemble.runs.size());
  for (std::size_t d = 0; d < days; ++d) {
    // Summed in replication order (as the ensemble's own means), so the
    // band does not depend on threads.
    for (std::size_t r = 0; r < ensemble.runs.size(); ++r) {
      values[r] = (ensemble.runs[r].*measure)[d];
      band.mean[d] += values[r];
    }
    band.mean[d] /= count;
    band.q05[d] = quantile_type7(values, 0.05);
    band.q50[d] = quantile_type7(values, 0.50);
    band.q95[d] = quantile_type7(values, 0.95);
  }
  return band;
}

FlowServiceSummary summarise_flow_ensemble(const FlowEnsemble& ensemble) {
  FlowServiceSummary summary;
  summary.occupancy = daily_band(ensemble, &FlowServiceRun::occupancy);
  summary.waiting = daily_band(ensemble, &FlowServiceRun::waiting);
  summary.cost = daily_band(ensemble, &FlowServiceRun::cost);
  std::vector<double> occupancy, waiting, waiting_days, arrivals, waited, cost;
  for (const auto& run : ensemble.runs) {
    const double days = static_cast<double>(run.occupancy.size());
    double occupied = 0.0, waited_days = 0.0, spent = 0.0;
    for (std::size_t d = 0; d < run.occupancy.size(); ++d) {
      occupied += run.occupancy[d];
      waited_days += run.waiting[d];
      spent += run.cost[d];
    }
    occupancy.push_back(occupied / days);
    waiting.push_back(waited_days / days);
    waiting_days.push_back(waited_days);
    arrivals.push_back(static_cast<double>(run.arrivals));
    waited.push_back(static_cast<double>(run.admissions_waited));
    cost.push_back(spent);
  }
  summary.mean_occupancy = sim::summarise(occupancy);
  summary.mean_waiting = sim::summarise(waiting);
  summary.waiting_days = sim::summarise(waiting_days);
  summary.arrivals = sim::summarise(arrivals);
  summary.admissions_waited = sim::summarise(waited);
  summary.total_cost = sim::summarise(cost);
  return summary;
}

FlowScenarioResult run_flow_scenario(const FlowScenario& scenario, int threads,
                                     const sim::StopFlag* stop) {
  FlowScenarioResult result;
  for (const auto& service : scenario.services) {
    if (stop && stop->load()) throw sim::Interrupted();
    result.ensembles.push_back(run_flow_ensemble(
        service.parameters, scenario.seed, static_cast<std::size_t>(scenario.replications),
        threads));
    result.summaries.push_back(summarise_flow_ensemble(result.ensembles.back()));
    for (const auto& run : result.ensembles.back().runs) result.events += run.events;
  }
  if (stop && stop->load()) throw sim::Interrupted();
  return result;
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
