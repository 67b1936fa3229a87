#pragma once
// Writes an experiment to an HDF5 file that h5py, pandas and R's hdf5r read
// without custom code. The layout is documented in docs/results-format.md:
//
//   /                      attributes: format, format_version, hcsim_version,
//                          scenario, seed, replications, horizon_years, warmup_days,
//                          population_scale
//   /manifest/scenario_yaml, /manifest/default_parameters_yaml, /manifest/command_line
//   /dimensions/replication [R], /dimensions/area [A], /dimensions/year [Y],
//   /dimensions/metric [M]
//   /areas/people, /areas/hospital_beds, /areas/care_home_places  [A]
//   /measures/<metric>     float64 [R, A, Y], attributes units, description, dimensions
//   /summary/metric, /summary/mean, /summary/sd, /summary/ci95_low, /summary/ci95_high [M]
//   /runs/events           uint64 [R]
//
// The file is written under a temporary name beside the target and renamed
// into place only when complete, so a reader never sees a partial file.
#include <stdexcept>
#include <string>

#include "models/scenario.hpp"
#include "models/simulation.hpp"

namespace hcsim::results {

class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline constexpr int results_format_version = 1;

void write_results(const std::string& path, const models::Scenario& scenario,
                   const models::ExperimentResult& result, const std::string& command_line,
                   const std::string& hcsim_version);

}  // namespace hcsim::results
