#pragma once
// An area's funding, as the care model sees it: the one object it asks who
// pays a cost, what the means test leaves to the person, and which levers to
// obey; and the one call it makes at the end of each budget cycle.
//
// Routing starts when the allocations are set (the end of warm-up). During
// warm-up every cost falls on its statutory payer under baseline levers, so
// the warm-up, and the spend the budgets are built from, is the same under
// every regime: regimes are compared from one starting point.
#include <memory>

#include "models/funding/budget_ledger.hpp"
#include "models/funding/funding_parameters.hpp"
#include "models/funding/funding_regime.hpp"
#include "models/funding/levers.hpp"
#include "models/funding/means_test.hpp"

namespace hcsim::models {

class AreaFunding {
 public:
  // `baseline`: the levers the area is configured with (capacity at model
  // scale). `residents`: people simulated in the area (after population
  // scaling). `warmup_end_days`: when measurement starts, on the clock of
  // CycleReport::end_days. Throws UnknownFundingRegime or
  // std::invalid_argument on bad parameters.
  AreaFunding(const FundingParameters& parameters, const FundingLevers& baseline,
              double residents, double warmup_end_days);

  // Who bears a cost that `statutory_payer` bears under separate budgets.
  [[nodiscard]] Payer payer_for(CareService service, Payer statutory_payer) const {
    return routing_ ? regime_->payer_for(service, statutory_payer) : statutory_payer;
  }
  // The local authority's and the person's parts of a weekly care cost.
  [[nodiscard]] CareCostShare means_test_share(CapitalBand band, double weekly_cost) const {
    return means_test_.share_weekly_cost(band, weekly_cost);
  }

  // At each cycle end: books the cycle, lets the regime act (in budget years)
  // and records the history row. The levers then hold for the next cycle.
  void end_cycle(const CycleReport& report);

  [[nodiscard]] const FundingLevers& levers() const noexcept { return levers_; }
  [[nodiscard]] const FundingLevers& baseline() const noexcept { return baseline_; }
  [[nodiscard]] const BudgetLedger& ledger() const noexcept { return ledger_; }
  [[nodiscard]] const FundingRegime& regime() const noexcept { return *regime_; }
  [[nodiscard]] const MeansTest& means_test() const noexcept { return means_test_; }

 private:
  std::unique_ptr<FundingRegime> regime_;
  BudgetLedger ledger_;
  MeansTest means_test_;
  FundingLevers baseline_;
  FundingLevers levers_;
  bool routing_ = false;
};

}  // namespace hcsim::models
