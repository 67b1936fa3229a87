#include <catch2/catch.hpp>

#include <string>

#include "models/input_error.hpp"
#include "models/scenario.hpp"

using hcsim::models::InputError;
using hcsim::models::parse_scenario;
using hcsim::models::ScenarioOverrides;

namespace {

const std::string valid = R"(name: test
seed: 3
replications: 2
population_scale: 0.01
horizon_years: 1
areas:
  - name: A
    population: 1000000
)";

// The diagnostics of a scenario that must fail, joined into one string.
std::string errors_of(const std::string& text, const ScenarioOverrides& overrides = {}) {
  try {
    (void)parse_scenario(text, "test.yaml", overrides);
  } catch (const InputError& error) {
    return error.what();
  }
  FAIL("the scenario was accepted");
  return "";
}

}  // namespace

TEST_CASE("a valid scenario loads with defaults filled in", "[scenario]") {
  const auto scenario = parse_scenario(valid, "test.yaml", {});
  CHECK(scenario.name == "test");
  CHECK(scenario.seed == 3);
  CHECK(scenario.replications == 2);
  REQUIRE(scenario.areas.size() == 1);
  CHECK(scenario.areas[0].population == 1000000.0);
  CHECK(scenario.areas[0].parameters.hospital.beds_per_1000 == Approx(1.8076));
  CHECK_FALSE(scenario.resolved_yaml.empty());
}

TEST_CASE("the shipped scenarios load", "[scenario]") {
  for (const char* name : {"/scenarios/default.yaml", "/scenarios/england_regions.yaml"}) {
    const auto scenario =
        hcsim::models::load_scenario(std::string(HCSIM_SOURCE_DIR) + name, {});
    CHECK_FALSE(scenario.areas.empty());
  }
}

TEST_CASE("a missing file is an input error naming the file", "[scenario][bad_input]") {
  try {
    (void)hcsim::models::load_scenario("/no/such/scenario.yaml", {});
    FAIL("accepted a missing file");
  } catch (const InputError& error) {
    CHECK_THAT(error.what(), Catch::Contains("/no/such/scenario.yaml") &&
                                 Catch::Contains("cannot open"));
  }
}

TEST_CASE("malformed YAML names the file and line", "[scenario][bad_input]") {
  const auto errors = errors_of("name: x\nareas: [\n  - name: A\n");
  CHECK_THAT(errors, Catch::Contains("test.yaml:") && Catch::Contains("malformed YAML"));
}

TEST_CASE("an unknown key is an error with a suggestion and its line", "[scenario][bad_input]") {
  const auto errors = errors_of(valid + "horizon_yeras: 2\n");
  CHECK_THAT(errors, Catch::Contains("test.yaml:9:1") && Catch::Contains("horizon_yeras") &&
                         Catch::Contains("did you mean 'horizon_years'"));
  const auto nested = errors_of(valid + "parameters:\n  hospital:\n    bed_per_1000: 2\n");
  CHECK_THAT(nested, Catch::Contains("test.yaml:11:5") &&
                         Catch::Contains("parameters.hospital.bed_per_1000") &&
                         Catch::Contains("did you mean 'beds_per_1000'"));
}

TEST_CASE("a negative capacity is refused with its key", "[scenario][bad_input]") {
  const auto errors = errors_of(valid + "    hospital_beds: -5\n");
  CHECK_THAT(errors, Catch::Contains("test.yaml:9:20") &&
                         Catch::Contains("areas[0].hospital_beds") && Catch::Contains(">= 0"));
}

TEST_CASE("a negative rate is refused", "[scenario][bad_input]") {
  const auto errors = errors_of(
      valid + "parameters:\n  emergency_admission:\n    care_home_rate_per_person_year: -1\n");
  CHECK_THAT(errors, Catch::Contains("care_home_rate_per_person_year") &&
                         Catch::Contains("got -1"));
}

TEST_CASE("a probability outside [0, 1] is refused", "[scenario][bad_input]") {
  const auto errors = errors_of(valid + "parameters:\n  hospital:\n    same_day_share: 1.5\n");
  CHECK_THAT(errors, Catch::Contains("test.yaml:11:21") &&
                         Catch::Contains("parameters.hospital.same_day_share") &&
                         Catch::Contains("[0, 1]"));
}

TEST_CASE("every problem is reported together", "[scenario][bad_input]") {
  const auto errors = errors_of(R"(name: test
replications: 0
population_scale: 2
areas:
  - name: A
    population: -3
)");
  CHECK_THAT(errors, Catch::Contains("replications") && Catch::Contains("population_scale") &&
                         Catch::Contains("areas[0].population"));
}

