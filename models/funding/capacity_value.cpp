#include "models/funding/capacity_value.hpp"

#include <algorithm>
#include <limits>

namespace hcsim::models {
namespace {

// benefit / cost, where a free service with any benefit is infinitely worth it.
double ratio(double benefit, double cost) noexcept {
  if (cost > 0.0) return benefit / cost;
  return benefit > 0.0 ? std::numeric_limits<double>::infinity() : 0.0;
}

}  // namespace

double idle_capacity(const CycleReport::ServiceUse& use) noexcept {
  return std::max(0.0, use.capacity - use.mean_in_use);
}

double utilisation(const CycleReport::ServiceUse& use) noexcept {
  return use.capacity > 0.0 ? use.mean_in_use / use.capacity : 0.0;
}

double delayed_days_per_pound(const CycleReport::ServiceUse& use) noexcept {
  return ratio(use.delayed_bed_days, use.cost_per_unit_day);
}

double delayed_days_ended_by_one_more_place(const CycleReport::ServiceUse& use,
                                            double units_per_person, double days) noexcept {
  if (days <= 0.0 || units_per_person <= 0.0) return 0.0;
  const double idle_places = idle_capacity(use) / units_per_person;
  if (idle_places >= 1.0) return 0.0;
  const double waiting = std::max(use.delayed_bed_days / days, use.waiting_at_end);
  return std::min(1.0, waiting) * (1.0 - idle_places) * days;
}

double marginal_benefit_cost_ratio(const CycleReport& report, CommissionedService service,
                                   double units_per_person) noexcept {
  const auto& use = report.services[index_of(service)];
  const double days = cycle_days(report);
  const double ended = delayed_days_ended_by_one_more_place(use, units_per_person, days);
  return ratio(ended * report.delayed_bed_day_cost,
               units_per_person * use.cost_per_unit_day * days);
}

}  // namespace hcsim::models
