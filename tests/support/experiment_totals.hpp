#pragma once
// Runs a scenario given as YAML text and adds up a metric over its
// replications, areas and years: what most model tests compare.
#include <string>

#include "models/metrics.hpp"
#include "models/scenario.hpp"
#include "models/simulation.hpp"

namespace hcsim::test {

// `file` names the text in error messages.
inline models::ExperimentResult run_text(const std::string& text, const std::string& file) {
  return models::run_experiment(models::parse_scenario(text, file, {}), 2);
}

inline double total(const models::ExperimentResult& experiment, models::Metric metric) {
  double sum = 0.0;
  for (const auto& replication : experiment.runs) sum += replication.total(metric);
  return sum;
}

}  // namespace hcsim::test
