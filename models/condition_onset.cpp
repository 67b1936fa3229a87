#include "models/condition_onset.hpp"

#include <algorithm>

#include "models/mortality.hpp"

namespace hcsim::models {

ConditionOnset::ConditionOnset(const Parameters& parameters, const PersonRisk& risk) {
  const auto& mortality = parameters.mortality;
  const std::array<Gompertz, 2> law{Gompertz{mortality.gompertz_slope, mortality.modal_age_male},
                                    Gompertz{mortality.gompertz_slope,
                                             mortality.modal_age_female}};
  const double oldest_age = parameters.population.oldest_age;
  for (std::size_t c = 0; c < tracked_conditions; ++c) {
    const ConditionParameters& condition = parameters.conditions.tracked[c];
    const AgeSchedule& onset = condition.onset_rate;
    const double ratio = condition.mortality_hazard_ratio;
    const bool replaces_deaths = risk.mortality_by_health() && ratio != 1.0 &&
                                 !condition.prevalence.values.empty();
    for (std::size_t sex = 0; sex < rates_.size(); ++sex) {
      AgeSchedule& rate = rates_[sex][c];
      if (!replaces_deaths) {
        rate = onset;
        continue;
      }
      for (std::size_t band = 0; band < onset.values.size(); ++band) {
        const double from = onset.lower_bounds[band];
        const double to = band + 1 < onset.values.size() ? onset.lower_bounds[band + 1]
                                                         : std::max(oldest_age, from + 1.0);
        const double prevalence = condition.prevalence.at(from);
        std::vector<double> starts{from};
        if (prevalence > 0.0) {
          for (double age = from + 1.0; age < to - 1e-9; age += 1.0) starts.push_back(age);
        }
        const double mean_ratio = 1.0 - prevalence + prevalence * ratio;
        for (std::size_t piece = 0; piece < starts.size(); ++piece) {
          const double start = starts[piece];
          const double end = piece + 1 < starts.size() ? starts[piece + 1] : to;
          // Mean Gompertz hazard over the piece.
          const double mu = (law[sex].g(end) - law[sex].g(start)) / (end - start);
          rate.lower_bounds.push_back(start);
          rate.values.push_back(std::max(
              0.0, onset.values[band] + prevalence * mu * (ratio - 1.0) / mean_ratio));
        }
      }
    }
  }
}

}  // namespace hcsim::models
