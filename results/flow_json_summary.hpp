#pragma once
// The one JSON object `hcsim run FLOW.yaml --json` prints on stdout for a
// flow-only scenario. Its shape is a contract:
// {"scenario": name, "mode": "flow_only", "replications": R, "seed": S,
//  "days": D,
//  "services": [{"name": s, "arrivals_source": text,
//                "totals": {"mean_occupancy" | "mean_waiting" | "waiting_days" |
//                           "arrivals" | "admissions_waited" | "total_cost":
//                           {"mean": x, "ci95": [lo, hi]}},
//                "daily": {"occupancy" | "waiting" | "cost":
//                          {"mean": [D], "q05": [D], "q50": [D], "q95": [D]}}}, ...],
//  "events": n, "wall_seconds": t}
// Day d of the daily lists (index d - 1) covers [d - 1, d); quantiles are
// over replications (type 7); ci95 is [null, null] with one replication.
#include <string>

#include "models/flow_ensemble.hpp"
#include "models/flow_scenario.hpp"

namespace hcsim::results {

[[nodiscard]] std::string flow_json_summary(const models::FlowScenario& scenario,
                                            const models::FlowScenarioResult& result,
                                            double wall_seconds);

}  // namespace hcsim::results
