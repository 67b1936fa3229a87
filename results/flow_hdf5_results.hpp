#pragma once
// Writes a flow-only scenario's results (models/flow_scenario.hpp) to an HDF5
// file that h5py, pandas and R's hdf5r read without custom code. S services,
// D days, R replications; the layout is documented in docs/results-format.md:
//
//   /                    attributes: format = "hcsim-flow-results",
//                        format_version, hcsim_version, scenario, mode, seed,
//                        replications, days
//   /manifest/scenario_yaml, /manifest/command_line
//   /dimensions/service [S], /dimensions/day [D], /dimensions/replication [R]
//   /services/capacity [S, D], /services/arrival_rate [S, D], ...
//   /runs/occupancy, /runs/waiting, /runs/cost  [R, S, D]
//   /summary/<measure>_mean, _q05, _q50, _q95  [S, D]
//   /summary/totals_* [S, K]
//
// Written atomically, as the population results are (write_hdf5_atomically).
#include <cstdint>
#include <string>

#include "models/flow_ensemble.hpp"
#include "models/flow_scenario.hpp"

namespace hcsim::results {

inline constexpr int flow_results_format_version = 1;

void write_flow_results(const std::string& path, const models::FlowScenario& scenario,
                        const models::FlowScenarioResult& result, const std::string& command_line,
                        const std::string& hcsim_version);

// About how many bytes write_flow_results writes (the per-run daily series).
[[nodiscard]] std::uint64_t estimated_flow_output_bytes(const models::FlowScenario& scenario);

}  // namespace hcsim::results
