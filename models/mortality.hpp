#pragma once
// Gompertz mortality, mu(x) = b exp(b (x - M)), with M the modal age at death
// (the parameterisation of Missov et al., Demographic Research 2015).
//
// Each person draws one cumulative-hazard budget E ~ Exp(1) and dies when the
// hazard accumulated reaches it. A change of hazard multiplier (moving into a
// care home) then moves the death time deterministically, with no new draw,
// so scenarios compared with common random numbers differ only where their
// flows differ.
#include <algorithm>
#include <cmath>
#include <limits>

#include "models/age_schedule.hpp"

namespace hcsim::models {

struct Gompertz {
  double slope = 0.1;     // b, per year
  double modal_age = 85;  // M, years

  // G(x) = exp(b (x - M)); the cumulative hazard from x0 to x1 is G(x1) - G(x0).
  [[nodiscard]] double g(double age) const noexcept { return std::exp(slope * (age - modal_age)); }

  [[nodiscard]] double hazard(double age) const noexcept { return slope * g(age); }

  // Age at which hazard `budget` is used up, from `age`, with hazard scaled by
  // `multiplier`.
  [[nodiscard]] double age_at_death(double age, double budget, double multiplier) const noexcept {
    return age_at_death_given_g(g(age), budget, multiplier);
  }
  // The same, for a caller that has G(age) at hand already.
  [[nodiscard]] double age_at_death_given_g(double g_at_age, double budget,
                                            double multiplier) const noexcept {
    return modal_age + std::log(g_at_age + budget / multiplier) / slope;
  }

  // The budget still unused at `age` for someone due to die at `death_age`
  // under `multiplier`.
  [[nodiscard]] double remaining_budget(double age, double death_age,
                                        double multiplier) const noexcept {
    return multiplier * (g(death_age) - g(age));
  }

  // Remaining life expectancy at `age` (years), by numerical integration of
  // survival; used by tests and validation, not in the event loop.
  [[nodiscard]] double life_expectancy(double age, double multiplier = 1.0) const noexcept {
    const double step = 0.01;
    const double g0 = g(age);
    double total = 0.0;
    for (double t = 0.5 * step; t < 150.0; t += step) {
      const double survival = std::exp(-multiplier * (g(age + t) - g0));
      total += survival * step;
      if (survival < 1e-12) break;
    }
    return total;
  }
};

// Mortality that falls by a constant share each calendar year at every age:
// mu(x, t) = b exp(b (x - M)) (1 - rate)^t, with t the years since time 0
// (projections' "mortality improvement"). Along one life t = x - x0, with x0
// the person's age at time 0, so the hazard is again Gompertz in age, with
// slope b' = b - c (c = -log(1 - rate)) and a level set by x0:
//   mu = k(x0) b' exp(b' (x - M)),   k(x0) = (b / b') exp(-c (M - x0)).
// Death ages then come from the Gompertz closed forms unchanged, and a rate
// of 0 gives back the law and a multiplier of exactly 1.
struct MortalityImprovement {
  double rate_per_year = 0.0;

  [[nodiscard]] double log_rate() const noexcept { return -std::log1p(-rate_per_year); }
  // The law one life follows: the slope less c, the same modal age.
  [[nodiscard]] Gompertz law_along_a_life(const Gompertz& law) const noexcept {
    return {law.slope - log_rate(), law.modal_age};
  }
  // k(x0): the multiplier of that law for someone aged `age_at_origin` at time 0.
  [[nodiscard]] double multiplier(const Gompertz& law, double age_at_origin) const noexcept {
    const double c = log_rate();
    return law.slope / (law.slope - c) * std::exp(-c * (law.modal_age - age_at_origin));
  }
};

// The hazard of death a person is under in their current setting: Gompertz
// scaled by a multiplier (the default), a constant hazard (care-home residents
// with mortality.care_home_constant_rate_per_year, which makes their stay
// exponential for validation against M/M/k queues), or none (mortality
// switched off). The Gompertz multiplier may also vary by age band
// (`scale_by_age`, piecewise constant): a person's frailty and conditions over
// the mean of their age (models/person_risk.hpp). Ages and death ages are in
// years; the cumulative-hazard budget carries over between hazards, so a move
// between settings moves the death time without a new draw.
struct DeathHazard {
  enum class Form { none, gompertz, constant };
  Form form = Form::none;
  const Gompertz* gompertz = nullptr;       // for Form::gompertz
  double multiplier = 1.0;                  // for Form::gompertz
  const AgeSchedule* scale_by_age = nullptr;  // for Form::gompertz; none: 1 at every age
  double rate_per_year = 0.0;               // for Form::constant

