#pragma once
// Split budgets, England's default: the NHS and the local authority each hold
// their own. A local authority forecasting an overspend rations: it raises
// its eligibility threshold, takes longer to approve packages and buys less
// of the services it funds; forecasting an underspend it relaxes back toward
// its baseline. The NHS pays for the delayed bed days that follow.
#include <memory>
#include <span>

#include "models/funding/budget_ledger.hpp"
#include "models/funding/funding_regime.hpp"
#include "models/funding/lever_steps.hpp"

namespace hcsim::models {

struct SplitParameters {
  // Forecast variance, as a share of the money available, inside which the
  // local authority changes nothing. ASSUMPTION: 0.01 (1%); councils report
  // in-year variances of this order as on budget.
  double tolerance = 0.01;
  // ASSUMPTION: a quarter of a care-need level a cycle, up to 2.5 (halfway
  // between moderate and high need). Since the Care Act 2014 eligibility is
  // national; tightening stands for stricter assessment practice.
  EligibilityLimits eligibility{0.25, 2.5};
  // ASSUMPTION: a day longer a cycle, up to 14 days longer than the
  // baseline wait for assessment (social_care.assessment_days).
  double approval_delay_step_days = 1.0;
  double maximum_approval_delay_days = 14.0;
  // ASSUMPTION: 2% of baseline capacity a cycle, down to 85% of baseline.
  // The ceiling is the baseline: relaxing restores, it never expands.
  CapacityChangeLimits capacity{0.02, 0.85, 1.0};

  bool operator==(const SplitParameters&) const = default;
};

// The services a local authority funds alone under split budgets.
inline constexpr std::array<CommissionedService, 3> local_authority_services{
    CommissionedService::reablement, CommissionedService::home_care,
    CommissionedService::care_home};

// The local authority's response to its own forecast, wherever it holds a
// budget of its own: under split budgets, and under a pool for what it still
// funds alone. Moves eligibility, approval delay and the capacity of
// `services_funded` one step at a time, within the limits of `parameters`.
void apply_local_authority_rule(const SplitParameters& parameters,
                                std::span<const CommissionedService> services_funded,
                                const BudgetLedger& ledger, FundingLevers& levers,
                                const FundingLevers& baseline);

// Routing shared by regimes that keep hospital beds with the NHS: delayed
// bed days are NHS bed days, whoever the delay is waiting for.
[[nodiscard]] Payer nhs_pays_delayed_discharge(CareService service, Payer statutory_payer) noexcept;

[[nodiscard]] std::unique_ptr<FundingRegime> make_split_regime(const FundingParameters& parameters);

}  // namespace hcsim::models
