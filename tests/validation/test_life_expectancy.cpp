// Simulated life expectancy at 65 (the life_expectancy_at_65_* metrics)
// against the Gompertz law it should reproduce when mortality depends on age
// and sex only, and against the published figures with England's defaults.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "models/life_table.hpp"
#include "models/life_table_counts.hpp"
#include "models/mortality.hpp"
#include "models/scenario.hpp"
#include "models/simulation.hpp"

using hcsim::models::life_table_age_groups;
using hcsim::models::LifeTableColumn;
using hcsim::models::Metric;
using hcsim::models::Sex;

namespace {

// One sex's deaths and person-years of a run, over its areas and years.
struct SexCounts {
  LifeTableColumn deaths{};
  LifeTableColumn exposure{};
};

SexCounts counts_of(const hcsim::models::ReplicationResult& run, Sex sex) {
  SexCounts counts;
  const std::size_t per_year = hcsim::models::life_table_sexes * life_table_age_groups;
  for (std::size_t cell = 0; cell < run.areas * run.years; ++cell) {
    const std::size_t at = cell * per_year + static_cast<std::size_t>(sex) * life_table_age_groups;
    for (std::size_t group = 0; group < life_table_age_groups; ++group) {
      counts.deaths[group] += run.life_table_deaths[at + group];
      counts.exposure[group] += run.life_table_exposure[at + group];
    }
  }
  return counts;
}

// Chiang's standard error of e65 (C. L. Chiang, The Life Table and its
// Applications, 1984, ch. 8): each q_x is a binomial estimate with variance
// q_x^2 (1 - q_x) / D_x, and e65 moves with it by l_x (1/2 + e_{x+1}); the
// open group's stay 1 / m has variance 1 / (m^2 D) and weight l_100.
double chiang_standard_error(const SexCounts& counts) {
  const std::size_t open = life_table_age_groups - 1;
  LifeTableColumn alive{}, dying{}, lived{};
  alive[0] = 1.0;
  for (std::size_t x = 0; x < open; ++x) {
    const double rate = counts.deaths[x] / counts.exposure[x];
    dying[x] = rate / (1.0 + 0.5 * rate);
    lived[x] = alive[x] * (1.0 - 0.5 * dying[x]);
    alive[x + 1] = alive[x] * (1.0 - dying[x]);
  }
  const double open_rate = counts.deaths[open] / counts.exposure[open];
  lived[open] = alive[open] / open_rate;
  double variance = alive[open] * alive[open] / (open_rate * open_rate * counts.deaths[open]);
  double years_after = lived[open];  // T_{x+1}
  for (std::size_t x = open; x-- > 0;) {
    const double expectancy_after = years_after / alive[x + 1];
    const double weight = alive[x] * (0.5 + expectancy_after);
    if (counts.deaths[x] > 0.0) {
      variance += weight * weight * dying[x] * dying[x] * (1.0 - dying[x]) / counts.deaths[x];
    }
    years_after += lived[x];
  }
  return std::sqrt(variance);
}

// 200,000 people aged 65 to 110 in two areas, in the proportions of a
// stationary population under a Gompertz law between the men's and the
// women's, no care homes and one hazard for everyone of an age and sex
// (mortality by frailty and conditions off), mortality falling by
// `improvement` a year; two years from time 0, no warm-up.
hcsim::models::Scenario law_only_scenario(double improvement) {
  std::string text = R"(
name: life_expectancy_from_65
seed: 65
replications: 1
population_scale: 1
warmup_days: 0
horizon_years: 2
parameters:
  population:
    entries: {enabled: false}
    age_band_lower_bounds: [0, 65, 70, 75, 80, 85, 90, 95, 100]
    oldest_age: 110
    age_counts: [0, 1000, 914, 788, 618, 415, 216, 75, 15]
    female_share: [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]
  mortality: {by_frailty_and_conditions: false, improvement_per_year: IMPROVEMENT}
  discharge:
    care_home_age_band_lower_bounds: [0]
    care_home_probability: [0]
  care_home:
    initial_resident_age_band_lower_bounds: [0]
    initial_resident_share: [0]
areas:
  - name: North
    population: 100000
    care_home_places: 0
  - name: South
    population: 100000
    care_home_places: 0
)";
  text.replace(text.find("IMPROVEMENT"), 11, std::to_string(improvement));
  return hcsim::models::parse_scenario(text, "<life expectancy test>", {});
}

}  // namespace