  static DeathHazard no_hazard() noexcept { return {}; }
  static DeathHazard scaled_gompertz(const Gompertz& law, double multiplier) noexcept {
    return {Form::gompertz, &law, multiplier, nullptr, 0.0};
  }
  // Gompertz x multiplier x scale_by_age(age); `scale` must outlive the hazard.
  static DeathHazard scaled_gompertz_by_age(const Gompertz& law, double multiplier,
                                            const AgeSchedule& scale) noexcept {
    return {Form::gompertz, &law, multiplier, &scale, 0.0};
  }
  static DeathHazard constant(double rate_per_year) noexcept {
    return {Form::constant, nullptr, 1.0, nullptr, rate_per_year};
  }

  // The hazard (per year) at `age`.
  [[nodiscard]] double at(double age) const noexcept {
    switch (form) {
      case Form::gompertz:
        return multiplier * (scale_by_age == nullptr ? 1.0 : scale_by_age->at(age)) *
               gompertz->hazard(age);
      case Form::constant: return rate_per_year;
      case Form::none: break;
    }
    return 0.0;
  }

  // Age at which `budget` is used up from `age`; infinity under no hazard.
  [[nodiscard]] double age_at_death(double age, double budget) const noexcept {
    switch (form) {
      case Form::gompertz:
        if (scale_by_age == nullptr) return gompertz->age_at_death(age, budget, multiplier);
        return age_at_death_by_age(age, budget);
      case Form::constant: return age + budget / rate_per_year;
      case Form::none: break;
    }
    return std::numeric_limits<double>::infinity();
  }

  // The budget still unused at `age` for someone due to die at `death_age`.
  // Under no hazard nothing has been used since the budget was drawn, which
  // the caller knows and handles (the result here is infinity).
  [[nodiscard]] double remaining_budget(double age, double death_age) const noexcept {
    switch (form) {
      case Form::gompertz:
        if (scale_by_age == nullptr) return gompertz->remaining_budget(age, death_age, multiplier);
        return remaining_budget_by_age(age, death_age);
      case Form::constant: return rate_per_year * (death_age - age);
      case Form::none: break;
    }
    return std::numeric_limits<double>::infinity();
  }

 private:
  // Band by band: within a band the hazard is Gompertz x a constant, so the
  // budget a band can take and the death age inside it are closed forms.
  // G at a band's start is G at the end of the band before, so each band
  // costs one exp (every death drawn, at synthesis and after, comes here).
  [[nodiscard]] double age_at_death_by_age(double age, double budget) const noexcept {
    const AgeSchedule& scale = *scale_by_age;
    double g_at_age = gompertz->g(age);
    for (std::size_t band = scale.band_of(age); band < scale.values.size(); ++band) {
      const double factor = multiplier * scale.values[band];
      const bool last = band + 1 == scale.values.size();
      const double end = scale.band_end(band);
      const double g_at_end = last ? std::numeric_limits<double>::infinity() : gompertz->g(end);
      if (factor > 0.0) {
        const double capacity =
            last ? std::numeric_limits<double>::infinity() : factor * (g_at_end - g_at_age);
        if (budget <= capacity) return gompertz->age_at_death_given_g(g_at_age, budget, factor);
        budget -= capacity;
      }
      g_at_age = g_at_end;
    }
    return std::numeric_limits<double>::infinity();
  }

  [[nodiscard]] double remaining_budget_by_age(double age, double death_age) const noexcept {
    if (!(death_age > age)) return 0.0;
    if (!std::isfinite(death_age)) return std::numeric_limits<double>::infinity();
    const AgeSchedule& scale = *scale_by_age;
    double total = 0.0;
    double g_at_age = gompertz->g(age);  // carried from band to band, as above
    for (std::size_t band = scale.band_of(age); band < scale.values.size(); ++band) {
      const double end = std::min(scale.band_end(band), death_age);
      const double g_at_end = gompertz->g(end);
      total += multiplier * scale.values[band] * (g_at_end - g_at_age);
      if (end >= death_age) break;
      g_at_age = g_at_end;
    }
    return total;
  }
};

}  // namespace hcsim::models
