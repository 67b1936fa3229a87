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

}  // namespace hcsim::models
