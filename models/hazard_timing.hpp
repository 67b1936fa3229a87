#pragma once
// Time until a piecewise-constant age-dependent hazard accumulates a given
// budget (an Exp(1) draw). Drawing event times this way needs no events at
// age-band boundaries and keeps one draw per event for common random numbers.
#include <algorithm>
#include <limits>

#include "models/age_schedule.hpp"

namespace hcsim::models {

// Years from `age` until `rate(age) * multiplier` integrates to `budget`;
// infinity when the hazard is zero from some age on and the budget is not
// reached before.
//
// `horizon` (years) is for callers that act only on answers below it (an
// event after the person's death or the end of the run is not queued): an
// answer beyond it may come back as infinity. The walk then stops there
// instead of crossing every band up to the budget, which for the derived
// hazards in one-year pieces and a small budget-to-hazard ratio is most of a
// lifetime. Every answer below the horizon is computed exactly as without
// it; callers leave a margin above the horizon they need, so that rounding
// can never turn a cut-off answer into one they would have acted on.
//
// `band_reached`, when given, is set to the band the budget runs out in
// (left as it was when it does not).
[[nodiscard]] inline double years_until_hazard(
    const AgeSchedule& rate, double age, double budget, double multiplier = 1.0,
    double horizon = std::numeric_limits<double>::infinity(),
    std::size_t* band_reached = nullptr) noexcept {
  double elapsed = 0.0;
  for (std::size_t band = rate.band_of(age); band < rate.values.size(); ++band) {
    const double hazard = rate.values[band] * multiplier;
    const double band_years = rate.band_end(band) - age;
    if (hazard > 0.0 && budget <= hazard * band_years) {
      if (band_reached) *band_reached = band;
      return elapsed + budget / hazard;
    }
    budget -= hazard * band_years;
    elapsed += band_years;
    // The budget left is not negative (but for rounding), so the answer is
    // at least `elapsed`.
    if (elapsed > horizon) break;
    age = rate.band_end(band);
  }
  return std::numeric_limits<double>::infinity();
}

// As years_until_hazard, with the hazard `early_multiplier` times higher over
// the first `early_years` (the weeks after a discharge, when readmissions
// cluster): the budget is spent at the raised rate until the window closes,
// then at the usual rate. `horizon` as for years_until_hazard.
[[nodiscard]] inline double years_until_hazard_raised_early(
    const AgeSchedule& rate, double age, double budget, double multiplier, double early_years,
    double early_multiplier, double horizon = std::numeric_limits<double>::infinity()) noexcept {
  if (!(early_years > 0.0) || early_multiplier == 1.0) {
    return years_until_hazard(rate, age, budget, multiplier, horizon);
  }
  const double raised = multiplier * early_multiplier;
  // Cut off no earlier than the window's end, so that the test below takes
  // the same branch as with the exact answer.
  const double early =
      years_until_hazard(rate, age, budget, raised, std::max(horizon, early_years));
  if (early <= early_years) return early;
  budget -= raised * rate.mean_over(age, age + early_years) * early_years;
  return early_years +
         years_until_hazard(rate, age + early_years, budget, multiplier, horizon - early_years);
}

// As years_until_hazard_raised_early for someone who does not age
// (population.ageing_enabled false): the hazard stays at its value at
// `age`, so the budget is spent at a constant rate, raised over the first
// `early_years`.
[[nodiscard]] inline double years_until_hazard_at_fixed_age(const AgeSchedule& rate, double age,
                                                            double budget, double multiplier,
                                                            double early_years = 0.0,
                                                            double early_multiplier = 1.0) noexcept {
  const double hazard = rate.values.empty() ? 0.0 : rate.at(age) * multiplier;
  if (!(hazard > 0.0)) return std::numeric_limits<double>::infinity();
  const double raised = hazard * early_multiplier;
  if (early_years > 0.0 && budget > raised * early_years) {
    return early_years + (budget - raised * early_years) / hazard;
  }
  return budget / (early_years > 0.0 ? raised : hazard);
}

}  // namespace hcsim::models
