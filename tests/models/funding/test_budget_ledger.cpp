#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>

#include "cycle_reports.hpp"
#include "models/funding/budget_ledger.hpp"

using namespace hcsim::models;
using hcsim::models::testing::monthly_report;
using hcsim::models::testing::month_days;
using hcsim::models::testing::set_spend;

namespace {

// A cycle in which the NHS spends `nhs` and the local authority `authority`.
CycleReport cycle_with_spend(std::size_t cycle, std::size_t warmup, double nhs, double authority) {
  CycleReport report = monthly_report(cycle, warmup);
  set_spend(report, Payer::nhs, CareService::hospital, nhs);
  set_spend(report, Payer::local_authority, CareService::home_care, authority);
  return report;
}

}  // namespace

TEST_CASE("ledger: allocations are annualised warm-up spend times factor", "[funding]") {
  BudgetSettings settings;
  settings.payers[index_of(Payer::local_authority)].factor = 0.9;
  BudgetLedger ledger(settings, 1000.0, 5 * month_days);
  // The first two warm-up cycles are start-up (no spend); only the last
  // three (reference_cycles) make the allocation.
  for (std::size_t cycle = 0; cycle < 5; ++cycle) {
    const double nhs = cycle < 2 ? 0.0 : 100.0;
    ledger.record_cycle(cycle_with_spend(cycle, 5, nhs, nhs / 2));
    CHECK(ledger.allocated() == (cycle == 4));
    CHECK_FALSE(ledger.in_budget_year());
  }
  CHECK(ledger.reference_annual_spend(Payer::nhs) == Approx(1200.0));
  CHECK(ledger.reference_annual_spend(Payer::local_authority, CareService::home_care) ==
        Approx(600.0));
  ledger.record_cycle(cycle_with_spend(5, 5, 100.0, 50.0));
  REQUIRE(ledger.in_budget_year());
  CHECK(ledger.budget_year() == 0);
  CHECK(ledger.allocation(Payer::nhs) == Approx(1200.0));
  CHECK(ledger.allocation(Payer::local_authority) == Approx(540.0));
  CHECK(ledger.allocation(Payer::pooled_fund) == 0.0);
  CHECK(ledger.share_of_year_since_allocation() == 1.0);
}

TEST_CASE("ledger: forecast is spend to date plus run rate over the rest of the year",
          "[funding]") {
  BudgetSettings settings;
  settings.run_rate_cycles = 2;
  BudgetLedger ledger(settings, 1000.0, 3 * month_days);
  for (std::size_t cycle = 0; cycle < 3; ++cycle) {
    ledger.record_cycle(cycle_with_spend(cycle, 3, 100.0, 50.0));
  }
  ledger.record_cycle(cycle_with_spend(3, 3, 100.0, 50.0));
  ledger.record_cycle(cycle_with_spend(4, 3, 130.0, 50.0));
  ledger.record_cycle(cycle_with_spend(5, 3, 150.0, 40.0));
  // Three months spent 380; run rate of the last two months 140 a month;
  // nine months left.
  CHECK(ledger.spend_to_date(Payer::nhs) == Approx(380.0));
  CHECK(ledger.days_left_in_year() == Approx(9 * month_days));
  CHECK(ledger.forecast(Payer::nhs) == Approx(380.0 + 9 * 140.0));
  CHECK(ledger.variance(Payer::nhs) == Approx(380.0 + 9 * 140.0 - 1200.0));
  const PayerBudget nhs = ledger.budget(Payer::nhs);
  CHECK(nhs.variance_share == Approx((380.0 + 9 * 140.0 - 1200.0) / 1200.0));
  CHECK(ledger.forecasts_overspend(Payer::nhs, 0.01));
  CHECK_FALSE(ledger.forecasts_overspend(Payer::nhs, 0.5));
  // The local authority: 140 spent, 45 a month for 9 months, against 600.
  CHECK(ledger.forecast(Payer::local_authority) == Approx(140.0 + 9 * 45.0));
  CHECK(ledger.forecasts_underspend(Payer::local_authority, 0.01));
  CHECK(ledger.underspend_beyond(Payer::local_authority, 0.01) ==
        Approx(600.0 - 545.0 - 6.0));
  // A payer with no budget has no share.
  CHECK(std::isnan(ledger.budget(Payer::pooled_fund).variance_share));
}

