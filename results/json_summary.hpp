#pragma once
// The one JSON object `hcsim run --json` prints on stdout. Its shape is a
// contract other tools rely on:
// {"scenario": name, "replications": R, "seed": S,
//  "metrics": {name: {"mean": x, "ci95": [lo, hi]}, ...},
//  "events": n, "wall_seconds": t, "horizon_years": h}
// ci95 is [null, null] with one replication, where no interval exists.
// A plan with a sweep adds "sweep_method" and "points": [{"point", "sweep":
// {key: value}, "metrics": {...}}]; the top-level "metrics" are point 0's.
#include <string>

#include "models/scenario.hpp"
#include "models/simulation.hpp"

namespace hcsim::results {

[[nodiscard]] std::string json_summary(const models::RunPlan& plan,
                                       const models::ExperimentResult& result,
                                       double wall_seconds);
[[nodiscard]] std::string json_summary(const models::Scenario& scenario,
                                       const models::ExperimentResult& result,
                                       double wall_seconds);

// Escapes text for a JSON string literal (without the quotes).
[[nodiscard]] std::string json_escape(const std::string& text);

// A finite double in the shortest form that reads back to the same value.
[[nodiscard]] std::string json_number(double value);

}  // namespace hcsim::results
