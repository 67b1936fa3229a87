#include "sim/statistics.hpp"

#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <vector>

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
  // A value that is not a number (a return on an intervention that cost
  // nothing, a damaged file) leaves nothing to estimate an interval from.
  if (!std::isfinite(summary.mean) || !std::isfinite(summary.standard_deviation)) {
    summary.standard_deviation = std::nan("");
    return summary;
  }
  const double half_width =
      student_t_975(degrees) * summary.standard_deviation / std::sqrt(static_cast<double>(n));
  summary.ci95_low = mean - half_width;
  summary.ci95_high = mean + half_width;
  return summary;
}

}  // namespace hcsim::sim

namespace hcsim::sim {

Difference paired_difference(std::span<const double> a, std::span<const double> b) {
  std::vector<double> differences(a.size());
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) differences[i] = b[i] - a[i];
  const Summary summary = summarise(differences);
  return {summary.mean, summary.ci95_low, summary.ci95_high};
}

Difference welch_difference(std::span<const double> a, std::span<const double> b) {
  const Summary sa = summarise(a);
  const Summary sb = summarise(b);
  Difference difference{sb.mean - sa.mean, std::nullopt, std::nullopt};
  if (sa.count < 2 || sb.count < 2 || !sa.ci95_low || !sb.ci95_low) return difference;
  const double va = sa.standard_deviation * sa.standard_deviation / static_cast<double>(sa.count);
  const double vb = sb.standard_deviation * sb.standard_deviation / static_cast<double>(sb.count);
  const double standard_error = std::sqrt(va + vb);
  if (standard_error == 0.0) {
    difference.ci95_low = difference.ci95_high = difference.estimate;
    return difference;
  }
  // Welch-Satterthwaite degrees of freedom.
  const double degrees = (va + vb) * (va + vb) /
                         (va * va / static_cast<double>(sa.count - 1) +
                          vb * vb / static_cast<double>(sb.count - 1));
  const double half_width = student_t_975(degrees) * standard_error;
  difference.ci95_low = difference.estimate - half_width;
  difference.ci95_high = difference.estimate + half_width;
  return difference;
}

std::size_t replications_needed(const Summary& pilot, double relative_half_width) {
  if (pilot.count < 2 || pilot.mean == 0.0 || !std::isfinite(pilot.mean) ||
      !std::isfinite(pilot.standard_deviation) || !(relative_half_width > 0.0)) {
    return 0;
  }
  const double target = relative_half_width * std::abs(pilot.mean);
  // Smallest n with t(n-1) * sd / sqrt(n) <= target.
  for (std::size_t n = 2; n < 10'000'000; n = n < 1000 ? n + 1 : n + n / 100) {
    const double half_width = student_t_975(static_cast<double>(n - 1)) *
                              pilot.standard_deviation / std::sqrt(static_cast<double>(n));
    if (half_width <= target) return n;
  }
  return 10'000'000;
}

}  // namespace hcsim::sim
