#include "models/life_table.hpp"

#include <algorithm>

namespace hcsim::models {

double period_life_expectancy(std::span<const double, life_table_age_groups> deaths,
                              std::span<const double, life_table_age_groups> exposure) {
  double alive = 1.0;  // l_x, from a radix of one at 65
  double years = 0.0;  // sum of L_x so far
  for (std::size_t group = 0; group + 1 < life_table_age_groups; ++group) {
    if (!(exposure[group] > 0.0)) return years;
    const double rate = deaths[group] / exposure[group];
    // A rate above 2 would give q above 1 under a_x = 1/2: everyone at risk
    // dies within the year.
    const double dying = std::min(1.0, rate / (1.0 + 0.5 * rate));
    years += alive * (1.0 - 0.5 * dying);
    alive *= 1.0 - dying;
  }
  const std::size_t open = life_table_age_groups - 1;
  if (exposure[open] > 0.0 && deaths[open] > 0.0) {
    years += alive * exposure[open] / deaths[open];
  }
  return years;
}

}  // namespace hcsim::models
