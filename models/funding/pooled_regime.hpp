#pragma once
// A Better Care Fund style pool. The NHS and the local authority each pay a
// share of their allocation into a pooled fund, which pays the public share
// of reablement, bedded rehabilitation (intermediate care) and home care.
// Each cycle the pool commissions from its forecast headroom: more capacity
// of the service whose waiting patients cost the most delayed bed days per
// pound when it forecasts an underspend, less of the least used when it
// forecasts an overspend. Overspend beyond the tolerance is covered by the
// partners under a risk share. The local authority keeps the split rule for
// what it still funds alone (care homes), with the split parameters.
#include <array>
#include <cstdint>
#include <memory>
#include <string_view>

#include "models/funding/funding_regime.hpp"
#include "models/funding/lever_steps.hpp"

namespace hcsim::models {

enum class PoolContributions : std::uint8_t {
  // Each partner pays in the share of its allocation that went on the pooled
  // services when the allocations were set: the pool starts as big as the
  // spend it takes over, and a partner's tighter budget means a smaller
  // contribution.
  matched,
  // Each partner pays in the given share of its allocation.
  shares,
};
inline constexpr std::array<std::string_view, 2> pool_contributions_names{"matched", "shares"};

struct PooledParameters {
  // ASSUMPTION: matched; local plans set the sizes. For scale, the Better
  // Care Fund's minimum NHS contribution was 3.65 billion pounds in 2017-19
  // (Integration and Better Care Fund policy framework 2017-19), a share of
  // NHS spend, not of the services this model covers; set `shares` to study
  // pool size.
  PoolContributions contributions = PoolContributions::matched;
  double nhs_contribution_share = 0.0;              // used with `shares`
  double local_authority_contribution_share = 0.0;  // used with `shares`
  // Share of an overspend beyond tolerance the NHS covers; the local
  // authority covers the rest. ASSUMPTION: 0.5, an even split.
  double risk_share_nhs = 0.5;
  // ASSUMPTION: 0.01 (1% of the pool), as for the split rule.
  double tolerance = 0.01;
  // ASSUMPTION: 5% of baseline a cycle, between half and twice baseline.
  CapacityChangeLimits capacity{0.05, 0.5, 2.0};

  bool operator==(const PooledParameters&) const = default;
};

// What the pool commissions, and the cost lines it pays for.
inline constexpr std::array<CommissionedService, 3> pooled_services{
    CommissionedService::reablement, CommissionedService::rehabilitation,
    CommissionedService::home_care};
inline constexpr std::array<CareService, 3> pooled_care_services{
    CareService::reablement, CareService::rehabilitation, CareService::home_care};

[[nodiscard]] std::unique_ptr<FundingRegime> make_pooled_regime(const FundingParameters& parameters);

}  // namespace hcsim::models
