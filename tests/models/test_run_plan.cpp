#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include <unistd.h>

#include "models/input_error.hpp"
#include "models/run_plan.hpp"
#include "models/simulation.hpp"

using hcsim::models::InputError;
using hcsim::models::load_run_plan;

namespace {

std::string data(const std::string& name) { return std::string(HCSIM_TEST_DATA_DIR) + "/" + name; }

// A plan file of this process's own, removed after use: CTest runs test
// cases as separate processes side by side, and a shared name let one read
// another's plan.
struct PlanFile {
  explicit PlanFile(const std::string& text)
      : path(std::filesystem::temp_directory_path() /
             ("hcsim-plan-test-" + std::to_string(::getpid()) + ".yaml")) {
    std::ofstream out(path);
    out << text;
  }
  PlanFile(const PlanFile&) = delete;
  PlanFile& operator=(const PlanFile&) = delete;
  ~PlanFile() {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
  }
  std::filesystem::path path;
};

std::string plan_errors(const std::string& text) {
  const PlanFile file(text);
  try {
    (void)load_run_plan(file.path.string(), {});
  } catch (const InputError& error) {
    return error.what();
  }
  FAIL("the plan was accepted");
  return "";
}

const std::string base = R"(name: t
seed: 3
replications: 2
population_scale: 0.01
areas:
  - name: A
    population: 2000000
)";

}  // namespace

TEST_CASE("a grid sweep has every combination, last key fastest", "[run_plan][sweep]") {
  const auto plan = load_run_plan(data("sweep_grid.yaml"), {});
  REQUIRE(plan.points.size() == 4);
  CHECK(plan.sweep_method == "grid");
  CHECK(plan.run_count() == 12);
  CHECK(plan.points[0].label ==
        "parameters.hospital.beds_per_1000=1.6, areas.Southville.care_home_places=2000");
  CHECK(plan.points[1].label ==
        "parameters.hospital.beds_per_1000=1.6, areas.Southville.care_home_places=3000");
  CHECK(plan.points[3].scenario.areas[0].parameters.hospital.beds_per_1000 == 2.2);
  CHECK(*plan.points[3].scenario.areas[1].care_home_places == 3000.0);
  CHECK(plan.points[2].values == std::vector<double>{2.2, 2000.0});
  // Every point keeps the seed: comparisons across points use common random numbers.
  for (const auto& point : plan.points) CHECK(point.scenario.seed == plan.seed);
}

TEST_CASE("a Latin hypercube puts one point in every stratum of every range", "[run_plan][sweep]") {
  const auto plan = load_run_plan(data("sweep_lhs.yaml"), {});
  REQUIRE(plan.points.size() == 5);
  for (std::size_t k = 0; k < 2; ++k) {
    const double low = k == 0 ? 1.5 : 0.2;
    const double high = k == 0 ? 2.5 : 0.4;
    std::set<int> strata;
    for (const auto& point : plan.points) {
      const double unit = (point.values[k] - low) / (high - low);
      REQUIRE(unit >= 0.0);
      REQUIRE(unit < 1.0);
      strata.insert(static_cast<int>(unit * 5));
    }
    CHECK(strata.size() == 5);
  }
  // The same seed gives the same design.
  const auto again = load_run_plan(data("sweep_lhs.yaml"), {});
  for (std::size_t p = 0; p < 5; ++p) CHECK(again.points[p].values == plan.points[p].values);
}

TEST_CASE("bad sweeps are refused with their key", "[run_plan][sweep][bad_input]") {
  CHECK_THAT(plan_errors(base + "sweep:\n  grid:\n    parameters.hospital.beds_per_1000: []\n"),
             Catch::Contains("beds_per_1000") && Catch::Contains("non-empty list"));
  CHECK_THAT(plan_errors(base + "sweep:\n  grid:\n    parameters.hospital.bed_per_1000: [1, 2]\n"),
             Catch::Contains("sweep point 0") && Catch::Contains("did you mean 'beds_per_1000'"));
  CHECK_THAT(plan_errors(base + "sweep:\n  grid:\n    replications: [1, 2]\n"),
             Catch::Contains("cannot be swept"));
  CHECK_THAT(plan_errors(base + "sweep:\n  grid:\n    horizon_years: [1, 2]\n"),
             Catch::Contains("same areas and years"));
  CHECK_THAT(plan_errors(base + "sweep:\n  latin_hypercube:\n    points: 4\n    ranges:\n"
                                "      parameters.hospital.beds_per_1000: [3, 2]\n"),
             Catch::Contains("low < high"));
  CHECK_THAT(plan_errors(base + "sweep:\n  random: {}\n"),
             Catch::Contains("exactly one of 'grid' or 'latin_hypercube'"));
}

