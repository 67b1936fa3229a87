#include <catch2/catch.hpp>

#include <memory>

#include "cycle_reports.hpp"
#include "models/funding/funding_parameters.hpp"

using namespace hcsim::models;
using namespace hcsim::models::testing;

namespace {

// NHS spend 1,000 a month and local authority spend 400 in warm-up: one
// integrated budget of 16,800 a year. Every service is fully used at cost
// 100 a unit-day unless a test says otherwise.
struct IntegratedArea {
  FundingParameters parameters;
  std::unique_ptr<FundingRegime> regime;
  BudgetLedger ledger{BudgetSettings{}, 1000.0, month_days};
  FundingLevers baseline = baseline_levers();
  FundingLevers levers = baseline;
  std::size_t cycle = 0;
  CycleReport report;

  IntegratedArea() {
    parameters.regime = "integrated";
    regime = make_funding_regime(parameters);
    start_cycle();
    set_spend(report, Payer::nhs, CareService::hospital, 1000.0);
    set_spend(report, Payer::local_authority, CareService::home_care, 400.0);
    end_cycle();
  }

  void start_cycle(double budget_spend = 1400.0) {
    report = monthly_report(cycle++, 1);
    fill_services(report, levers);
    if (cycle > 1) set_spend(report, Payer::pooled_fund, CareService::hospital, budget_spend);
  }

  void end_cycle() {
    ledger.record_cycle(report);
    if (ledger.in_budget_year()) regime->on_cycle(report, ledger, levers, baseline);
  }

  // Rehabilitation full with a queue: one more bed ends a month of delayed
  // days (400 pounds each) for 150 pounds a day: a ratio of 2.7.
  void rehabilitation_queue() {
    auto& rehabilitation = use_of(report, CommissionedService::rehabilitation);
    rehabilitation.delayed_bed_days = 60.0;
    rehabilitation.waiting_at_end = 3.0;
    rehabilitation.cost_per_unit_day = 150.0;
  }

  [[nodiscard]] double capacity(CommissionedService service) const {
    return levers.capacity[index_of(service)];
  }
  // Pounds a day the levers cost now, more than at baseline.
  [[nodiscard]] double added_cost_per_day() const {
    double pounds = 0.0;
    for (std::size_t s = 0; s < commissioned_service_count; ++s) {
      pounds += (levers.capacity[s] - baseline.capacity[s]) * report.services[s].cost_per_unit_day;
    }
    return pounds;
  }
};

}  // namespace

TEST_CASE("integrated: one budget pays every NHS and local authority cost", "[funding]") {
  IntegratedArea area;
  CHECK(area.regime->payer_for(CareService::hospital, Payer::nhs) == Payer::pooled_fund);
  CHECK(area.regime->payer_for(CareService::residential_care, Payer::local_authority) ==
        Payer::pooled_fund);
  CHECK(area.regime->payer_for(CareService::residential_care, Payer::self_funder) ==
        Payer::self_funder);
  CHECK(area.regime->payer_for(CareService::attendance_allowance, Payer::dwp) == Payer::dwp);
  area.start_cycle();
  area.end_cycle();
  CHECK(area.ledger.available(Payer::pooled_fund) == Approx(16800.0));
  CHECK(area.ledger.available(Payer::nhs) == Approx(0.0).margin(1e-9));
  CHECK(area.ledger.available(Payer::local_authority) == Approx(0.0).margin(1e-9));
}

TEST_CASE("integrated: capacity moves from idle care-home places to the costliest delays",
          "[funding]") {
  IntegratedArea area;
  area.start_cycle();  // on budget: no headroom
  area.rehabilitation_queue();
  use_of(area.report, CommissionedService::care_home).mean_in_use = 80.0;  // 20 idle
  area.end_cycle();
  // Rehabilitation grows by the 5% step; care homes give up the same money.
  CHECK(area.capacity(CommissionedService::rehabilitation) == Approx(105.0));
  CHECK(area.capacity(CommissionedService::care_home) == Approx(100.0 - 5.0 * 150.0 / 100.0));
  CHECK(area.capacity(CommissionedService::reablement) == 100.0);
  // The move costs nothing net: the forecast stays within the budget.
  CHECK(area.added_cost_per_day() == Approx(0.0).margin(1e-9));
  CHECK(area.levers.eligibility_threshold == 2.0);
}

TEST_CASE("integrated: without idle capacity or headroom nothing grows", "[funding]") {
  IntegratedArea area;
  area.start_cycle();
  area.rehabilitation_queue();
  area.end_cycle();
  CHECK(area.capacity(CommissionedService::rehabilitation) == 100.0);
}

TEST_CASE("integrated: growth from headroom keeps the forecast within the budget",
          "[funding]") {
  IntegratedArea area;
  area.start_cycle(1390.0);  // 120 a year under budget
  area.rehabilitation_queue();
  area.end_cycle();
  const double grown = area.capacity(CommissionedService::rehabilitation) - 100.0;
  CHECK(grown > 0.0);
  const double forecast_after = area.ledger.forecast(Payer::pooled_fund) +
                                area.added_cost_per_day() * area.ledger.days_left_in_year();
  CHECK(forecast_after <= area.ledger.available(Payer::pooled_fund) + 1e-6);
  CHECK(forecast_after == Approx(area.ledger.available(Payer::pooled_fund)));
}

TEST_CASE("integrated: eligibility rises only when the whole budget overspends", "[funding]") {
  IntegratedArea area;
  area.start_cycle(1600.0);
  use_of(area.report, CommissionedService::care_home).mean_in_use = 80.0;
  area.end_cycle();
  CHECK(area.levers.eligibility_threshold == Approx(2.25));
  // The overspend cuts idle capacity only.
  CHECK(area.capacity(CommissionedService::care_home) == Approx(95.0));
  CHECK(area.capacity(CommissionedService::home_care) == 100.0);

  SECTION("and relaxes when it underspends") {
    for (int month = 0; month < 3; ++month) {
      area.start_cycle(1000.0);
      area.end_cycle();
    }
    CHECK(area.levers.eligibility_threshold == 2.0);
  }
}
