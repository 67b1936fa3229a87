#include <catch2/catch.hpp>

#include <string>

#include "models/scenario.hpp"
#include "models/simulation.hpp"

using hcsim::models::Metric;

namespace {

hcsim::models::Scenario load(const std::string& name,
                             const hcsim::models::ScenarioOverrides& overrides = {}) {
  return hcsim::models::load_scenario(std::string(HCSIM_TEST_DATA_DIR) + "/" + name, overrides);
}

}  // namespace

TEST_CASE("results are identical for 1 and 2 threads", "[simulation][determinism]") {
  const auto scenario = load("tiny.yaml");
  const auto one = hcsim::models::run_experiment(scenario, 1);
  const auto two = hcsim::models::run_experiment(scenario, 2);
  REQUIRE(one.runs.size() == two.runs.size());
  for (std::size_t r = 0; r < one.runs.size(); ++r) {
    // Exact equality, bit for bit: order of work must not matter.
    CHECK(one.runs[r].values == two.runs[r].values);
    CHECK(one.runs[r].events == two.runs[r].events);
  }
  CHECK(one.events == two.events);
}

TEST_CASE("replications differ from each other, seeds reproduce", "[simulation][determinism]") {
  const auto scenario = load("tiny.yaml");
  const auto first = hcsim::models::run_replication(scenario, 0);
  const auto again = hcsim::models::run_replication(scenario, 0);
  const auto second = hcsim::models::run_replication(scenario, 1);
  CHECK(first.values == again.values);
  CHECK(first.values != second.values);
}

TEST_CASE("a tiny scenario runs end to end with plausible measures", "[simulation]") {
  const auto scenario = load("tiny.yaml");
  const auto run = hcsim::models::run_replication(scenario, 0);
  const auto& facts = run.facts;
  REQUIRE(facts.size() == 2);
  CHECK(facts[0].people == 20000);
  CHECK(facts[1].people == 10000);
  CHECK(facts[1].care_home_places == 250);

  const double people = 30000.0;
  // Defaults give about 90 emergency admissions per 1,000 a year and about 1%
  // of people dying a year; a wide band still catches a broken flow.
  const double admissions = run.total(Metric::emergency_admissions);
  CHECK(admissions > 0.06 * people);
  CHECK(admissions < 0.13 * people);
  const double deaths = run.total(Metric::deaths);
  CHECK(deaths > 0.004 * people);
  CHECK(deaths < 0.02 * people);
  CHECK(run.total(Metric::person_years) == Approx(people).epsilon(0.02));

  for (std::size_t area = 0; area < facts.size(); ++area) {
    // Beds are never over-filled: bed days <= beds x days measured.
    const double bed_days = run.value(area, Metric::bed_days, 0);
    CHECK(bed_days > 0.0);
    // Beds are a hard limit except for escalation beds, which are counted.
    const double escalation = run.value(area, Metric::escalation_bed_days, 0);
    CHECK(bed_days - escalation <=
          static_cast<double>(facts[area].hospital_beds) * 365.25 + 1e-6);
    CHECK(run.value(area, Metric::delayed_discharge_days, 0) <= bed_days);
    CHECK(run.value(area, Metric::care_home_resident_days, 0) <=
          static_cast<double>(facts[area].care_home_places) * 365.25 + 1e-6);
  }
  // Money adds up.
  double components = 0.0;
  for (const Metric component : hcsim::models::cost_components) components += run.total(component);
  CHECK(run.total(Metric::cost_total) == Approx(components));
  CHECK(run.total(Metric::cost_reablement) == Approx(run.total(Metric::reablement_days) * 125.0));
  CHECK(run.total(Metric::cost_hospital) ==
        Approx(run.total(Metric::bed_days) * 346.0));
}

TEST_CASE("a care-home shortage keeps patients in hospital as delayed discharge",
          "[simulation][delayed_discharge]") {
  const auto shortage = load("care_home_shortage.yaml");
  const auto scarce = hcsim::models::run_experiment(shortage, 2);
  double scarce_delay = 0.0;
  for (const auto& run : scarce.runs) {
    scarce_delay += run.total(Metric::delayed_discharge_days_care_home);
  }
  CHECK(scarce_delay > 100.0);

  // The same people with ample places: no delay, more placements.
  hcsim::models::ScenarioOverrides ample;
  ample.set = {"areas.0.care_home_places=20000"};
  const auto plenty = hcsim::models::run_experiment(load("care_home_shortage.yaml", ample), 2);
  double plenty_delay = 0.0;
  for (const auto& run : plenty.runs) {
    plenty_delay += run.total(Metric::delayed_discharge_days_care_home);
  }
  CHECK(plenty_delay == 0.0);
  CHECK(plenty.runs[0].total(Metric::care_home_admissions) >
        scarce.runs[0].total(Metric::care_home_admissions));
}