TEST_CASE("mismatched age bands and values are refused", "[scenario][bad_input]") {
  const auto errors = errors_of(valid + R"(parameters:
  discharge:
    care_home_age_band_lower_bounds: [0, 65, 60]
    care_home_probability: [0.0, 0.1]
)");
  CHECK_THAT(errors, Catch::Contains("strictly ascending") &&
                         Catch::Contains("one value per age band"));
}

TEST_CASE("a distribution needs its parameters and a known family", "[scenario][bad_input]") {
  const auto unknown = errors_of(valid + R"(parameters:
  hospital:
    overnight_length_of_stay: {distribution: lognormall, mean: 5, sd: 2}
)");
  CHECK_THAT(unknown, Catch::Contains("expected one of fixed, exponential"));
  const auto missing = errors_of(valid + R"(parameters:
  hospital:
    overnight_length_of_stay: {distribution: gamma, shape: 2}
)");
  CHECK_THAT(missing, Catch::Contains("needs 'scale'"));
  const auto bad_sum = errors_of(valid + R"(parameters:
  hospital:
    overnight_length_of_stay: {distribution: empirical, values: [1, 3], probabilities: [0.5, 0.6]}
)");
  CHECK_THAT(bad_sum, Catch::Contains("overnight_length_of_stay") &&
                          Catch::Contains("must sum to 1, got 1.1"));
  const auto no_values = errors_of(valid + R"(parameters:
  hospital:
    overnight_length_of_stay: {distribution: empirical}
)");
  CHECK_THAT(no_values, Catch::Contains("needs 'values'"));
}

TEST_CASE("an empirical stay is read as given", "[scenario][distribution]") {
  const auto scenario = parse_scenario(valid + R"(parameters:
  hospital:
    overnight_length_of_stay: {distribution: empirical, values: [1, 3, 10], probabilities: [0.5, 0.3, 0.2]}
)", "test.yaml", {});
  const auto& stay = scenario.areas[0].parameters.hospital.overnight_length_of_stay;
  CHECK(stay.family() == hcsim::sim::DistributionFamily::empirical);
  CHECK(stay.mean() == Approx(0.5 + 0.9 + 2.0));
}

TEST_CASE("set overrides change values by path, index or area name", "[scenario][set]") {
  ScenarioOverrides overrides;
  overrides.set = {"seed=99", "areas.A.hospital_beds=300", "areas.0.population=500000",
                   "parameters.hospital.same_day_share=0.5"};
  const auto scenario = parse_scenario(valid, "test.yaml", overrides);
  CHECK(scenario.seed == 99);
  REQUIRE(scenario.areas[0].hospital_beds);
  CHECK(*scenario.areas[0].hospital_beds == 300.0);
  CHECK(scenario.areas[0].population == 500000.0);
  CHECK(scenario.areas[0].parameters.hospital.same_day_share == 0.5);
  CHECK_THAT(scenario.resolved_yaml, Catch::Contains("same_day_share: 0.5"));
}

TEST_CASE("set override errors name the override", "[scenario][set][bad_input]") {
  ScenarioOverrides bad_key;
  bad_key.set = {"parameters.hospital.beds_per_100=2"};
  CHECK_THAT(errors_of(valid, bad_key),
             Catch::Contains("--set") && Catch::Contains("did you mean 'beds_per_1000'"));
  ScenarioOverrides bad_value;
  bad_value.set = {"parameters.hospital.same_day_share=2"};
  CHECK_THAT(errors_of(valid, bad_value), Catch::Contains("--set") && Catch::Contains("[0, 1]"));
  ScenarioOverrides no_equals;
  no_equals.set = {"seed"};
  CHECK_THAT(errors_of(valid, no_equals), Catch::Contains("key.path=value"));
  ScenarioOverrides bad_area;
  bad_area.set = {"areas.Nowhere.population=5"};
  CHECK_THAT(errors_of(valid, bad_area), Catch::Contains("name of an item"));
}

TEST_CASE("command-line seed and replications win over the file", "[scenario]") {
  ScenarioOverrides overrides;
  overrides.seed = 123;
  overrides.replications = 9;
  const auto scenario = parse_scenario(valid, "test.yaml", overrides);
  CHECK(scenario.seed == 123);
  CHECK(scenario.replications == 9);
}

