#include "models/funding/pooled_regime.hpp"

#include <algorithm>
#include <limits>
#include <optional>

#include "models/funding/capacity_value.hpp"
#include "models/funding/funding_parameters.hpp"
#include "models/funding/split_regime.hpp"

namespace hcsim::models {
namespace {

constexpr Payer pool = Payer::pooled_fund;
constexpr std::array<Payer, 2> partners{Payer::nhs, Payer::local_authority};

bool is_pooled(CareService service) {
  return std::find(pooled_care_services.begin(), pooled_care_services.end(), service) !=
         pooled_care_services.end();
}

class PooledRegime final : public FundingRegime {
 public:
  PooledRegime(const PooledParameters& parameters, const SplitParameters& local_authority_rule)
      : parameters_(parameters), local_authority_rule_(local_authority_rule) {}

  [[nodiscard]] std::string_view name() const override { return "pooled"; }

  [[nodiscard]] Payer payer_for(CareService service, Payer statutory_payer) const override {
    const bool partner = statutory_payer == Payer::nhs || statutory_payer == Payer::local_authority;
    if (partner && is_pooled(service)) return pool;
    return nhs_pays_delayed_discharge(service, statutory_payer);
  }

  void on_cycle(const CycleReport& report, BudgetLedger& ledger, FundingLevers& levers,
                const FundingLevers& baseline) override {
    contribute_for_year(ledger);
    commission(report, ledger, levers, baseline);
    share_risk(ledger);
    // After contributions and risk shares, which are what squeeze the
    // local authority's own budget.
    const std::array<CommissionedService, 1> funded_alone{CommissionedService::care_home};
    apply_local_authority_rule(local_authority_rule_, funded_alone, ledger, levers, baseline);
  }

 private:
  [[nodiscard]] double contribution_share(const BudgetLedger& ledger, Payer partner) const {
    if (parameters_.contributions == PoolContributions::shares) {
      return partner == Payer::nhs ? parameters_.nhs_contribution_share
                                   : parameters_.local_authority_contribution_share;
    }
    const double total = ledger.reference_annual_spend(partner);
    if (total <= 0.0) return 0.0;
    double pooled = 0.0;
    for (CareService service : pooled_care_services) {
      pooled += ledger.reference_annual_spend(partner, service);
    }
    return pooled / total;
  }

  // Once a budget year, when its first cycle has been booked (in a first
  // year that began before the pool, partners pay for the part it runs).
  void contribute_for_year(BudgetLedger& ledger) {
    if (contributed_year_ == ledger.budget_year()) return;
    contributed_year_ = ledger.budget_year();
    risk_share_paid_.fill(0.0);
    for (Payer partner : partners) {
      ledger.contribute(partner, pool, contribution_share(ledger, partner));
    }
  }

  void commission(const CycleReport& report, BudgetLedger& ledger, FundingLevers& levers,
                  const FundingLevers& baseline) {
    const auto& limits = parameters_.capacity;
    if (ledger.forecasts_overspend(pool, parameters_.tolerance)) {
      // Less of the least used service that can still shrink.
      std::optional<CommissionedService> least_used;
      for (CommissionedService service : pooled_services) {
        const std::size_t s = index_of(service);
        const auto& use = report.services[s];
        if (use.capacity <= 0.0 || !(levers.capacity[s] > limits.floor(baseline.capacity[s]))) {
          continue;
        }
        if (!least_used || utilisation(use) < utilisation(report.services[index_of(*least_used)])) {
          least_used = service;
        }
      }
      if (least_used) {
        const std::size_t s = index_of(*least_used);
        levers.capacity[s] = step_down_to(levers.capacity[s], limits.floor(baseline.capacity[s]),
                                          limits.step(baseline.capacity[s]));
      }
      return;
    }
    if (!ledger.forecasts_underspend(pool, parameters_.tolerance)) return;
    double headroom = ledger.underspend_beyond(pool, parameters_.tolerance);
    headroom -= return_risk_share(ledger, headroom);
    const double days_left = ledger.days_left_in_year();
    if (headroom <= 0.0 || days_left <= 0.0) return;
    // More of the service whose waits cost the most bed days per pound.
    std::optional<CommissionedService> costliest;
    double costliest_value = 0.0;
    for (CommissionedService service : pooled_services) {
      const std::size_t s = index_of(service);
      const double value = delayed_days_per_pound(report.services[s]);
      if (value <= costliest_value || baseline.capacity[s] <= 0.0 ||
          !(levers.capacity[s] < limits.ceiling(baseline.capacity[s]))) {
        continue;
      }
      costliest = service;
      costliest_value = value;
    }
    if (!costliest) return;
    const std::size_t s = index_of(*costliest);
    const double unit_cost = report.services[s].cost_per_unit_day;
    const double affordable = unit_cost > 0.0 ? headroom / (unit_cost * days_left)
                                              : std::numeric_limits<double>::infinity();
    levers.capacity[s] = step_up_to(levers.capacity[s], limits.ceiling(baseline.capacity[s]),
                                    std::min(limits.step(baseline.capacity[s]), affordable));
  }

  // Hands back risk-share money this year's forecast no longer needs, in
  // proportion to what each partner paid, before any of it buys capacity;
  // otherwise noise in the forecast would ratchet the pool up. Returns the
  // pounds handed back.
  double return_risk_share(BudgetLedger& ledger, double headroom) {
    const double paid = risk_share_paid_[0] + risk_share_paid_[1];
    if (paid <= 0.0 || headroom <= 0.0) return 0.0;
    const double returned = std::min(paid, headroom);
    for (std::size_t i = 0; i < partners.size(); ++i) {
      const double pounds = returned * risk_share_paid_[i] / paid;
      risk_share_paid_[i] -= pounds;
      ledger.transfer(pool, partners[i], pounds, TransferReason::risk_share_return);
    }
    return returned;
  }

  // Partners cover the forecast overspend beyond the tolerance.
  void share_risk(BudgetLedger& ledger) {
    const double excess = ledger.overspend_beyond(pool, parameters_.tolerance);
    if (excess <= 0.0) return;
    const double from_nhs = parameters_.risk_share_nhs * excess;
    const std::array<double, 2> shares{from_nhs, excess - from_nhs};
    for (std::size_t i = 0; i < partners.size(); ++i) {
      ledger.transfer(partners[i], pool, shares[i], TransferReason::risk_share);
      risk_share_paid_[i] += shares[i];
    }
  }

  PooledParameters parameters_;
  SplitParameters local_authority_rule_;
  std::optional<std::size_t> contributed_year_;
  std::array<double, 2> risk_share_paid_{};  // this budget year, by partner
};

}  // namespace

std::unique_ptr<FundingRegime> make_pooled_regime(const FundingParameters& parameters) {
  return std::make_unique<PooledRegime>(parameters.pooled, parameters.split);
}

}  // namespace hcsim::models
