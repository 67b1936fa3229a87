#include <catch2/catch.hpp>

#include <memory>

#include "cycle_reports.hpp"
#include "models/funding/funding_parameters.hpp"

using namespace hcsim::models;
using namespace hcsim::models::testing;

namespace {

// Monthly spend by statutory payer: NHS hospital 800 and rehabilitation 200;
// local authority reablement 100, home care 100 and care homes 200. Budgets
// 12,000 (NHS) and 4,800 (local authority); the pooled services are 20% of
// the NHS's and 50% of the local authority's spend.
struct PooledArea {
  FundingParameters parameters;
  std::unique_ptr<FundingRegime> regime;
  BudgetLedger ledger{BudgetSettings{}, 1000.0, month_days};
  FundingLevers baseline = baseline_levers();
  FundingLevers levers = baseline;
  std::size_t cycle = 0;
  CycleReport report;

  PooledArea() {
    parameters.regime = "pooled";
    regime = make_funding_regime(parameters);
    start_cycle();
    book_statutory(1.0, 200.0);
    end_cycle();
  }

  void start_cycle() {
    report = monthly_report(cycle++, 1);
    fill_services(report, levers);
  }

  // Books the month's costs, routed as the regime says once it is active;
  // the pooled services cost `pooled_scale` times their usual amount.
  void book_statutory(double pooled_scale, double care_homes) {
    const auto book = [&](Payer statutory, CareService service, double pounds) {
      const Payer payer = ledger.allocated() ? regime->payer_for(service, statutory) : statutory;
      add_spend(report, payer, service, pounds);
    };
    book(Payer::nhs, CareService::hospital, 800.0);
    book(Payer::nhs, CareService::rehabilitation, 200.0 * pooled_scale);
    book(Payer::local_authority, CareService::reablement, 100.0 * pooled_scale);
    book(Payer::local_authority, CareService::home_care, 100.0 * pooled_scale);
    book(Payer::local_authority, CareService::residential_care, care_homes);
  }

  void end_cycle() {
    ledger.record_cycle(report);
    if (ledger.in_budget_year()) regime->on_cycle(report, ledger, levers, baseline);
  }

  void run_cycle(double pooled_scale, double care_homes = 200.0) {
    start_cycle();
    book_statutory(pooled_scale, care_homes);
    end_cycle();
  }

  double transferred(TransferReason reason, Payer from) const {
    double pounds = 0.0;
    for (const auto& transfer : ledger.transfers()) {
      if (transfer.reason == reason && transfer.from == from) pounds += transfer.pounds;
    }
    return pounds;
  }
};

}  // namespace

TEST_CASE("pooled: the pool pays the public share of reablement, rehabilitation and home care",
          "[funding]") {
  FundingParameters parameters;
  parameters.regime = "pooled";
  const auto regime = make_funding_regime(parameters);
  CHECK(regime->payer_for(CareService::reablement, Payer::local_authority) == Payer::pooled_fund);
  CHECK(regime->payer_for(CareService::rehabilitation, Payer::nhs) == Payer::pooled_fund);
  CHECK(regime->payer_for(CareService::home_care, Payer::local_authority) == Payer::pooled_fund);
  CHECK(regime->payer_for(CareService::home_care, Payer::self_funder) == Payer::self_funder);
  CHECK(regime->payer_for(CareService::residential_care, Payer::local_authority) ==
        Payer::local_authority);
  CHECK(regime->payer_for(CareService::hospital, Payer::nhs) == Payer::nhs);
  CHECK(regime->payer_for(CareService::delayed_discharge, Payer::local_authority) == Payer::nhs);
}

TEST_CASE("pooled: matched contributions fund the pool from both partners", "[funding]") {
  PooledArea area;
  area.run_cycle(1.0);
  CHECK(area.transferred(TransferReason::contribution, Payer::nhs) == Approx(2400.0));
  CHECK(area.transferred(TransferReason::contribution, Payer::local_authority) == Approx(2400.0));
  CHECK(area.ledger.available(Payer::pooled_fund) == Approx(4800.0));
  CHECK(area.ledger.spend_to_date(Payer::pooled_fund) == Approx(400.0));
  // On budget everywhere: nothing moves.
  CHECK(area.levers.capacity == area.baseline.capacity);

  SECTION("or given shares of their allocations") {
    PooledArea shares;
    shares.parameters.pooled.contributions = PoolContributions::shares;
    shares.parameters.pooled.nhs_contribution_share = 0.1;
    shares.parameters.pooled.local_authority_contribution_share = 0.25;
    shares.regime = make_funding_regime(shares.parameters);
    shares.run_cycle(1.0);
    CHECK(shares.transferred(TransferReason::contribution, Payer::nhs) == Approx(1200.0));
    CHECK(shares.transferred(TransferReason::contribution, Payer::local_authority) ==
          Approx(1200.0));
    // A pool half the size of its spend: the partners cover the rest.
    CHECK(shares.transferred(TransferReason::risk_share, Payer::nhs) > 0.0);
  }
}

