// Process switches (docs/validation.md, "Reducing the model to textbook
// cases"): each process switched off leaves no trace in the measures it
// drives, and each switch is read as true or false and nothing else.
#include <catch2/catch.hpp>

#include <set>
#include <utility>
#include <string>
#include <vector>

#include "models/input_error.hpp"
#include "models/scenario.hpp"
#include "models/simulation.hpp"
#include "tests/support/direct_run.hpp"

using hcsim::models::Metric;

namespace {

// tests/data/tiny.yaml: two areas, 30,000 simulated people, one year.
hcsim::models::Scenario tiny(const std::vector<std::string>& set = {}) {
  hcsim::models::ScenarioOverrides overrides;
  overrides.set = set;
  return hcsim::models::load_scenario(std::string(HCSIM_TEST_DATA_DIR) + "/tiny.yaml", overrides);
}

hcsim::models::ReplicationResult run(const std::vector<std::string>& set = {}) {
  return hcsim::models::run_replication(tiny(set), 0);
}

// Eight lines; parameters added after it start on line 9.
const std::string valid = R"(name: test
seed: 3
replications: 1
population_scale: 0.01
horizon_years: 1
areas:
  - name: A
    population: 100000
)";

std::string errors_of(const std::string& text) {
  try {
    (void)hcsim::models::parse_scenario(text, "switches.yaml", {});
  } catch (const hcsim::models::InputError& error) {
    return error.what();
  }
  FAIL("the scenario was accepted");
  return "";
}

}  // namespace

TEST_CASE("emergency admissions switched off: nobody is admitted, not even to die",
          "[switches]") {
  const auto on = run();
  const auto off = run({"parameters.emergency_admission.enabled=false"});
  REQUIRE(on.total(Metric::emergency_admissions) > 1000.0);
  REQUIRE(on.total(Metric::end_of_life_admissions) > 0.0);
  CHECK(off.total(Metric::emergency_admissions) == 0.0);
  CHECK(off.total(Metric::end_of_life_admissions) == 0.0);
  CHECK(off.total(Metric::bed_days) == 0.0);
  CHECK(off.total(Metric::deaths_in_hospital) == 0.0);
  // People still die, where they are.
  CHECK(off.total(Metric::deaths) > 0.0);
}

TEST_CASE("readmissions switched off are a readmission hazard ratio of 1, bit for bit",
          "[switches]") {
  const auto on = run();
  const auto off = run({"parameters.emergency_admission.readmissions_enabled=false"});
  const auto ratio_one = run({"parameters.emergency_admission.readmission_hazard_ratio=1"});
  CHECK(off.values == ratio_one.values);
  // The default ratio (7.5) makes admissions soon after a discharge far
  // more common.
  CHECK(off.total(Metric::readmissions_30d) < 0.5 * on.total(Metric::readmissions_30d));
}

TEST_CASE("P1 reablement switched off: no reablement, no cost, no wait for it", "[switches]") {
  const auto on = run();
  const auto off = run({"parameters.discharge.reablement.enabled=false"});
  REQUIRE(on.total(Metric::reablement_days) > 0.0);
  CHECK(off.total(Metric::reablement_days) == 0.0);
  CHECK(off.total(Metric::cost_reablement) == 0.0);
  CHECK(off.total(Metric::delayed_discharge_days_reablement) == 0.0);
  // Those who need P2 still get it.
  CHECK(off.total(Metric::rehabilitation_bed_days) > 0.0);
}

TEST_CASE("P2 rehabilitation switched off: no rehabilitation, no cost, no wait for it",
          "[switches]") {
  const auto on = run();
  const auto off = run({"parameters.discharge.rehabilitation.enabled=false"});
  REQUIRE(on.total(Metric::rehabilitation_bed_days) > 0.0);
  CHECK(off.total(Metric::rehabilitation_bed_days) == 0.0);
  CHECK(off.total(Metric::cost_rehabilitation) == 0.0);
  CHECK(off.total(Metric::delayed_discharge_days_rehabilitation) == 0.0);
  CHECK(off.total(Metric::reablement_days) > 0.0);
}

TEST_CASE("home care switched off: no packages, no waits, more unmet need", "[switches]") {
  const auto on = run();
  const auto off = run({"parameters.social_care.home_care.enabled=false"});
  REQUIRE(on.total(Metric::home_care_hours) > 0.0);
  CHECK(off.total(Metric::home_care_hours) == 0.0);
  CHECK(off.total(Metric::cost_home_care) == 0.0);
  CHECK(off.total(Metric::home_care_packages_started) == 0.0);
  CHECK(off.total(Metric::people_with_home_care_end) == 0.0);
  CHECK(off.total(Metric::delayed_discharge_days_home_care) == 0.0);
  CHECK(off.total(Metric::home_care_community_wait_days) == 0.0);
  // Those who held or would have had a package go without.
  CHECK(off.total(Metric::unmet_need_person_days) > on.total(Metric::unmet_need_person_days));
}

