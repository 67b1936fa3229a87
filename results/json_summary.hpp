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
#include "sim/json_text.hpp"

namespace hcsim::results {

[[nodiscard]] std::string json_summary(const models::RunPlan& plan,
                                       const models::ExperimentResult& result,
                                       double wall_seconds);
[[nodiscard]] std::string json_summary(const models::Scenario& scenario,
                                       const models::ExperimentResult& result,
                                       double wall_seconds);

using sim::json_escape;
using sim::json_number;

}  // namespace hcsim::results
