#include "models/funding/budget_ledger.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace hcsim::models {
namespace {

// Cycle ends are sums of window lengths; allow for rounding when comparing
// one with the end of warm-up.
constexpr double clock_tolerance_days = 1e-6;

double total(const std::array<double, care_service_count>& by_service) {
  return std::accumulate(by_service.begin(), by_service.end(), 0.0);
}

}  // namespace

BudgetLedger::BudgetLedger(BudgetSettings settings, double residents, double warmup_end_days)
    : settings_(settings), residents_(residents), warmup_end_days_(warmup_end_days) {
  if (!std::isfinite(residents_) || residents_ < 0.0) {
    throw std::invalid_argument("budget ledger: residents must be finite and non-negative");
  }
  if (settings_.run_rate_cycles < 1 || settings_.reference_cycles < 1) {
    throw std::invalid_argument("budget ledger: run_rate_cycles and reference_cycles must be >= 1");
  }
  for (const auto& payer : settings_.payers) {
    if (!(payer.factor >= 0.0) || !(payer.per_person >= 0.0) || !(payer.growth_per_year > -1.0)) {
      throw std::invalid_argument(
          "budget ledger: factor and per_person must be >= 0 and growth_per_year > -1");
    }
  }
}

void BudgetLedger::add_to_reference(const CycleReport& report) {
  ReferenceCycle cycle;
  cycle.spend = report.spend;
  cycle.days = report.end_days - report.start_days;
  reference_.push_back(cycle);
  while (reference_.size() > static_cast<std::size_t>(settings_.reference_cycles)) {
    reference_.pop_front();
  }
}

void BudgetLedger::set_allocations(const CycleReport& report) {
  double days = 0.0;
  for (const auto& cycle : reference_) days += cycle.days;
  const double to_annual = days > 0.0 ? days_per_budget_year / days : 0.0;
  for (std::size_t payer = 0; payer < payer_count; ++payer) {
    for (std::size_t service = 0; service < care_service_count; ++service) {
      double spend = 0.0;
      for (const auto& cycle : reference_) spend += cycle.spend[payer][service];
      reference_annual_[payer][service] = spend * to_annual;
    }
    base_allocation_[payer] = settings_.allocation == AllocationMode::from_warmup
                                  ? total(reference_annual_[payer])
                                  : settings_.payers[payer].per_person * residents_;
  }
  reference_.clear();
  allocated_ = true;
  allocated_mid_year_ = report.measuring;
  allocation_year_fraction_ = std::clamp(report.year_fraction_elapsed, 0.0, 1.0);
}

void BudgetLedger::start_budget_year(const CycleReport& report) {
  budget_year_ = in_budget_year_ ? budget_year_ + 1 : 0;
  in_budget_year_ = true;
  report_year_ = report.year;
  for (std::size_t payer = 0; payer < payer_count; ++payer) {
    const PayerBudgetSettings& setting = settings_.payers[payer];
    allocation_[payer] = base_allocation_[payer] * setting.factor *
                         std::pow(1.0 + setting.growth_per_year, static_cast<double>(budget_year_));
  }
  net_transfers_.fill(0.0);
  spend_to_date_.fill(0.0);
  recent_.clear();
}

void BudgetLedger::record_cycle(const CycleReport& report) {
  current_cycle_ = report.cycle;
  bool allocated_by_this_cycle = false;
  if (!allocated_) {
    add_to_reference(report);
    // The end of warm-up; or a measured cycle with no warm-up before it,
    // which then stands in for the warm-up.
    if (report.measuring || report.end_days >= warmup_end_days_ - clock_tolerance_days) {
      set_allocations(report);
      allocated_by_this_cycle = true;
    }
  }
  if (!report.measuring) return;
  if (!in_budget_year_ || report.year != report_year_) start_budget_year(report);
  year_fraction_elapsed_ = std::clamp(report.year_fraction_elapsed, 0.0, 1.0);
  RecentCycle cycle;
  cycle.days = report.end_days - report.start_days;
  for (std::size_t payer = 0; payer < payer_count; ++payer) {
    cycle.spend[payer] = total(report.spend[payer]);
    spend_to_date_[payer] += total(report.spend_in_year[payer]);
  }
  // A cycle that ended before allocations (and so before any regime's
  // routing) says nothing about the run rate under the regime.
  if (allocated_by_this_cycle) return;
  recent_.push_back(cycle);
  while (recent_.size() > static_cast<std::size_t>(settings_.run_rate_cycles)) recent_.pop_front();
}

