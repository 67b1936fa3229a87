#pragma once
// Writes a plan's results to an HDF5 file that h5py, pandas and R's hdf5r read
// without custom code. The layout (format_version 2) is documented in
// docs/results-format.md:
//
//   /                      attributes: format, format_version, hcsim_version,
//                          scenario, seed, replications, points, horizon_years,
//                          warmup_days, population_scale, plan_fingerprint
//   /manifest/scenario_yaml, /manifest/default_parameters_yaml, /manifest/command_line
//   /dimensions/replication [R], /dimensions/point [P], /dimensions/area [A],
//   /dimensions/year [Y], /dimensions/metric [M]
//   /points/label [P], /points/scenario_yaml [P], /points/keys [K], /points/values [P, K]
//   /areas/people, /areas/hospital_beds, /areas/care_home_places  [A]
//   /runs/point, /runs/replication, /runs/events  [N = P x R]
//   /measures/<metric>     float64 [N, A, Y], attributes units, description, dimensions
//   /summary/point, /summary/metric, /summary/mean, /summary/sd,
//   /summary/ci95_low, /summary/ci95_high   [P x M]
//
// Without a sweep P = 1, so the measures are [R, A, Y] and the summary has one
// row per metric. The file is written under a temporary name beside the
// target and renamed into place only when complete.
#include <functional>
#include <string>

#include "models/run_plan.hpp"
#include "models/simulation.hpp"
#include "results/hdf5_io.hpp"

namespace hcsim::results {

inline constexpr int results_format_version = 2;

void write_results(const std::string& path, const models::RunPlan& plan,
                   const models::ExperimentResult& result, const std::string& command_line,
                   const std::string& hcsim_version);

// A single scenario without a sweep.
void write_results(const std::string& path, const models::Scenario& scenario,
                   const models::ExperimentResult& result, const std::string& command_line,
                   const std::string& hcsim_version);

// The name a file or folder is built under before it is renamed to `path`:
// PATH.tmp.<pid>, beside it on the same file system, so the rename is atomic.
[[nodiscard]] std::string temporary_name_for(const std::string& path);

// Writes `write(file)` into a new HDF5 file at `path` atomically: a temporary
// name beside it, written, synced to the disk, then renamed; on any failure
// (the disk full, say) the temporary is removed, `path` is untouched, and
// OutputError says "cannot write <path>: <cause> (<what failed>); nothing was
// written there".
void write_hdf5_atomically(const std::string& path, const std::function<void(hid_t)>& write);

}  // namespace hcsim::results
