#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

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

TEST_CASE("a band is the last whose lower bound is at or below the age", "[hazard_timing]") {
  AgeSchedule yearly;
  for (int age = 0; age <= 110; ++age) {
    yearly.lower_bounds.push_back(static_cast<double>(age));
    yearly.values.push_back(0.01);
  }
  CHECK(yearly.band_of(0.0) == 0);
  CHECK(yearly.band_of(64.999) == 64);
  CHECK(yearly.band_of(65.0) == 65);
  CHECK(yearly.band_of(200.0) == 110);
  const AgeSchedule one_band{{0.0}, {0.5}};
  CHECK(one_band.band_of(40.0) == 0);
  // Against the plain definition, for every size of schedule up to 12
  // bands, at each bound, either side of it and beyond the last.
  for (std::size_t bands = 1; bands <= 12; ++bands) {
    AgeSchedule schedule;
    for (std::size_t band = 0; band < bands; ++band) {
      schedule.lower_bounds.push_back(band == 0 ? 0.0 : 5.0 * static_cast<double>(band) + 3.0);
      schedule.values.push_back(1.0);
    }
    for (double age = -1.0; age < 70.0; age += 0.25) {
      std::size_t expected = 0;
      while (expected + 1 < bands && age >= schedule.lower_bounds[expected + 1]) ++expected;
      CHECK(schedule.band_of(age) == expected);
      CHECK(schedule.band_of_from(age, 0) == expected);
    }
  }
}

TEST_CASE("a horizon changes no answer below it", "[hazard_timing]") {
  using hcsim::models::years_until_hazard_raised_early;
  // One-year pieces, as the derived frailty and onset hazards come.
  AgeSchedule rate;
  for (int age = 0; age <= 110; ++age) {
    rate.lower_bounds.push_back(static_cast<double>(age));
    rate.values.push_back(0.001 * (1.0 + 0.05 * age));
  }
  const double infinity = std::numeric_limits<double>::infinity();
  for (const double age : {0.0, 17.3, 64.9, 80.5, 104.0}) {
    for (const double budget : {1e-4, 0.01, 0.3, 2.0, 7.0}) {
      const double exact = years_until_hazard(rate, age, budget);
      for (const double horizon : {0.5, 3.0, 12.0}) {
        const double cut = years_until_hazard(rate, age, budget, 1.0, horizon);
        if (exact <= horizon) {
          CHECK(cut == exact);
        } else {
          CHECK((cut == exact || cut == infinity));
        }
        const double early_exact = years_until_hazard_raised_early(rate, age, budget, 1.0, 0.1, 3.0);
        const double early_cut =
            years_until_hazard_raised_early(rate, age, budget, 1.0, 0.1, 3.0, horizon);
        if (early_exact <= horizon) {
          CHECK(early_cut == early_exact);
        } else {
          CHECK(early_cut > horizon - 1e-9);
        }
      }
    }
  }
}
