#pragma once
// One validation check: an analytic value against the mean of a quantity
// measured in each of R independent replications, with the pass rule.
//
// Pass rule: the analytic value lies inside the simulated 99% Student t
// interval for the mean, widened on each side by a bias allowance. The
// interval covers sampling error (replications are independent, each mean
// is over a long run, so the replication means are close to normal); the
// allowance covers what sampling error does not: the gap between the
// textbook model and the system actually simulated (a finite population,
// computed exactly where it can be) plus a small stated share for warm-up
// and finite-horizon (ratio-estimator) bias. Both are stated per check in the
// report, never tuned to make a check pass.
#include <span>
#include <string>

namespace hcsim::validation {

// The share of the analytic value allowed for warm-up and finite-horizon
// bias. Warm-ups are at least 5 relaxation times of the queue (its bias in a
// time average decays like exp(-warm-up / relaxation time)), and ratio
// estimators over n >= 1,000 arrivals a replication have a relative bias of
// order 1/n; 0.5% bounds both with room to spare. See docs/validation.md.
inline constexpr double transient_bias_share = 0.005;

// Confidence level of the interval the pass rule uses.
inline constexpr double pass_confidence = 0.99;

struct Check {
  std::string case_name;  // the validation scenario's name
  std::string quantity;   // what is compared, in words
  std::string unit;
  double analytic = 0.0;
  double simulated = 0.0;     // mean over replications
  double ci95_low = 0.0, ci95_high = 0.0;
  double ci99_low = 0.0, ci99_high = 0.0;
  double allowance = 0.0;     // bias allowance, same unit
  std::size_t replications = 0;
  bool pass = false;
};

// Student t quantile, two-sided: `confidence` 0.95 gives t(0.975).
[[nodiscard]] double student_t_two_sided(double confidence, double degrees_of_freedom);

// Builds a check from per-replication values. `model_gap` is the computed
// difference between the textbook model and the simulated system (e.g. a
// finite population); the allowance is model_gap + transient_bias_share x
// |analytic|. Fewer than two replications give a failing check (no interval).
[[nodiscard]] Check make_check(std::string case_name, std::string quantity, std::string unit,
                               double analytic, std::span<const double> per_replication,
                               double model_gap = 0.0);

}  // namespace hcsim::validation