TEST_CASE("care-home admissions switched off: residents at the start stay, nobody enters",
          "[switches]") {
  const auto on = run();
  const auto off = run({"parameters.care_home.admissions_enabled=false"});
  REQUIRE(on.total(Metric::care_home_admissions) > 0.0);
  CHECK(off.total(Metric::care_home_admissions) == 0.0);
  CHECK(off.total(Metric::delayed_discharge_days_care_home) == 0.0);
  CHECK(off.total(Metric::assessment_admissions) == 0.0);
  CHECK(off.total(Metric::care_home_resident_days) > 0.0);

  // Person by person: the residents at the end are exactly the residents
  // at the start still alive.
  auto direct = hcsim::test::build_area(tiny({"parameters.care_home.admissions_enabled=false"}),
                                        1.0);
  const auto& people = direct.area->person_table();
  std::set<std::uint32_t> at_start;
  for (std::uint32_t person = 0; person < people.size(); ++person) {
    if (people.care_home_resident[person] != hcsim::models::CareHomeType::none) {
      at_start.insert(person);
    }
  }
  REQUIRE(!at_start.empty());
  direct.area->advance_to(direct.plan.end_days);
  direct.area->finish(direct.plan.end_days);
  std::size_t survivors = 0;
  for (std::uint32_t person = 0; person < people.size(); ++person) {
    const bool resident = people.care_home_resident[person] != hcsim::models::CareHomeType::none;
    const bool alive = people.setting[person] != hcsim::models::Setting::dead;
    if (at_start.contains(person) && alive) {
      ++survivors;
      CHECK(resident);
    } else {
      CHECK(!resident);
    }
  }
  CHECK(survivors > 0);
  CHECK(survivors < at_start.size());  // residents still die
}

TEST_CASE("unpaid carers switched off: no unpaid care is given", "[switches]") {
  const auto on = run();
  const auto off = run({"parameters.social_care.unpaid_care.enabled=false"});
  REQUIRE(on.total(Metric::unpaid_care_hours) > 0.0);
  CHECK(off.total(Metric::unpaid_care_hours) == 0.0);
  CHECK(off.total(Metric::cost_unpaid_care) == 0.0);
}

TEST_CASE("ageing switched off: nobody crosses into 85+", "[switches]") {
  // A closed population, so the 85+ at the end can only be people who
  // were 85+ at the start and survived.
  auto count = [](bool ageing) {
    std::vector<std::string> set{"parameters.population.entries.enabled=false"};
    if (!ageing) set.emplace_back("parameters.population.ageing_enabled=false");
    auto direct = hcsim::test::build_area(tiny(set), 1.0);
    const auto& people = direct.area->person_table();
    std::set<std::uint32_t> old_at_start;
    for (std::uint32_t person = 0; person < people.size(); ++person) {
      if (people.age_at_start[person] >= 85.0F) old_at_start.insert(person);
    }
    direct.area->advance_to(direct.plan.end_days);
    direct.area->finish(direct.plan.end_days);
    double surviving = 0.0;
    for (const std::uint32_t person : old_at_start) {
      if (people.setting[person] != hcsim::models::Setting::dead) ++surviving;
    }
    return std::pair{direct.area->measure(Metric::population_85_plus_end, 0), surviving};
  };
  const auto [off_end, off_survivors] = count(false);
  CHECK(off_survivors > 0.0);
  CHECK(off_end == off_survivors);
  // With ageing, people of 84 turn 85 within the year.
  const auto [on_end, on_survivors] = count(true);
  CHECK(on_end > on_survivors);
}

TEST_CASE("every process switch takes true or false and nothing else",
          "[switches][parameters][bad_input]") {
  // Each switch's key path under parameters; the value goes on the last
  // line of the nested block, so its line and column are known.
  const std::vector<std::vector<std::string>> switches{
      {"emergency_admission", "enabled"},
      {"emergency_admission", "readmissions_enabled"},
      {"discharge", "reablement", "enabled"},
      {"discharge", "rehabilitation", "enabled"},
      {"social_care", "home_care", "enabled"},
      {"care_home", "admissions_enabled"},
      {"social_care", "unpaid_care", "enabled"},
      {"population", "ageing_enabled"},
  };
  for (const auto& path : switches) {
    std::string text = valid + "parameters:\n";
    std::string key_path = "parameters";
    std::string indent = "  ";
    for (std::size_t i = 0; i < path.size(); ++i) {
      key_path += "." + path[i];
      text += indent + path[i] + ":" + (i + 1 < path.size() ? "\n" : " 0.5\n");
      if (i + 1 < path.size()) indent += "  ";
    }
    const std::string line = std::to_string(9 + path.size());
    const std::string column = std::to_string(indent.size() + path.back().size() + 3);
    INFO(key_path);
    CHECK_THAT(errors_of(text), Catch::Contains("switches.yaml:" + line + ":" + column + ": " +
                                                key_path + ": expected true or false, got"));
  }
  // The unknown-key check knows the new names.
  CHECK_THAT(errors_of(valid + "parameters:\n  emergency_admission:\n"
                               "    readmission_enabled: false\n"),
             Catch::Contains("readmissions_enabled"));
}
