#pragma once
// What capacity of a commissioned service is worth to the whole system: the
// acute bed days its waiting patients spend delayed, against what the
// capacity costs. Pooled and integrated budgets commission by these measures.
#include <array>
#include <cstddef>

#include "models/funding/levers.hpp"
#include "models/funding/payer.hpp"

namespace hcsim::models {

inline constexpr std::array<CommissionedService, commissioned_service_count>
    commissioned_services{CommissionedService::reablement, CommissionedService::rehabilitation,
                          CommissionedService::home_care, CommissionedService::care_home};

[[nodiscard]] inline double cycle_days(const CycleReport& report) noexcept {
  return report.end_days - report.start_days;
}

// Capacity that stood empty on average over the cycle (service units, >= 0).
[[nodiscard]] double idle_capacity(const CycleReport::ServiceUse& use) noexcept;

// Mean use over capacity; 0 for a service with no capacity.
[[nodiscard]] double utilisation(const CycleReport::ServiceUse& use) noexcept;

// Acute bed days spent by patients waiting for the service, per pound a day
// of one unit of its capacity: what the pooled budget ranks services by.
// Infinite for delays behind capacity that costs nothing.
[[nodiscard]] double delayed_days_per_pound(const CycleReport::ServiceUse& use) noexcept;

// Acute bed days in a cycle that one more place (`units_per_person` units:
// one slot, bed or care-home place, or a home-care package's hours a week)
// would end. Nothing when a place already stood empty on average: the delay
// is not for want of capacity. Otherwise the new place takes one waiting
// patient out of a bed for as much of the cycle as someone waits (the mean
// number waiting, delayed_bed_days / cycle days, or the number waiting at the
// end when a queue is building, capped at one), less the part of a place
// that already stood empty.
[[nodiscard]] double delayed_days_ended_by_one_more_place(const CycleReport::ServiceUse& use,
                                                          double units_per_person,
                                                          double days) noexcept;

// Pounds of delayed bed days one more place would end in a cycle, per pound
// the place costs in the cycle. Above 1, the place pays for itself in bed
// days alone. Infinite for delays behind capacity that costs nothing.
[[nodiscard]] double marginal_benefit_cost_ratio(const CycleReport& report,
                                                 CommissionedService service,
                                                 double units_per_person) noexcept;

}  // namespace hcsim::models