TEST_CASE("sweep points run on common random numbers, in parallel, deterministically",
          "[run_plan][sweep][determinism]") {
  const auto plan = load_run_plan(data("sweep_grid.yaml"), {});
  hcsim::models::PlanExecution one;
  one.threads = 1;
  hcsim::models::PlanExecution two;
  two.threads = 2;
  const auto a = hcsim::models::run_plan(plan, one);
  const auto b = hcsim::models::run_plan(plan, two);
  REQUIRE(a.runs.size() == 12);
  for (std::size_t run = 0; run < a.runs.size(); ++run) {
    CHECK(a.runs[run].values == b.runs[run].values);
    CHECK(a.runs[run].point == plan.point_of(run));
  }
  // Finished runs handed in are taken as they are, the rest are run.
  hcsim::models::PlanExecution resumed;
  resumed.finished.resize(12);
  resumed.finished[3] = a.runs[3];
  resumed.finished[7] = a.runs[7];
  std::size_t ran = 0;
  resumed.run_done = [&](std::size_t, const hcsim::models::ReplicationResult&) { ++ran; };
  const auto c = hcsim::models::run_plan(plan, resumed);
  CHECK(ran == 10);
  for (std::size_t run = 0; run < a.runs.size(); ++run) CHECK(c.runs[run].values == a.runs[run].values);
}

namespace {

std::vector<hcsim::models::Diagnostic> plan_diagnostics(const std::string& text,
                                                        const hcsim::models::ScenarioOverrides&
                                                            overrides = {}) {
  const PlanFile file(text);
  try {
    (void)load_run_plan(file.path.string(), overrides);
  } catch (const InputError& error) {
    return error.diagnostics();
  }
  FAIL("the plan was accepted");
  return {};
}

}  // namespace

TEST_CASE("a sweep of the wrong shape is refused as run would", "[run_plan][sweep][bad_input]") {
  CHECK_THAT(plan_errors(base + "sweep: {gird: {population_scale: [0.1, 0.2]}}\n"),
             Catch::Contains("sweep.gird: unknown key 'gird'; did you mean 'grid'?"));
  const auto list = plan_diagnostics(base + "sweep: [1]\n");
  REQUIRE(list.size() == 1);
  CHECK_THAT(list[0].format(), Catch::Contains("hcsim-plan-test-") &&
                                   Catch::Contains(".yaml:8:8: sweep: expected a "
                                                   "mapping of keys to values, got a list"));
}

TEST_CASE("a mistake at every sweep point is said once", "[run_plan][sweep][bad_input]") {
  const auto said = plan_diagnostics(base + "sweep:\n  grid:\n"
                                            "    parameters.hospital.bed_per_1000: [1, 2, 3]\n"
                                            "    parameters.hospital.same_day_share: [0.1, 0.2]\n");
  REQUIRE(said.size() == 1);
  CHECK_THAT(said[0].format(),
             Catch::Contains("sweep point 0 (") &&
                 Catch::Contains("parameters.hospital.bed_per_1000: unknown key 'bed_per_1000'; "
                                 "did you mean 'beds_per_1000'? (the same at all 6 sweep "
                                 "points)"));
  // A bad value is said once, with the share of points it spoils.
  const auto values = plan_diagnostics(base + "sweep:\n  grid:\n"
                                              "    parameters.hospital.same_day_share: [0.1, 2]\n"
                                              "    parameters.hospital.beds_per_1000: [1, 2, 3]\n");
  REQUIRE(values.size() == 1);
  CHECK_THAT(values[0].format(),
             Catch::Contains("parameters.hospital.same_day_share: expected a number in [0, 1]") &&
                 Catch::Contains("(the same at 3 of 6 sweep points)"));
}

TEST_CASE("a plan too large is refused from its counts before its points are read",
          "[run_plan][sweep][bad_input]") {
  // 100,000 points x 200 replications: refused at once, where reading every
  // point first took minutes.
  const auto said = plan_diagnostics(base + "sweep:\n  latin_hypercube:\n    points: 100000\n"
                                            "    ranges:\n"
                                            "      parameters.hospital.beds_per_1000: [1.5, 2.5]\n",
                                     [] {
                                       hcsim::models::ScenarioOverrides overrides;
                                       overrides.replications = 200;
                                       return overrides;
                                     }());
  REQUIRE(said.size() == 1);
  CHECK(said[0].key_path == "sweep.latin_hypercube.points");
  CHECK_THAT(said[0].message, Catch::Contains("100000 sweep point(s) x 200 replication(s) = "
                                              "20000000 runs; expected at most 10000000 runs"));
  // A command's own limit is asked before the points are read.
  std::size_t asked_points = 0;
  std::int64_t asked_replications = 0;
  const auto refuse = [&](const hcsim::models::Scenario& scenario, std::size_t points) {
    asked_points = points;
    asked_replications = scenario.replications;
    throw InputError(hcsim::models::Diagnostic{scenario.file, 0, 0, "--max-output-mb", "too big"});
  };
  CHECK_THROWS_WITH(load_run_plan(data("sweep_grid.yaml"), {}, refuse), Catch::Contains("too big"));
  CHECK(asked_points == 4);
  CHECK(asked_replications == 3);
  // Without a sweep, the one point.
  CHECK_THROWS_AS(load_run_plan(data("tiny.yaml"), {}, refuse), InputError);
  CHECK(asked_points == 1);
}