TEST_CASE("capacities that vanish at the chosen scale are refused", "[scenario][bad_input]") {
  const auto errors = errors_of(valid + "    hospital_beds: 10\n");
  CHECK_THAT(errors, Catch::Contains("0 beds at population_scale"));
  // 10 beds round to one from a scale of 0.05: the message says so, and a
  // last one gives the scale every area works at.
  CHECK_THAT(errors, Catch::Contains("it has some from population_scale 0.05\n") &&
                         Catch::Contains("population_scale: every area has") &&
                         Catch::Contains("from population_scale 0.05 (this run asks for 0.01)"));
  ScenarioOverrides suggested;
  suggested.set = {"population_scale=0.05"};
  CHECK(parse_scenario(valid + "    hospital_beds: 10\n", "test.yaml", suggested).areas.size() ==
        1);
  ScenarioOverrides just_below;
  just_below.set = {"population_scale=0.049"};
  CHECK_THAT(errors_of(valid + "    hospital_beds: 10\n", just_below),
             Catch::Contains("0 beds at population_scale"));
  // Under half a bed at full scale: no scale is suggested.
  const auto never = errors_of(valid + "    hospital_beds: 0.4\n");
  CHECK_THAT(never, Catch::Contains("it has none even at full scale"));
  CHECK_THAT(never, !Catch::Contains("every area has"));
}

TEST_CASE("hostile YAML is refused cleanly", "[scenario][bad_input][hostile]") {
  // Deep nesting: refused by the parser's depth guard, not by a stack overflow.
  const std::string deep = "name: x\nareas: " + std::string(5000, '[') + std::string(5000, ']');
  CHECK_THAT(errors_of(deep), Catch::Contains("nested too deeply"));
  // "Billion laughs": each level doubles the aliases.
  std::string laughs = "a0: &a0 [x, x]\n";
  for (int i = 1; i < 30; ++i) {
    laughs += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [*a" +
              std::to_string(i - 1) + ", *a" + std::to_string(i - 1) + "]\n";
  }
  CHECK_THAT(errors_of(laughs), Catch::Contains("more than"));
  // Huge and malformed numbers.
  CHECK_THAT(errors_of(valid + "parameters:\n  hospital:\n    beds_per_1000: 1e400\n"),
             Catch::Contains("expected a number"));
  CHECK_THAT(errors_of(valid + "parameters:\n  hospital:\n    beds_per_1000: .nan\n"),
             Catch::Contains("expected a number"));
  CHECK_THAT(errors_of("replications: 99999999999999999999999\n"), Catch::Contains("replications"));
  // Binary junk.
  std::string junk;
  for (int i = 0; i < 512; ++i) junk += static_cast<char>((i * 37 + 11) % 256);
  CHECK_THROWS_AS(parse_scenario(junk, "junk.yaml", {}), InputError);
  // Wrong shapes.
  CHECK_THAT(errors_of("- just\n- a list\n"), Catch::Contains("scenario mapping"));
  CHECK_THAT(errors_of(valid + "parameters: 5\n"), Catch::Contains("expected a mapping"));
  CHECK_THAT(errors_of("name: x\nareas: {a: 1}\n"), Catch::Contains("expected a list"));
}

namespace {

std::string load_errors(const std::string& name) {
  try {
    (void)hcsim::models::load_scenario(std::string(HCSIM_TEST_DATA_DIR) + "/extends/" + name, {});
  } catch (const InputError& error) {
    return error.what();
  }
  FAIL("the scenario was accepted");
  return "";
}

}  // namespace

TEST_CASE("extends merges a base scenario, the extending file winning", "[scenario][extends]") {
  const auto scenario =
      hcsim::models::load_scenario(std::string(HCSIM_TEST_DATA_DIR) + "/extends/child.yaml", {});
  CHECK(scenario.name == "child");
  CHECK(scenario.seed == 9);
  CHECK(scenario.replications == 2);  // from the base
  REQUIRE(scenario.areas.size() == 1);
  CHECK(scenario.areas[0].parameters.hospital.same_day_share == 0.4);  // overridden
  CHECK(scenario.areas[0].parameters.hospital.beds_per_1000 == 2.0);   // kept from the base
  CHECK_THAT(scenario.resolved_yaml, Catch::Contains("same_day_share: 0.4") &&
                                         !Catch::Contains("extends"));
}

TEST_CASE("errors in an extended file name that file and line", "[scenario][extends][bad_input]") {
  CHECK_THAT(load_errors("child_of_bad.yaml"),
             Catch::Contains("bad_base.yaml:5:20: areas[0].hospital_beds"));
  CHECK_THAT(load_errors("cycle_a.yaml"), Catch::Contains("cycle"));
  CHECK_THAT(load_errors("orphan.yaml"),
             Catch::Contains("orphan.yaml:1:10: extends") && Catch::Contains("no_such_base.yaml"));
}

TEST_CASE("an empty or missing area list is refused at the key", "[scenario][bad_input]") {
  // `areas: []` used to pass and run to all-zero measures.
  CHECK_THAT(errors_of("name: x\nareas: []\n"),
             Catch::Contains("test.yaml:2:8: areas: expected a non-empty list of areas") &&
                 Catch::Contains("got an empty list"));
  // Without the key the scenario's own first line is named.
  CHECK_THAT(errors_of("name: x\n"),
             Catch::Contains("test.yaml:1:1: areas: expected a non-empty list of areas"));
}

TEST_CASE("an area without a name is refused at its line", "[scenario][bad_input]") {
  CHECK_THAT(errors_of("name: x\nareas:\n  - {}\n"),
             Catch::Contains("test.yaml:3:5: areas[0].name: every area needs a name"));
}

TEST_CASE("an area must have people", "[scenario][bad_input]") {
  // An explicit zero.
  const std::string zero = "name: x\nareas:\n  - name: A\n    population: 0\n";
  CHECK_THAT(errors_of(zero), Catch::Contains("test.yaml:4:17: areas[0].population: expected a "
                                              "number > 0 (full-scale residents), got 0"));
  // Age counts that are all zero, named where they were written, and not
  // followed by the capacity checks an empty area would also fail.
  const std::string zero_counts = R"(name: x
areas:
  - name: A
    parameters:
      population:
        age_counts: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
)";
  const auto counts_errors = errors_of(zero_counts);
  CHECK_THAT(counts_errors, Catch::Contains("test.yaml:6:21: areas[0].parameters.population."
                                            "age_counts: every age count is 0; expected the "
                                            "number of people in each age band"));
  CHECK_THAT(counts_errors, !Catch::Contains("hospital_beds") && !Catch::Contains("capacity"));
  // No population at all: England's counts are not taken as the area's size.
  CHECK_THAT(errors_of("name: x\nareas:\n  - name: A\n    hospital_beds: 100\n"),
             Catch::Contains("test.yaml:3:5: areas[0].population: area 'A' has no population; "
                             "expected its full-scale residents") &&
                 Catch::Contains("parameters.population.age_counts"));
}

