#pragma once
// Reads back what hdf5_results writes: enough of a results file to compare
// scenarios and sweep points and to plan replications. Invalid or missing
// files are input errors naming the file.
#include <cstdint>
#include <string>
#include <vector>

namespace hcsim::results {

struct StoredMetric {
  std::string name;
  std::string units;
  // Per run: totalled over areas and years as the run summary totals it (a
  // sum, a ratio of sums, a life table, ...); an intervention return is one
  // value a run already.
  std::vector<double> totals;
};

struct StoredResults {
  std::string path;
  std::string scenario;
  std::string hcsim_version;
  std::uint64_t seed = 0;
  std::int64_t replications = 0;
  std::int64_t points = 1;
  std::vector<std::string> point_labels;  // "" without a sweep
  std::vector<std::int64_t> run_point;    // per run
  std::vector<StoredMetric> metrics;      // in file order

  [[nodiscard]] const StoredMetric* find(const std::string& name) const;
  // The totals of `metric` for the runs of sweep point `point`, in
  // replication order.
  [[nodiscard]] std::vector<double> totals_of(const StoredMetric& metric,
                                              std::int64_t point) const;
};

[[nodiscard]] StoredResults read_results(const std::string& path);

}  // namespace hcsim::results
