#pragma once
// Independent replications of a flow-only service (models/flow_service.hpp),
// their daily statistics, and a whole flow-only scenario's services run in
// turn. Replication r draws from RandomStreams(seed, r), so the ensemble is
// the same bits on any number of threads.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "models/flow_scenario.hpp"
#include "models/flow_service.hpp"
#include "sim/run_control.hpp"
#include "sim/statistics.hpp"

namespace hcsim::models {

struct FlowEnsemble {
  std::vector<FlowServiceRun> runs;  // in replication order
  // Per day, the mean over replications.
  std::vector<double> mean_occupancy;
  std::vector<double> mean_waiting;
  std::vector<double> mean_cost;
};

// Runs `replications` replications on `threads` threads (0: all).
// Throws std::invalid_argument for parameters check_flow_parameters refuses.
[[nodiscard]] FlowEnsemble run_flow_ensemble(const FlowServiceParameters& parameters,
                                             std::uint64_t seed, std::size_t replications,
                                             int threads);

// One daily measure across replications: per day, its mean and its 5%, 50%
// and 95% quantiles (type 7) over the replications' values of that day.
struct DailyBand {
  std::vector<double> mean;
  std::vector<double> q05;
  std::vector<double> q50;
  std::vector<double> q95;
};

// What a flow-only run reports for one service.
struct FlowServiceSummary {
  DailyBand occupancy;  // beds occupied
  DailyBand waiting;    // patients waiting (delayed discharges)
  DailyBand cost;
  // Totals over the horizon per replication, then their mean and Student t
  // 95% interval across replications.
  sim::Summary mean_occupancy;     // beds, averaged over days
  sim::Summary mean_waiting;       // patients, averaged over days
  sim::Summary waiting_days;       // patient-days waiting (delayed discharge days)
  sim::Summary arrivals;
  sim::Summary admissions_waited;  // admissions that came from the queue
  sim::Summary total_cost;
};

[[nodiscard]] DailyBand daily_band(const FlowEnsemble& ensemble,
                                   std::vector<double> FlowServiceRun::*measure);
[[nodiscard]] FlowServiceSummary summarise_flow_ensemble(const FlowEnsemble& ensemble);

// Every service of a scenario, in order.
struct FlowScenarioResult {
  std::vector<FlowEnsemble> ensembles;
  std::vector<FlowServiceSummary> summaries;
  std::uint64_t events = 0;
};

// Runs each service over the scenario's replications on `threads` threads.
// With `stop`, checks it between services and throws sim::Interrupted once
// it is set.
[[nodiscard]] FlowScenarioResult run_flow_scenario(const FlowScenario& scenario, int threads,
                                                   const sim::StopFlag* stop = nullptr);

// The q-quantile (0 <= q <= 1) of `values` by linear interpolation between
// order statistics (R's default, type 7, as IPACS reports its bands).
[[nodiscard]] double quantile_type7(std::vector<double> values, double q);

}  // namespace hcsim::models
