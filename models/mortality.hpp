#pragma once
// Gompertz mortality, mu(x) = b exp(b (x - M)), with M the modal age at death
// (the parameterisation of Missov et al., Demographic Research 2015).
//
// Each person draws one cumulative-hazard budget E ~ Exp(1) and dies when the
// hazard accumulated reaches it. A change of hazard multiplier (moving into a
// care home) then moves the death time deterministically, with no new draw,
// so scenarios compared with common random numbers differ only where their
// flows differ.
#include <cmath>
#include <limits>

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
    return modal_age + std::log(g(age) + budget / multiplier) / slope;
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

// The hazard of death a person is under in their current setting: Gompertz
// scaled by a multiplier (the default), a constant hazard (care-home residents
// with mortality.care_home_constant_rate_per_year, which makes their stay
// exponential for validation against M/M/k queues), or none (mortality
// switched off). Ages and death ages are in years; the cumulative-hazard
// budget carries over between hazards, so a move between settings moves the
// death time without a new draw.
struct DeathHazard {
  enum class Form { none, gompertz, constant };
  Form form = Form::none;
  const Gompertz* gompertz = nullptr;  // for Form::gompertz
  double multiplier = 1.0;             // for Form::gompertz
  double rate_per_year = 0.0;          // for Form::constant

  static DeathHazard no_hazard() noexcept { return {}; }
  static DeathHazard scaled_gompertz(const Gompertz& law, double multiplier) noexcept {
    return {Form::gompertz, &law, multiplier, 0.0};
  }
  static DeathHazard constant(double rate_per_year) noexcept {
    return {Form::constant, nullptr, 1.0, rate_per_year};
  }

  // Age at which `budget` is used up from `age`; infinity under no hazard.
  [[nodiscard]] double age_at_death(double age, double budget) const noexcept {
    switch (form) {
      case Form::gompertz: return gompertz->age_at_death(age, budget, multiplier);
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
      case Form::gompertz: return gompertz->remaining_budget(age, death_age, multiplier);
      case Form::constant: return rate_per_year * (death_age - age);
      case Form::none: break;
    }
    return std::numeric_limits<double>::infinity();
  }
};

}  // namespace hcsim::models
