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
    // Searched, then through the year index (several bounds a year here).
    for (const bool indexed : {false, true}) {
      if (indexed) schedule.index_years();
      for (const double age : ages) {
        INFO("bands " << bands << ", age " << age << (indexed ? ", indexed" : ""));
        REQUIRE(schedule.band_of(age) == band_by_upper_bound(schedule, age));
      }
    }
  }
}

TEST_CASE("band_of is exact on schedules of one-year pieces after wider bands",
          "[age_schedule]") {
  // The derived hazards' shapes (a wide first band or two, then one-year
  // pieces), where the one-year guess is taken, and shapes that defeat it
  // (a wide band in the middle, pieces not on whole years, a wide last band).
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<std::vector<double>> shapes;
  std::vector<double> yearly{0.0};
  for (int age = 1; age <= 110; ++age) yearly.push_back(age);
  shapes.push_back(yearly);
  std::vector<double> wide_head{0.0, 20.0};
  for (int age = 40; age < 100; ++age) wide_head.push_back(age);
  shapes.push_back(wide_head);
  std::vector<double> wide_middle{0.0};
  for (int age = 18; age < 40; ++age) wide_middle.push_back(age);
  for (int age = 65; age < 100; ++age) wide_middle.push_back(age);
  shapes.push_back(wide_middle);
  std::vector<double> offset{0.0};
  for (int age = 10; age < 100; ++age) offset.push_back(age + 0.5);
  shapes.push_back(offset);
  shapes.push_back({0.0, 1.0, 2.0, 3.0, 90.0});
  for (const auto& bounds : shapes) {
    AgeSchedule schedule;
    schedule.lower_bounds = bounds;
    schedule.values.assign(bounds.size(), 1.0);
    std::vector<double> ages{-1.0, -inf, inf, nan, 1e9};
    for (double age = 0.0; age < 130.0; age += 0.125) ages.push_back(age);
    for (const double bound : bounds) {
      ages.push_back(std::nextafter(bound, -inf));
      ages.push_back(std::nextafter(bound, inf));
    }
    for (const bool indexed : {false, true}) {
      if (indexed) schedule.index_years();
      for (const double age : ages) {
        INFO("bands " << bounds.size() << ", second bound " << bounds[1] << ", age " << age
                      << (indexed ? ", indexed" : ""));
        REQUIRE(schedule.band_of(age) == band_by_upper_bound(schedule, age));
      }
    }
  }
}

TEST_CASE("a year index left stale by changed bounds still gives the right band",
          "[age_schedule]") {
  // The index is a hint checked against the bounds: bounds moved, added or
  // removed after indexing change only the speed.
  const AgeSchedule indexed{{0.0, 18.0, 65.0, 85.0}, {1.0, 2.0, 3.0, 4.0}};
  REQUIRE(indexed.band_at_year.size() == 131);
  std::vector<std::vector<double>> changed{{0.0, 20.0, 60.0, 90.0},
                                           {0.0, 10.0, 18.0, 40.0, 65.0, 75.0, 85.0, 95.0},
                                           {0.0, 65.0},
                                           {0.0},
                                           {5.0, 18.5, 64.5}};
  for (const auto& bounds : changed) {
    AgeSchedule schedule = indexed;
    schedule.lower_bounds = bounds;
    schedule.values.assign(bounds.size(), 1.0);
    for (double age = -2.0; age < 140.0; age += 0.25) {
      INFO("bounds from " << bounds.front() << ", " << bounds.size() << " of them, age " << age);
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