TEST_CASE("pooled: headroom buys capacity where waits cost most bed days per pound",
          "[funding]") {
  PooledArea area;
  area.start_cycle();
  area.book_statutory(0.75, 200.0);  // the pool spends 300 a month of its 400
  use_of(area.report, CommissionedService::reablement).delayed_bed_days = 50.0;
  use_of(area.report, CommissionedService::reablement).cost_per_unit_day = 50.0;
  use_of(area.report, CommissionedService::rehabilitation).delayed_bed_days = 30.0;
  use_of(area.report, CommissionedService::home_care).delayed_bed_days = 100.0;
  use_of(area.report, CommissionedService::home_care).cost_per_unit_day = 1.0;
  area.end_cycle();
  // Home care: 100 delayed days per pound a day, against 1 and 0.3. Headroom
  // beyond the 1% tolerance is 4,800 - 3,600 - 48, spent over 11 months.
  const double headroom = 4800.0 - 3600.0 - 48.0;
  CHECK(area.levers.capacity[index_of(CommissionedService::home_care)] ==
        Approx(100.0 + headroom / (1.0 * 11.0 * month_days)));
  CHECK(area.levers.capacity[index_of(CommissionedService::reablement)] == 100.0);
  CHECK(area.levers.capacity[index_of(CommissionedService::rehabilitation)] == 100.0);

  SECTION("a different pattern of delays, a different choice") {
    PooledArea other;
    other.start_cycle();
    other.book_statutory(0.75, 200.0);
    use_of(other.report, CommissionedService::rehabilitation).delayed_bed_days = 30.0;
    use_of(other.report, CommissionedService::reablement).delayed_bed_days = 5.0;
    other.end_cycle();
    CHECK(other.levers.capacity[index_of(CommissionedService::rehabilitation)] > 100.0);
    CHECK(other.levers.capacity[index_of(CommissionedService::reablement)] == 100.0);
  }
}

TEST_CASE("pooled: an overspend cuts the least used service and the partners share the risk",
          "[funding]") {
  PooledArea area;
  area.start_cycle();
  area.book_statutory(1.25, 200.0);  // the pool spends 500 a month of its 400
  use_of(area.report, CommissionedService::reablement).mean_in_use = 90.0;
  use_of(area.report, CommissionedService::rehabilitation).mean_in_use = 60.0;
  use_of(area.report, CommissionedService::home_care).mean_in_use = 95.0;
  area.end_cycle();

  CHECK(area.levers.capacity[index_of(CommissionedService::rehabilitation)] == Approx(95.0));
  CHECK(area.levers.capacity[index_of(CommissionedService::reablement)] == 100.0);
  // Forecast 6,000 against 4,800: 1,200 over, 48 of it within tolerance.
  const double expected = 6000.0 - 4800.0 - 48.0;
  const double from_nhs = area.transferred(TransferReason::risk_share, Payer::nhs);
  const double from_authority = area.transferred(TransferReason::risk_share, Payer::local_authority);
  CHECK(from_nhs == Approx(0.5 * expected));
  CHECK(from_nhs + from_authority == Approx(expected));
  CHECK(area.ledger.overspend_beyond(Payer::pooled_fund, 0.01) == Approx(0.0).margin(1e-6));
  // The partners' headroom shrinks by what they paid.
  CHECK(area.ledger.available(Payer::nhs) == Approx(12000.0 - 2400.0 - from_nhs));

  SECTION("and get it back, in proportion, when the forecast recovers") {
    for (int month = 0; month < 3; ++month) area.run_cycle(0.5);
    const double returned =
        area.transferred(TransferReason::risk_share_return, Payer::pooled_fund);
    CHECK(returned > 0.0);
    CHECK(returned <= from_nhs + from_authority + 1e-9);
    double to_nhs = 0.0;
    double to_authority = 0.0;
    for (const auto& transfer : area.ledger.transfers()) {
      if (transfer.reason != TransferReason::risk_share_return) continue;
      (transfer.to == Payer::nhs ? to_nhs : to_authority) += transfer.pounds;
    }
    CHECK(to_nhs == Approx(to_authority));
  }
}

TEST_CASE("pooled: the local authority still rations the care homes it funds alone",
          "[funding]") {
  PooledArea area;
  area.run_cycle(1.0, 300.0);  // care homes 300 a month against 200
  CHECK(area.levers.capacity[index_of(CommissionedService::care_home)] == Approx(98.0));
  CHECK(area.levers.eligibility_threshold == Approx(2.25));
  // The pool is on budget: its services are not the authority's to cut.
  CHECK(area.levers.capacity[index_of(CommissionedService::home_care)] == 100.0);
  CHECK(area.levers.capacity[index_of(CommissionedService::reablement)] == 100.0);
}
