#pragma once
// Summary statistics over independent replications.
#include <optional>
#include <span>

namespace hcsim::sim {

struct Summary {
  std::size_t count = 0;
  double mean = 0.0;
  // Sample (n - 1) standard deviation; NaN when a value is not finite.
  double standard_deviation = 0.0;
  // Student t 95% interval for the mean; empty with fewer than two values
  // or with a value that is not finite, where no interval can be estimated.
  std::optional<double> ci95_low;
  std::optional<double> ci95_high;
};

[[nodiscard]] Summary summarise(std::span<const double> values);

// Two-sided 97.5% quantile of Student's t with `degrees_of_freedom`.
[[nodiscard]] double student_t_975(double degrees_of_freedom);

}  // namespace hcsim::sim

namespace hcsim::sim {

// A difference of means (b - a) with its 95% interval.
struct Difference {
  double estimate = 0.0;
  std::optional<double> ci95_low;
  std::optional<double> ci95_high;
};

// Paired: a[i] and b[i] come from the same replication (common random
// numbers), so the interval is a t interval on the differences b[i] - a[i].
// Requires equal sizes.
[[nodiscard]] Difference paired_difference(std::span<const double> a, std::span<const double> b);

// Unpaired (Welch): what the interval would be if the runs were independent.
[[nodiscard]] Difference welch_difference(std::span<const double> a, std::span<const double> b);

// Replications needed so that the 95% half-width is at most
// `relative_half_width` times |mean|, from a pilot sample (iterating the t
// quantile); 0 when the pilot has fewer than two values or a zero mean.
[[nodiscard]] std::size_t replications_needed(const Summary& pilot, double relative_half_width);

}  // namespace hcsim::sim
