#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
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

TEST_CASE("paired differences use the spread of the differences", "[statistics][compare]") {
  const std::vector<double> a{10.0, 20.0, 30.0, 40.0};
  const std::vector<double> b{11.0, 21.5, 30.5, 41.0};  // differences 1, 1.5, 0.5, 1
  const auto paired = hcsim::sim::paired_difference(a, b);
  CHECK(paired.estimate == Approx(1.0));
  // sd of (1, 1.5, 0.5, 1) = 0.408248; t(3) = 3.182446
  const double half = 3.182446 * 0.408248 / 2.0;
  CHECK(*paired.ci95_low == Approx(1.0 - half).epsilon(1e-5));
  CHECK(*paired.ci95_high == Approx(1.0 + half).epsilon(1e-5));
  // Unpaired, the between-run spread swamps the difference.
  const auto unpaired = hcsim::sim::welch_difference(a, b);
  CHECK(unpaired.estimate == Approx(1.0));
  CHECK(*unpaired.ci95_low < -15.0);
  CHECK(*unpaired.ci95_high > 15.0);
}

TEST_CASE("Welch interval matches a hand computation", "[statistics][compare]") {
  const std::vector<double> a{1.0, 2.0, 3.0, 4.0, 5.0};        // mean 3, var 2.5
  const std::vector<double> b{2.0, 4.0, 6.0, 8.0, 10.0, 12.0};  // mean 7, var 14
  const auto difference = hcsim::sim::welch_difference(a, b);
  const double va = 2.5 / 5, vb = 14.0 / 6;
  const double df = (va + vb) * (va + vb) / (va * va / 4 + vb * vb / 5);
  const double half = hcsim::sim::student_t_975(df) * std::sqrt(va + vb);
  CHECK(difference.estimate == Approx(4.0));
  CHECK(*difference.ci95_low == Approx(4.0 - half));
  CHECK(*difference.ci95_high == Approx(4.0 + half));
}

TEST_CASE("the replication calculator reaches the target half-width", "[statistics]") {
  hcsim::sim::Summary pilot;
  pilot.count = 10;
  pilot.mean = 100.0;
  pilot.standard_deviation = 10.0;
  const std::size_t n = hcsim::sim::replications_needed(pilot, 0.01);  // half-width 1
  // t(n-1) * 10 / sqrt(n) <= 1 first holds at n = 387 (1.966 * 10 / 19.67 = 0.9995).
  CHECK(hcsim::sim::student_t_975(static_cast<double>(n - 1)) * 10.0 /
            std::sqrt(static_cast<double>(n)) <= 1.0);
  CHECK(hcsim::sim::student_t_975(static_cast<double>(n - 2)) * 10.0 /
            std::sqrt(static_cast<double>(n - 1)) > 1.0);
  CHECK(hcsim::sim::replications_needed(pilot, 0.5) == 3);  // t(2) * 10 / sqrt(3) = 24.8
  pilot.count = 1;
  CHECK(hcsim::sim::replications_needed(pilot, 0.01) == 0);
}

TEST_CASE("a value that is not a number gives no interval, never an error",
          "[statistics][compare]") {
  using hcsim::sim::Difference;
  using hcsim::sim::Summary;
  using hcsim::sim::paired_difference;
  using hcsim::sim::replications_needed;
  using hcsim::sim::summarise;
  using hcsim::sim::welch_difference;
  // roi of an intervention that cost nothing is NaN in every run; a damaged
  // results file may hold one anywhere.
  const double nan = std::nan("");
  const std::vector<double> clean{1.0, 2.0, 3.0};
  const std::vector<double> damaged{1.0, nan, 3.0};
  const Summary summary = summarise(damaged);
  CHECK(summary.count == 3);
  CHECK(std::isnan(summary.mean));
  CHECK(std::isnan(summary.standard_deviation));
  CHECK_FALSE(summary.ci95_low);
  CHECK_FALSE(summary.ci95_high);

  const Difference unpaired = welch_difference(clean, damaged);
  CHECK(std::isnan(unpaired.estimate));
  CHECK_FALSE(unpaired.ci95_low);
  CHECK_FALSE(welch_difference(damaged, clean).ci95_low);
  const Difference paired = paired_difference(clean, damaged);
  CHECK_FALSE(paired.ci95_low);
  CHECK(replications_needed(summary, 0.01) == 0);
  const std::vector<double> infinite{1.0, std::numeric_limits<double>::infinity()};
  CHECK_FALSE(summarise(infinite).ci95_low);
}
