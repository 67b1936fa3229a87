#include <catch2/catch.hpp>

#include "cycle_reports.hpp"
#include "models/funding/area_funding.hpp"

using namespace hcsim::models;
using namespace hcsim::models::testing;

namespace {

// Three warm-up months, then `measured` months of the same spend: NHS
// hospital 1,000 and local authority home care 400 a month, routed as the
// area says.
void run(AreaFunding& area, std::size_t measured) {
  for (std::size_t cycle = 0; cycle < 3 + measured; ++cycle) {
    CycleReport report = monthly_report(cycle, 3);
    fill_services(report, area.levers());
    add_spend(report, area.payer_for(CareService::hospital, Payer::nhs), CareService::hospital,
              1000.0);
    add_spend(report, area.payer_for(CareService::home_care, Payer::local_authority),
              CareService::home_care, 400.0);
    area.end_cycle(report);
  }
}

}  // namespace

TEST_CASE("area funding: routing starts when the budgets are set", "[funding]") {
  FundingParameters parameters;
  parameters.regime = "pooled";
  AreaFunding area(parameters, baseline_levers(), 1000.0, 3 * month_days);
  CHECK(area.payer_for(CareService::home_care, Payer::local_authority) == Payer::local_authority);
  run(area, 0);
  CHECK(area.ledger().allocated());
  CHECK(area.payer_for(CareService::home_care, Payer::local_authority) == Payer::pooled_fund);
  CHECK(area.ledger().history().size() == 3);
}

TEST_CASE("area funding: a local authority budget 3% short tightens under split budgets only",
          "[funding]") {
  FundingParameters parameters;
  parameters.budgets.payers[index_of(Payer::local_authority)].factor = 0.97;
  AreaFunding split(parameters, baseline_levers(), 1000.0, 3 * month_days);
  run(split, 6);
  CHECK(split.levers().eligibility_threshold > 2.0);
  CHECK(split.ledger().history().size() == 9);
  CHECK(split.ledger().history().back().eligibility_threshold ==
        split.levers().eligibility_threshold);

  // Integrated, the shortfall is 0.9% of the one budget: within tolerance.
  parameters.regime = "integrated";
  AreaFunding integrated(parameters, baseline_levers(), 1000.0, 3 * month_days);
  run(integrated, 6);
  CHECK(integrated.levers().eligibility_threshold == 2.0);
  CHECK(integrated.ledger().spend_to_date(Payer::pooled_fund) == Approx(6 * 1400.0));
}

TEST_CASE("area funding: the means test splits weekly costs", "[funding]") {
  AreaFunding area(FundingParameters{}, baseline_levers(), 1000.0, 0.0);
  const auto share = area.means_test_share(CapitalBand::between, 700.0);
  CHECK(share.person + share.local_authority == Approx(700.0));
  CHECK(share.person == Approx(18.0));
}
