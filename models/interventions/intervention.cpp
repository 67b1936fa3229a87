#include "models/interventions/intervention.hpp"

#include <algorithm>

namespace hcsim::models {
namespace {

// Integral of the ramp from the start to `t`, ignoring the end: 0 before the
// start, a quadratic during the ramp-up, then one day per day.
double ramp_integral_to(double t, double start, double ramp_up_days) noexcept {
  if (t <= start) return 0.0;
  const double elapsed = t - start;
  if (elapsed < ramp_up_days) return elapsed * elapsed / (2.0 * ramp_up_days);
  return ramp_up_days / 2.0 + (elapsed - ramp_up_days);
}

}  // namespace

bool Intervention::covers(std::string_view area) const {
  return areas.empty() || std::find(areas.begin(), areas.end(), area) != areas.end();
}

double Intervention::ramp(double t) const noexcept {
  if (t < start_days) return 0.0;
  if (end_days && t >= *end_days) return 0.0;
  const double elapsed = t - start_days;
  if (elapsed >= ramp_up_days) return 1.0;  // also covers ramp_up_days == 0
  return elapsed / ramp_up_days;
}

double Intervention::admission_hazard_multiplier(double t) const noexcept {
  return 1.0 + (effect.admission_hazard_ratio - 1.0) * ramp(t);
}

double Intervention::length_of_stay_multiplier(double t) const noexcept {
  return 1.0 + (effect.length_of_stay_ratio - 1.0) * ramp(t);
}

double Intervention::discharge_delay_multiplier(double t) const noexcept {
  return 1.0 + (effect.discharge_delay_ratio - 1.0) * ramp(t);
}

double Intervention::capacity_change(CommissionedService service, double t) const noexcept {
  if (!effect.capacity_change || effect.capacity_change->service != service) return 0.0;
  return effect.capacity_change->relative * ramp(t);
}

bool Intervention::has_effect() const noexcept {
  return effect.admission_hazard_ratio != 1.0 || effect.length_of_stay_ratio != 1.0 ||
         effect.discharge_delay_ratio != 1.0 ||
         (effect.capacity_change && effect.capacity_change->relative != 0.0);
}

double Intervention::cost_days(double t0, double t1) const noexcept {
  if (!(t1 > t0)) return 0.0;
  // Spending stops at the end: clip the interval there.
  const double last = end_days ? std::min(t1, *end_days) : t1;
  const double first = std::min(t0, last);
  if (cost.follows_ramp_up) {
    return ramp_integral_to(last, start_days, ramp_up_days) -
           ramp_integral_to(first, start_days, ramp_up_days);
  }
  return std::max(0.0, last - std::max(first, start_days));
}

double Intervention::running_cost(double t0, double t1, double targeted_people,
                                  double population_scale) const noexcept {
  const double pounds_per_year =
      cost.per_year * population_scale + cost.per_person_per_year * targeted_people;
  return pounds_per_year * cost_days(t0, t1) / days_per_year;
}

}  // namespace hcsim::models
