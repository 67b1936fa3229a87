#pragma once
// One area's budgets as live simulation state: for each payer that holds a
// budget, the allocation for the current budget year, money moved between
// payers, spend to date, the forecast outturn and the variance. The care
// model books each cycle's spend (CycleReport); funding rules read the
// forecasts and move money (transfers) and levers.
//
// Timing. Allocations are set once, at the end of warm-up: at the end of the
// cycle that reaches `warmup_end_days`, from the spend of the last
// `reference_cycles` warm-up cycles (earlier ones start from the model's
// initial state and are not yet typical). From then on budget years follow the
// measured cycles' CycleReport::year; a change of year starts a new budget
// year (spend to date and transfers back to zero, allocation grown). With no
// warm-up the first cycle stands in for it: its spend, annualised, sets the
// allocations at its end, and it is booked as the first cycle of year 0.
//
// Forecast rule. forecast = spend to date + run rate x days left in the year,
// where the run rate is spend per day over the most recent `run_rate_cycles`
// cycles of the current budget year that ended after the allocations were
// set (so a regime's routing, which starts then, is what the rate measures),
// and days left = (1 - year_fraction_elapsed) x 365.25. Until such a cycle
// has been booked there is no run rate, and the forecast is the money
// available (or the spend to date, when that is more): on budget, so no rule
// acts on no evidence.
#include <array>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <string_view>
#include <vector>

#include "models/funding/levers.hpp"
#include "models/funding/payer.hpp"

namespace hcsim::models {

// Days in a budget year, for annualising spend and for the days left in a
// year (the default budget cycle, 30.4375 days, is a twelfth of it).
inline constexpr double days_per_budget_year = 365.25;

enum class AllocationMode : std::uint8_t {
  from_warmup,  // annualised warm-up spend x factor
  per_person,   // pounds per resident a year x residents x factor
};
inline constexpr std::array<std::string_view, 2> allocation_mode_names{"from_warmup",
                                                                       "per_person"};

// Payers with a budget a rule can act on; the others (DWP, self-funders,
// unpaid carers, the third sector) only have spend.
inline constexpr std::array<Payer, 3> budget_holders{Payer::nhs, Payer::local_authority,
                                                     Payer::pooled_fund};
[[nodiscard]] constexpr bool holds_budget(Payer payer) noexcept {
  for (Payer holder : budget_holders) {
    if (holder == payer) return true;
  }
  return false;
}

struct PayerBudgetSettings {
  // Multiplies the base allocation: 0.97 is a budget 3% tighter than the
  // spend it was built from.
  double factor = 1.0;
  // Allocation growth from one budget year to the next (0.02 = 2% a year).
  double growth_per_year = 0.0;
  // Pounds per resident a year; used when the allocation mode is per_person.
  double per_person = 0.0;
  bool operator==(const PayerBudgetSettings&) const = default;
};

struct BudgetSettings {
  AllocationMode allocation = AllocationMode::from_warmup;
  // Cycles whose spend makes the run rate of a forecast. ASSUMPTION: 3, a
  // quarter of monthly cycles, as in-year finance reports commonly use.
  std::int64_t run_rate_cycles = 3;
  // The last warm-up cycles whose spend, annualised, is the from_warmup base.
  // ASSUMPTION: 3; fewer follow noise, more reach back into the start-up.
  std::int64_t reference_cycles = 3;
  // Indexed by Payer; only budget holders are used.
  std::array<PayerBudgetSettings, payer_count> payers{};
  bool operator==(const BudgetSettings&) const = default;
};

enum class TransferReason : std::uint8_t {
  contribution,       // a partner paying into a pool or integrated budget
  risk_share,         // partners covering a pool's forecast overspend
  risk_share_return,  // a pool handing back risk-share money it no longer needs
};
inline constexpr std::array<std::string_view, 3> transfer_reason_names{
    "contribution", "risk_share", "risk_share_return"};

// Money moved between payers' budgets. It changes what each may spend, never
// who bore a cost.
struct BudgetTransfer {
  std::size_t cycle = 0;
  std::size_t budget_year = 0;
  Payer from = Payer::nhs;
  Payer to = Payer::nhs;
  double pounds = 0.0;
  TransferReason reason = TransferReason::contribution;
};

// A payer's position in the current budget year (pounds).
struct PayerBudget {
  double allocation = 0.0;      // for the year, before transfers
  double net_transfers = 0.0;   // received minus paid out
  double available = 0.0;       // allocation + net_transfers
  double spend_to_date = 0.0;   // in this budget year
  double forecast = 0.0;        // outturn for the year (see the forecast rule)
  double variance = 0.0;        // forecast - available; positive is an overspend
  double variance_share = 0.0;  // variance / available; NaN when nothing is available
};

// One row per cycle for output, written after the funding rule ran.
struct BudgetHistoryRow {
  std::size_t cycle = 0;
  double end_days = 0.0;
  bool in_budget_year = false;   // false during warm-up
  std::size_t budget_year = 0;   // 0 = first measured year
  std::array<PayerBudget, payer_count> payers{};
  double eligibility_threshold = 0.0;
  double approval_delay_days = 0.0;
  std::array<double, commissioned_service_count> capacity{};
};

class BudgetLedger {
 public:
  // `residents`: the people the area simulates (after population scaling), so
  // per_person allocations are on the scale of the spend the care model
  // books. `warmup_end_days`: when measurement starts, on the clock of
  // CycleReport::end_days. Throws std::invalid_argument on negative
  // residents, run_rate_cycles or reference_cycles < 1, negative factors or
  // per-person amounts, or growth of -100% or less.
  BudgetLedger(BudgetSettings settings, double residents, double warmup_end_days);

