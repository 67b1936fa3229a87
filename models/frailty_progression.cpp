#include "models/frailty_progression.hpp"

#include <algorithm>

namespace hcsim::models {
namespace {

// The share mild or worse at `age`, linear between band midpoints and flat
// beyond the first and last.
double interpolated_prevalence(const AgeSchedule& shares, const std::vector<double>& midpoints,
                               double age) {
  const auto& values = shares.values;
  if (age <= midpoints.front()) return values.front();
  for (std::size_t band = 1; band < midpoints.size(); ++band) {
    if (age <= midpoints[band]) {
      const double t = (age - midpoints[band - 1]) / (midpoints[band] - midpoints[band - 1]);
      return values[band - 1] + t * (values[band] - values[band - 1]);
    }
  }
  return values.back();
}

}  // namespace

FrailtyProgression::FrailtyProgression(const FrailtyParameters& frailty, double oldest_age) {
  const AgeSchedule& shares = frailty.initial_frail_share;
  if (!frailty.enabled || shares.values.empty()) return;
  for (auto& rate : rates_) rate.lower_bounds = shares.lower_bounds;

  if (frailty.progression == FrailtyProgressionModel::published_onset) {
    for (std::size_t step = 0; step < rates_.size(); ++step) {
      for (const double onset : frailty.onset_rate.values) {
        rates_[step].values.push_back(onset * frailty.step_rate_multiplier[step]);
      }
    }
    return;
  }

  const std::size_t bands = shares.values.size();
  auto band_end = [&](std::size_t band) {
    return band + 1 < bands ? shares.lower_bounds[band + 1]
                            : std::max(oldest_age, shares.lower_bounds[band] + 1.0);
  };
  std::vector<double> midpoints;
  for (std::size_t band = 0; band < bands; ++band) {
    midpoints.push_back((shares.lower_bounds[band] + band_end(band)) / 2.0);
  }
  const auto& s = frailty.split_of_frail;
  const std::array<double, 3> at_or_above{1.0, s[1] + s[2], s[2]};
  for (std::size_t band = 0; band < bands; ++band) {
    const double from = shares.lower_bounds[band];
    const double to = band_end(band);
    const double p_from = interpolated_prevalence(shares, midpoints, from);
    const double p_to = interpolated_prevalence(shares, midpoints, to);
    const double slope = std::max(0.0, (p_to - p_from) / (to - from));
    const double mean = (p_from + p_to) / 2.0;
    // Share at the level each step starts from.
    const std::array<double, 3> below{1.0 - mean, s[0] * mean, s[1] * mean};
    for (std::size_t step = 0; step < rates_.size(); ++step) {
      const double flow = at_or_above[step] * slope;
      rates_[step].values.push_back(below[step] > 1e-12 ? flow / below[step] : 0.0);
    }
  }
}

}  // namespace hcsim::models
