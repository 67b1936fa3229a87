#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "models/gp_access.hpp"
#include "models/input_error.hpp"
#include "models/person_table.hpp"
#include "models/scenario.hpp"
#include "models/simulation.hpp"

using hcsim::models::Metric;

namespace {

hcsim::models::Scenario load(const std::vector<std::string>& set = {}) {
  hcsim::models::ScenarioOverrides overrides;
  overrides.set = set;
  return hcsim::models::load_scenario(std::string(HCSIM_TEST_DATA_DIR) + "/tiny.yaml", overrides);
}

bool is_gp_or_cost(Metric metric) {
  const std::string_view name = hcsim::models::metric_info[hcsim::models::index_of(metric)].name;
  return name.starts_with("gp_") || name.starts_with("cost_");
}

const std::string scenario_text = R"(name: test
seed: 3
replications: 1
population_scale: 0.01
horizon_years: 1
areas:
  - name: A
    population: 1000000
    parameters:
      gp:
        unmet_admission_hazard_ratio: 0.5
)";

std::string errors_of(const std::string& text, const std::vector<std::string>& set = {}) {
  hcsim::models::ScenarioOverrides overrides;
  overrides.set = set;
  try {
    (void)hcsim::models::parse_scenario(text, "test.yaml", overrides);
  } catch (const hcsim::models::InputError& error) {
    return error.what();
  }
  FAIL("the scenario was accepted");
  return "";
}

}  // namespace

TEST_CASE("at default capacity practices meet demand and bill the NHS", "[gp]") {
  const auto run = hcsim::models::run_replication(load(), 0);
  const double people = 30000.0;
  // About 5.5 appointments a person a year (NHS Digital, 2019).
  CHECK(run.total(Metric::gp_appointments) > 4.5 * people);
  CHECK(run.total(Metric::gp_appointments) < 6.5 * people);
  CHECK(run.total(Metric::gp_appointments_unmet) == 0.0);
  CHECK(run.total(Metric::cost_gp) ==
        Approx(run.total(Metric::gp_appointments) * 29.6).epsilon(1e-9));
}

TEST_CASE("cutting GP capacity leaves demand unmet and raises emergency admissions",
          "[gp][capacity]") {
  const auto base = hcsim::models::run_replication(load(), 0);
  const auto cut = hcsim::models::run_replication(
      load({"parameters.gp.capacity_per_1000_per_week=40"}), 0);
  // About 105 appointments a week per 1,000 are asked for; 40 are given.
  const double demanded =
      cut.total(Metric::gp_appointments) + cut.total(Metric::gp_appointments_unmet);
  CHECK(cut.total(Metric::gp_appointments_unmet) > 0.5 * demanded);
  CHECK(cut.total(Metric::gp_appointments) < 0.5 * base.total(Metric::gp_appointments));
  CHECK(cut.total(Metric::cost_gp) < 0.5 * base.total(Metric::cost_gp));
  // The same people on the same random numbers: 1 + 0.6 x 0.16 raises the
  // hazard by almost a tenth; half of that is far beyond chance.
  CHECK(cut.total(Metric::emergency_admissions) >
        1.04 * base.total(Metric::emergency_admissions));

  // A stronger effect of going without raises admissions further.
  const auto stronger = hcsim::models::run_replication(
      load({"parameters.gp.capacity_per_1000_per_week=40",
            "parameters.gp.unmet_admission_hazard_ratio=2"}),
      0);
  CHECK(stronger.total(Metric::emergency_admissions) >
        1.2 * base.total(Metric::emergency_admissions));
}

TEST_CASE("GP access switched off leaves every other measure as it was", "[gp][switches]") {
  // At default capacity nothing is short, so admissions and flows are the
  // same bits with or without GP access; only GP measures and the money
  // that includes them differ.
  const auto on = hcsim::models::run_replication(load(), 0);
  const auto off = hcsim::models::run_replication(load({"parameters.gp.enabled=false"}), 0);
  CHECK(off.total(Metric::gp_appointments) == 0.0);
  CHECK(off.total(Metric::gp_appointments_unmet) == 0.0);
  CHECK(off.total(Metric::cost_gp) == 0.0);
  CHECK(on.events == off.events);
  for (std::size_t m = 0; m < hcsim::models::metric_count; ++m) {
    const auto metric = static_cast<Metric>(m);
    if (is_gp_or_cost(metric)) continue;
    INFO(hcsim::models::metric_info[m].name);
    CHECK(on.total(metric) == off.total(metric));
  }
  // Costs other than the NHS's GP line are untouched.
  CHECK(on.total(Metric::cost_hospital) == off.total(Metric::cost_hospital));
  CHECK(on.total(Metric::cost_local_authority) == off.total(Metric::cost_local_authority));
  CHECK(on.total(Metric::cost_nhs) ==
        Approx(off.total(Metric::cost_nhs) + on.total(Metric::cost_gp)));
}

