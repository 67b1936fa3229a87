#pragma once
// Summary statistics over independent replications.
#include <optional>
#include <span>

namespace hcsim::sim {

struct Summary {
  std::size_t count = 0;
  double mean = 0.0;
  double standard_deviation = 0.0;  // sample (n - 1) standard deviation
  // Student t 95% interval for the mean; empty with fewer than two values,
  // where no interval can be estimated.
  std::optional<double> ci95_low;
  std::optional<double> ci95_high;
};

[[nodiscard]] Summary summarise(std::span<const double> values);

// Two-sided 97.5% quantile of Student's t with `degrees_of_freedom`.
[[nodiscard]] double student_t_975(double degrees_of_freedom);

}  // namespace hcsim::sim
