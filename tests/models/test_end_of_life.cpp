// Admissions at the end of life (mortality.end_of_life_admission): a death
// that would come at home or in a care home becomes, with the setting's
// probability, an emergency admission ending in death in hospital after the
// drawn stay.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "models/input_error.hpp"
#include "models/scenario.hpp"
#include "models/simulation.hpp"
#include "tests/support/experiment_totals.hpp"

using hcsim::models::Metric;
using hcsim::test::total;

namespace {

// One area of 40,000 simulated people, two measured years. `admissions`
// replaces the ordinary admission hazards; `end_of_life` is the block under
// mortality.end_of_life_admission.
std::string scenario_text(const std::string& end_of_life, const std::string& admissions = "") {
  return R"(name: end-of-life
seed: 11
replications: 2
population_scale: 0.1
warmup_days: 30
horizon_years: 2
parameters:
  mortality:
    end_of_life_admission:
)" + end_of_life +
         admissions + R"(  discharge:
    reablement: {age_band_lower_bounds: [0], probability: [0]}
    assessment: {enabled: false}
areas:
  - name: Lastville
    population: 400000
)";
}

// Ordinary emergency admissions switched off, and beds to spare, so every
// hospital stay is an end-of-life one and none waits for a bed.
const std::string no_other_admissions = R"(  emergency_admission:
    age_band_lower_bounds: [0]
    rate_per_person_year: [0]
    care_home_rate_per_person_year: 0
  hospital:
    beds_per_1000: 20
)";

hcsim::models::ExperimentResult run(const std::string& text) {
  return hcsim::test::run_text(text, "eol.yaml");
}

}  // namespace

TEST_CASE("with certain end-of-life admission everyone dies in hospital", "[end_of_life]") {
  const auto experiment = run(scenario_text(
      "      enabled: true\n      community_probability: 1\n      care_home_probability: 1\n"));
  const double deaths = total(experiment, Metric::deaths);
  REQUIRE(deaths > 500.0);
  CHECK(total(experiment, Metric::deaths_at_home) == 0.0);
  CHECK(total(experiment, Metric::deaths_in_care_home) == 0.0);
  CHECK(total(experiment, Metric::deaths_in_hospital) == deaths);
  const double end_of_life = total(experiment, Metric::end_of_life_admissions);
  CHECK(end_of_life > 0.9 * deaths);
  CHECK(end_of_life < total(experiment, Metric::emergency_admissions));
  // Residents among them count as admissions from care homes.
  CHECK(total(experiment, Metric::emergency_admissions_from_care_homes) > 0.0);
}

TEST_CASE("switched off or at probability 0, no one is admitted to die, bit for bit",
          "[end_of_life]") {
  const auto off = run(scenario_text("      enabled: false\n"));
  const auto zero = run(scenario_text(
      "      enabled: true\n      community_probability: 0\n      care_home_probability: 0\n"));
  CHECK(total(off, Metric::end_of_life_admissions) == 0.0);
  CHECK(total(zero, Metric::end_of_life_admissions) == 0.0);
  for (const Metric metric : {Metric::deaths, Metric::deaths_in_hospital, Metric::deaths_at_home,
                              Metric::emergency_admissions, Metric::bed_days,
                              Metric::delayed_discharge_days, Metric::cost_total}) {
    CHECK(total(off, metric) == total(zero, metric));
  }
  // Without them, deaths in hospital are only those during ordinary stays.
  CHECK(total(off, Metric::deaths_in_hospital) < 0.2 * total(off, Metric::deaths));
}

TEST_CASE("the share admitted to die is the probability, and each stays the drawn time",
          "[end_of_life]") {
  const auto experiment =
      run(scenario_text("      enabled: true\n      community_probability: 0.5\n"
                        "      care_home_probability: 0\n"
                        "      stay: {distribution: fixed, value: 10}\n",
                        no_other_admissions));
  const double admitted = total(experiment, Metric::end_of_life_admissions);
  const double at_home = total(experiment, Metric::deaths_at_home);
  // Community deaths are binomial: four standard deviations of the share.
  const double decided = admitted + at_home;
  REQUIRE(decided > 1000.0);
  CHECK(std::abs(admitted / decided - 0.5) < 4.0 * std::sqrt(0.25 / decided));
  // They are the only admissions, and no care-home resident was admitted.
  CHECK(total(experiment, Metric::emergency_admissions) == admitted);
  CHECK(total(experiment, Metric::emergency_admissions_from_care_homes) == 0.0);
  CHECK(total(experiment, Metric::deaths_in_care_home) > 0.0);
  // Every stay that ended, ended in death after exactly 10 days.
  const double ended = total(experiment, Metric::hospital_stays_ended);
  CHECK(ended > 0.9 * admitted);
  CHECK(total(experiment, Metric::deaths_in_hospital) == ended);
  CHECK(total(experiment, Metric::ended_hospital_stay_days) == Approx(10.0 * ended));
  CHECK(total(experiment, Metric::admissions_waited_for_bed) == 0.0);
  CHECK(total(experiment, Metric::delayed_discharge_days) == 0.0);
}

TEST_CASE("end-of-life admission parameters are checked", "[end_of_life]") {
  const auto error_of = [](const std::string& block) {
    try {
      (void)hcsim::models::parse_scenario(scenario_text(block), "eol.yaml", {});
    } catch (const hcsim::models::InputError& error) {
      return std::string(error.what());
    }
    return std::string("accepted");
  };
  const std::string probability = error_of("      community_probability: 1.5\n");
  CHECK(probability.find("eol.yaml") != std::string::npos);
  CHECK(probability.find("mortality.end_of_life_admission.community_probability") !=
        std::string::npos);
  const std::string unknown = error_of("      care_home_share: 0.2\n");
  CHECK(unknown.find("care_home_share") != std::string::npos);
  const std::string stay = error_of("      stay: {distribution: lognormal, mu: 2}\n");
  CHECK(stay.find("stay") != std::string::npos);
}
