#pragma once
// Builders of budget-cycle reports for the funding tests: monthly cycles, a
// warm-up of `warmup_cycles` of them, then budget years of twelve.
#include <cstddef>

#include "models/funding/budget_ledger.hpp"
#include "models/funding/capacity_value.hpp"
#include "models/funding/levers.hpp"

namespace hcsim::models::testing {

inline constexpr double month_days = days_per_budget_year / 12.0;

inline CycleReport monthly_report(std::size_t cycle, std::size_t warmup_cycles) {
  CycleReport report;
  report.cycle = cycle;
  report.start_days = static_cast<double>(cycle) * month_days;
  report.end_days = static_cast<double>(cycle + 1) * month_days;
  report.measuring = cycle >= warmup_cycles;
  if (report.measuring) {
    const std::size_t measured = cycle - warmup_cycles;
    report.year = measured / 12;
    report.year_fraction_elapsed = static_cast<double>(measured % 12 + 1) / 12.0;
  }
  report.delayed_bed_day_cost = 400.0;
  return report;
}

// Spend in a cycle; a measured cycle here lies wholly inside its budget year.
inline void set_spend(CycleReport& report, Payer payer, CareService service, double pounds) {
  report.spend[index_of(payer)][index_of(service)] = pounds;
  if (report.measuring) report.spend_in_year[index_of(payer)][index_of(service)] = pounds;
}

inline void add_spend(CycleReport& report, Payer payer, CareService service, double pounds) {
  report.spend[index_of(payer)][index_of(service)] += pounds;
  if (report.measuring) report.spend_in_year[index_of(payer)][index_of(service)] += pounds;
}

inline CycleReport::ServiceUse& use_of(CycleReport& report, CommissionedService service) {
  return report.services[index_of(service)];
}

// Baseline levers with capacity 100 of every service, eligibility at
// moderate need and no approval delay.
inline FundingLevers baseline_levers() {
  FundingLevers levers;
  levers.eligibility_threshold = 2.0;
  levers.approval_delay_days = 0.0;
  levers.capacity.fill(100.0);
  return levers;
}

// Reports the service use of `levers` in full use, no delays, cost 100 a day.
inline void fill_services(CycleReport& report, const FundingLevers& levers) {
  for (std::size_t s = 0; s < commissioned_service_count; ++s) {
    report.services[s].capacity = levers.capacity[s];
    report.services[s].mean_in_use = levers.capacity[s];
    report.services[s].cost_per_unit_day = 100.0;
  }
}

}  // namespace hcsim::models::testing
