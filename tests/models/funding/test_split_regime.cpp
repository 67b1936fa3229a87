#include <catch2/catch.hpp>

#include <memory>

#include "cycle_reports.hpp"
#include "models/funding/funding_parameters.hpp"

using namespace hcsim::models;
using namespace hcsim::models::testing;

namespace {

// One area under split budgets: one warm-up month in which the local
// authority spends 100 (a budget of 1,200 a year), then measured months.
struct SplitArea {
  FundingParameters parameters;
  std::unique_ptr<FundingRegime> regime;
  BudgetLedger ledger{BudgetSettings{}, 1000.0, month_days};
  FundingLevers baseline = baseline_levers();
  FundingLevers levers = baseline;
  std::size_t cycle = 0;

  SplitArea() {
    parameters.regime = "split";
    regime = make_funding_regime(parameters);
    run_cycle(100.0);
  }

  void run_cycle(double authority_spend) {
    CycleReport report = monthly_report(cycle++, 1);
    set_spend(report, Payer::local_authority, CareService::home_care, authority_spend);
    fill_services(report, levers);
    ledger.record_cycle(report);
    if (ledger.in_budget_year()) regime->on_cycle(report, ledger, levers, baseline);
  }

  [[nodiscard]] double capacity(CommissionedService service) const {
    return levers.capacity[index_of(service)];
  }
};

}  // namespace

TEST_CASE("split: an overspending local authority tightens step by step", "[funding]") {
  SplitArea area;
  area.run_cycle(130.0);  // forecast 1,560 against 1,200
  CHECK(area.levers.eligibility_threshold == Approx(2.25));
  CHECK(area.levers.approval_delay_days == Approx(1.0));
  CHECK(area.capacity(CommissionedService::reablement) == Approx(98.0));
  CHECK(area.capacity(CommissionedService::home_care) == Approx(98.0));
  CHECK(area.capacity(CommissionedService::care_home) == Approx(98.0));
  // Bedded rehabilitation is the NHS's: untouched.
  CHECK(area.capacity(CommissionedService::rehabilitation) == 100.0);

  SECTION("and never past its limits") {
    for (int month = 0; month < 40; ++month) area.run_cycle(130.0);
    CHECK(area.levers.eligibility_threshold == Approx(2.5));
    CHECK(area.levers.approval_delay_days == Approx(14.0));
    CHECK(area.capacity(CommissionedService::home_care) == Approx(85.0));
    CHECK(area.capacity(CommissionedService::care_home) == Approx(85.0));
    CHECK(area.capacity(CommissionedService::rehabilitation) == 100.0);
  }
}

TEST_CASE("split: an underspending local authority relaxes back to baseline, no further",
          "[funding]") {
  SplitArea area;
  // Two budget years of overspend (cycles 1-24), tightened to the limits.
  for (int month = 0; month < 24; ++month) area.run_cycle(130.0);
  REQUIRE(area.levers.eligibility_threshold == Approx(2.5));
  // A new year at 70 a month: forecast 840 against 1,200.
  area.run_cycle(70.0);
  CHECK(area.levers.eligibility_threshold == Approx(2.25));
  CHECK(area.levers.approval_delay_days == Approx(13.0));
  CHECK(area.capacity(CommissionedService::home_care) == Approx(87.0));
  for (int month = 0; month < 30; ++month) {
    area.run_cycle(70.0);
    CHECK(area.levers.eligibility_threshold >= 2.0);
    CHECK(area.capacity(CommissionedService::care_home) <= 100.0);
  }
  CHECK(area.levers.eligibility_threshold == 2.0);
  CHECK(area.levers.approval_delay_days == 0.0);
  CHECK(area.capacity(CommissionedService::reablement) == 100.0);
}

TEST_CASE("split: the longest approval delay counts beyond the baseline wait for assessment",
          "[funding]") {
  SplitArea area;
  area.baseline.approval_delay_days = 10.0;  // social_care.assessment_days
  area.levers.approval_delay_days = 10.0;
  for (int month = 0; month < 40; ++month) area.run_cycle(130.0);
  CHECK(area.levers.approval_delay_days == Approx(24.0));  // 10 + 14
  // Relaxing stops at the baseline, not at zero.
  for (int month = 0; month < 40; ++month) area.run_cycle(70.0);
  CHECK(area.levers.approval_delay_days == Approx(10.0));
}

TEST_CASE("split: a forecast within tolerance changes nothing", "[funding]") {
  SplitArea area;
  area.run_cycle(100.5);  // 0.5% over, inside the 1% tolerance
  CHECK(area.levers.eligibility_threshold == 2.0);
  CHECK(area.levers.approval_delay_days == 0.0);
  CHECK(area.capacity(CommissionedService::home_care) == 100.0);
}

TEST_CASE("split: the NHS pays delayed bed days, other costs stay with their payer",
          "[funding]") {
  FundingParameters parameters;
  parameters.regime = "split";
  const auto regime = make_funding_regime(parameters);
  CHECK(regime->name() == "split");
  CHECK(regime->payer_for(CareService::delayed_discharge, Payer::local_authority) == Payer::nhs);
  CHECK(regime->payer_for(CareService::home_care, Payer::local_authority) ==
        Payer::local_authority);
  CHECK(regime->payer_for(CareService::residential_care, Payer::self_funder) ==
        Payer::self_funder);
  CHECK(regime->payer_for(CareService::unpaid_care, Payer::unpaid_carer) == Payer::unpaid_carer);
}
