// Waiting for home care and for the council: the longest a patient waits in
// hospital for a package (social_care.home_care.longest_hospital_wait_days),
// the baseline wait for assessment and funding (social_care.assessment_days),
// and who counts as waiting at home for a package.
#include <catch2/catch.hpp>

#include <string>

#include "models/person_table.hpp"
#include "models/scenario.hpp"
#include "models/simulation.hpp"
#include "tests/support/experiment_totals.hpp"
#include "tests/support/direct_run.hpp"

using hcsim::models::Metric;
using hcsim::test::total;

namespace {

// One area of 20,000 simulated people. Everyone whose need calls for a
// package asks for one, and no council rations; `extra` adds parameters.
std::string scenario_text(const std::string& extra) {
  return R"(name: home-care-waits
seed: 3
replications: 2
population_scale: 0.1
warmup_days: 60
horizon_years: 1
parameters:
  funding:
    split: {maximum_approval_delay_days: 0}
  social_care:
)" + extra + R"(areas:
  - name: Waitham
    population: 200000
)";
}

// No home-care hours at all: nobody holds a package at the start, so none
// are commissioned, and every patient who needs one waits for it.
std::string no_home_care(const std::string& longest_wait) {
  return "    home_care:\n      initial_share_receiving: 0\n      new_package_share: 1\n"
         "      longest_hospital_wait_days: " +
         longest_wait + "\n    assessment_days: 0\n";
}

hcsim::models::ExperimentResult run(const std::string& text) {
  return hcsim::test::run_text(text, "waits.yaml");
}

}  // namespace

TEST_CASE("a patient waits in hospital for a package at most the longest wait, then at home",
          "[home_care_waits]") {
  const auto limited = run(scenario_text(no_home_care("10")));
  const double sent_home = total(limited, Metric::home_care_waits_sent_home);
  const double waited = total(limited, Metric::delayed_discharge_days_home_care);
  REQUIRE(sent_home > 20.0);
  // Every wait for home care ends at 10 days (none can be served); waits
  // begun in the warm-up or running past the end are cut at the edges.
  CHECK(waited <= 10.0 * (sent_home + 2.0 * 30.0) + 1e-6);
  CHECK(waited >= 10.0 * (sent_home - 2.0 * 30.0));
  // Sent home, they wait there, with unmet need.
  CHECK(total(limited, Metric::home_care_community_wait_days) > 10.0 * sent_home);
  CHECK(total(limited, Metric::home_care_packages_started) == 0.0);

  // Without the limit they wait in hospital, far longer.
  const auto unlimited = run(scenario_text(no_home_care("0")));
  CHECK(total(unlimited, Metric::home_care_waits_sent_home) == 0.0);
  CHECK(total(unlimited, Metric::delayed_discharge_days_home_care) > 3.0 * waited);
}

TEST_CASE("council-funded discharges wait the assessment days, self-funders do not",
          "[home_care_waits]") {
  const auto none = run(scenario_text("    assessment_days: 0\n"));
  CHECK(total(none, Metric::delayed_discharge_days_funding_decision) == 0.0);
  const auto week = run(scenario_text("    assessment_days: 7\n"));
  const double waited = total(week, Metric::delayed_discharge_days_funding_decision);
  CHECK(waited > 0.0);
  // At most a week for each decision: a package or place taken (some of
  // them self-funded, with no wait), a patient who then waited too long for
  // a package, or one who died in hospital; plus waits cut at the edges.
  CHECK(waited <= 7.0 * (total(week, Metric::home_care_packages_started) +
                         total(week, Metric::care_home_admissions) +
                         total(week, Metric::home_care_waits_sent_home) +
                         total(week, Metric::deaths_in_hospital) + 2.0 * 30.0));
  // Everyone funds themselves: nobody waits for the council.
  const auto self_funded = run(scenario_text(
      "    assessment_days: 7\n    capital: {age_band_lower_bounds: [0], between_share: [0], "
      "above_upper_share: [1]}\n"));
  CHECK(total(self_funded, Metric::delayed_discharge_days_funding_decision) == 0.0);
  CHECK(total(self_funded, Metric::home_care_packages_started) > 0.0);
  // The wait is social care's.
  CHECK(total(week, Metric::delayed_discharge_days_social_care) >= waited - 1e-6);
}

TEST_CASE("only people living at home without a package count as waiting for one",
          "[home_care_waits]") {
  // Scarce home care and a short hospital limit, so many wait at home, go
  // into hospital and care homes while waiting, and come back.
  const auto scenario = hcsim::models::parse_scenario(
      scenario_text("    home_care:\n      initial_utilisation: 1\n      new_package_share: 1\n"
                    "      longest_hospital_wait_days: 3\n"),
      "waits.yaml", {});
  const auto direct = hcsim::test::run_area_to_end(scenario, 2.0);
  const auto& people = direct.area->person_table();
  std::size_t waiting = 0;
  for (std::uint32_t person = 0; person < people.size(); ++person) {
    if (!(people.flags[person] & hcsim::models::PersonFlag::waiting_for_home_care)) continue;
    ++waiting;
    INFO("person " << person);
    CHECK(people.setting[person] != hcsim::models::Setting::dead);
    CHECK(people.setting[person] != hcsim::models::Setting::care_home);
    CHECK(people.care_home_resident[person] == hcsim::models::CareHomeType::none);
    CHECK(people.home_care_hours[person] == 0);
  }
  CHECK(waiting > 0);
}
