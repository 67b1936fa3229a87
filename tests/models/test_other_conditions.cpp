// The count of long-term conditions beyond the tracked ones
// (models/other_conditions.hpp): drawn by age at the start, kept stationary
// by age as a closed population ages, switched off by its flag, checked on
// input, and counted with the tracked conditions in the 65+ multimorbidity
// snapshot.
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "models/care_area.hpp"
#include "models/input_error.hpp"
#include "models/other_conditions.hpp"
#include "models/scenario.hpp"
#include "tests/support/direct_run.hpp"

using namespace hcsim;
using models::Metric;

namespace {

constexpr double days_per_year = 365.25;

// One closed area with England's age structure and no care homes (whose
// residents would not change the count, but leave the test nothing to gain),
// changed by `parameters` (YAML under `parameters:`).
std::string closed_area(int people, const std::string& parameters) {
  return R"(
name: other_conditions
seed: 31
replications: 1
population_scale: 1
horizon_years: 1
parameters:
  population:
    entries: {enabled: false}
  discharge:
    care_home_age_band_lower_bounds: [0]
    care_home_probability: [0]
  care_home:
    initial_resident_age_band_lower_bounds: [0]
    initial_resident_share: [0]
)" + parameters + R"(
areas:
  - name: A
    population: )" + std::to_string(people) + R"(
    care_home_places: 0
)";
}

using test::DirectRun;

// Runs the area `years`, finishes it and brings every living person's
// count up to their age at the end.
DirectRun run_for(const models::Scenario& scenario, double years) {
  DirectRun run = test::run_area_to_end(scenario, years);
  run.area->bring_other_conditions_up_to_date();
  return run;
}

struct CountsByBand {
  std::vector<double> alive;
  std::vector<double> mean;
};

// The mean count of other conditions among the living, by the band of the
// mean-count schedule of their age at `end_days`.
CountsByBand counts_by_band(const DirectRun& run, const models::AgeSchedule& schedule) {
  CountsByBand result;
  result.alive.assign(schedule.values.size(), 0.0);
  result.mean.assign(schedule.values.size(), 0.0);
  const auto& people = run.area->person_table();
  for (std::uint32_t i = 0; i < people.size(); ++i) {
    if (people.setting[i] == models::Setting::dead) continue;
    const std::size_t band = schedule.band_of(people.age_at(i, run.plan.end_days));
    result.alive[band] += 1.0;
    result.mean[band] += people.other_conditions[i];
  }
  for (std::size_t band = 0; band < result.mean.size(); ++band) {
    if (result.alive[band] > 0.0) result.mean[band] /= result.alive[band];
  }
  return result;
}

// Each person's count is Poisson with the band's mean m, whose variance is
// m, so the band's mean count among n people has standard error
// sqrt(m / n). Four standard errors: a false failure about 1 in 16,000 a
// band. The cap at 15 moves a mean under 2 by less than 1e-9.
void check_means(const CountsByBand& counts, const models::AgeSchedule& schedule) {
  for (std::size_t band = 0; band < schedule.values.size(); ++band) {
    const double m = schedule.values[band];
    const double n = counts.alive[band];
    REQUIRE(n > 1000.0);
    const double se = std::sqrt(m / n);
    INFO("from age " << schedule.lower_bounds[band] << ": mean " << counts.mean[band]
                     << ", parameter " << m << ", " << n << " alive, standard error " << se);
    CHECK(std::abs(counts.mean[band] - m) <= 4.0 * se + 1e-12);
  }
}

}  // namespace

TEST_CASE("at the start, the mean count of other conditions by age is the parameter",
          "[other_conditions][prevalence]") {
  // 200,000 people: the smallest band (85+) has about 4,800, a standard
  // error of 0.018 on its mean of 1.61. One day of running: the count does
  // not depend on who dies, and hardly anyone crosses a band bound.
  const auto scenario = models::parse_scenario(closed_area(200000, ""), "<other>", {});
  const auto& schedule = scenario.areas[0].parameters.conditions.other.mean_count;
  REQUIRE(schedule.values.size() == 6);
  const auto run = run_for(scenario, 1.0 / days_per_year);
  check_means(counts_by_band(run, schedule), schedule);
}

TEST_CASE("stationary onset keeps the mean count of other conditions by age in a closed "
          "population", "[other_conditions][prevalence]") {
  // Five years: a fifth to a half of each band's people have crossed one of
  // its bounds since the start. Gaining Poisson(m - m_below) on entering a
  // band keeps each band's count Poisson(m) exactly (sums of independent
  // Poisson counts are Poisson), so the sampling tolerance alone applies.
  // A steeper schedule than the default makes the gains large enough to
  // see: without them the bands from 20 would fall by a quarter to a half
  // of their rise (0.5 to 1) over five years, many standard errors.
  const std::string steep = R"(
  conditions:
    other:
      age_band_lower_bounds: [0, 20, 40, 65, 75, 85]
      mean_count: [0.0, 0.5, 1.5, 2.5, 3.5, 4.5]
)";
  const auto scenario = models::parse_scenario(closed_area(150000, steep), "<other>", {});
  const auto& schedule = scenario.areas[0].parameters.conditions.other.mean_count;
  REQUIRE(schedule.values.back() == 4.5);
  const auto run = run_for(scenario, 5.0);
  check_means(counts_by_band(run, schedule), schedule);
}

