#pragma once
// An integrated budget: the NHS and the local authority put their whole
// allocations into one budget per area (the pooled_fund payer), which pays
// every cost either would have paid. Each cycle capacity moves to where the
// marginal cost to the whole system is highest: the service where one more
// place would end the most delayed bed-day cost per pound grows by a step,
// funded first from the service with the most idle capacity and then from
// headroom, so that the forecast stays within the budget. Eligibility rises
// only when the whole budget forecasts an overspend.
#include <memory>

#include "models/funding/funding_regime.hpp"
#include "models/funding/lever_steps.hpp"

namespace hcsim::models {

struct IntegratedParameters {
  // ASSUMPTION: 0.01 (1% of the budget), as for the split rule.
  double tolerance = 0.01;
  // ASSUMPTION: as the split rule's local authority (0.25 a cycle, up to 2.5).
  EligibilityLimits eligibility{0.25, 2.5};
  // ASSUMPTION: 5% of baseline a cycle, between half and twice baseline.
  CapacityChangeLimits capacity{0.05, 0.5, 2.0};
  // A service grows only if one more place would end at least this many
  // pounds of delayed bed days per pound it costs. ASSUMPTION: 1, break-even
  // on bed days alone (ignoring any benefit to the patient).
  double minimum_benefit_cost_ratio = 1.0;
  // Home-care capacity is in hours a week; a place is one person's package.
  // ASSUMPTION: 10 hours a week.
  double home_care_hours_per_person = 10.0;

  bool operator==(const IntegratedParameters&) const = default;
};

[[nodiscard]] std::unique_ptr<FundingRegime> make_integrated_regime(
    const FundingParameters& parameters);

}  // namespace hcsim::models
