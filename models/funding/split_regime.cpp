#include "models/funding/split_regime.hpp"

#include <algorithm>

#include "models/funding/capacity_value.hpp"
#include "models/funding/funding_parameters.hpp"

namespace hcsim::models {
namespace {

class SplitRegime final : public FundingRegime {
 public:
  explicit SplitRegime(const SplitParameters& parameters) : parameters_(parameters) {}

  [[nodiscard]] std::string_view name() const override { return "split"; }

  [[nodiscard]] Payer payer_for(CareService service, Payer statutory_payer) const override {
    return nhs_pays_delayed_discharge(service, statutory_payer);
  }

  void on_cycle(const CycleReport& /*report*/, BudgetLedger& ledger, FundingLevers& levers,
                const FundingLevers& baseline) override {
    apply_local_authority_rule(parameters_, local_authority_services, ledger, levers, baseline);
  }

 private:
  SplitParameters parameters_;
};

}  // namespace

void apply_local_authority_rule(const SplitParameters& parameters,
                                std::span<const CommissionedService> services_funded,
                                const BudgetLedger& ledger, FundingLevers& levers,
                                const FundingLevers& baseline) {
  const Payer authority = Payer::local_authority;
  if (ledger.forecasts_overspend(authority, parameters.tolerance)) {
    // A baseline already past a maximum is left alone, never loosened.
    levers.eligibility_threshold = step_up_to(
        levers.eligibility_threshold,
        std::max(parameters.eligibility.maximum, baseline.eligibility_threshold),
        parameters.eligibility.step);
    // The longest delay is counted beyond the baseline wait for assessment.
    levers.approval_delay_days = step_up_to(
        levers.approval_delay_days,
        baseline.approval_delay_days + parameters.maximum_approval_delay_days,
        parameters.approval_delay_step_days);
    for (CommissionedService service : services_funded) {
      const double base = baseline.capacity[index_of(service)];
      double& capacity = levers.capacity[index_of(service)];
      capacity = step_down_to(capacity, parameters.capacity.floor(base),
                              parameters.capacity.step(base));
    }
  } else if (ledger.forecasts_underspend(authority, parameters.tolerance)) {
    levers.eligibility_threshold = step_toward(
        levers.eligibility_threshold, baseline.eligibility_threshold, parameters.eligibility.step);
    levers.approval_delay_days = step_toward(
        levers.approval_delay_days, baseline.approval_delay_days,
        parameters.approval_delay_step_days);
    for (CommissionedService service : services_funded) {
      const double base = baseline.capacity[index_of(service)];
      double& capacity = levers.capacity[index_of(service)];
      capacity = step_toward(capacity, base, parameters.capacity.step(base));
    }
  }
}

Payer nhs_pays_delayed_discharge(CareService service, Payer statutory_payer) noexcept {
  const bool public_payer = statutory_payer == Payer::nhs ||
                            statutory_payer == Payer::local_authority ||
                            statutory_payer == Payer::pooled_fund;
  return service == CareService::delayed_discharge && public_payer ? Payer::nhs : statutory_payer;
}

std::unique_ptr<FundingRegime> make_split_regime(const FundingParameters& parameters) {
  return std::make_unique<SplitRegime>(parameters.split);
}

}  // namespace hcsim::models
