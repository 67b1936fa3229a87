#include <catch2/catch.hpp>

#include <fstream>
#include <string>
#include <vector>

#include "models/calendar.hpp"
#include "models/interventions/intervention_reader.hpp"

using hcsim::models::CareNeed;
using hcsim::models::CommissionedService;
using hcsim::models::Condition;
using hcsim::models::condition_bit;
using hcsim::models::Diagnostics;
using hcsim::models::Frailty;
using hcsim::models::frailty_bit;
using hcsim::models::Intervention;
using hcsim::models::InterventionType;
using hcsim::models::MapReader;
using hcsim::models::Payer;
using hcsim::models::Setting;
using hcsim::models::setting_bit;

namespace {

const std::vector<std::string> area_names{"Bristol", "Leeds", "Wakefield"};
const int scenario_start = *hcsim::models::parse_iso_date("2016-04-01");

struct ReadResult {
  std::vector<Intervention> interventions;
  std::string errors;  // every diagnostic, formatted, one a line
};

// Reads `yaml` as a scenario's top level the way the scenario reader would.
ReadResult read(const std::string& yaml) {
  Diagnostics diagnostics;
  MapReader root(hcsim::models::parse_yaml(yaml, "test.yaml"), "test.yaml", "", diagnostics);
  ReadResult result;
  result.interventions = hcsim::models::read_interventions(root, area_names, scenario_start);
  root.finish();
  for (const auto& diagnostic : diagnostics.items()) result.errors += diagnostic.format() + "\n";
  return result;
}

// The diagnostics of input that must be refused.
std::string errors_of(const std::string& yaml) {
  const auto result = read(yaml);
  if (result.errors.empty()) FAIL("the interventions were accepted:\n" << yaml);
  return result.errors;
}

// A valid intervention; tests append or swap lines to break it.
const std::string care_homes = R"(interventions:
  - name: care_homes
    type: enhanced_health_in_care_homes
    areas: [Bristol]
    start: 2016-06-01
    ramp_up_days: 90
    end: 2018-03-31
    effect:
      admission_hazard_ratio: 0.77
    cost_per_year: 250000
    payer: nhs
)";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("a scenario without interventions has none", "[interventions][reader]") {
  for (const char* yaml : {"", "interventions: []\n"}) {
    const auto result = read(yaml);
    CHECK(result.interventions.empty());
    CHECK(result.errors.empty());
  }
  // A key left without a value is not taken to mean "none": it may be a
  // list whose items were lost.
  CHECK_THAT(errors_of("interventions:\n"),
             Catch::Contains("interventions") && Catch::Contains("got nothing"));
  CHECK_THAT(errors_of("interventions: {name: x}\n"),
             Catch::Contains("test.yaml:1:16: interventions") &&
                 Catch::Contains("expected a list"));
}

TEST_CASE("an intervention is read with dates as days from the scenario start",
          "[interventions][reader]") {
  const auto result = read(care_homes);
  INFO(result.errors);
  REQUIRE(result.errors.empty());
  REQUIRE(result.interventions.size() == 1);
  const Intervention& read_back = result.interventions[0];
  CHECK(read_back.name == "care_homes");
  CHECK(read_back.type == InterventionType::enhanced_health_in_care_homes);
  CHECK(read_back.areas == std::vector<std::string>{"Bristol"});
  CHECK(read_back.start_days == 61.0);  // April 30 + May 31
  CHECK(read_back.ramp_up_days == 90.0);
  REQUIRE(read_back.end_days.has_value());
  CHECK(*read_back.end_days == 729.0);  // 2016-04-01 to 2018-03-31, with 29 Feb 2016 before
  CHECK(read_back.effect.admission_hazard_ratio == 0.77);
  CHECK(read_back.effect.length_of_stay_ratio == 1.0);
  CHECK(read_back.cost.per_year == 250000.0);
  CHECK(read_back.cost.payer == Payer::nhs);
  CHECK_FALSE(read_back.cost.follows_ramp_up);
  // Enhanced health in care homes targets residents unless told otherwise.
  CHECK(read_back.target.setting_mask == setting_bit(Setting::care_home));
}

