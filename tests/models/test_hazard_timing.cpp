#include <catch2/catch.hpp>

#include <cmath>

#include "models/hazard_timing.hpp"

using hcsim::models::AgeSchedule;
using hcsim::models::years_until_hazard;

TEST_CASE("a constant hazard gives budget / rate", "[hazard_timing]") {
  const AgeSchedule rate{{0.0}, {0.5}};
  CHECK(years_until_hazard(rate, 30.0, 1.0) == Approx(2.0));
  CHECK(years_until_hazard(rate, 30.0, 1.0, 2.0) == Approx(1.0));
}

TEST_CASE("the budget carries across age bands", "[hazard_timing]") {
  const AgeSchedule rate{{0.0, 65.0, 85.0}, {0.1, 0.2, 0.4}};
  // From 63: 2 years at 0.1 use 0.2, then 0.3 more at 0.2 takes 1.5 years.
  CHECK(years_until_hazard(rate, 63.0, 0.5) == Approx(3.5));
  // From 84: 1 year at 0.2, then 0.4 a year.
  CHECK(years_until_hazard(rate, 84.0, 0.6) == Approx(2.0));
}

TEST_CASE("a zero hazard from some age on may never reach the budget", "[hazard_timing]") {
  const AgeSchedule rate{{0.0, 18.0}, {0.5, 0.0}};
  CHECK(std::isinf(years_until_hazard(rate, 17.0, 1.0)));
  CHECK(years_until_hazard(rate, 17.0, 0.25) == Approx(0.5));
}
