// The year-end prevalence snapshots among older people and the count of
// care-home residents' emergency admissions: at the start of a run the
// snapshots show the prevalence the population was drawn with, "4 or more
// conditions" counts tracked and other conditions together (all four
// tracked ones when others are not counted), and residents' admissions
// follow residents.
#include <catch2/catch.hpp>

#include <cmath>
#include <memory>
#include <string>

#include "models/age_band_measures.hpp"
#include "models/care_area.hpp"
#include "models/person_risk.hpp"
#include "models/prevalence.hpp"
#include "models/scenario.hpp"
#include "tests/support/direct_run.hpp"
#include "models/simulation.hpp"

using namespace hcsim;
using models::Metric;

namespace {

constexpr double days_per_year = 365.25;

// One area with England's age structure and the default parameters, changed
// by `parameters` (YAML under `parameters:`).
std::string one_area(int people, const std::string& parameters, const std::string& area = "") {
  return R"(
name: prevalence
seed: 23
replications: 1
population_scale: 1
horizon_years: 1
warmup_days: 30
parameters:
  population:
    entries: {enabled: false}
)" + parameters + R"(
areas:
  - name: A
    population: )" + std::to_string(people) + "\n" + area;
}

// No care homes: residents start at least moderately frail, which would
// hide the frailty shares people are drawn with.
const std::string no_care_homes = R"(
  discharge:
    care_home_age_band_lower_bounds: [0]
    care_home_probability: [0]
  care_home:
    initial_resident_age_band_lower_bounds: [0]
    initial_resident_share: [0]
)";

using test::DirectRun;

// The first day of a run, measured from the start: too short for deaths,
// onsets or frailty steps to move the shares by more than a few people in
// ten thousand, and for more than about 1 in 2,000 people 65-69 to cross a
// band bound.
DirectRun first_day(const models::Scenario& scenario) {
  return test::run_area_to_end(scenario, 1.0 / 365.25);
}

// The mean of f(age) over people aged `from_age` or more as synthesis draws
// them: a band in proportion to its count, the age uniform within it.
// `from_age` must be a band's lower bound.
template <class F>
double mean_from_age(const models::PopulationParameters& population, double from_age, F f) {
  const auto& bounds = population.age_band_lower_bounds;
  double people = 0.0;
  double total = 0.0;
  for (std::size_t band = 0; band < bounds.size(); ++band) {
    if (bounds[band] < from_age) continue;
    const double upper = band + 1 < bounds.size() ? bounds[band + 1] : population.oldest_age;
    // Midpoint rule on a fine grid: the schedules are steps at whole years.
    constexpr int steps = 1000;
    double mean = 0.0;
    for (int i = 0; i < steps; ++i) {
      mean += f(bounds[band] + (upper - bounds[band]) * (i + 0.5) / steps) / steps;
    }
    people += population.age_counts[band];
    total += population.age_counts[band] * mean;
  }
  return total / people;
}

// Checks that `share` of `n` people is within four binomial standard errors
// of `expected`: each person's state is an independent draw with that
// chance, so a failure by chance is about 1 in 16,000.
void check_within_sampling_error(double share, double expected, double n) {
  const double se = std::sqrt(expected * (1.0 - expected) / n);
  INFO("share " << share << ", expected " << expected << ", standard error " << se << ", n "
                << n);
  CHECK(std::abs(share - expected) <= 4.0 * se);
}

}  // namespace

