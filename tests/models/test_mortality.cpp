#include <catch2/catch.hpp>

#include "models/mortality.hpp"
#include "models/parameters.hpp"

using hcsim::models::Gompertz;

TEST_CASE("default mortality reproduces ONS life expectancy at 65", "[mortality][calibration]") {
  // ONS interim life tables 2010-12: 18.3 (men), 20.9 (women). The modal ages
  // in the defaults were fitted to these; 1% allows for their rounding.
  const auto parameters = hcsim::models::default_parameters();
  const Gompertz men{parameters.mortality.gompertz_slope, parameters.mortality.modal_age_male};
  const Gompertz women{parameters.mortality.gompertz_slope, parameters.mortality.modal_age_female};
  CHECK(men.life_expectancy(65.0) == Approx(18.3).epsilon(0.01));
  CHECK(women.life_expectancy(65.0) == Approx(20.9).epsilon(0.01));
  // At birth, within 2% of ONS 2020 (78.6, 82.6): a check of the assumed slope.
  CHECK(men.life_expectancy(0.0) == Approx(78.6).epsilon(0.02));
  CHECK(women.life_expectancy(0.0) == Approx(82.6).epsilon(0.02));
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