TEST_CASE("a GP shortage gives the same bits on 1 and 2 threads", "[gp][determinism]") {
  const auto scenario = load({"parameters.gp.capacity_per_1000_per_week=60"});
  const auto one = hcsim::models::run_experiment(scenario, 1);
  const auto two = hcsim::models::run_experiment(scenario, 2);
  REQUIRE(one.runs.size() == two.runs.size());
  for (std::size_t r = 0; r < one.runs.size(); ++r) {
    CHECK(one.runs[r].values == two.runs[r].values);
    CHECK(one.runs[r].events == two.runs[r].events);
  }
}

TEST_CASE("money adds up with GP costs, under every funding regime", "[gp][conservation]") {
  for (const std::string regime : {"split", "pooled", "integrated"}) {
    const auto run = hcsim::models::run_replication(
        load({"parameters.gp.capacity_per_1000_per_week=60",
              "parameters.funding.regime=" + regime}),
        0);
    INFO(regime);
    CHECK(run.total(Metric::cost_gp) > 0.0);
    double components = 0.0;
    for (const Metric component : hcsim::models::cost_components) {
      components += run.total(component);
    }
    CHECK(run.total(Metric::cost_total) == Approx(components).epsilon(1e-9));
    double by_payer = 0.0;
    for (const Metric payer : hcsim::models::cost_by_payer) by_payer += run.total(payer);
    CHECK(run.total(Metric::cost_total) == Approx(by_payer).epsilon(1e-9));
  }
}

TEST_CASE("bad GP parameters are rejected with file, line, key and what was expected",
          "[gp][bad_input]") {
  CHECK_THAT(errors_of(scenario_text),
             Catch::Contains("test.yaml:11:") &&
                 Catch::Contains("parameters.gp.unmet_admission_hazard_ratio") &&
                 Catch::Contains("got 0.5"));
  const std::string valid_base = R"(name: test
seed: 3
population_scale: 0.01
horizon_years: 1
areas:
  - name: A
    population: 1000000
)";
  CHECK_THAT(errors_of(valid_base, {"parameters.gp.capacity_per_1000_per_week=-1"}),
             Catch::Contains("parameters.gp.capacity_per_1000_per_week") &&
                 Catch::Contains("--set"));
  CHECK_THAT(errors_of(valid_base, {"parameters.gp.appointments_per_person_year=[1, 2]"}),
             Catch::Contains("appointments_per_person_year") &&
                 Catch::Contains("one value per age band"));
  CHECK_THAT(errors_of(valid_base, {"parameters.gp.enabeld=false"}),
             Catch::Contains("did you mean 'enabled'"));
}

TEST_CASE("demand kept by band as people move and age is the demand of a pass over ages",
          "[gp][demand]") {
  using hcsim::models::Setting;
  hcsim::models::GpParameters gp;
  gp.appointments_per_person_year = {{0.0, 5.0, 65.0, 85.0}, {6.0, 2.5, 8.0, 12.5}};
  gp.capacity_per_1000_per_week = 1e6;  // never short
  const double end = 20.0 * 365.25;
  // A cycle longer than the youngest band, so bins cross two bounds at once.
  const double cycle = 2000.0;
  hcsim::models::GpAccess access(gp, 1e9, 0.0, 365.25, 20, end);

  hcsim::models::PersonTable people;
  const std::uint32_t count = 3000;
  people.resize(count);
  for (std::uint32_t p = 0; p < count; ++p) {
    // Ages from -3 (entrants to come) to 102, some on a band's bound.
    people.age_at_start[p] = static_cast<float>(-3.0 + 105.0 * p / count);
    people.age_joined[p] = people.age_at_start[p];
    people.setting[p] = p % 7 == 0 ? Setting::in_hospital : Setting::home;
  }
  people.age_at_start[1] = 65.0f;
  people.age_at_start[2] = 4.999f;

  double previous = -1.0;
  for (int c = 0; c * cycle < end; ++c) {
    const double now = c * cycle;
    (void)access.start_cycle(now, people);
    INFO("cycle " << c);
    CHECK(access.demand_per_day() == Approx(access.demand_per_day_by_pass(now)).epsilon(1e-12));
    CHECK(access.demand_per_day() != previous);
    previous = access.demand_per_day();
    // Between cycles some go into hospital and some come home.
    for (std::uint32_t p = static_cast<std::uint32_t>(c) % 5; p < count; p += 5) {
      const Setting before = people.setting[p];
      const Setting after = before == Setting::home ? Setting::in_hospital : Setting::home;
      people.setting[p] = after;
      access.on_move(people, p, before, after);
    }
  }
}