TEST_CASE("4 or more long-term conditions counts tracked and other conditions", "[prevalence]") {
  using models::Condition;
  using models::condition_bit;
  const auto all = static_cast<std::uint8_t>(
      condition_bit(Condition::diabetes) | condition_bit(Condition::copd) |
      condition_bit(Condition::heart_failure) | condition_bit(Condition::dementia));
  CHECK(models::has_multimorbidity(all, 0));
  CHECK_FALSE(models::has_multimorbidity(all & ~condition_bit(Condition::copd), 0));
  CHECK(models::has_multimorbidity(all & ~condition_bit(Condition::copd), 1));
  CHECK_FALSE(models::has_multimorbidity(0, 0));
  CHECK_FALSE(models::has_multimorbidity(0, 3));
  CHECK(models::has_multimorbidity(0, 4));
  CHECK(models::has_multimorbidity(condition_bit(Condition::dementia), 3));
  // Bits that are no tracked condition count for nothing.
  CHECK_FALSE(models::has_multimorbidity(static_cast<std::uint8_t>(0xF0), 0));
  CHECK_FALSE(models::has_multimorbidity(
      static_cast<std::uint8_t>(0xF0 | condition_bit(Condition::dementia)), 2));
  CHECK(models::counts_as_frail(models::Frailty::moderate));
  CHECK(models::counts_as_frail(models::Frailty::severe));
  CHECK_FALSE(models::counts_as_frail(models::Frailty::mild));
}

TEST_CASE("at the start, dementia at 65+ and frailty at 85+ are as the population was drawn",
          "[prevalence]") {
  // 200,000 people: about 37,000 aged 65+ and 4,400 aged 85+, so standard
  // errors of about 0.13 points on the dementia share (6.6%) and 0.6 points
  // on the frail share (about 20%).
  const auto scenario =
      models::parse_scenario(one_area(200000, no_care_homes), "<prevalence>", {});
  const auto& parameters = scenario.areas[0].parameters;
  const auto run = first_day(scenario);
  const auto& area = *run.area;

  const double older = area.measure(Metric::population_65_plus_end, 0);
  const double oldest = area.measure(Metric::population_85_plus_end, 0);
  REQUIRE(older > 30000.0);
  REQUIRE(oldest > 3000.0);

  const auto& dementia =
      parameters.conditions.tracked[static_cast<std::size_t>(models::Condition::dementia)]
          .prevalence;
  const double expected_dementia =
      mean_from_age(parameters.population, 65.0, [&](double age) { return dementia.at(age); });
  check_within_sampling_error(area.measure(Metric::people_65_plus_with_dementia_end, 0) / older,
                              expected_dementia, older);

  const models::PersonRisk risk(parameters);
  const double expected_frail = mean_from_age(parameters.population, 85.0, [&](double age) {
    const auto shares = risk.initial_frailty_shares(age);
    return shares[static_cast<std::size_t>(models::Frailty::moderate)] +
           shares[static_cast<std::size_t>(models::Frailty::severe)];
  });
  check_within_sampling_error(area.measure(Metric::frail_people_85_plus_end, 0) / oldest,
                              expected_frail, oldest);

  // The same snapshot by band: the 85+ band of the frail, and the bands of
  // the 65+ snapshots add up to them, none under 65.
  CHECK(area.measure_by_age_band(Metric::population_frail_end, models::age_band_count - 1, 0) ==
        area.measure(Metric::frail_people_85_plus_end, 0));
  double older_by_band = 0.0;
  double dementia_by_band = 0.0;
  for (std::size_t band = 0; band < models::age_band_count; ++band) {
    const double with_dementia =
        area.measure_by_age_band(Metric::people_65_plus_with_dementia_end, band, 0);
    if (band < models::age_band_of(65.0)) {
      CHECK(with_dementia == 0.0);
    } else {
      older_by_band += area.measure_by_age_band(Metric::population_end, band, 0);
    }
    dementia_by_band += with_dementia;
  }
  CHECK(older_by_band == older);
  CHECK(dementia_by_band == area.measure(Metric::people_65_plus_with_dementia_end, 0));
}