TEST_CASE("ledger: a new budget year grows the allocation and starts afresh", "[funding]") {
  BudgetSettings settings;
  settings.payers[index_of(Payer::nhs)].growth_per_year = 0.1;
  BudgetLedger ledger(settings, 1000.0, month_days);
  ledger.record_cycle(cycle_with_spend(0, 1, 100.0, 50.0));
  for (std::size_t cycle = 1; cycle <= 12; ++cycle) {
    ledger.record_cycle(cycle_with_spend(cycle, 1, 100.0, 50.0));
  }
  CHECK(ledger.spend_to_date(Payer::nhs) == Approx(1200.0));
  CHECK(ledger.forecast(Payer::nhs) == Approx(1200.0));  // no days left
  ledger.transfer(Payer::nhs, Payer::pooled_fund, 10.0, TransferReason::contribution);
  ledger.record_cycle(cycle_with_spend(13, 1, 100.0, 50.0));
  CHECK(ledger.budget_year() == 1);
  CHECK(ledger.allocation(Payer::nhs) == Approx(1320.0));
  CHECK(ledger.allocation(Payer::local_authority) == Approx(600.0));
  CHECK(ledger.spend_to_date(Payer::nhs) == Approx(100.0));
  CHECK(ledger.net_transfers(Payer::nhs) == 0.0);
}

TEST_CASE("ledger: with no warm-up the first cycle, annualised, sets the allocations",
          "[funding]") {
  BudgetLedger ledger(BudgetSettings{}, 1000.0, 0.0);
  ledger.record_cycle(cycle_with_spend(0, 0, 100.0, 50.0));
  REQUIRE(ledger.in_budget_year());
  CHECK(ledger.allocation(Payer::nhs) == Approx(1200.0));
  CHECK(ledger.spend_to_date(Payer::nhs) == Approx(100.0));
  CHECK(ledger.share_of_year_since_allocation() == Approx(11.0 / 12.0));
  // No cycle since allocation: no run rate, so on budget.
  CHECK(ledger.variance(Payer::nhs) == 0.0);
  ledger.record_cycle(cycle_with_spend(1, 0, 150.0, 50.0));
  // The run rate is the cycle after allocation alone: 150 a month.
  CHECK(ledger.forecast(Payer::nhs) == Approx(250.0 + 10 * 150.0));
}

TEST_CASE("ledger: per-person allocations", "[funding]") {
  BudgetSettings settings;
  settings.allocation = AllocationMode::per_person;
  settings.payers[index_of(Payer::nhs)].per_person = 2.5;
  settings.payers[index_of(Payer::local_authority)].per_person = 1.0;
  settings.payers[index_of(Payer::local_authority)].factor = 0.97;
  BudgetLedger ledger(settings, 1000.0, month_days);
  ledger.record_cycle(cycle_with_spend(0, 1, 100.0, 50.0));
  ledger.record_cycle(cycle_with_spend(1, 1, 100.0, 50.0));
  CHECK(ledger.allocation(Payer::nhs) == Approx(2500.0));
  CHECK(ledger.allocation(Payer::local_authority) == Approx(970.0));
}

