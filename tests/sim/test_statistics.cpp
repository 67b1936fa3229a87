#include <catch2/catch.hpp>

#include <vector>

#include "sim/statistics.hpp"

TEST_CASE("Student t quantiles match tables", "[statistics]") {
  CHECK(hcsim::sim::student_t_975(1) == Approx(12.706).epsilon(1e-4));
  CHECK(hcsim::sim::student_t_975(4) == Approx(2.776).epsilon(1e-3));
  CHECK(hcsim::sim::student_t_975(30) == Approx(2.042).epsilon(1e-3));
}

TEST_CASE("summaries give mean, sample sd and a t interval", "[statistics]") {
  const std::vector<double> values{2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0};
  const auto summary = hcsim::sim::summarise(values);
  CHECK(summary.count == 8);
  CHECK(summary.mean == Approx(5.0));
  CHECK(summary.standard_deviation == Approx(2.13809).epsilon(1e-5));
  const double half = 2.364624 * 2.13809 / std::sqrt(8.0);
  REQUIRE(summary.ci95_low);
  CHECK(*summary.ci95_low == Approx(5.0 - half).epsilon(1e-5));
  CHECK(*summary.ci95_high == Approx(5.0 + half).epsilon(1e-5));
}

TEST_CASE("one value has a mean but no interval", "[statistics]") {
  const std::vector<double> values{3.0};
  const auto summary = hcsim::sim::summarise(values);
  CHECK(summary.mean == 3.0);
  CHECK_FALSE(summary.ci95_low.has_value());
}
