// Durations that took only a number (hospital.same_day_stay_days,
// social_care.assessment_days) take any family too; a bare number is still
// a fixed duration and gives the same results as before.
#include <catch2/catch.hpp>

#include <string>

#include "models/input_error.hpp"
#include "models/scenario.hpp"
#include "sim/random_stream.hpp"
#include "tests/support/experiment_totals.hpp"

using hcsim::models::Metric;
using hcsim::sim::DistributionFamily;

namespace {

std::string scenario_text(const std::string& same_day, const std::string& assessment) {
  return R"(name: durations
seed: 9
replications: 1
population_scale: 0.02
warmup_days: 30
horizon_years: 1
parameters:
  hospital:
    same_day_stay_days: )" + same_day + R"(
  social_care:
    assessment_days: )" + assessment + R"(
areas:
  - name: Durham-on-Test
    population: 200000
)";
}

hcsim::models::Parameters parameters_of(const std::string& text) {
  return hcsim::models::parse_scenario(text, "durations.yaml", {}).areas[0].parameters;
}

double sample_mean(const hcsim::sim::Distribution& distribution) {
  const hcsim::sim::RandomStreams streams(1, 0);
  double sum = 0.0;
  constexpr int draws = 40000;
  for (int i = 0; i < draws; ++i) {
    auto stream = streams.stream(7, 1, static_cast<std::uint64_t>(i));
    sum += distribution.sample(stream);
  }
  return sum / draws;
}

std::string errors_of(const std::string& text) {
  try {
    (void)hcsim::models::parse_scenario(text, "durations.yaml", {});
  } catch (const hcsim::models::InputError& error) {
    return error.what();
  }
  FAIL("the scenario was accepted");
  return "";
}

}  // namespace

TEST_CASE("same-day stays and assessment waits take a distribution", "[distribution_reader]") {
  const auto p = parameters_of(scenario_text("{distribution: exponential, mean: 0.3}",
                                             "{distribution: gamma, shape: 2, scale: 5}"));
  CHECK(p.hospital.same_day_stay_days.family() == DistributionFamily::exponential);
  CHECK(sample_mean(p.hospital.same_day_stay_days) == Approx(0.3).epsilon(0.02));
  CHECK(p.social_care.assessment_days.family() == DistributionFamily::gamma);
  CHECK(sample_mean(p.social_care.assessment_days) == Approx(10.0).epsilon(0.02));
  const auto numbers = parameters_of(scenario_text("0.2", "7"));
  CHECK(numbers.hospital.same_day_stay_days.family() == DistributionFamily::fixed);
  CHECK(numbers.hospital.same_day_stay_days.mean() == 0.2);
  CHECK(numbers.social_care.assessment_days.mean() == 7.0);
}

TEST_CASE("a bad duration is refused with its key", "[distribution_reader][bad_input]") {
  CHECK_THAT(errors_of(scenario_text("[0.1, 0.2]", "7")),
             Catch::Contains("hospital.same_day_stay_days") && Catch::Contains("got a list"));
  CHECK_THAT(errors_of(scenario_text("{distribution: lognormal, mean: 2, sd: 1}", "7")),
             Catch::Contains("same_day_stay_days") && Catch::Contains("its mean"));
  CHECK_THAT(errors_of(scenario_text("0.25", "400")),
             Catch::Contains("social_care.assessment_days") && Catch::Contains("[0, 365]"));
  CHECK_THAT(errors_of(scenario_text("0.25", "{distribution: gama, shape: 2, scale: 5}")),
             Catch::Contains("assessment_days") && Catch::Contains("expected one of fixed"));
}

TEST_CASE("a parameter out of range is reported once, a missing one says why it is needed",
          "[distribution_reader][bad_input]") {
  const std::string out_of_range =
      errors_of(scenario_text("0.2", "{distribution: gamma, shape: -1, scale: 5}"));
  CHECK_THAT(out_of_range, Catch::Contains("assessment_days.shape") &&
                               Catch::Contains("expected a number > 0"));
  // The shape was given: no second message claims it is missing.
  CHECK_THAT(out_of_range, !Catch::Contains("needs 'shape'"));
  CHECK_THAT(errors_of(scenario_text("0.2", "{distribution: gamma, scale: 5}")),
             Catch::Contains("a gamma distribution needs 'shape'") &&
                 Catch::Contains("every parameter of its family"));
}

TEST_CASE("a fixed duration as a number or a mapping gives identical results",
          "[distribution_reader]") {
  const auto numbers = hcsim::test::run_text(scenario_text("0.25", "14"), "durations.yaml");
  const auto mappings = hcsim::test::run_text(
      scenario_text("{distribution: fixed, value: 0.25}", "{distribution: fixed, value: 14}"),
      "durations.yaml");
  REQUIRE(hcsim::test::total(numbers, Metric::delayed_discharge_days_funding_decision) > 0.0);
  REQUIRE(numbers.runs.size() == mappings.runs.size());
  for (std::size_t r = 0; r < numbers.runs.size(); ++r) {
    CHECK(numbers.runs[r].values == mappings.runs[r].values);
    CHECK(numbers.runs[r].values_by_age_band == mappings.runs[r].values_by_age_band);
  }
  // A spread of waits with the same mean changes the waits, not their mean much.
  const auto spread = hcsim::test::run_text(
      scenario_text("{distribution: exponential, mean: 0.25}",
                    "{distribution: gamma, shape: 2, scale: 7}"),
      "durations.yaml");
  CHECK(hcsim::test::total(spread, Metric::delayed_discharge_days_funding_decision) > 0.0);
}