  // Books a cycle's spend; sets allocations at the end of warm-up; starts a
  // new budget year when the report's year changes.
  void record_cycle(const CycleReport& report);
  // Moves money between two payers' budgets for the current budget year.
  // Throws std::logic_error outside a budget year, std::invalid_argument for
  // a negative or non-finite amount or from == to.
  void transfer(Payer from, Payer to, double pounds, TransferReason reason);
  // Pays `share` of `from`'s allocation for the year into `to`'s budget (a
  // contribution to a pool), for the part of the year that follows the
  // setting of allocations. Returns the pounds moved.
  double contribute(Payer from, Payer to, double share);
  // Appends the history row of the cycle just booked, with the levers as the
  // funding rule left them.
  void record_history(const CycleReport& report, const FundingLevers& levers);

  [[nodiscard]] bool allocated() const noexcept { return allocated_; }
  [[nodiscard]] bool in_budget_year() const noexcept { return in_budget_year_; }
  [[nodiscard]] std::size_t budget_year() const noexcept { return budget_year_; }
  // The share of the current budget year that follows the setting of
  // allocations: 1, except in the first year when there was no warm-up.
  [[nodiscard]] double share_of_year_since_allocation() const noexcept;
  [[nodiscard]] double days_left_in_year() const noexcept;

  [[nodiscard]] double allocation(Payer payer) const noexcept;
  [[nodiscard]] double net_transfers(Payer payer) const noexcept;
  [[nodiscard]] double available(Payer payer) const noexcept;
  [[nodiscard]] double spend_to_date(Payer payer) const noexcept;
  [[nodiscard]] double forecast(Payer payer) const noexcept;
  [[nodiscard]] double variance(Payer payer) const noexcept;
  [[nodiscard]] PayerBudget budget(Payer payer) const noexcept;
  // Forecast overspend (underspend) by more than `tolerance` x the money
  // available. A payer with nothing available overspends on any forecast spend.
  [[nodiscard]] bool forecasts_overspend(Payer payer, double tolerance) const noexcept {
    return overspend_beyond(payer, tolerance) > 0.0;
  }
  [[nodiscard]] bool forecasts_underspend(Payer payer, double tolerance) const noexcept {
    return underspend_beyond(payer, tolerance) > 0.0;
  }
  // Pounds by which the forecast overspend (underspend) exceeds `tolerance`
  // x the money available; 0 when it does not.
  [[nodiscard]] double overspend_beyond(Payer payer, double tolerance) const noexcept;
  [[nodiscard]] double underspend_beyond(Payer payer, double tolerance) const noexcept;

  // Annualised spend (pounds a year) the allocations were built from: the
  // warm-up (or first) cycles, by payer and service, before any factor.
  [[nodiscard]] double reference_annual_spend(Payer payer, CareService service) const noexcept;
  [[nodiscard]] double reference_annual_spend(Payer payer) const noexcept;

  [[nodiscard]] const BudgetSettings& settings() const noexcept { return settings_; }
  [[nodiscard]] const std::vector<BudgetHistoryRow>& history() const noexcept { return history_; }
  [[nodiscard]] const std::vector<BudgetTransfer>& transfers() const noexcept {
    return transfers_;
  }

 private:
  struct RecentCycle {
    std::array<double, payer_count> spend{};
    double days = 0.0;
  };

  struct ReferenceCycle {
    std::array<std::array<double, care_service_count>, payer_count> spend{};
    double days = 0.0;
  };

  void add_to_reference(const CycleReport& report);
  void set_allocations(const CycleReport& report);
  void start_budget_year(const CycleReport& report);
  [[nodiscard]] double run_rate_per_day(Payer payer) const noexcept;

  BudgetSettings settings_;
  double residents_ = 0.0;
  double warmup_end_days_ = 0.0;

  std::deque<ReferenceCycle> reference_;  // the last reference_cycles cycles before allocation
  std::array<std::array<double, care_service_count>, payer_count> reference_annual_{};
  // Allocation for budget year 0 before growth, per payer (pounds a year).
  std::array<double, payer_count> base_allocation_{};
  bool allocated_ = false;
  // Set when allocations were made at the end of a measured cycle (no
  // warm-up): that year's share after allocation is 1 - this fraction.
  bool allocated_mid_year_ = false;
  double allocation_year_fraction_ = 0.0;

  bool in_budget_year_ = false;
  std::size_t budget_year_ = 0;
  std::size_t report_year_ = 0;
  std::size_t current_cycle_ = 0;
  double year_fraction_elapsed_ = 0.0;
  std::array<double, payer_count> allocation_{};
  std::array<double, payer_count> net_transfers_{};
  std::array<double, payer_count> spend_to_date_{};
  std::deque<RecentCycle> recent_;

  std::vector<BudgetTransfer> transfers_;
  std::vector<BudgetHistoryRow> history_;
};

}  // namespace hcsim::models
