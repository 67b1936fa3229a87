#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "models/mortality.hpp"
#include "models/input_error.hpp"
#include "models/parameters.hpp"
#include "models/scenario.hpp"

using hcsim::models::Gompertz;

TEST_CASE("default mortality is the calibrated law, close to ONS life expectancy at 65",
          "[mortality][calibration]") {
  // The modal ages were fitted (docs/calibration.md, step 18) so that the
  // simulated population, care-home residents and frailty included, lives
  // ONS 2017-19's 18.8 (men) and 21.1 (women) years from 65; the law's own
  // value is then 19.29 and 21.84, within 6% of the reference file's ONS
  // 2010-12 figures (18.3, 20.9). 0.5% allows for the modal ages' rounding.
  const auto parameters = hcsim::models::default_parameters();
  const Gompertz men{parameters.mortality.gompertz_slope, parameters.mortality.modal_age_male};
  const Gompertz women{parameters.mortality.gompertz_slope, parameters.mortality.modal_age_female};
  CHECK(men.life_expectancy(65.0) == Approx(19.29).epsilon(0.005));
  CHECK(women.life_expectancy(65.0) == Approx(21.84).epsilon(0.005));
  CHECK(std::abs(men.life_expectancy(65.0) - 18.3) < 0.06 * 18.3);
  CHECK(std::abs(women.life_expectancy(65.0) - 20.9) < 0.06 * 20.9);
  // At birth, within 3.5% of ONS 2020 (78.6, 82.6): a check of the assumed slope.
  CHECK(men.life_expectancy(0.0) == Approx(78.6).epsilon(0.035));
  CHECK(women.life_expectancy(0.0) == Approx(82.6).epsilon(0.035));
}

TEST_CASE("a hazard budget maps to a death age and back", "[mortality]") {
  const Gompertz gompertz{0.1, 86.0};
  const double death_age = gompertz.age_at_death(70.0, 0.7, 1.0);
  CHECK(death_age > 70.0);
  CHECK(gompertz.remaining_budget(70.0, death_age, 1.0) == Approx(0.7));
  // Half-way, moving to a multiplier of 3 uses the rest three times as fast.
  const double middle = 0.5 * (70.0 + death_age);
  const double left = gompertz.remaining_budget(middle, death_age, 1.0);
  const double new_death = gompertz.age_at_death(middle, left, 3.0);
  CHECK(new_death < death_age);
  CHECK(3.0 * (gompertz.g(new_death) - gompertz.g(middle)) == Approx(left));
}

TEST_CASE("mortality improvement is a Gompertz law along each life", "[mortality]") {
  // The hazard of someone aged x0 at time 0, t years on, must be the period
  // law's hazard at x0 + t times (1 - rate)^t, whatever x0 and t.
  using hcsim::models::MortalityImprovement;
  const Gompertz period{0.1, 86.0};
  const MortalityImprovement improvement{0.011};
  const Gompertz along_a_life = improvement.law_along_a_life(period);
  for (const double x0 : {-5.0, 0.0, 40.0, 70.0, 95.0}) {
    const double k = improvement.multiplier(period, x0);
    for (const double t : {0.0, 1.0, 7.5, 30.0}) {
      const double expected = period.hazard(x0 + t) * std::pow(1.0 - 0.011, t);
      CHECK(k * along_a_life.hazard(x0 + t) == Approx(expected).epsilon(1e-12));
    }
  }
  // Survival to a drawn death age: the budget equals the integral of that
  // hazard, so death ages follow from the closed forms unchanged.
  const double x0 = 70.0;
  const double k = improvement.multiplier(period, x0);
  const double death_age = along_a_life.age_at_death(x0, 0.9, k);
  double integral = 0.0;
  const double step = 1e-4;
  for (double x = x0 + 0.5 * step; x < death_age; x += step) {
    integral += period.hazard(x) * std::pow(1.0 - 0.011, x - x0) * step;
  }
  CHECK(integral == Approx(0.9).epsilon(1e-3));
  // Someone improving lives longer than under the period law.
  CHECK(death_age > period.age_at_death(x0, 0.9, 1.0));
}

TEST_CASE("no mortality improvement gives back the period law exactly", "[mortality]") {
  using hcsim::models::MortalityImprovement;
  const Gompertz period{0.1, 86.0};
  const MortalityImprovement none{0.0};
  CHECK(none.law_along_a_life(period).slope == period.slope);
  CHECK(none.law_along_a_life(period).modal_age == period.modal_age);
  CHECK(none.multiplier(period, 63.2) == 1.0);
}

TEST_CASE("bad mortality improvement is an input error naming the key", "[mortality][bad_input]") {
  const std::string base = R"(name: t
seed: 1
replications: 2
population_scale: 0.05
horizon_years: 1
areas:
  - name: A
    population: 1000000
parameters:
)";
  // A negative share, a per-cent figure, and one that would make mortality
  // fall with age along a life (above the Gompertz slope).
  for (const std::string& bad :
       {std::string("  mortality: {improvement_per_year: -0.01}\n"),
        std::string("  mortality: {improvement_per_year: 1.1}\n"),
        std::string("  mortality: {gompertz_slope: 0.05, improvement_per_year: 0.06}\n")}) {
    INFO(bad);
    try {
      (void)hcsim::models::parse_scenario(base + bad, "bad.yaml", {});
      FAIL("accepted " << bad);
    } catch (const hcsim::models::InputError& error) {
      const std::string what = error.what();
      CHECK_THAT(what, Catch::Contains("bad.yaml:10"));
      CHECK_THAT(what, Catch::Contains("parameters.mortality.improvement_per_year"));
    }
  }
}
