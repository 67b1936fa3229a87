#include "models/funding/area_funding.hpp"

namespace hcsim::models {

AreaFunding::AreaFunding(const FundingParameters& parameters, const FundingLevers& baseline,
                         double residents, double warmup_end_days)
    : regime_(make_funding_regime(parameters)),
      ledger_(parameters.budgets, residents, warmup_end_days),
      means_test_(parameters.means_test),
      baseline_(baseline),
      levers_(baseline) {}

void AreaFunding::end_cycle(const CycleReport& report) {
  ledger_.record_cycle(report);
  if (ledger_.in_budget_year()) regime_->on_cycle(report, ledger_, levers_, baseline_);
  ledger_.record_history(report, levers_);
  routing_ = ledger_.allocated();
}

}  // namespace hcsim::models
