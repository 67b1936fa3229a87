#include "sim/statistics.hpp"

#include <boost/math/distributions/students_t.hpp>
#include <cmath>

namespace hcsim::sim {

double student_t_975(double degrees_of_freedom) {
  return boost::math::quantile(boost::math::students_t_distribution<double>(degrees_of_freedom),
                               0.975);
}

Summary summarise(std::span<const double> values) {
  Summary summary;
  summary.count = values.size();
  if (values.empty()) return summary;
  // Welford's update: stable for large totals such as costs in pounds.
  double mean = 0.0;
  double sum_squares = 0.0;
  std::size_t n = 0;
  for (double value : values) {
    ++n;
    const double delta = value - mean;
    mean += delta / static_cast<double>(n);
    sum_squares += delta * (value - mean);
  }
  summary.mean = mean;
  if (n < 2) return summary;
  const double degrees = static_cast<double>(n - 1);
  summary.standard_deviation = std::sqrt(sum_squares / degrees);
  const double half_width =
      student_t_975(degrees) * summary.standard_deviation / std::sqrt(static_cast<double>(n));
  summary.ci95_low = mean - half_width;
  summary.ci95_high = mean + half_width;
  return summary;
}

}  // namespace hcsim::sim
