#include <catch2/catch.hpp>

#include <stdexcept>

#include "models/funding/means_test.hpp"

using hcsim::models::CapitalBand;
using hcsim::models::MeansTest;
using hcsim::models::MeansTestParameters;

TEST_CASE("means test: below the lower limit the local authority pays all", "[funding]") {
  const MeansTest test{MeansTestParameters{}};
  const auto share = test.share_weekly_cost(CapitalBand::below_lower, 800.0);
  CHECK(share.local_authority == 800.0);
  CHECK(share.person == 0.0);
}

TEST_CASE("means test: above the upper limit the person pays all", "[funding]") {
  const MeansTest test{MeansTestParameters{}};
  const auto share = test.share_weekly_cost(CapitalBand::above_upper, 800.0);
  CHECK(share.local_authority == 0.0);
  CHECK(share.person == 800.0);
}

TEST_CASE("means test: between the limits the person pays the tariff", "[funding]") {
  // Midpoint 18,750: 4,500 above the lower limit, 18 bands of 250 pounds.
  const MeansTest test{MeansTestParameters{}};
  CHECK(test.between_band_tariff() == 18.0);
  const auto share = test.share_weekly_cost(CapitalBand::between, 800.0);
  CHECK(share.person == 18.0);
  CHECK(share.local_authority == 782.0);

  SECTION("never more than the cost") {
    const auto small = test.share_weekly_cost(CapitalBand::between, 10.0);
    CHECK(small.person == 10.0);
    CHECK(small.local_authority == 0.0);
  }
  SECTION("part of 250 pounds counts as a whole band") {
    MeansTestParameters parameters;
    parameters.between_band_capital = 14251.0;
    CHECK(MeansTest{parameters}.between_band_tariff() == 1.0);
    parameters.between_band_capital = 14250.0;
    CHECK(MeansTest{parameters}.between_band_tariff() == 0.0);
  }
  SECTION("the tariff rate scales the charge") {
    MeansTestParameters parameters;
    parameters.tariff_pounds_per_250 = 2.0;
    CHECK(MeansTest{parameters}.between_band_tariff() == 36.0);
  }
}

TEST_CASE("means test: bad limits and costs are refused", "[funding]") {
  MeansTestParameters reversed;
  reversed.lower_capital = 23250.0;
  reversed.upper_capital = 14250.0;
  CHECK_THROWS_AS(MeansTest{reversed}, std::invalid_argument);
  MeansTestParameters negative;
  negative.lower_capital = -1.0;
  CHECK_THROWS_AS(MeansTest{negative}, std::invalid_argument);
  MeansTestParameters outside;
  outside.between_band_capital = 30000.0;
  CHECK_THROWS_AS(MeansTest{outside}, std::invalid_argument);
  const MeansTest test{MeansTestParameters{}};
  CHECK_THROWS_AS(test.share_weekly_cost(CapitalBand::between, -5.0), std::invalid_argument);
}
