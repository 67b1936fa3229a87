#pragma once
// Reads back what hdf5_results writes: enough of a results file to compare
// scenarios and plan replications. Invalid or missing files are input errors
// naming the file.
#include <cstdint>
#include <string>
#include <vector>

namespace hcsim::results {

struct StoredMetric {
  std::string name;
  std::string units;
  std::vector<double> totals;  // per replication, summed over areas and years
};

struct StoredResults {
  std::string path;
  std::string scenario;
  std::string hcsim_version;
  std::uint64_t seed = 0;
  std::int64_t replications = 0;
  std::vector<StoredMetric> metrics;  // in file order

  [[nodiscard]] const StoredMetric* find(const std::string& name) const;
};

[[nodiscard]] StoredResults read_results(const std::string& path);

}  // namespace hcsim::results
