#include <catch2/catch.hpp>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "models/csv_table.hpp"
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

namespace {

std::string robustness_data(const std::string& name) {
  return std::string(HCSIM_TEST_DATA_DIR) + "/input_robustness/" + name;
}

// The diagnostics of loading the scenario file `path`, which must fail.
std::string file_errors(const std::string& path, const ScenarioOverrides& overrides = {}) {
  try {
    (void)hcsim::models::load_scenario(path, overrides);
  } catch (const InputError& error) {
    return error.what();
  }
  FAIL("the scenario file was accepted");
  return "";
}

// A scratch file for one test, removed with the directory at the end.
struct ScratchDirectory {
  std::filesystem::path path;
  ScratchDirectory() {
    path = std::filesystem::temp_directory_path() /
           ("hcsim-input-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
    std::filesystem::create_directories(path);
  }
  ~ScratchDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name) << text;
    return (path / name).string();
  }
  static int& counter() {
    static int next = 0;
    return next;
  }
};

}  // namespace

TEST_CASE("a key given twice in one mapping is refused, naming both lines",
          "[scenario][bad_input][yaml]") {
  // yaml-cpp keeps both entries and a reader sees one of them.
  CHECK_THAT(errors_of(valid + "parameters:\n  hospital:\n    beds_per_1000: 1.0\n"
                               "    beds_per_1000: 3.0\n"),
             Catch::Contains("test.yaml:12:5: parameters.hospital.beds_per_1000: duplicate key "
                             "'beds_per_1000' (first at line 11)"));
  CHECK_THAT(errors_of(valid + "seed: 4\n"),
             Catch::Contains("test.yaml:9:1: seed: duplicate key 'seed' (first at line 2)"));
  // In a flow mapping on one line, the column is named.
  CHECK_THAT(errors_of(valid + "parameters: {hospital: {beds_per_1000: 1, beds_per_1000: 2}}\n"),
             Catch::Contains("duplicate key 'beds_per_1000' (first at column 25)"));
  // In an area of the list.
  CHECK_THAT(errors_of(valid + "    population: 5\n"),
             Catch::Contains("test.yaml:9:5: areas[0].population: duplicate key 'population' "
                             "(first at line 8)"));
  // The same key in different mappings is not a duplicate.
  CHECK(parse_scenario(valid + "  - name: B\n    population: 1000000\n", "test.yaml", {})
            .areas.size() == 2);
}

TEST_CASE("a duplicate key in a file read through extends is refused there",
          "[scenario][bad_input][yaml][extends]") {
  const auto direct = file_errors(robustness_data("duplicate_base.yaml"));
  CHECK_THAT(direct, Catch::Contains("duplicate_base.yaml:9:5: parameters.hospital.beds_per_1000: "
                                     "duplicate key 'beds_per_1000' (first at line 8)"));
  const auto extended = file_errors(robustness_data("extends_duplicate.yaml"));
  CHECK_THAT(extended, Catch::Contains("duplicate_base.yaml:9:5: parameters.hospital."
                                       "beds_per_1000: duplicate key 'beds_per_1000' (first at "
                                       "line 8)"));
}

TEST_CASE("a quote left open is refused where it opens", "[scenario][bad_input][yaml]") {
  // At the end of the file yaml-cpp reads every following key into the text.
  CHECK_THAT(file_errors(robustness_data("open_quote.yaml")),
             Catch::Contains("open_quote.yaml:7:14: description: the double quote (\") opened "
                             "here is never closed"));
  CHECK_THAT(errors_of(valid + "description: 'beds cut\npopulation_scale: 0.5\n"),
             Catch::Contains("test.yaml:9:14: description: the single quote (') opened here is "
                             "never closed"));
  // Closed further on, after lines indented as keys: refused at the quote.
  CHECK_THAT(errors_of("name: test\ndescription: \"beds cut\npopulation_scale: 0.5\nnote: x\"\n" +
                       valid.substr(valid.find("seed:"))),
             Catch::Contains("test.yaml:2:14: description: the double quote (\") opened here "
                             "runs on to line 3 ('population_scale: 0.5')"));
  // Quoted values that do span lines, indented under their key, and quotes
  // escaped inside them, are read as they are.
  const auto scenario = parse_scenario(
      valid + "description: \"beds cut: a value \\\" spanning\n  lines: and more\"\n"
              "start_date: '2024-04-01'\n",
      "test.yaml", {});
  CHECK(scenario.description == "beds cut: a value \" spanning lines: and more");
  CHECK(parse_scenario(valid + "description: 'it''s fine'\n", "test.yaml", {}).description ==
        "it's fine");
}

