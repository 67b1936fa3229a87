#include "results/results_reader.hpp"

#include "models/input_error.hpp"
#include "results/hdf5_io.hpp"
#include "results/hdf5_results.hpp"

namespace hcsim::results {
namespace {

[[noreturn]] void bad_file(const std::string& path, const std::string& message) {
  throw models::InputError(models::Diagnostic{path, 0, 0, "", message});
}

}  // namespace

const StoredMetric* StoredResults::find(const std::string& name) const {
  for (const auto& metric : metrics) {
    if (metric.name == name) return &metric;
  }
  return nullptr;
}

std::vector<double> StoredResults::totals_of(const StoredMetric& metric,
                                             std::int64_t point) const {
  std::vector<double> selected;
  for (std::size_t run = 0; run < metric.totals.size() && run < run_point.size(); ++run) {
    if (run_point[run] == point) selected.push_back(metric.totals[run]);
  }
  return selected;
}

StoredResults read_results(const std::string& path) {
  const Handle file = open_for_reading(path);
  const hid_t id = file.get();
  if (read_text_attribute(id, "format", path) != "hcsim-results") {
    bad_file(path, "is not an hcsim results file (format attribute)");
  }
  const std::int64_t version = read_int64_attribute(id, "format_version", path);
  if (version < 1 || version > results_format_version) {
    bad_file(path, "has results format version " + std::to_string(version) +
                       "; this hcsim reads 1 to " + std::to_string(results_format_version));
  }
  StoredResults stored;
  stored.path = path;
  stored.scenario = read_text_attribute(id, "scenario", path);
  stored.hcsim_version = read_text_attribute(id, "hcsim_version", path);
  stored.seed = read_uint64_attribute(id, "seed", path);
  stored.replications = read_int64_attribute(id, "replications", path);
  if (version >= 2) {
    stored.points = read_int64_attribute(id, "points", path);
    stored.point_labels = read_texts(id, "/points/label", path);
    stored.run_point = read_int64s(id, "/runs/point", path);
  } else {
    stored.point_labels = {""};
    stored.run_point.assign(static_cast<std::size_t>(stored.replications), 0);
  }

  for (const auto& name : read_texts(id, "/dimensions/metric", path)) {
    const std::string dataset_path = "/measures/" + name;
    std::vector<hsize_t> shape;
    const std::vector<double> values = read_doubles(id, dataset_path, shape, path);
    if (shape.size() != 3) bad_file(path, dataset_path + " is not 3-dimensional");
    if (shape[0] != stored.run_point.size()) {
      bad_file(path, dataset_path + " has " + std::to_string(shape[0]) + " runs, /runs/point " +
                         std::to_string(stored.run_point.size()));
    }
    StoredMetric metric;
    metric.name = name;
    {
      Handle dataset(H5Dopen2(id, dataset_path.c_str(), H5P_DEFAULT), H5Dclose, dataset_path);
      metric.units = read_text_attribute(dataset.get(), "units", path);
    }
    const std::size_t per_run = shape[1] * shape[2];
    for (hsize_t run = 0; run < shape[0]; ++run) {
      double total = 0.0;
      for (std::size_t i = 0; i < per_run; ++i) total += values[run * per_run + i];
      metric.totals.push_back(total);
    }
    stored.metrics.push_back(std::move(metric));
  }
  return stored;
}

}  // namespace hcsim::results
