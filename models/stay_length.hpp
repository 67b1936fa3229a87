#pragma once
// How long an overnight hospital stay is for a given person: the drawn stay
// times multipliers for the person's age and frailty.
//
// The calibrated stay distribution describes all emergency admissions
// together. So that its mean still holds, the multipliers are divided by
// their mean over the admissions of the starting population (each age's
// admissions, and within an age each frailty level's share of them, as the
// admission hazards make them), as PersonRisk does for admission hazard
// ratios. As the population ages and frailty spreads, the mean stay rises.
#include "models/parameters.hpp"
#include "models/person_risk.hpp"
#include "models/person_traits.hpp"

namespace hcsim::models {

class StayLengthScale {
 public:
  StayLengthScale(const Parameters& parameters, const PersonRisk& risk);

  // The factor an overnight stay of a person of `age` and `frailty` is
  // multiplied by (1 for everyone when switched off).
  [[nodiscard]] double multiplier(double age, Frailty frailty) const noexcept;

  // The mean of the raw multipliers over the starting population's
  // admissions, which multiplier() divides by.
  [[nodiscard]] double mean_over_admissions() const noexcept { return mean_; }

 private:
  [[nodiscard]] double raw(double age, Frailty frailty) const noexcept;

  const StayLengthParameters* stay_;
  bool frailty_enabled_ = true;
  double mean_ = 1.0;
};

}  // namespace hcsim::models