TEST_CASE("a key with nothing after it is refused, not taken as the default",
          "[scenario][bad_input][empty]") {
  CHECK_THAT(errors_of(valid + "warmup_days:\n"),
             Catch::Contains("test.yaml:9:1: warmup_days: expected a number in [0, 36525] "
                             "(days), got nothing"));
  CHECK_THAT(errors_of("name: test\npopulation_scale:\n" + valid.substr(valid.find("areas:"))),
             Catch::Contains("test.yaml:2:1: population_scale: expected a number in (0, 1]") &&
                 Catch::Contains("got nothing"));
  CHECK_THAT(errors_of(valid + "description:\n"),
             Catch::Contains("description: expected text, got nothing"));
  CHECK_THAT(errors_of(valid + "intervention_returns: ~\n"),
             Catch::Contains("intervention_returns: expected true or false, got nothing"));
  CHECK_THAT(errors_of(valid + "parameters:\n"),
             Catch::Contains("test.yaml:9:1: parameters: expected a mapping of keys to values, "
                             "got nothing"));
  CHECK_THAT(errors_of(valid + "parameters:\n  hospital:\n    beds_per_1000: null\n"),
             Catch::Contains("test.yaml:11:5: parameters.hospital.beds_per_1000: expected a "
                             "number") &&
                 Catch::Contains("got nothing"));
  CHECK_THAT(errors_of("name: test\nareas:\n"), Catch::Contains("areas: expected a list, got nothing"));
  CHECK_THAT(errors_of(valid + "  -\n"),
             Catch::Contains("areas[1]: expected a mapping of keys to values, got nothing"));
  // A key read by another part of the program (a duration), or only
  // accepted here (the sweep), is refused all the same.
  CHECK_THAT(errors_of(valid + "parameters:\n  hospital:\n    overnight_length_of_stay:\n"),
             Catch::Contains("test.yaml:11:5: parameters.hospital.overnight_length_of_stay: "
                             "expected a value, got nothing"));
  CHECK_THAT(errors_of(valid + "sweep:\n"),
             Catch::Contains("test.yaml:9:1: sweep: expected a value, got nothing"));
}

TEST_CASE("text with control characters is refused, tabs and line breaks are text",
          "[scenario][bad_input]") {
  // "\0" in a double-quoted YAML scalar is a NUL, which would cut the name
  // short in HDF5 attributes.
  CHECK_THAT(errors_of("name: \"bad\\0name\"\n" + valid.substr(valid.find("areas:"))),
             Catch::Contains("test.yaml:1:7: name: expected text without control characters, "
                             "got U+0000 at character 4"));
  CHECK_THAT(errors_of(valid + "description: \"bell\\a\"\n"),
             Catch::Contains("description: expected text without control characters, got "
                             "U+0007 at character 5"));
  const auto scenario = hcsim::models::parse_scenario(
      valid + "description: |\n  two\tcolumns\n  and a second line\n", "test.yaml", {});
  CHECK(scenario.description == "two\tcolumns\nand a second line\n");
}

TEST_CASE("an override with nothing after '=' is refused", "[scenario][set][bad_input][empty]") {
  for (const std::string text : {"", "~", "null", "NULL", " "}) {
    ScenarioOverrides overrides;
    overrides.set = {"parameters.hospital.beds_per_1000=" + text};
    const std::string errors = errors_of(valid, overrides);
    CHECK_THAT(errors, Catch::Contains("--set: parameters.hospital.beds_per_1000=" + text +
                                       ": expected a value after '=', got nothing"));
  }
  // The value text gets the same checks as a file.
  ScenarioOverrides duplicate;
  duplicate.set = {"parameters.hospital={beds_per_1000: 1, beds_per_1000: 2}"};
  CHECK_THAT(errors_of(valid, duplicate),
             Catch::Contains("--set: parameters.hospital={beds_per_1000: 1, beds_per_1000: 2}: "
                             "the value is not valid YAML: duplicate key 'beds_per_1000'"));
}

TEST_CASE("a second YAML document is refused", "[scenario][bad_input][yaml]") {
  CHECK_THAT(file_errors(robustness_data("second_document.yaml")),
             Catch::Contains("second_document.yaml:8:1: a second YAML document starts here"));
  CHECK_THAT(errors_of(valid + "...\nname: other\n"),
             Catch::Contains("test.yaml:10:1: a second YAML document starts here"));
  // Markers alone are no second document.
  CHECK(parse_scenario("---\n" + valid + "...\n", "test.yaml", {}).name == "test");
}

