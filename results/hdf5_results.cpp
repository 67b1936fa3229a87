#include "results/hdf5_results.hpp"

#include <hdf5.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <vector>

#include "results/summary.hpp"

namespace hcsim::results {
namespace {

// Owns one HDF5 identifier and closes it with the matching function.
class Handle {
 public:
  Handle(hid_t id, herr_t (*close)(hid_t), const std::string& what) : id_(id), close_(close) {
    if (id_ < 0) throw OutputError("HDF5 could not create " + what);
  }
  Handle(Handle&& other) noexcept : id_(other.id_), close_(other.close_) { other.id_ = -1; }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle& operator=(Handle&&) = delete;
  ~Handle() {
    if (id_ >= 0) close_(id_);
  }
  [[nodiscard]] hid_t get() const noexcept { return id_; }

 private:
  hid_t id_;
  herr_t (*close_)(hid_t);
};

void check(herr_t status, const std::string& what) {
  if (status < 0) throw OutputError("HDF5 failed to write " + what);
}

Handle group(hid_t parent, const char* name) {
  return {H5Gcreate2(parent, name, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose, name};
}

Handle string_type() {
  Handle type(H5Tcopy(H5T_C_S1), H5Tclose, "a string type");
  check(H5Tset_size(type.get(), H5T_VARIABLE), "a string type");
  check(H5Tset_cset(type.get(), H5T_CSET_UTF8), "a string type");
  return type;
}

void attribute_text(hid_t object, const char* name, const std::string& value) {
  Handle type = string_type();
  Handle space(H5Screate(H5S_SCALAR), H5Sclose, name);
  Handle attribute(H5Acreate2(object, name, type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
                   H5Aclose, name);
  const char* data = value.c_str();
  check(H5Awrite(attribute.get(), type.get(), &data), name);
}

template <class T>
void attribute_number(hid_t object, const char* name, T value, hid_t type) {
  Handle space(H5Screate(H5S_SCALAR), H5Sclose, name);
  Handle attribute(H5Acreate2(object, name, type, space.get(), H5P_DEFAULT, H5P_DEFAULT),
                   H5Aclose, name);
  check(H5Awrite(attribute.get(), type, &value), name);
}

void dataset_text(hid_t parent, const char* name, const std::string& value) {
  Handle type = string_type();
  Handle space(H5Screate(H5S_SCALAR), H5Sclose, name);
  Handle dataset(H5Dcreate2(parent, name, type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT,
                            H5P_DEFAULT),
                 H5Dclose, name);
  const char* data = value.c_str();
  check(H5Dwrite(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, &data), name);
}

void dataset_texts(hid_t parent, const char* name, const std::vector<std::string>& values) {
  Handle type = string_type();
  const hsize_t size = values.size();
  Handle space(H5Screate_simple(1, &size, nullptr), H5Sclose, name);
  Handle dataset(H5Dcreate2(parent, name, type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT,
                            H5P_DEFAULT),
                 H5Dclose, name);
  std::vector<const char*> pointers;
  for (const auto& value : values) pointers.push_back(value.c_str());
  check(H5Dwrite(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()),
        name);
}

// A numeric dataset of the given shape; returns it open for attributes.
template <class T>
Handle dataset_numbers(hid_t parent, const std::string& name, const std::vector<hsize_t>& shape,
                       const std::vector<T>& values, hid_t memory_type, hid_t file_type) {
  Handle space(H5Screate_simple(static_cast<int>(shape.size()), shape.data(), nullptr), H5Sclose,
               name);
  Handle dataset(H5Dcreate2(parent, name.c_str(), file_type, space.get(), H5P_DEFAULT,
                            H5P_DEFAULT, H5P_DEFAULT),
                 H5Dclose, name);
  check(H5Dwrite(dataset.get(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), name);
  return dataset;
}

void write_file(hid_t file, const models::Scenario& scenario,
                const models::ExperimentResult& result, const std::string& command_line,
                const std::string& hcsim_version) {
  attribute_text(file, "format", "hcsim-results");
  attribute_number(file, "format_version", results_format_version, H5T_NATIVE_INT);
  attribute_text(file, "hcsim_version", hcsim_version);
  attribute_text(file, "scenario", scenario.name);
  attribute_number(file, "seed", scenario.seed, H5T_NATIVE_UINT64);
  attribute_number(file, "replications", scenario.replications, H5T_NATIVE_INT64);
  attribute_number(file, "horizon_years", scenario.horizon_years, H5T_NATIVE_DOUBLE);
  attribute_number(file, "warmup_days", scenario.warmup_days, H5T_NATIVE_DOUBLE);
  attribute_number(file, "population_scale", scenario.population_scale, H5T_NATIVE_DOUBLE);

  {
    Handle manifest = group(file, "manifest");
    dataset_text(manifest.get(), "scenario_yaml", scenario.resolved_yaml);
    dataset_text(manifest.get(), "default_parameters_yaml",
                 std::string(models::default_parameters_text()));
    dataset_text(manifest.get(), "command_line", command_line);
  }

  const std::size_t replications = result.replications.size();
  const std::size_t areas = result.areas.size();
  const std::size_t years = result.plan.years;
  {
    Handle dimensions = group(file, "dimensions");
    std::vector<std::int64_t> replication_index(replications);
    for (std::size_t r = 0; r < replications; ++r) replication_index[r] = static_cast<std::int64_t>(r);
    dataset_numbers(dimensions.get(), "replication", {replications}, replication_index,
                    H5T_NATIVE_INT64, H5T_STD_I64LE);
    std::vector<std::string> area_names;
    for (const auto& area : result.areas) area_names.push_back(area.name);
    dataset_texts(dimensions.get(), "area", area_names);
    std::vector<std::int64_t> year_index(years);
    for (std::size_t y = 0; y < years; ++y) year_index[y] = static_cast<std::int64_t>(y + 1);
    Handle year = dataset_numbers(dimensions.get(), "year", {years}, year_index, H5T_NATIVE_INT64,
                                  H5T_STD_I64LE);
    attribute_text(year.get(), "description",
                   "reporting year after warm-up; year k covers days [warmup + 365.25 (k - 1), "
                   "warmup + 365.25 k)");
    std::vector<std::string> metric_names;
    for (const auto& info : models::metric_info) metric_names.emplace_back(info.name);
    dataset_texts(dimensions.get(), "metric", metric_names);
  }
  {
    Handle area_group = group(file, "areas");
    std::vector<std::int64_t> people, beds, places;
    for (const auto& area : result.areas) {
      people.push_back(area.people);
      beds.push_back(area.hospital_beds);
      places.push_back(area.care_home_places);
    }
    for (auto [name, values] : {std::pair{"people", &people}, std::pair{"hospital_beds", &beds},
                                std::pair{"care_home_places", &places}}) {
      Handle dataset = dataset_numbers(area_group.get(), name, {areas}, *values,
                                       H5T_NATIVE_INT64, H5T_STD_I64LE);
      attribute_text(dataset.get(), "description", "simulated (scaled) count per area");
    }
  }
  {
    Handle measures = group(file, "measures");
    for (std::size_t m = 0; m < models::metric_count; ++m) {
      const auto metric = static_cast<models::Metric>(m);
      std::vector<double> values;
      values.reserve(replications * areas * years);
      for (const auto& run : result.replications) {
        for (std::size_t a = 0; a < areas; ++a) {
          for (std::size_t y = 0; y < years; ++y) values.push_back(run.value(a, metric, y));
        }
      }
      const auto& info = models::metric_info[m];
      Handle dataset = dataset_numbers(measures.get(), std::string(info.name),
                                       {replications, areas, years}, values, H5T_NATIVE_DOUBLE,
                                       H5T_IEEE_F64LE);
      attribute_text(dataset.get(), "units", std::string(info.unit));
      attribute_text(dataset.get(), "description", std::string(info.description));
      attribute_text(dataset.get(), "dimensions", "replication,area,year");
    }
  }
  {
    Handle summary = group(file, "summary");
    std::vector<std::string> names;
    std::vector<double> mean, sd, low, high;
    const double nan = std::nan("");
    for (const auto& [metric, stats] : summarise_metrics(result)) {
      names.emplace_back(models::metric_info[models::index_of(metric)].name);
      mean.push_back(stats.mean);
      sd.push_back(stats.count > 1 ? stats.standard_deviation : nan);
      low.push_back(stats.ci95_low.value_or(nan));
      high.push_back(stats.ci95_high.value_or(nan));
    }
    dataset_texts(summary.get(), "metric", names);
    for (auto [name, values] : {std::pair{"mean", &mean}, std::pair{"sd", &sd},
                                std::pair{"ci95_low", &low}, std::pair{"ci95_high", &high}}) {
      Handle dataset = dataset_numbers(summary.get(), name, {names.size()}, *values,
                                       H5T_NATIVE_DOUBLE, H5T_IEEE_F64LE);
      attribute_text(dataset.get(), "description",
                     "over replications, of each metric's total over areas and measured years; "
                     "Student t 95% interval; NaN with one replication");
    }
  }
  {
    Handle runs = group(file, "runs");
    std::vector<std::uint64_t> events;
    for (const auto& run : result.replications) events.push_back(run.events);
    dataset_numbers(runs.get(), "events", {replications}, events, H5T_NATIVE_UINT64,
                    H5T_STD_U64LE);
  }
}

}  // namespace

void write_results(const std::string& path, const models::Scenario& scenario,
                   const models::ExperimentResult& result, const std::string& command_line,
                   const std::string& hcsim_version) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  fs::path temporary = target;
  temporary += ".tmp." + std::to_string(::getpid());
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);  // errors become OutputError, not stderr noise
  try {
    {
      Handle file(H5Fcreate(temporary.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose,
                  "the output file " + temporary.string() + " (is the directory writable?)");
      write_file(file.get(), scenario, result, command_line, hcsim_version);
      check(H5Fflush(file.get(), H5F_SCOPE_GLOBAL), "the output file");
    }
    std::error_code error;
    fs::rename(temporary, target, error);
    if (error) {
      throw OutputError("cannot move " + temporary.string() + " to " + target.string() + ": " +
                        error.message());
    }
  } catch (...) {
    std::error_code ignored;
    fs::remove(temporary, ignored);
    throw;
  }
}

}  // namespace hcsim::results
