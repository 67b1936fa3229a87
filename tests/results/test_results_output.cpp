#include <catch2/catch.hpp>

#include <fcntl.h>
#include <hdf5.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include "models/age_band_measures.hpp"
#include "models/input_error.hpp"
#include "models/scenario.hpp"
#include "models/simulation.hpp"
#include "results/checkpoint.hpp"
#include "results/hdf5_io.hpp"
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

std::string first_line(const fs::path& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

// Makes every later write to an open HDF5 file fail, as a full disk would:
// its descriptor now reads `read_only`, opened for reading only.
void make_writes_fail(hid_t file, const fs::path& read_only) {
  void* handle = nullptr;
  REQUIRE(H5Fget_vfd_handle(file, H5P_DEFAULT, &handle) >= 0);
  const int descriptor = *static_cast<int*>(handle);
  std::ofstream(read_only) << "x";
  const int reader = ::open(read_only.c_str(), O_RDONLY | O_CLOEXEC);
  REQUIRE(reader >= 0);
  REQUIRE(::dup2(reader, descriptor) == descriptor);
  ::close(reader);
}

// A checkpoint folder removed whatever the test's outcome.
struct CheckpointFolder {
  fs::path out = scratch_dir() / "resumed.h5";
  hcsim::results::Checkpoint checkpoint{out.string(), "fingerprint"};
  CheckpointFolder() { checkpoint.start(); }
  ~CheckpointFolder() {
    checkpoint.remove();
    std::error_code ignored;
    fs::remove_all(out.parent_path(), ignored);
  }
  [[nodiscard]] fs::path run_file(int run) const {
    return fs::path(checkpoint.directory()) / ("run-" + std::to_string(run) + ".h5");
  }
};

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
  const auto plan = hcsim::models::single_point_plan(run.scenario);
  REQUIRE(plan.run_count() == 2);
  const auto finished = checkpoint.resume(plan, run.result.areas.size(), run.result.plan.years);
  REQUIRE(finished.size() == 2);
  CHECK_FALSE(finished[0].has_value());
  REQUIRE(finished[1].has_value());
  CHECK(finished[1]->values == run.result.runs[1].values);
  CHECK(finished[1]->values_by_age_band == run.result.runs[1].values_by_age_band);
  checkpoint.remove();
  fs::remove_all(out.parent_path());
}

TEST_CASE("a checkpoint folder appears with its plan, and one without a plan is refused",
          "[results][checkpoint]") {
  const auto& run = tiny_run();
  const fs::path folder = scratch_dir() / "checkpoint-start";  // this test's alone
  fs::create_directories(folder);
  const fs::path out = folder / "started.h5";
  hcsim::results::Checkpoint checkpoint(out.string(), "fingerprint");
  checkpoint.start();
  // Only the folder, whole: no temporary folder is left beside it.
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(out.parent_path())) {
    names.push_back(entry.path().filename().string());
  }
  CHECK(names == std::vector<std::string>{"started.h5.runs"});
  CHECK(fs::exists(fs::path(checkpoint.directory()) / "plan.txt"));
  CHECK_THROWS_AS(checkpoint.start(), hcsim::models::InputError);  // not overwritten

  // A folder without its plan (an earlier hcsim killed as it started) is
  // refused with a message that names what is missing and what to do.
  fs::remove(fs::path(checkpoint.directory()) / "plan.txt");
  const auto plan = hcsim::models::single_point_plan(run.scenario);
  try {
    (void)checkpoint.resume(plan, run.result.areas.size(), run.result.plan.years);
    FAIL("a folder without plan.txt was resumed");
  } catch (const hcsim::models::InputError& error) {
    REQUIRE_FALSE(error.diagnostics().empty());
    const std::string message = error.diagnostics().front().message;
    CHECK_THAT(message, Catch::Contains("holds no plan.txt") &&
                            Catch::Contains("remove the folder to start over"));
  }
  fs::remove_all(folder);
}

TEST_CASE("a failed write leaves no file behind", "[results][hdf5]") {
  const auto& run = tiny_run();
  const std::string path = "/nonexistent-dir-for-hcsim/out.h5";
  CHECK_THROWS_AS(hcsim::results::write_results(path, run.scenario, run.result, "", "test"),
                  hcsim::results::OutputError);
  CHECK_FALSE(fs::exists(path));
}

