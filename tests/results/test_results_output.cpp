#include <catch2/catch.hpp>

#include <hdf5.h>
#include <unistd.h>

#include <filesystem>
#include <limits>
#include <string>
#include <vector>

#include "models/age_band_measures.hpp"
#include "models/scenario.hpp"
#include "models/simulation.hpp"
#include "results/checkpoint.hpp"
#include "results/hdf5_results.hpp"
#include "results/json_summary.hpp"
#include "results/summary.hpp"
#include "sim/run_control.hpp"

namespace fs = std::filesystem;
using hcsim::models::Metric;

namespace {

struct TinyRun {
  hcsim::models::Scenario scenario;
  hcsim::models::ExperimentResult result;
};

const TinyRun& tiny_run() {
  static const TinyRun run = [] {
    TinyRun made;
    hcsim::models::ScenarioOverrides overrides;
    overrides.replications = 2;
    made.scenario = hcsim::models::load_scenario(
        std::string(HCSIM_TEST_DATA_DIR) + "/tiny.yaml", overrides);
    made.result = hcsim::models::run_experiment(made.scenario, 2);
    return made;
  }();
  return run;
}

fs::path scratch_dir() {
  const fs::path dir = fs::temp_directory_path() / ("hcsim-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir;
}

}  // namespace

TEST_CASE("the HDF5 file holds the manifest and every measure with its shape",
          "[results][hdf5]") {
  const auto& run = tiny_run();
  const fs::path path = scratch_dir() / "tiny.h5";
  hcsim::results::write_results(path.string(), run.scenario, run.result, "hcsim run tiny",
                                "test");
  REQUIRE(fs::exists(path));
  for (const auto& entry : fs::directory_iterator(path.parent_path())) {
    CHECK(entry.path().filename().string().find(".tmp.") == std::string::npos);
  }

  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  REQUIRE(file >= 0);
  CHECK(H5Lexists(file, "/manifest/scenario_yaml", H5P_DEFAULT) > 0);
  CHECK(H5Lexists(file, "/manifest/default_parameters_yaml", H5P_DEFAULT) > 0);
  CHECK(H5Aexists(file, "seed") > 0);

  const hid_t dataset = H5Dopen2(file, "/measures/emergency_admissions", H5P_DEFAULT);
  REQUIRE(dataset >= 0);
  const hid_t space = H5Dget_space(dataset);
  hsize_t dims[3] = {0, 0, 0};
  REQUIRE(H5Sget_simple_extent_ndims(space) == 3);
  H5Sget_simple_extent_dims(space, dims, nullptr);
  CHECK(dims[0] == 2);  // replications
  CHECK(dims[1] == 2);  // areas
  CHECK(dims[2] == 1);  // years
  std::vector<double> values(4);
  REQUIRE(H5Dread(dataset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) >= 0);
  CHECK(values[0] == run.result.runs[0].value(0, Metric::emergency_admissions, 0));
  CHECK(values[3] == run.result.runs[1].value(1, Metric::emergency_admissions, 0));
  CHECK(H5Aexists(dataset, "units") > 0);
  H5Sclose(space);
  H5Dclose(dataset);
  H5Fclose(file);
  fs::remove_all(path.parent_path());
}

TEST_CASE("the HDF5 file holds the measures by age band", "[results][hdf5][age_bands]") {
  const auto& run = tiny_run();
  const fs::path path = scratch_dir() / "bands.h5";
  hcsim::results::write_results(path.string(), run.scenario, run.result, "hcsim run tiny",
                                "test");
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  REQUIRE(file >= 0);
  CHECK(H5Lexists(file, "/dimensions/age_band", H5P_DEFAULT) > 0);
  for (const Metric metric : hcsim::models::age_band_metrics) {
    const std::string name(hcsim::models::metric_info[hcsim::models::index_of(metric)].name);
    const hid_t dataset = H5Dopen2(file, ("/measures_by_age_band/" + name).c_str(), H5P_DEFAULT);
    REQUIRE(dataset >= 0);
    const hid_t space = H5Dget_space(dataset);
    hsize_t dims[4] = {0, 0, 0, 0};
    REQUIRE(H5Sget_simple_extent_ndims(space) == 4);
    H5Sget_simple_extent_dims(space, dims, nullptr);
    CHECK(dims[0] == 2);  // runs
    CHECK(dims[1] == 2);  // areas
    CHECK(dims[2] == 1);  // years
    CHECK(dims[3] == hcsim::models::age_band_count);
    std::vector<double> values(2 * 2 * hcsim::models::age_band_count);
    REQUIRE(H5Dread(dataset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) >=
            0);
    // Run 1, area 1, band 3 (75-84).
    CHECK(values[(1 * 2 + 1) * hcsim::models::age_band_count + 3] ==
          run.result.runs[1].value_by_age_band(1, 3, metric, 0));
    CHECK(H5Aexists(dataset, "units") > 0);
    CHECK(H5Aexists(dataset, "dimensions") > 0);
    H5Sclose(space);
    H5Dclose(dataset);
  }
  H5Fclose(file);
  fs::remove_all(path.parent_path());
}

TEST_CASE("a checkpointed run keeps its measures by age band", "[results][checkpoint][age_bands]") {
  const auto& run = tiny_run();
  const fs::path out = scratch_dir() / "checkpointed.h5";
  hcsim::results::Checkpoint checkpoint(out.string(), "fingerprint");
  checkpoint.start();
  checkpoint.save(1, run.result.runs[1]);
  const auto finished = checkpoint.resume(2, run.result.areas.size(), run.result.plan.years);
  REQUIRE(finished.size() == 2);
  CHECK_FALSE(finished[0].has_value());
  REQUIRE(finished[1].has_value());
  CHECK(finished[1]->values == run.result.runs[1].values);
  CHECK(finished[1]->values_by_age_band == run.result.runs[1].values_by_age_band);
  checkpoint.remove();
  fs::remove_all(out.parent_path());
}

TEST_CASE("a failed write leaves no file behind", "[results][hdf5]") {
  const auto& run = tiny_run();
  const std::string path = "/nonexistent-dir-for-hcsim/out.h5";
  CHECK_THROWS_AS(hcsim::results::write_results(path, run.scenario, run.result, "", "test"),
                  hcsim::results::OutputError);
  CHECK_FALSE(fs::exists(path));
}

TEST_CASE("the JSON summary has the agreed shape", "[results][json]") {
  const auto& run = tiny_run();
  const std::string json = hcsim::results::json_summary(run.scenario, run.result, 1.5);
  CHECK_THAT(json, Catch::StartsWith("{\"scenario\": \"tiny\", \"replications\": 2, \"seed\": 7, "
                                     "\"metrics\": {"));
  for (const char* metric : {"emergency_admissions", "bed_days", "delayed_discharge_days",
                             "deaths", "cost_total"}) {
    CHECK_THAT(json, Catch::Contains(std::string("\"") + metric + "\": {\"mean\": "));
  }
  CHECK_THAT(json, Catch::Contains("\"ci95\": [") && Catch::Contains("\"events\": ") &&
                       Catch::Contains("\"wall_seconds\": 1.5"));
}

TEST_CASE("JSON strings and numbers are escaped and exact", "[results][json]") {
  CHECK(hcsim::results::json_escape("a\"b\\c\nd\x01") == "a\\\"b\\\\c\\nd\\u0001");
  CHECK(hcsim::results::json_number(0.1) == "0.1");
  CHECK(hcsim::results::json_number(1e300) == "1e+300");
  CHECK(hcsim::results::json_number(std::nan("")) == "null");
}

TEST_CASE("a non-finite measure stops the summary instead of being reported",
          "[results][numerical_guard]") {
  hcsim::models::ExperimentResult result = tiny_run().result;
  result.runs[1].values[0] = std::numeric_limits<double>::infinity();
  CHECK_THROWS_WITH(hcsim::results::summarise_metrics(result),
                    Catch::Contains("emergency_admissions") && Catch::Contains("not a finite"));
  result.runs[1].values[0] = std::nan("");
  CHECK_THROWS_AS(hcsim::results::summarise_metrics(result), hcsim::sim::NumericalError);
}