TEST_CASE("every key of an intervention is read", "[interventions][reader]") {
  const auto result = read(R"(interventions:
  - name: mcp_frail
    type: admission_avoidance
    source: an assumption for this test
    target:
      min_age: 65
      max_age: 90
      frailty: [moderate, severe]
      conditions: [copd, heart_failure]
      settings: [home]
      min_care_need: low
    start: 2015-04-01
    ramp_up_days: 365
    effect: {admission_hazard_ratio: 0.9, length_of_stay_ratio: 0.95}
    cost_per_year: 1000000
    cost_per_person_per_year: 120
    cost_follows_ramp_up: true
    payer: pooled_fund
  - name: more_reablement
    type: reablement_capacity
    areas: [Leeds, Wakefield]
    effect: {capacity_change: {relative: 0.2}}
  - name: d2a
    type: discharge_to_assess
    effect:
      discharge_delay_ratio: 0.5
      capacity_change: {service: rehabilitation, relative: 0.1}
    cost_per_person_per_year: 10
    payer: self_funders
)");
  INFO(result.errors);
  REQUIRE(result.errors.empty());
  REQUIRE(result.interventions.size() == 3);
  const auto& mcp = result.interventions[0];
  CHECK(mcp.source == "an assumption for this test");
  CHECK(mcp.target.min_age == 65.0);
  CHECK(mcp.target.max_age == 90.0);
  CHECK(mcp.target.frailty_mask == (frailty_bit(Frailty::moderate) | frailty_bit(Frailty::severe)));
  CHECK(mcp.target.condition_mask ==
        (condition_bit(Condition::copd) | condition_bit(Condition::heart_failure)));
  CHECK(mcp.target.setting_mask == setting_bit(Setting::home));
  CHECK(mcp.target.min_care_need == CareNeed::low);
  CHECK(mcp.start_days == -366.0);  // a year before the scenario start, across 29 Feb 2016
  CHECK_FALSE(mcp.end_days.has_value());
  CHECK(mcp.effect.length_of_stay_ratio == 0.95);
  CHECK(mcp.cost.per_person_per_year == 120.0);
  CHECK(mcp.cost.follows_ramp_up);
  CHECK(mcp.cost.payer == Payer::pooled_fund);
  CHECK(mcp.areas.empty());

  const auto& reablement = result.interventions[1];
  REQUIRE(reablement.effect.capacity_change.has_value());
  CHECK(reablement.effect.capacity_change->service == CommissionedService::reablement);
  CHECK(reablement.effect.capacity_change->relative == 0.2);
  CHECK(reablement.start_days == 0.0);  // no start: from the scenario start
  CHECK(reablement.target.setting_mask == 0);

  const auto& d2a = result.interventions[2];
  CHECK(d2a.effect.discharge_delay_ratio == 0.5);
  CHECK(d2a.effect.capacity_change->service == CommissionedService::rehabilitation);
  CHECK(d2a.cost.payer == Payer::self_funder);
}

TEST_CASE("an unknown type lists the known ones", "[interventions][reader][bad_input]") {
  const auto errors = errors_of(replaced(care_homes, "enhanced_health_in_care_homes",
                                         "enhanced_helth_in_care_homes"));
  CHECK_THAT(errors, Catch::Contains("test.yaml:3:11: interventions[0].type") &&
                         Catch::Contains("did you mean 'enhanced_health_in_care_homes'") &&
                         Catch::Contains("admission_avoidance, enhanced_health_in_care_homes, "
                                         "discharge_to_assess, reablement_capacity, self_care, "
                                         "community_productivity"));
  CHECK_THAT(errors, !Catch::Contains("effect"));  // not checked against an unknown type
}

TEST_CASE("an unknown area suggests the closest", "[interventions][reader][bad_input]") {
  const auto errors = errors_of(replaced(care_homes, "[Bristol]", "[Leeds, Bristl]"));
  CHECK_THAT(errors, Catch::Contains("test.yaml:4:12: interventions[0].areas") &&
                         Catch::Contains("unknown area 'Bristl'; did you mean 'Bristol'?"));
}

