#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "models/input_error.hpp"
#include "models/run_plan.hpp"
#include "models/simulation.hpp"

using hcsim::models::InputError;
using hcsim::models::load_run_plan;

namespace {

std::string data(const std::string& name) { return std::string(HCSIM_TEST_DATA_DIR) + "/" + name; }

std::string plan_errors(const std::string& text) {
  const auto file = std::filesystem::temp_directory_path() / "hcsim-plan-test.yaml";
  {
    std::ofstream out(file);
    out << text;
  }
  try {
    (void)load_run_plan(file.string(), {});
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
