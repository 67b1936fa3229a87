// Measures by age band: they add up to the area's, people change band at
// year ends taking what they hold with them, and they travel between ranks.
#include <catch2/catch.hpp>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "models/age_band_measures.hpp"
#include "models/care_area.hpp"
#include "models/scenario.hpp"
#include "models/run_transfer.hpp"
#include "models/simulation.hpp"

using hcsim::models::age_band_count;
using hcsim::models::age_band_metrics;
using hcsim::models::Metric;
using hcsim::models::ReplicationResult;

namespace {

constexpr std::size_t children = 0;
constexpr std::size_t working_age = 1;

// tiny.yaml over three years, so people age across band boundaries.
hcsim::models::Scenario three_year_tiny(std::int64_t replications = 1) {
  hcsim::models::ScenarioOverrides overrides;
  overrides.replications = replications;
  overrides.set = {"horizon_years=3"};
  return hcsim::models::load_scenario(std::string(HCSIM_TEST_DATA_DIR) + "/tiny.yaml", overrides);
}

const ReplicationResult& three_year_run() {
  static const ReplicationResult run = hcsim::models::run_replication(three_year_tiny(), 0);
  return run;
}

double band_total(const ReplicationResult& run, std::size_t band, Metric metric) {
  double total = 0.0;
  for (std::size_t a = 0; a < run.areas; ++a) {
    for (std::size_t y = 0; y < run.years; ++y) total += run.value_by_age_band(a, band, metric, y);
  }
  return total;
}

}  // namespace

TEST_CASE("every banded measure adds up over bands to the area's", "[age_bands]") {
  const auto& run = three_year_run();
  REQUIRE(run.years == 3);
  REQUIRE(run.values_by_age_band.size() ==
          run.areas * age_band_count * hcsim::models::age_band_metric_count * run.years);
  for (const Metric metric : age_band_metrics) {
    const auto name = hcsim::models::metric_info[hcsim::models::index_of(metric)].name;
    for (std::size_t a = 0; a < run.areas; ++a) {
      for (std::size_t y = 0; y < run.years; ++y) {
        double sum = 0.0;
        for (std::size_t band = 0; band < age_band_count; ++band) {
          const double value = run.value_by_age_band(a, band, metric, y);
          INFO(name << ", area " << a << ", year " << y << ", band " << band);
          CHECK(value >= -1e-6);
          sum += value;
        }
        INFO(name << ", area " << a << ", year " << y);
        CHECK(sum == Approx(run.value(a, metric, y)).epsilon(1e-9).margin(1e-6));
      }
    }
  }
  // The 85+ band of the end-of-year population is population_85_plus_end,
  // and of the frail frail_people_85_plus_end; the bands from 65 make
  // population_65_plus_end, and hold every one of the 65+ snapshots.
  for (std::size_t a = 0; a < run.areas; ++a) {
    for (std::size_t y = 0; y < run.years; ++y) {
      CHECK(run.value_by_age_band(a, 4, Metric::population_end, y) ==
            run.value(a, Metric::population_85_plus_end, y));
      CHECK(run.value_by_age_band(a, 4, Metric::population_frail_end, y) ==
            run.value(a, Metric::frail_people_85_plus_end, y));
      double older = 0.0;
      for (std::size_t band = 2; band < age_band_count; ++band) {
        older += run.value_by_age_band(a, band, Metric::population_end, y);
      }
      CHECK(older == run.value(a, Metric::population_65_plus_end, y));
      CHECK(run.value(a, Metric::population_65_plus_end, y) > 0.0);
      for (std::size_t band = 0; band < 2; ++band) {
        CHECK(run.value_by_age_band(a, band, Metric::people_65_plus_with_dementia_end, y) == 0.0);
        CHECK(run.value_by_age_band(a, band, Metric::people_65_plus_with_4_plus_conditions_end,
                                    y) == 0.0);
      }
    }
  }
}

TEST_CASE("older people are admitted more often, children never to care homes", "[age_bands]") {
  const auto& run = three_year_run();
  auto rate = [&](std::size_t band) {
    return band_total(run, band, Metric::emergency_admissions) /
           band_total(run, band, Metric::person_years);
  };
  const double working_age_rate = rate(working_age);
  REQUIRE(working_age_rate > 0.0);
  for (std::size_t band = 2; band < age_band_count; ++band) {
    INFO("band " << hcsim::models::age_band_names[band]);
    CHECK(rate(band) > working_age_rate);
  }
  CHECK(band_total(run, children, Metric::care_home_admissions) == 0.0);
  CHECK(band_total(run, children, Metric::care_home_resident_days) == 0.0);
  CHECK(band_total(run, children, Metric::person_years) > 0.0);
}