TEST_CASE("an unknown service or payer is named", "[interventions][reader][bad_input]") {
  const auto service = errors_of(R"(interventions:
  - name: d2a
    type: discharge_to_assess
    effect:
      capacity_change: {service: rehab, relative: 0.1}
)");
  CHECK_THAT(service, Catch::Contains("test.yaml:5:34: interventions[0].effect.capacity_change."
                                      "service") &&
                          Catch::Contains("unknown service 'rehab'") &&
                          Catch::Contains("reablement, rehabilitation, home_care, care_home"));
  const auto payer = errors_of(replaced(care_homes, "payer: nhs", "payer: local_authorty"));
  CHECK_THAT(payer, Catch::Contains("test.yaml:11:12: interventions[0].payer") &&
                        Catch::Contains("unknown payer 'local_authorty'") &&
                        Catch::Contains("did you mean 'local_authority'?") &&
                        Catch::Contains("nhs, local_authority, pooled_fund"));
  const auto missing = errors_of(replaced(care_homes, "    payer: nhs\n", ""));
  CHECK_THAT(missing, Catch::Contains("test.yaml:2:5: interventions[0]: missing 'payer'") &&
                          Catch::Contains("needs the payer"));
}

TEST_CASE("unknown target names are refused with their key path",
          "[interventions][reader][bad_input]") {
  const auto errors = errors_of(care_homes + R"(    target:
      frailty: [frial]
      conditions: [copd, dementai]
      settings: [hospital]
      min_care_need: hi
)");
  CHECK_THAT(errors, Catch::Contains("test.yaml:13:16: interventions[0].target.frailty") &&
                         Catch::Contains("unknown frailty level 'frial'"));
  CHECK_THAT(errors, Catch::Contains("test.yaml:14:19: interventions[0].target.conditions") &&
                         Catch::Contains("unknown condition 'dementai'; did you mean 'dementia'?"));
  CHECK_THAT(errors, Catch::Contains("test.yaml:15:17: interventions[0].target.settings") &&
                         Catch::Contains("unknown setting (where a person lives) 'hospital'") &&
                         Catch::Contains("home, care_home"));
  CHECK_THAT(errors, Catch::Contains("test.yaml:16:22: interventions[0].target.min_care_need") &&
                         Catch::Contains("unknown care need level 'hi'"));
}

TEST_CASE("ratios and capacity changes outside their ranges are refused",
          "[interventions][reader][bad_input]") {
  const auto zero = errors_of(replaced(care_homes, "admission_hazard_ratio: 0.77",
                                       "admission_hazard_ratio: 0"));
  CHECK_THAT(zero, Catch::Contains("test.yaml:9:31: interventions[0].effect."
                                   "admission_hazard_ratio") &&
                       Catch::Contains("(0, 10]"));
  const auto long_stay = errors_of(replaced(care_homes, "admission_hazard_ratio: 0.77",
                                            "admission_hazard_ratio: 0.77\n"
                                            "      length_of_stay_ratio: 11"));
  CHECK_THAT(long_stay, Catch::Contains("test.yaml:10:29: interventions[0].effect."
                                        "length_of_stay_ratio") &&
                            Catch::Contains("got 11"));
  const auto d2a = errors_of(R"(interventions:
  - name: d2a
    type: discharge_to_assess
    effect:
      discharge_delay_ratio: -0.1
      capacity_change: {service: care_home, relative: -0.95}
)");
  CHECK_THAT(d2a, Catch::Contains("test.yaml:5:30: interventions[0].effect."
                                  "discharge_delay_ratio") &&
                      Catch::Contains("[0, 10]"));
  CHECK_THAT(d2a, Catch::Contains("test.yaml:6:55: interventions[0].effect.capacity_change."
                                  "relative") &&
                      Catch::Contains("[-0.9, 10]"));
}

