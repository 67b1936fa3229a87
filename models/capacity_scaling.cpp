#include "models/capacity_scaling.hpp"

#include <cmath>

namespace hcsim::models {

double capacity_scale_factor(CapacityScaling scaling, double scale,
                             double reference_utilisation) noexcept {
  // At full scale (or above) the rules agree; returning exactly 1 keeps
  // full-scale capacities independent of the rule to the last bit.
  if (scaling == CapacityScaling::proportional || scale >= 1.0 || !(scale > 0.0)) return 1.0;
  return reference_utilisation + (1.0 - reference_utilisation) / std::sqrt(scale);
}

std::int64_t scaled_capacity(double full_scale_capacity, double scale, CapacityScaling scaling,
                             double reference_utilisation) noexcept {
  return static_cast<std::int64_t>(std::llround(
      full_scale_capacity * scale * capacity_scale_factor(scaling, scale, reference_utilisation)));
}

std::string_view capacity_scaling_name(CapacityScaling scaling) noexcept {
  return scaling == CapacityScaling::square_root ? "square_root" : "proportional";
}

}  // namespace hcsim::models
