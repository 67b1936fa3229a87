#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

#include "models/age_schedule.hpp"

using hcsim::models::AgeSchedule;

namespace {

// The definition band_of follows: how many bounds after the first are not
// above the age.
std::size_t band_by_upper_bound(const AgeSchedule& schedule, double age) {
  if (schedule.lower_bounds.size() < 2) return 0;
  const auto above =
      std::upper_bound(schedule.lower_bounds.begin() + 1, schedule.lower_bounds.end(), age);
  return static_cast<std::size_t>(above - (schedule.lower_bounds.begin() + 1));
}

}  // namespace

TEST_CASE("band_of finds the last lower bound at or below an age, for any number of bands",
          "[age_schedule]") {
  // Every band count from 1 to 130 (one-year pieces and more), with ages on,
  // just either side of and between the bounds, below the first and above
  // the last, and the non-finite ones.
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  for (std::size_t bands = 1; bands <= 130; ++bands) {
    AgeSchedule schedule;
    for (std::size_t band = 0; band < bands; ++band) {
      schedule.lower_bounds.push_back(band == 0 ? 0.0 : 0.5 + 0.75 * static_cast<double>(band));
      schedule.values.push_back(static_cast<double>(band));
    }
    std::vector<double> ages{-1.0, -inf, inf, nan, 0.0, 1e9};
    for (const double bound : schedule.lower_bounds) {
      for (const double age : {bound, std::nextafter(bound, -inf), std::nextafter(bound, inf),
                               bound + 0.3}) {
        ages.push_back(age);
      }
    }
    for (const double age : ages) {
      INFO("bands " << bands << ", age " << age);
      REQUIRE(schedule.band_of(age) == band_by_upper_bound(schedule, age));
    }
  }
}

TEST_CASE("band_of at the bounds of a short schedule", "[age_schedule]") {
  const AgeSchedule schedule{{0.0, 65.0, 85.0}, {0.1, 0.2, 0.4}};
  CHECK(schedule.band_of(0.0) == 0);
  CHECK(schedule.band_of(64.999) == 0);
  CHECK(schedule.band_of(65.0) == 1);
  CHECK(schedule.band_of(84.999) == 1);
  CHECK(schedule.band_of(85.0) == 2);
  CHECK(schedule.band_of(120.0) == 2);
  CHECK(schedule.at(70.0) == 0.2);
}