TEST_CASE("a negative ramp-up is refused", "[interventions][reader][bad_input]") {
  const auto errors = errors_of(replaced(care_homes, "ramp_up_days: 90", "ramp_up_days: -30"));
  CHECK_THAT(errors, Catch::Contains("test.yaml:6:19: interventions[0].ramp_up_days") &&
                         Catch::Contains(">= 0"));
}

TEST_CASE("dates must be real and the end after the start",
          "[interventions][reader][bad_input]") {
  const auto bad_date = errors_of(replaced(care_homes, "start: 2016-06-01", "start: 2016-02-30"));
  CHECK_THAT(bad_date, Catch::Contains("test.yaml:5:12: interventions[0].start") &&
                           Catch::Contains("YYYY-MM-DD") && Catch::Contains("'2016-02-30'"));
  const auto reversed = errors_of(replaced(care_homes, "end: 2018-03-31", "end: 2016-05-31"));
  CHECK_THAT(reversed, Catch::Contains("test.yaml:7:10: interventions[0].end") &&
                           Catch::Contains("ends on 2016-05-31, which is not after its start "
                                           "on 2016-06-01"));
  const auto same_day = errors_of(replaced(care_homes, "end: 2018-03-31", "end: 2016-06-01"));
  CHECK_THAT(same_day, Catch::Contains("interventions[0].end"));
  const auto before_run = errors_of(replaced(
      replaced(care_homes, "start: 2016-06-01", "start: 2015-01-01"), "end: 2018-03-31",
      "end: 2016-04-01"));
  CHECK_THAT(before_run, Catch::Contains("test.yaml:7:10: interventions[0].end") &&
                             Catch::Contains("no later than the scenario start on 2016-04-01"));
}

TEST_CASE("names must be identifiers and unique", "[interventions][reader][bad_input]") {
  const auto bad = errors_of(replaced(care_homes, "name: care_homes", "name: Care-Homes"));
  CHECK_THAT(bad, Catch::Contains("test.yaml:2:11: interventions[0].name") &&
                      Catch::Contains("roi_<name>") && Catch::Contains("'Care-Homes'"));
  const std::string second_item = care_homes.substr(care_homes.find("  - name"));
  const auto twice = errors_of(care_homes + second_item);
  CHECK_THAT(twice, Catch::Contains("test.yaml:12:11: interventions[1].name") &&
                        Catch::Contains("'care_homes' is used twice"));
  CHECK_THAT(twice, !Catch::Contains("interventions[0]"));
  const auto nameless = errors_of(replaced(care_homes, "  - name: care_homes\n    type",
                                           "  - type"));
  CHECK_THAT(nameless, Catch::Contains("test.yaml:2:5: interventions[0]: missing 'name'") &&
                           Catch::Contains("needs a name"));
}

TEST_CASE("an effect the type cannot carry names the allowed ones",
          "[interventions][reader][bad_input]") {
  const auto errors = errors_of(R"(interventions:
  - name: self_management
    type: self_care
    effect:
      admission_hazard_ratio: 0.95
      discharge_delay_ratio: 0.5
)");
  CHECK_THAT(errors, Catch::Contains("test.yaml:6:30: interventions[0].effect."
                                     "discharge_delay_ratio") &&
                         Catch::Contains("a self_care intervention cannot carry "
                                         "discharge_delay_ratio; it may carry: "
                                         "admission_hazard_ratio, length_of_stay_ratio"));
  CHECK_THAT(errors, !Catch::Contains("unknown key"));  // said once, not twice
  const auto productivity = errors_of(R"(interventions:
  - name: productive_community
    type: community_productivity
    effect:
      admission_hazard_ratio: 0.9
)");
  CHECK_THAT(productivity, Catch::Contains("cannot carry admission_hazard_ratio; it may carry: "
                                           "capacity_change") &&
                               Catch::Contains("test.yaml:5:7: interventions[0].effect: a "
                                               "community_productivity intervention needs "
                                               "capacity_change"));
}

