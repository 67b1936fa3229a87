#include "validation/checks.hpp"

#include <boost/math/distributions/students_t.hpp>
#include <cmath>

#include "sim/statistics.hpp"

namespace hcsim::validation {

double student_t_two_sided(double confidence, double degrees_of_freedom) {
  return boost::math::quantile(boost::math::students_t_distribution<double>(degrees_of_freedom),
                               0.5 + 0.5 * confidence);
}

Check make_check(std::string case_name, std::string quantity, std::string unit, double analytic,
                 std::span<const double> per_replication, double model_gap) {
  Check check;
  check.case_name = std::move(case_name);
  check.quantity = std::move(quantity);
  check.unit = std::move(unit);
  check.analytic = analytic;
  check.replications = per_replication.size();
  check.allowance = std::abs(model_gap) + transient_bias_share * std::abs(analytic);
  const sim::Summary summary = sim::summarise(per_replication);
  check.simulated = summary.mean;
  check.ci95_low = check.ci95_high = check.ci99_low = check.ci99_high = summary.mean;
  if (summary.count < 2) return check;
  const double degrees = static_cast<double>(summary.count - 1);
  const double standard_error =
      summary.standard_deviation / std::sqrt(static_cast<double>(summary.count));
  const double half95 = student_t_two_sided(0.95, degrees) * standard_error;
  const double half99 = student_t_two_sided(pass_confidence, degrees) * standard_error;
  check.ci95_low = summary.mean - half95;
  check.ci95_high = summary.mean + half95;
  check.ci99_low = summary.mean - half99;
  check.ci99_high = summary.mean + half99;
  check.pass = std::isfinite(summary.mean) && analytic >= check.ci99_low - check.allowance &&
               analytic <= check.ci99_high + check.allowance;
  return check;
}

}  // namespace hcsim::validation
