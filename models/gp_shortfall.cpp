#include "models/gp_shortfall.hpp"

#include <algorithm>
#include <cmath>

#include "sim/time.hpp"

namespace hcsim::models {

GpShortfall::GpShortfall(const GpParameters& parameters, double cycle_days)
    : parameters_(&parameters) {
  const double cycle_years = cycle_days / sim::days_per_year;
  for (const double per_year : parameters.appointments_per_person_year.values) {
    // Appointments asked for as a Poisson process: at least one in a cycle.
    asks_by_band_.push_back(1.0 - std::exp(-per_year * cycle_years));
    highest_asks_ = std::max(highest_asks_, asks_by_band_.back());
  }
  if (asks_by_band_.empty()) asks_by_band_.push_back(0.0);
}

double GpShortfall::extra_hazard_ratio() const noexcept {
  if (!(hazard_asking_ > 0.0)) return 0.0;
  return (parameters_->unmet_admission_hazard_ratio - 1.0) * hazard_ / hazard_asking_;
}

}  // namespace hcsim::models