TEST_CASE("too few beds makes patients wait for a bed", "[simulation][bed_wait]") {
  hcsim::models::ScenarioOverrides few_beds;
  few_beds.set = {"areas.0.hospital_beds=100", "areas.1.hospital_beds=50"};
  const auto scenario = load("tiny.yaml", few_beds);
  const auto run = hcsim::models::run_replication(scenario, 0);
  CHECK(run.total(Metric::bed_wait_days) > 0.0);
  const auto normal = hcsim::models::run_replication(load("tiny.yaml"), 0);
  CHECK(run.total(Metric::bed_wait_days) > normal.total(Metric::bed_wait_days));

  // No one waits longer than the escalation limit: the hospital opens beds
  // beyond its capacity instead, and counts them.
  const double limit = scenario.areas.front().parameters.hospital.escalation_after_wait_days;
  REQUIRE(scenario.areas.front().parameters.hospital.escalation_enabled);
  CHECK(run.total(Metric::escalation_admissions) > 0.0);
  CHECK(run.total(Metric::escalation_bed_days) > 0.0);
  // A wait that began in the warm-up counts its measured days but not its
  // admission, so the bound is checked on a run measured from time 0.
  auto from_start = few_beds;
  from_start.set.push_back("warmup_days=0");
  const auto measured_from_start = hcsim::models::run_replication(load("tiny.yaml", from_start), 0);
  CHECK(measured_from_start.total(Metric::bed_wait_days) <=
        measured_from_start.total(Metric::admissions_waited_for_bed) * limit + 1e-6);

  // Without escalation the same shortage is a pure queue: waits grow far
  // beyond the limit and the beds are never exceeded.
  few_beds.set.push_back("parameters.hospital.escalation_beds.enabled=false");
  const auto queue = hcsim::models::run_replication(load("tiny.yaml", few_beds), 0);
  CHECK(queue.total(Metric::escalation_bed_days) == 0.0);
  CHECK(queue.total(Metric::bed_wait_days) >
        queue.total(Metric::admissions_waited_for_bed) * limit);
}

TEST_CASE("common random numbers: the same person draws the same in two scenarios",
          "[simulation][crn]") {
  // Changing only care-home capacity leaves everything before the first
  // capacity-dependent decision identical, so deaths differ far less than
  // between independent replications.
  const auto base = hcsim::models::run_replication(load("tiny.yaml"), 0);
  hcsim::models::ScenarioOverrides more_places;
  more_places.set = {"areas.1.care_home_places=3000"};
  const auto changed = hcsim::models::run_replication(load("tiny.yaml", more_places), 0);
  const auto independent = hcsim::models::run_replication(load("tiny.yaml"), 1);
  const double paired = std::abs(base.total(Metric::emergency_admissions) -
                                 changed.total(Metric::emergency_admissions));
  const double unpaired = std::abs(base.total(Metric::emergency_admissions) -
                                   independent.total(Metric::emergency_admissions));
  CHECK(paired <= unpaired);
  CHECK(paired < 0.01 * base.total(Metric::emergency_admissions));
}

TEST_CASE("rates, levels and snapshots add up as they should", "[simulation][measures]") {
  const auto scenario = load("tiny.yaml");
  const auto run = hcsim::models::run_replication(scenario, 0);
  const double admissions = run.total(Metric::emergency_admissions);
  CHECK(run.total(Metric::emergency_admissions_per_1000_per_year) ==
        Approx(admissions / run.total(Metric::person_years) * 1000.0));
  CHECK(run.total(Metric::mean_emergency_length_of_stay_days) ==
        Approx(run.total(Metric::ended_hospital_stay_days) /
               run.total(Metric::hospital_stays_ended)));
  const double occupancy = run.total(Metric::bed_occupancy_rate);
  CHECK(occupancy > 0.3);
  CHECK(occupancy <= 1.0);
  // A daily level over two areas is the sum of their levels: delayed days
  // over the days measured (one year here), not over area-days.
  CHECK(run.total(Metric::measured_days) == Approx(2 * 365.25));
  CHECK(run.total(Metric::delayed_discharge_beds_per_day) ==
        Approx(run.total(Metric::delayed_discharge_days) / 365.25));
  // Deaths by place partition the deaths; readmissions are admissions.
  CHECK(run.total(Metric::deaths_at_home) + run.total(Metric::deaths_in_hospital) +
            run.total(Metric::deaths_in_care_home) ==
        run.total(Metric::deaths));
  CHECK(run.total(Metric::readmissions_30d) > 0.0);
  CHECK(run.total(Metric::readmissions_30d) < admissions);
  // Snapshots: the population at the end is the start plus entries less
  // deaths over the whole run (warm-up included): about 1% more.
  const double people = 30000.0;
  CHECK(run.total(Metric::population_end) > people);
  CHECK(run.total(Metric::population_end) < people * 1.02);
  CHECK(run.total(Metric::population_85_plus_end) > 0.0);
  CHECK(run.total(Metric::population_85_plus_end) < 0.05 * people);
}
