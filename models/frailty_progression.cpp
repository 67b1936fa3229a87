#include "models/frailty_progression.hpp"

#include <algorithm>

#include "models/mortality.hpp"

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

FrailtyProgression::FrailtyProgression(const Parameters& parameters, const PersonRisk& risk) {
  const FrailtyParameters& frailty = parameters.frailty;
  const AgeSchedule& shares = frailty.initial_frail_share;
  if (!frailty.enabled || shares.values.empty()) return;

  if (frailty.progression == FrailtyProgressionModel::published_onset) {
    for (auto& by_step : rates_) {
      for (std::size_t step = 0; step < by_step.size(); ++step) {
        by_step[step].lower_bounds = shares.lower_bounds;
        for (const double onset : frailty.onset_rate.values) {
          by_step[step].values.push_back(onset * frailty.step_rate_multiplier[step]);
        }
        by_step[step].index_years();
      }
    }
    return;
  }

  const double oldest_age = parameters.population.oldest_age;
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
  const auto& hazard_ratio = frailty.mortality_hazard_ratio;
  const auto& mortality = parameters.mortality;
  const std::array<Gompertz, 2> law{Gompertz{mortality.gompertz_slope, mortality.modal_age_male},
                                    Gompertz{mortality.gompertz_slope,
                                             mortality.modal_age_female}};
  for (std::size_t band = 0; band < bands; ++band) {
    const double from = shares.lower_bounds[band];
    const double to = band_end(band);
    const double p_from = interpolated_prevalence(shares, midpoints, from);
    const double p_to = interpolated_prevalence(shares, midpoints, to);
    const double slope = std::max(0.0, (p_to - p_from) / (to - from));
    const double mean = (p_from + p_to) / 2.0;
    // Shares at each level over the band.
    const std::array<double, frailty_levels> level_share{1.0 - mean, s[0] * mean, s[1] * mean,
                                                         s[2] * mean};
    // Deaths beyond the average among those at or above each step's target
    // level, per unit of mu / N: sum_{j>=k} share_j (HR_j - mean ratio).
    std::array<double, 3> excess{0.0, 0.0, 0.0};
    double frailty_mean_ratio = 1.0;  // N of frailty alone, at synthesis
    const bool replaces_deaths = risk.mortality_by_health() && mean > 0.0;
    if (replaces_deaths) {
      double realised = 0.0;
      for (std::size_t level = 0; level < frailty_levels; ++level) {
        realised += level_share[level] * hazard_ratio[level];
      }
      const auto synthesis = risk.initial_frailty_shares(from);
      frailty_mean_ratio = 0.0;
      for (std::size_t level = 0; level < frailty_levels; ++level) {
        frailty_mean_ratio += synthesis[level] * hazard_ratio[level];
      }
      for (std::size_t step = 0; step < excess.size(); ++step) {
        for (std::size_t level = step + 1; level < frailty_levels; ++level) {
          excess[step] += level_share[level] * (hazard_ratio[level] - realised);
        }
      }
    }
    // Share at the level each step starts from.
    const std::array<double, 3> below{level_share[0], level_share[1], level_share[2]};
    // One-year steps where deaths are replaced (mu changes fast with age),
    // the whole band otherwise.
    std::vector<double> starts{from};
    if (replaces_deaths) {
      for (double age = from + 1.0; age < to - 1e-9; age += 1.0) starts.push_back(age);
    }
    for (std::size_t sex = 0; sex < rates_.size(); ++sex) {
      for (std::size_t piece = 0; piece < starts.size(); ++piece) {
        const double start = starts[piece];
        const double end = piece + 1 < starts.size() ? starts[piece + 1] : to;
        // Mean Gompertz hazard over the piece.
        const double mu = (law[sex].g(end) - law[sex].g(start)) / (end - start);
        for (std::size_t step = 0; step < 3; ++step) {
          const double flow = at_or_above[step] * slope + mu / frailty_mean_ratio * excess[step];
          rates_[sex][step].lower_bounds.push_back(start);
          rates_[sex][step].values.push_back(below[step] > 1e-12 ? std::max(0.0, flow) / below[step]
                                                                 : 0.0);
        }
      }
    }
  }
  for (auto& by_step : rates_) {
    for (AgeSchedule& rate : by_step) rate.index_years();
  }
}

}  // namespace hcsim::models