TEST_CASE("measures by age band are identical on 1 and 2 threads", "[age_bands][determinism]") {
  const auto scenario = three_year_tiny(2);
  const auto one = hcsim::models::run_experiment(scenario, 1);
  const auto two = hcsim::models::run_experiment(scenario, 2);
  REQUIRE(one.runs.size() == two.runs.size());
  for (std::size_t r = 0; r < one.runs.size(); ++r) {
    CHECK(one.runs[r].values_by_age_band == two.runs[r].values_by_age_band);
  }
}

TEST_CASE("measures by age band survive encoding for another rank", "[age_bands][mpi]") {
  const auto& run = three_year_run();
  std::vector<double> buffer;
  hcsim::models::encode_run(0, run, buffer);
  std::vector<ReplicationResult> decoded(1);
  std::vector<hcsim::models::RunShare> shares;
  hcsim::models::decode_runs(buffer, hcsim::models::single_point_plan(three_year_tiny()), decoded, shares);
  CHECK(shares.empty());
  CHECK(decoded[0].values == run.values);
  CHECK(decoded[0].values_by_age_band == run.values_by_age_band);
  CHECK(decoded[0].years == run.years);
  CHECK(decoded[0].value_by_age_band(1, 3, Metric::bed_days, 2) ==
        run.value_by_age_band(1, 3, Metric::bed_days, 2));
}

TEST_CASE("people change band at the year end and take what they hold", "[age_bands]") {
  // Everyone is 64.5 at the start (no warm-up): 18-64 all the first year,
  // 65-74 all the second.
  const auto scenario = hcsim::models::parse_scenario(R"(
name: turning_65
seed: 11
replications: 1
population_scale: 1
horizon_years: 2
parameters:
  population:
    entries:
      enabled: false
      net_migration: {age_band_lower_bounds: [0], per_1000: [0]}
    age_band_lower_bounds: [0, 64.5]
    oldest_age: 64.51
    age_counts: [0, 1]
    female_share: [0.5, 0.5]
areas:
  - name: Cohort
    population: 20000
)",
                                                      "<age band test>", {});
  const auto run = hcsim::models::run_replication(scenario, 0);
  for (const Metric metric : {Metric::person_years, Metric::bed_days, Metric::emergency_admissions,
                              Metric::deaths, Metric::cost_attendance_allowance}) {
    INFO(hcsim::models::metric_info[hcsim::models::index_of(metric)].name);
    CHECK(run.value_by_age_band(0, working_age, metric, 0) == Approx(run.value(0, metric, 0)));
    // Zero but for the rounding left by moving non-integer levels (costs).
    CHECK(run.value_by_age_band(0, working_age, metric, 1) == Approx(0.0).margin(1e-6));
    CHECK(run.value_by_age_band(0, 2, metric, 1) == Approx(run.value(0, metric, 1)));
  }
  CHECK(run.value(0, Metric::bed_days, 1) > 0.0);
  // The snapshot at the end of the first year is by age then: 65.5.
  CHECK(run.value_by_age_band(0, 2, Metric::population_end, 0) ==
        run.value(0, Metric::population_end, 0));
}

TEST_CASE("each band holds exactly what its people hold, across year ends", "[age_bands]") {
  // One area of the three-year tiny scenario, driven by hand so the bands'
  // levels can be checked against its people at points in the run.
  const auto scenario = three_year_tiny();
  hcsim::models::MeasurementPlan plan;
  plan.origin_days = 0.0;
  plan.end_days = 3 * 365.25;
  plan.years = 3;
  const hcsim::sim::RandomStreams streams(scenario.seed, 0);
  hcsim::models::CareArea area(scenario.areas[0], 0, scenario.population_scale, plan, streams);
  CHECK(area.age_band_level_drift() < 1e-6);
  // Budget cycles as the window runner calls them (the first one reroutes
  // every running cost).
  const double window = scenario.window_days;
  for (std::size_t cycle = 0; static_cast<double>(cycle + 1) * window <= plan.end_days; ++cycle) {
    const double at = static_cast<double>(cycle + 1) * window;
    area.advance_to(at);
    area.on_budget_cycle(cycle, at);
    if (cycle % 5 == 0) {
      INFO("day " << at);
      CHECK(area.age_band_level_drift() < 1e-6);
    }
  }
  area.advance_to(plan.end_days);
  CHECK(area.age_band_level_drift() < 1e-6);
}
