#include "models/condition_onset.hpp"

#include <algorithm>
#include <cmath>

#include "models/mortality.hpp"

namespace hcsim::models {
namespace {

// The stationary rate of the step into `band` over its first year: the
// hazard that takes the share without the condition from 1 - p_below to
// 1 - p in a year; zero where prevalence does not rise.
double step_rate(const AgeSchedule& prevalence, std::size_t band) {
  if (band == 0) return 0.0;
  const double below = prevalence.values[band - 1];
  const double here = prevalence.values[band];
  if (!(here > below)) return 0.0;
  // A prevalence of 1 cannot be reached by a finite hazard; 1e-9 of the
  // population left without it is as near as the model can tell.
  return std::log((1.0 - below) / std::max(1.0 - here, 1e-9));
}

}  // namespace

ConditionOnset::ConditionOnset(const Parameters& parameters, const PersonRisk& risk) {
  const auto& mortality = parameters.mortality;
  const std::array<Gompertz, 2> law{Gompertz{mortality.gompertz_slope, mortality.modal_age_male},
                                    Gompertz{mortality.gompertz_slope,
                                             mortality.modal_age_female}};
  const double oldest_age = parameters.population.oldest_age;
  const bool stationary = parameters.conditions.onset == ConditionOnsetModel::stationary;
  for (std::size_t c = 0; c < tracked_conditions; ++c) {
    const ConditionParameters& condition = parameters.conditions.tracked[c];
    const AgeSchedule& prevalence = condition.prevalence;
    // The published rates share the prevalence's bands (parameters.cpp).
    const AgeSchedule& onset = stationary ? prevalence : condition.onset_rate;
    if (onset.values.empty()) continue;
    const double ratio = condition.mortality_hazard_ratio;
    const bool replaces_deaths =
        risk.mortality_by_health() && ratio != 1.0 && !prevalence.values.empty();
    if (!stationary && !replaces_deaths) {
      for (auto& by_condition : rates_) by_condition[c] = onset;
      continue;
    }
    for (std::size_t sex = 0; sex < rates_.size(); ++sex) {
      AgeSchedule& rate = rates_[sex][c];
      for (std::size_t band = 0; band < onset.values.size(); ++band) {
        const double from = onset.lower_bounds[band];
        const double to = band + 1 < onset.values.size() ? onset.lower_bounds[band + 1]
                                                         : std::max(oldest_age, from + 1.0);
        const double here = prevalence.at(from);
        const double base = stationary ? 0.0 : onset.values[band];
        const double step = stationary ? step_rate(prevalence, band) : 0.0;
        const bool deaths_here = replaces_deaths && here > 0.0;
        // One-year pieces where the rate changes with age (the Gompertz
        // hazard in the death term, or the step's first year); one piece
        // for the whole band otherwise.
        std::vector<double> starts{from};
        if (deaths_here || step > 0.0) {
          for (double age = from + 1.0; age < to - 1e-9; age += 1.0) {
            starts.push_back(age);
            if (!deaths_here) break;
          }
        }
        const double mean_ratio = 1.0 - here + here * ratio;
        for (std::size_t piece = 0; piece < starts.size(); ++piece) {
          const double start = starts[piece];
          const double end = piece + 1 < starts.size() ? starts[piece + 1] : to;
          double value = base + (piece == 0 ? step : 0.0);
          if (deaths_here) {
            // Mean Gompertz hazard over the piece.
            const double mu = (law[sex].g(end) - law[sex].g(start)) / (end - start);
            value += here * mu * (ratio - 1.0) / mean_ratio;
          }
          rate.lower_bounds.push_back(start);
          rate.values.push_back(std::max(0.0, value));
        }
      }
      rate.index_years();
    }
  }
}

}  // namespace hcsim::models
