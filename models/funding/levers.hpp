#pragma once
// The contract between the care model and the funding regimes. At the end of
// every budget cycle (a synchronisation window) each area reports what
// happened in the cycle (CycleReport); its regime reads that and its budgets
// and moves the levers (FundingLevers) the care model obeys in the next
// cycle. The regimes know nothing else about the care model.
#include <array>
#include <cstddef>

#include "models/funding/payer.hpp"

namespace hcsim::models {

// Out-of-hospital services whose capacity a regime can commission.
enum class CommissionedService : std::uint8_t {
  reablement,      // P1 slots (people at a time)
  rehabilitation,  // P2 beds
  home_care,       // long-term home care, hours a week
  care_home,       // care-home places open to publicly funded residents
};
inline constexpr std::size_t commissioned_service_count = 4;
inline constexpr std::array<std::string_view, commissioned_service_count>
    commissioned_service_names{"reablement", "rehabilitation", "home_care", "care_home"};

[[nodiscard]] constexpr std::size_t index_of(CommissionedService service) noexcept {
  return static_cast<std::size_t>(service);
}

struct FundingLevers {
  // Lowest care-need level (0 none .. 3 high) the local authority funds. A
  // person assessed below it gets no publicly funded home care or placement.
  double eligibility_threshold = 2.0;
  // Days a patient fit to leave waits in hospital for a funding decision
  // before a publicly funded package or placement can start.
  double approval_delay_days = 0.0;
  // Capacity bought, in each service's own unit (slots, beds, hours a week,
  // places), at full model scale of the area (already population-scaled).
  std::array<double, commissioned_service_count> capacity{};
};

// One area's budget cycle, as the care model saw it.
struct CycleReport {
  std::size_t cycle = 0;           // 0-based, counted from the start of the run
  double start_days = 0.0;
  double end_days = 0.0;
  std::size_t year = 0;            // budget year the cycle belongs to (0 = warm-up or first)
  bool measuring = false;          // false during warm-up
  double year_fraction_elapsed = 0.0;  // of the budget year, at the cycle end (0..1]
  // Spend in this cycle by payer and service (pounds).
  std::array<std::array<double, care_service_count>, payer_count> spend{};
  // The part of `spend` inside budget year `year`: all of it for a cycle
  // within the year, what came after the year began for the cycle that spans
  // its start (cycles need not line up with years, nor the first measured
  // one with the end of warm-up), none in warm-up. Spend to date adds these,
  // so that it covers the same days as the year fraction elapsed.
  std::array<std::array<double, care_service_count>, payer_count> spend_in_year{};
  // Per commissioned service, over this cycle:
  struct ServiceUse {
    double capacity = 0.0;             // as in FundingLevers::capacity
    double mean_in_use = 0.0;          // same unit
    double delayed_bed_days = 0.0;     // acute bed days of patients waiting for it
    double waiting_at_end = 0.0;       // people waiting for it at the cycle end
    double cost_per_unit_day = 0.0;    // pounds per unit of capacity per day used
  };
  std::array<ServiceUse, commissioned_service_count> services{};
  double delayed_bed_day_cost = 0.0;   // pounds per acute bed day
  double approval_delay_bed_days = 0.0;  // bed days waiting for funding decisions
};

}  // namespace hcsim::models