TEST_CASE("other conditions switched off leave every count at zero",
          "[other_conditions][prevalence]") {
  for (const std::string& off :
       {std::string("  conditions:\n    other: {enabled: false}\n"),
        std::string("  conditions: {enabled: false}\n")}) {
    INFO(off);
    const auto scenario = models::parse_scenario(closed_area(20000, off), "<other>", {});
    const auto run = run_for(scenario, 2.0);
    const auto& people = run.area->person_table();
    std::size_t with_others = 0;
    for (std::uint32_t i = 0; i < people.size(); ++i) {
      if (people.other_conditions[i] != 0) ++with_others;
    }
    CHECK(with_others == 0);
  }
}

TEST_CASE("bad other-condition parameters are input errors naming the key",
          "[other_conditions][bad_input]") {
  const std::string base = R"(name: t
seed: 1
replications: 2
population_scale: 0.05
horizon_years: 1
areas:
  - name: A
    population: 1000000
parameters:
  conditions:
    other:
)";
  struct Case {
    std::string yaml;
    std::string key;
  };
  for (const Case& bad : {
           Case{"      mean_count: [0, 0.4, 0.8, -1.2, 1.4, 1.6]\n", "mean_count"},
           Case{"      mean_count: [0, 0.4, 0.8]\n", "mean_count"},
           Case{"      age_band_lower_bounds: [0, 40, 20, 65, 75, 85]\n", "age_band_lower_bounds"},
           Case{"      age_band_lower_bounds: [5, 20, 40, 65, 75, 85]\n", "age_band_lower_bounds"},
           Case{"      enabled: maybe\n", "enabled"},
           Case{"      mean: [0, 0.4, 0.8, 1.2, 1.4, 1.6]\n", "mean"},
       }) {
    INFO(bad.yaml);
    try {
      (void)models::parse_scenario(base + bad.yaml, "bad.yaml", {});
      FAIL("accepted " << bad.yaml);
    } catch (const models::InputError& error) {
      const std::string what = error.what();
      INFO(what);
      CHECK_THAT(what, Catch::Contains("conditions.other"));
      CHECK_THAT(what, Catch::Contains(bad.key));
    }
  }
}

namespace {

// The chance of `at_least` or more conditions at `age`: the tracked ones,
// each with its prevalence independently, plus a Poisson count of others.
double chance_of_at_least(const models::ConditionsParameters& conditions, double age,
                          int at_least) {
  std::vector<double> tracked{1.0};
  for (const auto& condition : conditions.tracked) {
    const double p = condition.prevalence.at(age);
    std::vector<double> next(tracked.size() + 1, 0.0);
    for (std::size_t k = 0; k < tracked.size(); ++k) {
      next[k] += tracked[k] * (1.0 - p);
      next[k + 1] += tracked[k] * p;
    }
    tracked = next;
  }
  const double m = conditions.other.mean_count.at(age);
  double below = 0.0;
  for (int k = 0; k < at_least; ++k) {
    // P(tracked = j) P(other = k - j)
    for (int j = 0; j <= k && j < static_cast<int>(tracked.size()); ++j) {
      const int others = k - j;
      below += tracked[static_cast<std::size_t>(j)] * std::exp(-m) * std::pow(m, others) /
               std::tgamma(others + 1.0);
    }
  }
  return 1.0 - below;
}

}  // namespace

TEST_CASE("the 65+ share with 4 or more conditions is what the parameters imply",
          "[other_conditions][prevalence]") {
  // 200,000 people, about 37,000 aged 65+: the default parameters imply
  // 9.8% with 4+ (models/defaults/england.yaml), a standard error of 0.15
  // points. One day of running, as at the start.
  const auto scenario = models::parse_scenario(closed_area(200000, ""), "<other>", {});
  const auto& parameters = scenario.areas[0].parameters;
  const auto run = run_for(scenario, 1.0 / days_per_year);

  // The implied share over the ages people 65+ are drawn at: each
  // population band in proportion to its count, ages uniform within it.
  const auto& population = parameters.population;
  const auto& bounds = population.age_band_lower_bounds;
  double people = 0.0;
  double multimorbid = 0.0;
  for (std::size_t band = 0; band < bounds.size(); ++band) {
    if (bounds[band] < 65.0) continue;
    const double upper = band + 1 < bounds.size() ? bounds[band + 1] : population.oldest_age;
    constexpr int steps = 100;
    double share = 0.0;
    for (int i = 0; i < steps; ++i) {
      const double age = bounds[band] + (upper - bounds[band]) * (i + 0.5) / steps;
      share += chance_of_at_least(parameters.conditions, age, 4) / steps;
    }
    people += population.age_counts[band];
    multimorbid += population.age_counts[band] * share;
  }
  const double expected = multimorbid / people;
  // The derivation in the defaults' comment: 9.8% over England's 65+.
  CHECK(std::abs(expected - 0.098) < 0.001);

  const double older = run.area->measure(Metric::population_65_plus_end, 0);
  REQUIRE(older > 30000.0);
  const double share =
      run.area->measure(Metric::people_65_plus_with_4_plus_conditions_end, 0) / older;
  const double se = std::sqrt(expected * (1.0 - expected) / older);
  INFO("share " << share << ", expected " << expected << ", standard error " << se);
  CHECK(std::abs(share - expected) <= 4.0 * se);
}