TEST_CASE("simulated e65 is the Gompertz law's when mortality depends on age and sex only",
          "[validation][life_expectancy]") {
  // 200,000 people aged 65 to 110 in two areas, in the proportions of a
  // stationary population under a Gompertz law between the men's and the
  // women's, no care homes and one hazard for everyone of an age and sex
  // (mortality by frailty and conditions off, no improvement): every death comes from the
  // law, so the period life table of two years of deaths and person-years
  // estimates the law's e65. The estimate's own bias is about 0.001 years
  // (a stationary population's table, tests/models/test_life_table.cpp);
  // its sampling error, about 10,000 deaths a sex, is Chiang's standard
  // error, and the simulated value must lie within three of them (a 0.3%
  // chance of failing for a right model and another seed).
  const auto scenario = law_only_scenario(0.0);
  const auto run = hcsim::models::run_replication(scenario, 0);
  const auto& mortality = scenario.areas[0].parameters.mortality;
  for (const Sex sex : {Sex::male, Sex::female}) {
    const bool male = sex == Sex::male;
    const hcsim::models::Gompertz law{mortality.gompertz_slope,
                                      male ? mortality.modal_age_male : mortality.modal_age_female};
    const double expected = law.life_expectancy(65.0);
    const double simulated = run.total(male ? Metric::life_expectancy_at_65_male
                                            : Metric::life_expectancy_at_65_female);
    const SexCounts counts = counts_of(run, sex);
    // The metric is the table of the counts summed over both areas.
    CHECK(simulated == hcsim::models::period_life_expectancy(counts.deaths, counts.exposure));
    const double standard_error = chiang_standard_error(counts);
    INFO((male ? "men" : "women") << ": simulated e65 " << simulated << ", Gompertz law "
                                  << expected << ", standard error " << standard_error);
    // Precise enough to tell, say, person-years counted at the start of the
    // year (which would shift e65 by several tenths) from exact ones.
    CHECK(standard_error < 0.15);
    CHECK(std::abs(simulated - expected) < 3.0 * standard_error + 0.005);
  }
}

TEST_CASE("simulated e65 with England's defaults is within 10% of the published figures",
          "[validation][life_expectancy][calibration]") {
  // The default scenario at 1% scale (about 110,000 people aged 65 and
  // over), one replication of two years: care-home residents' higher
  // mortality and mortality by frailty and conditions included. The
  // reference figures, ONS interim life tables 2010-12: 18.3 (men), 20.9
  // (women), with the calibration target's 10%. The modal ages were fitted
  // so that the simulated e65 is ONS 2017-19's, 18.8 and 21.1 (the years
  // the starting population is from): 3% allows for one replication at 1%
  // (a standard error near 0.1 year) and for the fit, made at 5%.
  hcsim::models::ScenarioOverrides overrides;
  overrides.set = {"population_scale=0.01", "replications=1", "horizon_years=2"};
  const auto scenario = hcsim::models::load_scenario(
      std::string(HCSIM_SOURCE_DIR) + "/scenarios/default.yaml", overrides);
  REQUIRE(scenario.areas[0].parameters.mortality.by_frailty_and_conditions);
  const auto run = hcsim::models::run_replication(scenario, 0);
  const double men = run.total(Metric::life_expectancy_at_65_male);
  const double women = run.total(Metric::life_expectancy_at_65_female);
  INFO("simulated e65: men " << men << ", women " << women);
  CHECK(std::abs(men - 18.3) < 0.1 * 18.3);
  CHECK(std::abs(women - 20.9) < 0.1 * 20.9);
  CHECK(std::abs(men - 18.8) < 0.03 * 18.8);
  CHECK(std::abs(women - 21.1) < 0.03 * 21.1);
  // Women outlive men, as in every English life table.
  CHECK(women > men);
}

TEST_CASE("with mortality improvement the simulated e65 is the improved law's",
          "[validation][life_expectancy]") {
  // As above with mortality falling 5% a year from time 0. Over the two
  // measured years the hazard at every age is the law's times (1 - 0.05)^t,
  // on average over the period close to its value at t = 1 (the average of
  // 0.95^t over [0, 2] is 0.9508), so the period table estimates the law's
  // e65 under a multiplier of 0.9508, about 0.5 years above the law's own:
  // far more than the three standard errors allowed, so a model that
  // ignored improvement would fail.
  const auto scenario = law_only_scenario(0.05);
  const auto run = hcsim::models::run_replication(scenario, 0);
  const auto& mortality = scenario.areas[0].parameters.mortality;
  const double average_multiplier = (1.0 - std::pow(0.95, 2.0)) / (-std::log(0.95) * 2.0);
  for (const Sex sex : {Sex::male, Sex::female}) {
    const bool male = sex == Sex::male;
    const hcsim::models::Gompertz law{mortality.gompertz_slope,
                                      male ? mortality.modal_age_male : mortality.modal_age_female};
    const double expected = law.life_expectancy(65.0, average_multiplier);
    const double simulated = run.total(male ? Metric::life_expectancy_at_65_male
                                            : Metric::life_expectancy_at_65_female);
    const double standard_error = chiang_standard_error(counts_of(run, sex));
    INFO((male ? "men" : "women") << ": simulated e65 " << simulated << ", improved law "
                                  << expected << ", period law " << law.life_expectancy(65.0)
                                  << ", standard error " << standard_error);
    CHECK(expected - law.life_expectancy(65.0) > 3.0 * standard_error);
    CHECK(std::abs(simulated - expected) < 3.0 * standard_error + 0.01);
  }
}