TEST_CASE("an area's size comes from its population or the age counts given",
          "[scenario][population]") {
  // A population alone keeps England's age mix.
  const auto sized = parse_scenario(valid, "test.yaml", {});
  CHECK(sized.areas[0].population == 1000000.0);
  CHECK(sized.areas[0].parameters.population.age_counts ==
        hcsim::models::default_parameters().population.age_counts);
  // Scenario-level counts size every area that gives no population.
  const auto counted = parse_scenario(R"(name: x
parameters:
  population:
    age_band_lower_bounds: [0, 65]
    age_counts: [800000, 200000]
    female_share: [0.5, 0.55]
areas:
  - name: A
  - name: B
    population: 500000
)", "test.yaml", {});
  CHECK(counted.areas[0].population == 1000000.0);
  CHECK(counted.areas[1].population == 500000.0);
}

TEST_CASE("a bad scenario-level parameter is reported once, not once per area",
          "[scenario][bad_input]") {
  const auto errors = errors_of(R"(name: x
parameters:
  frailty:
    split_of_frail: [0.5, 0.4, 0.4]
areas:
  - name: A
    population: 100000
  - name: B
    population: 100000
  - name: C
    population: 100000
)");
  CHECK_THAT(errors, Catch::Contains("test.yaml:4:21: parameters.frailty.split_of_frail: the "
                                     "mild, moderate and severe shares must sum to 1"));
  std::size_t said = 0;
  for (auto at = errors.find("split_of_frail"); at != std::string::npos;
       at = errors.find("split_of_frail", at + 1)) {
    ++said;
  }
  CHECK(said == 1);
  // The same mistake through --set, on the 42 areas of the default scenario.
  ScenarioOverrides set;
  set.set = {"parameters.frailty.split_of_frail=[0.5, 0.5, 0.5]"};
  try {
    (void)hcsim::models::load_scenario(std::string(HCSIM_SOURCE_DIR) + "/scenarios/default.yaml",
                                       set);
    FAIL("the default scenario accepted a bad split");
  } catch (const InputError& error) {
    REQUIRE(error.diagnostics().size() == 1);
    CHECK(error.diagnostics()[0].file == "--set");
    CHECK(error.diagnostics()[0].key_path == "parameters.frailty.split_of_frail");
  }
}

TEST_CASE("an area's own bad override is still reported at its line", "[scenario][bad_input]") {
  const auto errors = errors_of(valid + R"(  - name: B
    population: 100000
    parameters:
      frailty:
        split_of_frail: [0.5, 0.4, 0.4]
)");
  CHECK_THAT(errors, Catch::Contains("test.yaml:13:25: areas[1].parameters.frailty."
                                     "split_of_frail: the mild, moderate and severe shares "
                                     "must sum to 1 (they sum to 1.3"));
}