TEST_CASE("ledger: transfers move money, not costs", "[funding]") {
  BudgetLedger ledger(BudgetSettings{}, 1000.0, month_days);
  ledger.record_cycle(cycle_with_spend(0, 1, 100.0, 50.0));
  CHECK_THROWS_AS(ledger.transfer(Payer::nhs, Payer::pooled_fund, 1.0, TransferReason::risk_share),
                  std::logic_error);
  ledger.record_cycle(cycle_with_spend(1, 1, 100.0, 50.0));
  ledger.transfer(Payer::nhs, Payer::pooled_fund, 300.0, TransferReason::contribution);
  ledger.transfer(Payer::local_authority, Payer::pooled_fund, 100.0, TransferReason::risk_share);
  CHECK(ledger.available(Payer::nhs) == Approx(900.0));
  CHECK(ledger.available(Payer::pooled_fund) == Approx(400.0));
  CHECK(ledger.spend_to_date(Payer::nhs) == Approx(100.0));
  double net = 0.0;
  for (Payer payer : budget_holders) net += ledger.net_transfers(payer);
  CHECK(net == Approx(0.0).margin(1e-9));
  REQUIRE(ledger.transfers().size() == 2);
  CHECK(ledger.transfers()[1].reason == TransferReason::risk_share);
  CHECK(ledger.transfers()[1].cycle == 1);
  CHECK_THROWS_AS(ledger.transfer(Payer::nhs, Payer::nhs, 1.0, TransferReason::contribution),
                  std::invalid_argument);
  CHECK_THROWS_AS(ledger.transfer(Payer::nhs, Payer::pooled_fund, -1.0,
                                  TransferReason::contribution),
                  std::invalid_argument);
}

TEST_CASE("ledger: a history row per cycle with the levers after the rule", "[funding]") {
  BudgetLedger ledger(BudgetSettings{}, 1000.0, month_days);
  FundingLevers levers;
  for (std::size_t cycle = 0; cycle < 3; ++cycle) {
    const CycleReport report = cycle_with_spend(cycle, 1, 100.0, 50.0);
    ledger.record_cycle(report);
    levers.eligibility_threshold = 2.0 + static_cast<double>(cycle);
    ledger.record_history(report, levers);
  }
  const auto& history = ledger.history();
  REQUIRE(history.size() == 3);
  CHECK_FALSE(history[0].in_budget_year);
  CHECK(history[2].in_budget_year);
  CHECK(history[2].eligibility_threshold == 4.0);
  CHECK(history[2].end_days == Approx(3 * month_days));
  CHECK(history[2].payers[index_of(Payer::nhs)].allocation == Approx(1200.0));
  CHECK(history[2].payers[index_of(Payer::nhs)].spend_to_date == Approx(200.0));
}

TEST_CASE("ledger: bad settings are refused", "[funding]") {
  BudgetSettings settings;
  settings.run_rate_cycles = 0;
  CHECK_THROWS_AS(BudgetLedger(settings, 1.0, 0.0), std::invalid_argument);
  CHECK_THROWS_AS(BudgetLedger(BudgetSettings{}, -1.0, 0.0), std::invalid_argument);
}

TEST_CASE("ledger: spend to date counts only what a cycle spent inside its budget year",
          "[funding]") {
  // A warm-up of two and a half months: the third cycle ends half a month
  // into the first budget year. Spending 100 a month throughout, the year
  // has spent 50 by then, not the cycle's 100; counting all of it would
  // forecast a month's overspend for a budget that exactly matches.
  BudgetLedger ledger(BudgetSettings{}, 1000.0, 2.5 * month_days);
  for (std::size_t cycle = 0; cycle < 2; ++cycle) {
    ledger.record_cycle(cycle_with_spend(cycle, 2, 100.0, 50.0));
  }
  for (std::size_t cycle = 2; cycle < 4; ++cycle) {
    CycleReport report = cycle_with_spend(cycle, 2, 100.0, 50.0);
    const double months_in_year = static_cast<double>(cycle) - 1.5;
    report.year_fraction_elapsed = months_in_year / 12.0;
    for (auto& by_service : report.spend_in_year) {
      for (double& pounds : by_service) pounds = 0.0;
    }
    report.spend_in_year[index_of(Payer::nhs)][index_of(CareService::hospital)] =
        cycle == 2 ? 50.0 : 100.0;
    ledger.record_cycle(report);
  }
  CHECK(ledger.allocation(Payer::nhs) == Approx(1200.0));
  CHECK(ledger.spend_to_date(Payer::nhs) == Approx(150.0));
  CHECK(ledger.days_left_in_year() == Approx(10.5 * month_days));
  CHECK(ledger.variance(Payer::nhs) == Approx(0.0).margin(1e-9));
  CHECK_FALSE(ledger.forecasts_overspend(Payer::nhs, 0.001));
}
