// The queueing validation scenarios, run smaller than `hcsim validate` runs
// them (fewer replications, shorter horizons). The pass rule is the same:
// the 99% interval widens with fewer runs, and the bias allowance is stated,
// not tuned (validation/checks.hpp, docs/validation.md).
#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "models/scenario.hpp"
#include "validation/cases.hpp"
#include "validation/validate.hpp"

using namespace hcsim;

namespace {

models::Scenario load_case(const char* file, std::vector<std::string> set) {
  models::ScenarioOverrides overrides;
  overrides.set = std::move(set);
  return models::load_scenario(validation::default_validation_scenario_dir() + "/" + file,
                               overrides);
}

void require_all_pass(const validation::CaseResult& result) {
  std::ostringstream table;
  validation::write_validation_table(table, {result});
  INFO(table.str());
  REQUIRE(result.checks.size() == 5);
  for (const auto& check : result.checks) CHECK(check.pass);
}

}  // namespace

TEST_CASE("M/M/c hospital matches Erlang C", "[validation]") {
  const auto& definition = validation::validation_cases[0];
  const auto scenario =
      load_case(definition.file, {"replications=10", "horizon_years=10"});
  require_all_pass(validation::run_case(definition, scenario, 2));
}

TEST_CASE("finite population with c beds matches the machine-repairman model", "[validation]") {
  const auto& definition = validation::validation_cases[1];
  const auto scenario =
      load_case(definition.file, {"replications=10", "horizon_years=60"});
  require_all_pass(validation::run_case(definition, scenario, 2));
}

TEST_CASE("delayed discharge behind an M/M/k care home matches its mean delay", "[validation]") {
  const auto& definition = validation::validation_cases[2];
  const auto scenario =
      load_case(definition.file, {"replications=16", "horizon_years=15"});
  require_all_pass(validation::run_case(definition, scenario, 2));
}

TEST_CASE("a scenario of the wrong form is refused with the key named", "[validation]") {
  const auto& definition = validation::validation_cases[0];
  const auto scenario =
      load_case(definition.file, {"parameters.mortality.enabled=true", "replications=2"});
  try {
    validation::require_case_form(definition.kind, scenario);
    FAIL("expected an InputError");
  } catch (const models::InputError& error) {
    CHECK(std::string(error.what()).find("mortality.enabled") != std::string::npos);
  }
  // The chain case: a baseline wait for the council, or admissions at the
  // end of life, would add to the delays the M/M/k formula predicts.
  const auto& chain = validation::validation_cases[2];
  for (const char* key : {"parameters.social_care.assessment_days=3",
                          "parameters.mortality.end_of_life_admission.enabled=true"}) {
    const auto wrong = load_case(chain.file, {key, "replications=2"});
    try {
      validation::require_case_form(chain.kind, wrong);
      FAIL("expected an InputError for " << key);
    } catch (const models::InputError& error) {
      const std::string name = std::string(key).substr(11, std::string(key).find('=') - 11);
      CHECK(std::string(error.what()).find(name) != std::string::npos);
    }
  }
}

TEST_CASE("the validation report is one JSON object with every check", "[validation]") {
  validation::CaseResult result;
  result.name = "case";
  result.textbook_model = "M/M/1";
  validation::Check check;
  check.quantity = "mean \"wait\"";
  check.analytic = 1.0;
  check.simulated = 1.01;
  check.pass = true;
  result.checks = {check, check};
  std::ostringstream json;
  validation::write_validation_json(json, {result});
  const std::string text = json.str();
  CHECK(text.rfind("{\"cases\": [{\"name\": \"case\"", 0) == 0);
  CHECK(text.find("\"ci95\": [") != std::string::npos);
  CHECK(text.find("mean \\\"wait\\\"") != std::string::npos);
  CHECK(text.find("\"all_passed\": true}") != std::string::npos);
}
