#pragma once
// Independent replications of a flow-only service (models/flow_service.hpp)
// and their daily means. Replication r draws from RandomStreams(seed, r), so
// the ensemble is the same bits on any number of threads.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "models/flow_service.hpp"

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

// The q-quantile (0 <= q <= 1) of `values` by linear interpolation between
// order statistics (R's default, type 7, as IPACS reports its bands).
[[nodiscard]] double quantile_type7(std::vector<double> values, double q);

}  // namespace hcsim::models
