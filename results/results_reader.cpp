#include "results/results_reader.hpp"

#include <hdf5.h>

#include <filesystem>

#include "models/input_error.hpp"
#include "results/hdf5_results.hpp"

namespace hcsim::results {
namespace {

[[noreturn]] void bad_file(const std::string& path, const std::string& message) {
  throw models::InputError(models::Diagnostic{path, 0, 0, "", message});
}

// Closes an HDF5 identifier on scope exit.
struct Closer {
  hid_t id;
  herr_t (*close)(hid_t);
  ~Closer() {
    if (id >= 0) close(id);
  }
};

std::string read_text_attribute(hid_t object, const char* name, const std::string& path) {
  if (H5Aexists(object, name) <= 0) bad_file(path, std::string("has no '") + name + "' attribute");
  const hid_t attribute = H5Aopen(object, name, H5P_DEFAULT);
  Closer attribute_closer{attribute, H5Aclose};
  const hid_t type = H5Tcopy(H5T_C_S1);
  Closer type_closer{type, H5Tclose};
  H5Tset_size(type, H5T_VARIABLE);
  H5Tset_cset(type, H5T_CSET_UTF8);
  char* value = nullptr;
  if (H5Aread(attribute, type, &value) < 0 || value == nullptr) {
    bad_file(path, std::string("cannot read the '") + name + "' attribute as text");
  }
  std::string text(value);
  H5free_memory(value);
  return text;
}

template <class T>
T read_number_attribute(hid_t object, const char* name, hid_t type, const std::string& path) {
  if (H5Aexists(object, name) <= 0) bad_file(path, std::string("has no '") + name + "' attribute");
  const hid_t attribute = H5Aopen(object, name, H5P_DEFAULT);
  Closer closer{attribute, H5Aclose};
  T value{};
  if (H5Aread(attribute, type, &value) < 0) {
    bad_file(path, std::string("cannot read the '") + name + "' attribute");
  }
  return value;
}

std::vector<std::string> read_texts(hid_t file, const char* dataset_path, const std::string& path) {
  const hid_t dataset = H5Dopen2(file, dataset_path, H5P_DEFAULT);
  if (dataset < 0) bad_file(path, std::string("has no ") + dataset_path);
  Closer dataset_closer{dataset, H5Dclose};
  const hid_t space = H5Dget_space(dataset);
  Closer space_closer{space, H5Sclose};
  const auto count = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space));
  const hid_t type = H5Tcopy(H5T_C_S1);
  Closer type_closer{type, H5Tclose};
  H5Tset_size(type, H5T_VARIABLE);
  H5Tset_cset(type, H5T_CSET_UTF8);
  std::vector<char*> values(count, nullptr);
  if (H5Dread(dataset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) < 0) {
    bad_file(path, std::string("cannot read ") + dataset_path);
  }
  std::vector<std::string> texts;
  for (char* value : values) {
    texts.emplace_back(value ? value : "");
    H5free_memory(value);
  }
  return texts;
}

}  // namespace

const StoredMetric* StoredResults::find(const std::string& name) const {
  for (const auto& metric : metrics) {
    if (metric.name == name) return &metric;
  }
  return nullptr;
}

StoredResults read_results(const std::string& path) {
  if (!std::filesystem::exists(path)) bad_file(path, "no such results file");
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  if (H5Fis_hdf5(path.c_str()) <= 0) bad_file(path, "is not an HDF5 file");
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (file < 0) bad_file(path, "cannot be opened as HDF5");
  Closer file_closer{file, H5Fclose};

  if (read_text_attribute(file, "format", path) != "hcsim-results") {
    bad_file(path, "is not an hcsim results file (format attribute)");
  }
  const int version = read_number_attribute<int>(file, "format_version", H5T_NATIVE_INT, path);
  if (version != results_format_version) {
    bad_file(path, "has results format version " + std::to_string(version) + "; this hcsim reads " +
                       std::to_string(results_format_version));
  }
  StoredResults stored;
  stored.path = path;
  stored.scenario = read_text_attribute(file, "scenario", path);
  stored.hcsim_version = read_text_attribute(file, "hcsim_version", path);
  stored.seed = read_number_attribute<std::uint64_t>(file, "seed", H5T_NATIVE_UINT64, path);
  stored.replications =
      read_number_attribute<std::int64_t>(file, "replications", H5T_NATIVE_INT64, path);

  for (const auto& name : read_texts(file, "/dimensions/metric", path)) {
    const std::string dataset_path = "/measures/" + name;
    const hid_t dataset = H5Dopen2(file, dataset_path.c_str(), H5P_DEFAULT);
    if (dataset < 0) bad_file(path, "has no " + dataset_path);
    Closer dataset_closer{dataset, H5Dclose};
    const hid_t space = H5Dget_space(dataset);
    Closer space_closer{space, H5Sclose};
    hsize_t dims[3] = {0, 0, 0};
    if (H5Sget_simple_extent_ndims(space) != 3) bad_file(path, dataset_path + " is not 3-dimensional");
    H5Sget_simple_extent_dims(space, dims, nullptr);
    std::vector<double> values(dims[0] * dims[1] * dims[2]);
    if (H5Dread(dataset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) < 0) {
      bad_file(path, "cannot read " + dataset_path);
    }
    StoredMetric metric;
    metric.name = name;
    metric.units = read_text_attribute(dataset, "units", path);
    const std::size_t per_replication = dims[1] * dims[2];
    for (hsize_t r = 0; r < dims[0]; ++r) {
      double total = 0.0;
      for (std::size_t i = 0; i < per_replication; ++i) total += values[r * per_replication + i];
      metric.totals.push_back(total);
    }
    stored.metrics.push_back(std::move(metric));
  }
  return stored;
}

}  // namespace hcsim::results
