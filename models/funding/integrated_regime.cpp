#include "models/funding/integrated_regime.hpp"

#include <algorithm>
#include <optional>

#include "models/funding/capacity_value.hpp"
#include "models/funding/funding_parameters.hpp"

namespace hcsim::models {
namespace {

constexpr Payer integrated_budget = Payer::pooled_fund;

class IntegratedRegime final : public FundingRegime {
 public:
  explicit IntegratedRegime(const IntegratedParameters& parameters) : parameters_(parameters) {}

  [[nodiscard]] std::string_view name() const override { return "integrated"; }

  [[nodiscard]] Payer payer_for(CareService /*service*/, Payer statutory_payer) const override {
    const bool partner = statutory_payer == Payer::nhs || statutory_payer == Payer::local_authority;
    return partner ? integrated_budget : statutory_payer;
  }

  void on_cycle(const CycleReport& report, BudgetLedger& ledger, FundingLevers& levers,
                const FundingLevers& baseline) override {
    if (contributed_year_ != ledger.budget_year()) {
      contributed_year_ = ledger.budget_year();
      ledger.contribute(Payer::nhs, integrated_budget, 1.0);
      ledger.contribute(Payer::local_authority, integrated_budget, 1.0);
    }
    respond_to_forecast(report, ledger, levers, baseline);
    move_capacity(report, ledger, levers, baseline);
  }

 private:
  [[nodiscard]] double units_per_person(CommissionedService service) const {
    return service == CommissionedService::home_care ? parameters_.home_care_hours_per_person : 1.0;
  }

  // Idle capacity that may be given up: not below the floor.
  [[nodiscard]] double releasable(const CycleReport& report, const FundingLevers& levers,
                                  const FundingLevers& baseline, std::size_t s) const {
    const double idle = std::max(0.0, levers.capacity[s] - report.services[s].mean_in_use);
    const double above_floor = levers.capacity[s] - parameters_.capacity.floor(baseline.capacity[s]);
    return std::max(0.0, std::min(idle, above_floor));
  }

  // The service whose idle capacity frees the most money a day, other than `except`.
  [[nodiscard]] std::optional<std::size_t> most_idle(const CycleReport& report,
                                                     const FundingLevers& levers,
                                                     const FundingLevers& baseline,
                                                     std::optional<std::size_t> except) const {
    std::optional<std::size_t> found;
    double found_pounds = 0.0;
    for (CommissionedService service : commissioned_services) {
      const std::size_t s = index_of(service);
      if (s == except) continue;
      const double pounds =
          releasable(report, levers, baseline, s) * report.services[s].cost_per_unit_day;
      if (pounds > found_pounds) {
        found = s;
        found_pounds = pounds;
      }
    }
    return found;
  }

  // Only the whole budget's forecast tightens eligibility or cuts idle
  // capacity; an underspend relaxes eligibility back toward baseline.
  void respond_to_forecast(const CycleReport& report, const BudgetLedger& ledger,
                           FundingLevers& levers, const FundingLevers& baseline) const {
    const auto& eligibility = parameters_.eligibility;
    if (ledger.forecasts_overspend(integrated_budget, parameters_.tolerance)) {
      levers.eligibility_threshold = step_up_to(
          levers.eligibility_threshold,
          std::max(eligibility.maximum, baseline.eligibility_threshold), eligibility.step);
      if (const auto idle = most_idle(report, levers, baseline, std::nullopt)) {
        // Only capacity that stood idle: cutting what patients use would
        // turn the saving into delays.
        levers.capacity[*idle] -= std::min(parameters_.capacity.step(baseline.capacity[*idle]),
                                           releasable(report, levers, baseline, *idle));
      }
    } else if (ledger.forecasts_underspend(integrated_budget, parameters_.tolerance)) {
      levers.eligibility_threshold = step_toward(
          levers.eligibility_threshold, baseline.eligibility_threshold, eligibility.step);
    }
  }

  // Grows the service where one more place is worth most, if it is worth its
  // cost, funded from the most idle service and then from headroom: the
  // forecast plus the net cost of the move over the rest of the year stays
  // within the money available. Capacity is treated as bought in blocks, paid
  // for whether used or not, so releasing an idle unit frees its cost.
  void move_capacity(const CycleReport& report, const BudgetLedger& ledger, FundingLevers& levers,
                     const FundingLevers& baseline) const {
    const auto& limits = parameters_.capacity;
    std::optional<std::size_t> best;
    double best_ratio = 0.0;
    for (CommissionedService service : commissioned_services) {
      const std::size_t s = index_of(service);
      const double ratio = marginal_benefit_cost_ratio(report, service, units_per_person(service));
      if (ratio < parameters_.minimum_benefit_cost_ratio || ratio <= best_ratio ||
          baseline.capacity[s] <= 0.0 || !(levers.capacity[s] < limits.ceiling(baseline.capacity[s]))) {
        continue;
      }
      best = s;
      best_ratio = ratio;
    }
    if (!best) return;
    const std::optional<std::size_t> donor = most_idle(report, levers, baseline, best);
    const double donor_unit_cost = donor ? report.services[*donor].cost_per_unit_day : 0.0;
    const double from_donor_per_day =
        donor ? releasable(report, levers, baseline, *donor) * donor_unit_cost : 0.0;
    const double days_left = ledger.days_left_in_year();
    const double headroom = ledger.available(integrated_budget) - ledger.forecast(integrated_budget);
    const double headroom_per_day = days_left > 0.0 ? std::max(0.0, headroom) / days_left : 0.0;

    const double unit_cost = report.services[*best].cost_per_unit_day;
    const double base = baseline.capacity[*best];
    double growth = std::min(limits.step(base), limits.ceiling(base) - levers.capacity[*best]);
    if (unit_cost > 0.0) {
      growth = std::min(growth, (from_donor_per_day + headroom_per_day) / unit_cost);
    }
    if (growth <= 0.0) return;
    levers.capacity[*best] += growth;
    const double donor_pays_per_day = std::min(growth * unit_cost, from_donor_per_day);
    if (donor && donor_unit_cost > 0.0) {
      levers.capacity[*donor] -= donor_pays_per_day / donor_unit_cost;
    }
  }

  IntegratedParameters parameters_;
  std::optional<std::size_t> contributed_year_;
};

}  // namespace

std::unique_ptr<FundingRegime> make_integrated_regime(const FundingParameters& parameters) {
  return std::make_unique<IntegratedRegime>(parameters.integrated);
}

}  // namespace hcsim::models