TEST_CASE("a capacity type acts on its own service only", "[interventions][reader][bad_input]") {
  const auto errors = errors_of(R"(interventions:
  - name: more_reablement
    type: reablement_capacity
    effect: {capacity_change: {service: home_care, relative: 0.2}}
)");
  CHECK_THAT(errors, Catch::Contains("interventions[0].effect.capacity_change.service") &&
                         Catch::Contains("changes reablement capacity only, got 'home_care'"));
  const auto no_service = errors_of(R"(interventions:
  - name: d2a
    type: discharge_to_assess
    effect: {capacity_change: {relative: 0.2}}
)");
  CHECK_THAT(no_service, Catch::Contains("test.yaml:4:31: interventions[0].effect.capacity_change: "
                                         "missing 'service'") &&
                             Catch::Contains("expected the service whose capacity changes"));
}

TEST_CASE("an intervention needs an effect", "[interventions][reader][bad_input]") {
  const auto errors = errors_of(R"(interventions:
  - name: d2a
    type: discharge_to_assess
)");
  CHECK_THAT(errors, Catch::Contains("test.yaml:2:5: interventions[0]: missing 'effect'") &&
                         Catch::Contains("may carry: discharge_delay_ratio, capacity_change"));
}

TEST_CASE("unknown keys in an intervention get a suggestion",
          "[interventions][reader][bad_input]") {
  const auto errors = errors_of(replaced(care_homes, "ramp_up_days: 90", "ramp_up_day: 90"));
  CHECK_THAT(errors, Catch::Contains("test.yaml:6:5: interventions[0].ramp_up_day") &&
                         Catch::Contains("did you mean 'ramp_up_days'?"));
  const auto nested = errors_of(care_homes + "    target: {min_ag: 65}\n");
  CHECK_THAT(nested, Catch::Contains("interventions[0].target.min_ag") &&
                         Catch::Contains("did you mean 'min_age'?"));
}

TEST_CASE("an empty age range is refused", "[interventions][reader][bad_input]") {
  const auto errors = errors_of(care_homes + "    target: {min_age: 75, max_age: 65}\n");
  CHECK_THAT(errors, Catch::Contains("test.yaml:12:36: interventions[0].target.max_age") &&
                         Catch::Contains("above min_age"));
}

TEST_CASE("an intervention needs a type", "[interventions][reader][bad_input]") {
  const auto errors =
      errors_of(replaced(care_homes, "    type: enhanced_health_in_care_homes\n", ""));
  CHECK_THAT(errors, Catch::Contains("test.yaml:2:5: interventions[0]: missing 'type'") &&
                         Catch::Contains("one of admission_avoidance"));
  CHECK_THAT(errors, !Catch::Contains("unknown key 'effect'"));
}

TEST_CASE("the examples in docs/interventions.md are accepted", "[interventions][reader]") {
  std::ifstream file(std::string(HCSIM_SOURCE_DIR) + "/docs/interventions.md");
  REQUIRE(file);
  std::vector<std::string> blocks;
  std::string line;
  bool in_yaml = false;
  while (std::getline(file, line)) {
    if (line == "```yaml") {
      in_yaml = true;
      blocks.emplace_back();
    } else if (line == "```") {
      in_yaml = false;
    } else if (in_yaml) {
      blocks.back() += line + "\n";
    }
  }
  REQUIRE(blocks.size() == 2);
  std::size_t interventions_read = 0;
  for (const auto& block : blocks) {
    Diagnostics diagnostics;
    const YAML::Node root_node = hcsim::models::parse_yaml(block, "interventions.md");
    MapReader root(root_node, "interventions.md", "", diagnostics);
    const auto start = hcsim::models::parse_iso_date(root_node["start_date"].as<std::string>());
    REQUIRE(start.has_value());
    const auto interventions = hcsim::models::read_interventions(root, area_names, *start);
    for (const auto& diagnostic : diagnostics.items()) FAIL(diagnostic.format());
    interventions_read += interventions.size();
  }
  CHECK(interventions_read == 4);
}
