#include "validation/validate.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <sstream>

#include "models/scenario.hpp"

#ifndef HCSIM_SOURCE_DIR
#error "HCSIM_SOURCE_DIR must be defined (validation/CMakeLists.txt)"
#endif

#include "sim/json_text.hpp"

namespace hcsim::validation {
namespace {


std::string fixed(double value) {
  char text[40];
  std::snprintf(text, sizeof text, "%.5g", value);
  return text;
}

bool all_passed(const std::vector<CaseResult>& cases) {
  return !cases.empty() &&
         std::all_of(cases.begin(), cases.end(), [](const CaseResult& c) { return c.passed(); });
}

}  // namespace

std::string default_validation_scenario_dir() {
  return std::string(HCSIM_SOURCE_DIR) + "/scenarios/validation";
}

std::vector<CaseResult> run_validation_cases(const ValidationOptions& options) {
  std::ostream& log = options.log ? *options.log : std::cerr;
  models::ScenarioOverrides overrides;
  overrides.set = options.set;
  overrides.seed = options.seed;
  overrides.replications = options.replications;
  // Load every scenario first, so a bad file is reported before any run.
  std::vector<models::Scenario> scenarios;
  for (const auto& definition : validation_cases) {
    scenarios.push_back(
        models::load_scenario(options.scenario_dir + "/" + definition.file, overrides));
    require_case_form(definition.kind, scenarios.back());
  }
  std::vector<CaseResult> results;
  for (std::size_t i = 0; i < validation_cases.size(); ++i) {
    log << "validate: " << scenarios[i].name << " (" << validation_cases[i].textbook_model
        << "), " << scenarios[i].replications << " replication(s)\n";
    results.push_back(run_case(validation_cases[i], scenarios[i], options.threads));
  }
  return results;
}

void write_validation_table(std::ostream& out, const std::vector<CaseResult>& cases) {
  char line[512];
  for (const auto& result : cases) {
    out << result.name << ": " << result.textbook_model << " (" << result.checks.size()
        << " checks, " << (result.checks.empty() ? 0 : result.checks.front().replications)
        << " replications)\n";
    std::snprintf(line, sizeof line, "  %-64s %11s %11s %25s %10s  %s\n", "quantity", "analytic",
                  "simulated", "99% CI", "allowance", "result");
    out << line;
    for (const auto& check : result.checks) {
      const std::string interval = "[" + fixed(check.ci99_low) + ", " + fixed(check.ci99_high) + "]";
      const std::string quantity = check.quantity + " (" + check.unit + ")";
      std::snprintf(line, sizeof line, "  %-64s %11s %11s %25s %10s  %s\n", quantity.c_str(),
                    fixed(check.analytic).c_str(), fixed(check.simulated).c_str(),
                    interval.c_str(), fixed(check.allowance).c_str(),
                    check.pass ? "pass" : "FAIL");
      out << line;
    }
  }
  out << (all_passed(cases) ? "all validation checks passed\n" : "some validation checks FAILED\n");
}

void write_validation_json(std::ostream& out, const std::vector<CaseResult>& cases) {
  std::ostringstream json;
  json << "{\"cases\": [";
  bool first = true;
  for (const auto& result : cases) {
    for (const auto& check : result.checks) {
      json << (first ? "" : ", ") << "{\"name\": " << sim::json_quoted(result.name)
           << ", \"file\": " << sim::json_quoted(result.file) << ", \"model\": "
           << sim::json_quoted(result.textbook_model) << ", \"quantity\": " << sim::json_quoted(check.quantity)
           << ", \"unit\": " << sim::json_quoted(check.unit) << ", \"analytic\": " << sim::json_number(check.analytic)
           << ", \"simulated\": " << sim::json_number(check.simulated) << ", \"ci95\": ["
           << sim::json_number(check.ci95_low) << ", " << sim::json_number(check.ci95_high) << "], \"ci99\": ["
           << sim::json_number(check.ci99_low) << ", " << sim::json_number(check.ci99_high)
           << "], \"allowance\": " << sim::json_number(check.allowance)
           << ", \"replications\": " << check.replications
           << ", \"pass\": " << (check.pass ? "true" : "false") << "}";
      first = false;
    }
  }
  json << "], \"all_passed\": " << (all_passed(cases) ? "true" : "false") << "}\n";
  out << json.str();
}

int run_validation(const ValidationOptions& options) {
  const std::vector<CaseResult> cases = run_validation_cases(options);
  std::ostream& out = options.out ? *options.out : std::cout;
  if (options.json) {
    write_validation_json(out, cases);
  } else {
    write_validation_table(out, cases);
  }
  return all_passed(cases) ? 0 : 1;
}

}  // namespace hcsim::validation
