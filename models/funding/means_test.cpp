#include "models/funding/means_test.hpp"

#include "models/input_error.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace hcsim::models {
namespace {

// The regulations count every 250 pounds "or part of 250 pounds".
constexpr double tariff_band_pounds = 250.0;

void check(const MeansTestParameters& p) {
  const double between = representative_between_capital(p);
  if (!std::isfinite(p.lower_capital) || !std::isfinite(p.upper_capital) || p.lower_capital < 0.0) {
    throw std::invalid_argument("means test: capital limits must be finite and non-negative");
  }
  if (!(p.lower_capital < p.upper_capital)) {
    throw std::invalid_argument("means test: lower_capital (" + format_number(p.lower_capital) +
                                ") must be below upper_capital (" +
                                format_number(p.upper_capital) + ")");
  }
  if (!std::isfinite(p.tariff_pounds_per_250) || p.tariff_pounds_per_250 < 0.0) {
    throw std::invalid_argument("means test: tariff_pounds_per_250 must be non-negative");
  }
  if (!(between >= p.lower_capital && between <= p.upper_capital)) {
    throw std::invalid_argument("means test: between_band_capital must lie between the limits");
  }
}

}  // namespace

double representative_between_capital(const MeansTestParameters& parameters) noexcept {
  return parameters.between_band_capital.value_or(
      0.5 * (parameters.lower_capital + parameters.upper_capital));
}

MeansTest::MeansTest(const MeansTestParameters& parameters) : parameters_(parameters) {
  check(parameters_);
  const double above_lower = representative_between_capital(parameters_) - parameters_.lower_capital;
  between_band_tariff_ =
      std::ceil(above_lower / tariff_band_pounds) * parameters_.tariff_pounds_per_250;
}

CareCostShare MeansTest::share_weekly_cost(CapitalBand band, double weekly_cost) const {
  if (!std::isfinite(weekly_cost) || weekly_cost < 0.0) {
    throw std::invalid_argument("means test: a weekly cost must be finite and non-negative");
  }
  switch (band) {
    case CapitalBand::below_lower:
      return {weekly_cost, 0.0};
    case CapitalBand::between: {
      const double person = std::min(between_band_tariff_, weekly_cost);
      return {weekly_cost - person, person};
    }
    case CapitalBand::above_upper:
      return {0.0, weekly_cost};
  }
  return {weekly_cost, 0.0};
}

}  // namespace hcsim::models
