// Delayed discharge by responsible party (discharge.delay_responsibility):
// the NHS's, social care's and both's days add up to all delayed days, a
// reason given to another party takes exactly its days there, and misspelt
// reasons or parties are refused.
#include <catch2/catch.hpp>

#include <string>

#include "models/age_band_measures.hpp"
#include "models/delay_responsibility.hpp"
#include "models/input_error.hpp"
#include "models/scenario.hpp"
#include "models/simulation.hpp"
#include "tests/support/experiment_totals.hpp"

using hcsim::models::AwaitedService;
using hcsim::models::ExperimentResult;
using hcsim::models::Metric;
using hcsim::models::ResponsibleParty;
using hcsim::test::total;

namespace {

// Care homes full from the start, so patients wait for places as well as
// for P1-P3, home care and funding decisions; `responsibility` adds lines
// under discharge.delay_responsibility.
std::string scenario_text(const std::string& responsibility = "") {
  std::string text = R"(name: delay-responsibility
seed: 5
replications: 2
population_scale: 0.05
warmup_days: 60
horizon_years: 1
parameters:
  care_home:
    initial_occupancy: 1.0
)";
  if (!responsibility.empty()) {
    text += "  discharge:\n    delay_responsibility:\n" + responsibility;
  }
  return text + R"(areas:
  - name: Delayton
    population: 300000
)";
}

ExperimentResult run(const std::string& text) {
  return hcsim::test::run_text(text, "responsibility.yaml");
}

std::string errors_of(const std::string& text) {
  try {
    (void)hcsim::models::parse_scenario(text, "responsibility.yaml", {});
  } catch (const hcsim::models::InputError& error) {
    return error.what();
  }
  FAIL("the scenario was accepted");
  return "";
}

// nhs + social_care + both against the total, for the area and each age band.
void check_parties_add_up(const ExperimentResult& experiment) {
  const double parties = total(experiment, Metric::delayed_discharge_days_nhs) +
                         total(experiment, Metric::delayed_discharge_days_social_care) +
                         total(experiment, Metric::delayed_discharge_days_both);
  CHECK(parties == Approx(total(experiment, Metric::delayed_discharge_days)).epsilon(1e-12));
  for (const auto& replication : experiment.runs) {
    for (std::size_t band = 0; band < hcsim::models::age_band_count; ++band) {
      auto banded = [&](Metric metric) { return replication.value_by_age_band(0, band, metric, 0); };
      CHECK(banded(Metric::delayed_discharge_days_nhs) +
                banded(Metric::delayed_discharge_days_social_care) +
                banded(Metric::delayed_discharge_days_both) ==
            Approx(banded(Metric::delayed_discharge_days)).epsilon(1e-12).margin(1e-9));
    }
  }
}

}  // namespace

TEST_CASE("the default attribution is the long-standing one, with nothing shared",
          "[delay_responsibility]") {
  const hcsim::models::DelayResponsibility defaults;
  const auto embedded = hcsim::models::default_parameters().discharge.delay_responsibility;
  CHECK(embedded.party == defaults.party);
  CHECK(defaults.of(AwaitedService::rehabilitation) == ResponsibleParty::nhs);
  CHECK(defaults.of(AwaitedService::assessment) == ResponsibleParty::nhs);
  for (const AwaitedService social :
       {AwaitedService::care_home, AwaitedService::reablement, AwaitedService::home_care,
        AwaitedService::funding_decision}) {
    CHECK(defaults.of(social) == ResponsibleParty::social_care);
  }
}

TEST_CASE("the NHS's, social care's and both's delayed days add up to all delayed days",
          "[delay_responsibility]") {
  const auto by_default = run(scenario_text());
  REQUIRE(total(by_default, Metric::delayed_discharge_days) > 100.0);
  CHECK(total(by_default, Metric::delayed_discharge_days_both) == 0.0);
  check_parties_add_up(by_default);
  const auto shared =
      run(scenario_text("      care_home: both\n      rehabilitation: both\n"
                        "      funding_decision: nhs\n"));
  REQUIRE(total(shared, Metric::delayed_discharge_days_both) > 0.0);
  check_parties_add_up(shared);
}

TEST_CASE("a reason given to both moves exactly its days, and nothing else changes",
          "[delay_responsibility]") {
  const auto before = run(scenario_text());
  const auto after = run(scenario_text("      care_home: both\n"));
  const double care_home = total(before, Metric::delayed_discharge_days_care_home);
  REQUIRE(care_home > 0.0);
  // Attribution is reporting only: the simulation is the same draw for draw.
  CHECK(total(after, Metric::delayed_discharge_days) ==
        total(before, Metric::delayed_discharge_days));
  CHECK(total(after, Metric::delayed_discharge_days_care_home) == care_home);
  CHECK(total(after, Metric::delayed_discharge_days_both) == Approx(care_home).epsilon(1e-12));
  CHECK(total(after, Metric::delayed_discharge_days_nhs) ==
        total(before, Metric::delayed_discharge_days_nhs));
  CHECK(total(after, Metric::delayed_discharge_days_social_care) ==
        Approx(total(before, Metric::delayed_discharge_days_social_care) - care_home)
            .epsilon(1e-12));
  // Days shared with the NHS are not shunted onto it.
  CHECK(total(after, Metric::cost_shunted_to_nhs) <= total(before, Metric::cost_shunted_to_nhs));
}

TEST_CASE("an unknown delay reason or party is refused with its line and what is allowed",
          "[delay_responsibility][bad_input]") {
  const auto reason = errors_of(scenario_text("      carehome: nhs\n"));
  CHECK_THAT(reason, Catch::Contains("responsibility.yaml:12:") &&
                         Catch::Contains("discharge.delay_responsibility.carehome") &&
                         Catch::Contains("unknown delay reason 'carehome'") &&
                         Catch::Contains("expected one of care_home, reablement") &&
                         Catch::Contains("did you mean 'care_home'?"));
  const auto party = errors_of(scenario_text("      home_care: council\n"));
  CHECK_THAT(party, Catch::Contains("responsibility.yaml:12:") &&
                        Catch::Contains("discharge.delay_responsibility.home_care") &&
                        Catch::Contains("expected nhs, social_care or both") &&
                        Catch::Contains("got 'council'"));
  const auto not_a_map = errors_of(R"(name: x
areas:
  - name: A
    population: 1000
parameters:
  discharge:
    delay_responsibility: nhs
)");
  CHECK_THAT(not_a_map, Catch::Contains("expected a mapping of delay reasons"));
}