TEST_CASE("a write that fails part-way (a full disk) leaves HDF5 sound and the target as it was",
          "[results][hdf5][disk_full]") {
  const fs::path dir = scratch_dir();
  const fs::path target = dir / "kept.h5";
  std::ofstream(target) << "an earlier complete file";
  const ssize_t open_before = H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL);
  try {
    hcsim::results::write_hdf5_atomically(target.string(), [&](hid_t file) {
      hcsim::results::write_text_attribute(file, "format", "test");
      make_writes_fail(file, dir / "read-only");
      const std::vector<double> values(100000, 1.0);  // beyond HDF5's buffers: written at once
      for (int i = 0; i < 20; ++i) {
        hcsim::results::write_doubles(file, "values_" + std::to_string(i), {values.size()},
                                      values);
      }
    });
    FAIL("the write succeeded");
  } catch (const hcsim::results::OutputError& error) {
    // The target, the system's reason, what failed.
    CHECK_THAT(error.what(),
               Catch::StartsWith("cannot write " + target.string() + ": Bad file descriptor (") &&
                   Catch::Contains("values_0") && Catch::EndsWith("nothing was written there"));
  }
  // Nothing of the failed file is left open: HDF5 1.10 keeps a file whose
  // close failed, half freed, and crashes on it at exit.
  CHECK(H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL) == open_before);
  CHECK(first_line(target) == "an earlier complete file");
  for (const auto& entry : fs::directory_iterator(dir)) {
    CHECK(entry.path().filename().string().find(".tmp.") == std::string::npos);
  }
  // The library writes the next file as usual.
  const auto& run = tiny_run();
  hcsim::results::write_results(target.string(), run.scenario, run.result, "", "test");
  const hid_t file = H5Fopen(target.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  REQUIRE(file >= 0);
  CHECK(H5Lexists(file, "/measures/emergency_admissions", H5P_DEFAULT) > 0);
  H5Fclose(file);
  fs::remove_all(dir);
}

TEST_CASE("a saved run is used only when it is whole and the run its name says",
          "[results][checkpoint]") {
  const auto& run = tiny_run();
  const std::size_t areas = run.result.areas.size();
  const std::size_t years = run.result.plan.years;
  REQUIRE(run.result.runs[1].replication == 1);
  const auto plan = hcsim::models::single_point_plan(run.scenario);
  REQUIRE(plan.run_count() == 2);
  CheckpointFolder folder;
  folder.checkpoint.save(0, run.result.runs[0]);
  folder.checkpoint.save(1, run.result.runs[1]);

  SECTION("both as saved") {
    const auto finished = folder.checkpoint.resume(plan, areas, years);
    REQUIRE(finished[1].has_value());
    CHECK(finished[1]->values == run.result.runs[1].values);
    CHECK(folder.checkpoint.redone().empty());
  }
  SECTION("a run's file copied over another's is not taken for it") {
    fs::copy_file(folder.run_file(0), folder.run_file(1), fs::copy_options::overwrite_existing);
    const auto finished = folder.checkpoint.resume(plan, areas, years);
    REQUIRE(finished[0].has_value());
    CHECK(finished[0]->values == run.result.runs[0].values);
    CHECK_FALSE(finished[1].has_value());  // done again
    REQUIRE(folder.checkpoint.redone().size() == 1);
    CHECK_THAT(folder.checkpoint.redone()[0],
               Catch::StartsWith(folder.run_file(1).string()) &&
                   Catch::Contains("holds run 0, not run 1 as its name says") &&
                   Catch::EndsWith("run 1 is done again"));
  }
  SECTION("a truncated file is done again, not refused") {
    fs::resize_file(folder.run_file(1), 1000);
    const auto finished = folder.checkpoint.resume(plan, areas, years);
    CHECK(finished[0].has_value());
    CHECK_FALSE(finished[1].has_value());
    REQUIRE(folder.checkpoint.redone().size() == 1);
    CHECK_THAT(folder.checkpoint.redone()[0], Catch::StartsWith(folder.run_file(1).string()));
  }
  SECTION("point and replication are checked against the plan") {
    auto mislabelled = run.result.runs[1];
    mislabelled.replication = 0;
    folder.checkpoint.save(1, mislabelled);
    const auto finished = folder.checkpoint.resume(plan, areas, years);
    CHECK(finished[0].has_value());
    CHECK_FALSE(finished[1].has_value());
    REQUIRE(folder.checkpoint.redone().size() == 1);
    CHECK_THAT(folder.checkpoint.redone()[0],
               Catch::Contains("holds point 0, replication 0; run 1 of the plan is point 0, "
                               "replication 1"));
  }
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