void BudgetLedger::transfer(Payer from, Payer to, double pounds, TransferReason reason) {
  if (!in_budget_year_) {
    throw std::logic_error("budget ledger: transfers belong to a budget year; none has started");
  }
  if (!std::isfinite(pounds) || pounds < 0.0 || from == to) {
    throw std::invalid_argument(
        "budget ledger: a transfer needs a finite, non-negative amount between two payers");
  }
  if (pounds == 0.0) return;
  net_transfers_[index_of(from)] -= pounds;
  net_transfers_[index_of(to)] += pounds;
  transfers_.push_back({current_cycle_, budget_year_, from, to, pounds, reason});
}

double BudgetLedger::contribute(Payer from, Payer to, double share) {
  const double pounds = share * allocation(from) * share_of_year_since_allocation();
  transfer(from, to, pounds, TransferReason::contribution);
  return pounds;
}

void BudgetLedger::record_history(const CycleReport& report, const FundingLevers& levers) {
  BudgetHistoryRow row;
  row.cycle = report.cycle;
  row.end_days = report.end_days;
  row.in_budget_year = in_budget_year_;
  row.budget_year = budget_year_;
  for (std::size_t payer = 0; payer < payer_count; ++payer) {
    row.payers[payer] = budget(static_cast<Payer>(payer));
  }
  row.eligibility_threshold = levers.eligibility_threshold;
  row.approval_delay_days = levers.approval_delay_days;
  row.capacity = levers.capacity;
  history_.push_back(row);
}

double BudgetLedger::share_of_year_since_allocation() const noexcept {
  return allocated_mid_year_ && budget_year_ == 0 ? 1.0 - allocation_year_fraction_ : 1.0;
}

double BudgetLedger::days_left_in_year() const noexcept {
  return in_budget_year_ ? (1.0 - year_fraction_elapsed_) * days_per_budget_year : 0.0;
}

double BudgetLedger::allocation(Payer payer) const noexcept {
  return in_budget_year_ ? allocation_[index_of(payer)] : 0.0;
}

double BudgetLedger::net_transfers(Payer payer) const noexcept {
  return net_transfers_[index_of(payer)];
}

double BudgetLedger::available(Payer payer) const noexcept {
  return allocation(payer) + net_transfers(payer);
}

double BudgetLedger::spend_to_date(Payer payer) const noexcept {
  return spend_to_date_[index_of(payer)];
}

double BudgetLedger::run_rate_per_day(Payer payer) const noexcept {
  double spend = 0.0;
  double days = 0.0;
  for (const auto& cycle : recent_) {
    spend += cycle.spend[index_of(payer)];
    days += cycle.days;
  }
  return days > 0.0 ? spend / days : 0.0;
}

double BudgetLedger::forecast(Payer payer) const noexcept {
  if (!in_budget_year_ || recent_.empty()) return std::max(spend_to_date(payer), available(payer));
  return spend_to_date(payer) + run_rate_per_day(payer) * days_left_in_year();
}

double BudgetLedger::variance(Payer payer) const noexcept {
  return forecast(payer) - available(payer);
}

PayerBudget BudgetLedger::budget(Payer payer) const noexcept {
  PayerBudget result;
  result.allocation = allocation(payer);
  result.net_transfers = net_transfers(payer);
  result.available = available(payer);
  result.spend_to_date = spend_to_date(payer);
  result.forecast = forecast(payer);
  result.variance = result.forecast - result.available;
  result.variance_share = result.available > 0.0 ? result.variance / result.available
                                                 : std::numeric_limits<double>::quiet_NaN();
  return result;
}

double BudgetLedger::overspend_beyond(Payer payer, double tolerance) const noexcept {
  return std::max(0.0, variance(payer) - tolerance * std::max(available(payer), 0.0));
}

double BudgetLedger::underspend_beyond(Payer payer, double tolerance) const noexcept {
  return std::max(0.0, -variance(payer) - tolerance * std::max(available(payer), 0.0));
}

double BudgetLedger::reference_annual_spend(Payer payer, CareService service) const noexcept {
  return reference_annual_[index_of(payer)][index_of(service)];
}

double BudgetLedger::reference_annual_spend(Payer payer) const noexcept {
  return total(reference_annual_[index_of(payer)]);
}

}  // namespace hcsim::models