TEST_CASE("a path that is not a regular file is refused without reading it",
          "[scenario][bad_input][files]") {
  // /dev/zero never ends: reading it grew memory without bound.
  CHECK_THAT(file_errors("/dev/zero"),
             Catch::Contains("/dev/zero: is not a regular file (a character device)"));
  // A directory has no meaningful size (it was reported as 2^63 - 1 bytes).
  CHECK_THAT(file_errors(HCSIM_TEST_DATA_DIR),
             Catch::Contains("is not a regular file (a directory)"));
  ScratchDirectory scratch;
  // A pipe would block until a writer came, and can be read only once.
  const auto fifo = scratch.path / "pipe.yaml";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK_THAT(file_errors(fifo.string()), Catch::Contains("is not a regular file (a pipe)"));
  // The same through extends, reported at the extends line.
  const auto by_extends = scratch.write("child.yaml", "name: child\nextends: /dev/urandom\n");
  CHECK_THAT(file_errors(by_extends),
             Catch::Contains("child.yaml:2:10: extends: '/dev/urandom' is not a regular file (a "
                             "character device)"));
  const auto to_pipe = scratch.write("to_pipe.yaml", "name: child\nextends: pipe.yaml\n");
  CHECK_THAT(file_errors(to_pipe),
             Catch::Contains("to_pipe.yaml:2:10: extends: '") &&
                 Catch::Contains("is not a regular file (a pipe)"));
  // A symbolic link is followed: to a device it is refused, to a file read.
  std::filesystem::create_symlink("/dev/zero", scratch.path / "zero.yaml");
  CHECK_THAT(file_errors((scratch.path / "zero.yaml").string()),
             Catch::Contains("is not a regular file (a character device)"));
  const auto real = scratch.write("real.yaml", valid);
  std::filesystem::create_symlink(real, scratch.path / "link.yaml");
  CHECK(hcsim::models::load_scenario((scratch.path / "link.yaml").string(), {}).name == "test");
  // A path that cannot be made canonical (no such directory) is still an
  // input error, not a filesystem exception.
  CHECK_THAT(file_errors("/dev/fd/987654/scenario.yaml"), Catch::Contains("cannot open"));
}

TEST_CASE("a sweep cannot be set by --set", "[scenario][set][bad_input][sweep]") {
  for (const std::string assignment :
       {"sweep=3", "sweep.foo=3", "sweep.grid.population_scale=[0.1, 0.2]"}) {
    ScenarioOverrides overrides;
    overrides.set = {assignment};
    CHECK_THAT(errors_of(valid, overrides),
               Catch::Contains("--set: " + assignment + ": a sweep is written in the scenario "
                               "file"));
  }
}

TEST_CASE("errors in --set paths name --set, each one", "[scenario][set][bad_input]") {
  ScenarioOverrides overrides;
  overrides.set = {"seed", "a.b.c=1", "parameters.hospitl.x=1", "areas.Nowhere.population=5"};
  std::vector<hcsim::models::Diagnostic> said;
  try {
    (void)parse_scenario(valid, "base.yaml", overrides);
    FAIL("accepted bad overrides");
  } catch (const InputError& error) {
    said = error.diagnostics();
  }
  // Every bad override at once, each from --set, none blamed on the file:
  // unknown keys the overrides made used to be reported as the file's.
  REQUIRE(said.size() == 4);
  for (const auto& diagnostic : said) CHECK(diagnostic.file == "--set");
  CHECK(said[0].message == "expected key.path=value");
  CHECK_THAT(said[1].message, Catch::Contains("name of an item"));
  CHECK(said[2].key_path == "parameters.hospitl");
  CHECK_THAT(said[2].message, Catch::Contains("did you mean 'hospital'"));
  CHECK(said[3].key_path == "a");
  CHECK(said[3].message == "unknown key 'a'");
}

TEST_CASE("an area name with a dot is refused", "[scenario][bad_input]") {
  CHECK_THAT(errors_of("name: x\nareas:\n  - name: St. Helens\n    population: 100000\n"),
             Catch::Contains("test.yaml:3:11: areas[0].name: area name 'St. Helens' contains "
                             "'.'"));
}

TEST_CASE("an override of mode says it cannot change the kind of scenario",
          "[scenario][set][bad_input]") {
  ScenarioOverrides overrides;
  overrides.set = {"mode=flow_only"};
  const auto errors = errors_of(valid, overrides);
  CHECK_THAT(errors, Catch::Contains("--set: mode: the kind of scenario cannot be changed by an "
                                     "override"));
  CHECK_THAT(errors, !Catch::Contains("is run by 'hcsim run'"));
}

TEST_CASE("a CSV header with a column twice is refused", "[scenario][csv][bad_input]") {
  ScratchDirectory scratch;
  const auto path = scratch.write("series.csv", "day,south,north,south\n1,2,3,4\n");
  try {
    (void)hcsim::models::CsvTable::read(path);
    FAIL("accepted a header with a column twice");
  } catch (const InputError& error) {
    CHECK_THAT(error.what(), Catch::Contains("series.csv:1:17: south: column 'south' appears "
                                             "twice in the header (first as column 2)"));
  }
  CHECK_THAT(file_errors("/dev/null"), Catch::Contains("is not a regular file"));
  CHECK_THROWS_WITH(hcsim::models::CsvTable::read("/dev/zero"),
                    Catch::Contains("is not a regular file"));
}