TEST_CASE("without other conditions, multimorbidity at 65+ counts those with every tracked "
          "condition", "[prevalence]") {
  // Each condition at 50% from 65, drawn independently, and no other
  // conditions counted: a sixteenth have all four (three or more would be
  // five sixteenths). About 37,000 people 65+ give a standard error of 0.13
  // points.
  const std::string half_from_65 = "{prevalence: [0.003, 0.02, 0.08, 0.5, 0.5, 0.5]}";
  const auto scenario = models::parse_scenario(
      one_area(200000, "  conditions:\n    diabetes: " + half_from_65 + "\n    copd: " +
                           half_from_65 + "\n    heart_failure: " + half_from_65 +
                           "\n    dementia: " + half_from_65 + "\n    other: {enabled: false}\n"),
      "<multimorbidity>", {});
  const auto run = first_day(scenario);
  const double older = run.area->measure(Metric::population_65_plus_end, 0);
  const double multimorbid =
      run.area->measure(Metric::people_65_plus_with_4_plus_conditions_end, 0);
  check_within_sampling_error(multimorbid / older, 1.0 / 16.0, older);
  // Under 65 nobody is counted, however many conditions they have.
  for (std::size_t band = 0; band < models::age_band_of(65.0); ++band) {
    CHECK(run.area->measure_by_age_band(Metric::people_65_plus_with_4_plus_conditions_end, band,
                                        0) == 0.0);
  }
}

const std::string no_end_of_life_admissions =
    "  mortality: {end_of_life_admission: {enabled: false}}\n";

TEST_CASE("care-home residents' admissions: none without residents or their admissions",
          "[prevalence][care_home]") {
  SECTION("no care homes") {
    const auto scenario =
        models::parse_scenario(one_area(30000, no_care_homes, "    care_home_places: 0\n"),
                               "<no care homes>", {});
    const auto run = models::run_replication(scenario, 0);
    REQUIRE(run.total(Metric::care_home_resident_days) == 0.0);
    CHECK(run.total(Metric::emergency_admissions) > 0.0);
    CHECK(run.total(Metric::emergency_admissions_from_care_homes) == 0.0);
  }
  SECTION("residents never admitted") {
    const auto scenario = models::parse_scenario(
        // Nor admitted to die (those admissions count as residents' too).
        one_area(30000, "  emergency_admission: {care_home_rate_per_person_year: 0}\n" +
                            no_end_of_life_admissions),
        "<no admissions from care homes>", {});
    const auto run = models::run_replication(scenario, 0);
    REQUIRE(run.total(Metric::care_home_resident_days) > 0.0);
    CHECK(run.total(Metric::emergency_admissions) > 0.0);
    CHECK(run.total(Metric::emergency_admissions_from_care_homes) == 0.0);
  }
}

TEST_CASE("care-home residents are admitted at their rate, more after a discharge",
          "[prevalence][care_home]") {
  // 300,000 people: about 1,500 residents, about 900 of their admissions in
  // the year at the base rate, a Poisson standard error of 3.3%.
  auto rate_with = [](const std::string& parameters) {
    const auto scenario =
        models::parse_scenario(one_area(300000, parameters), "<care-home admissions>", {});
    const auto run = models::run_replication(scenario, 0);
    const double admissions = run.total(Metric::emergency_admissions_from_care_homes);
    const double resident_years = run.total(Metric::care_home_resident_days) / days_per_year;
    REQUIRE(admissions > 500.0);
    CHECK(admissions < run.total(Metric::emergency_admissions));
    struct Rate {
      double value, standard_error;
    };
    return Rate{admissions / resident_years, std::sqrt(admissions) / resident_years};
  };
  const double input =
      models::default_parameters().emergency_admission.care_home_rate_per_person_year;
  // Without the raised hazard after a discharge the rate is the input, less
  // the time residents spend in hospital holding their place (no admission
  // can start there): about 0.95 stays a year of 8 days or so, 2%; allow 10%.
  // Admissions at the end of life, on top of the rate, are switched off.
  const auto flat = rate_with("  emergency_admission: {readmission_hazard_ratio: 1}\n" +
                              no_end_of_life_admissions);
  INFO("residents' admissions a resident-year, flat hazard: " << flat.value);
  CHECK(flat.value <= input + 4.0 * flat.standard_error);
  CHECK(flat.value >= 0.9 * input - 4.0 * flat.standard_error);
  // With the default raised hazard in the 30 days after a discharge,
  // residents come back more often.
  const auto clustered = rate_with("");
  INFO("with readmissions clustered after a discharge: " << clustered.value);
  CHECK(clustered.value > flat.value + 4.0 * std::hypot(flat.standard_error,
                                                        clustered.standard_error));
}
