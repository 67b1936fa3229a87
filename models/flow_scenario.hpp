#pragma once
// A flow-only scenario: capacity-limited services (discharge-to-assess beds,
// say) fed by daily arrival-rate series instead of by the population, each
// run by models/flow_service.hpp. It is how queue models of the discharge
// pathway (IPACS and the like) are reproduced from YAML:
//
//   name: p2_flow
//   mode: flow_only
//   seed: 1
//   replications: 500
//   days: 181
//   services:
//     - name: p2_beds
//       capacity: 40                      # or [{from_day: 0, beds: 40}, {from_day: 90, beds: 46}]
//       arrivals_per_day: [1.5, 1.2, ...] # or 1.4 every day,
//                                         # or {csv: arrivals.csv, column: p2_beds}
//       length_of_stay: {distribution: lognormal, mean: 20, sd: 12}
//       initial: {occupied: 30, waiting: 5}
//       initial_queue_policy: first_come_first_served   # or ipacs_2023
//       bed_day_cost: 150
//       waiting_day_cost: 346
//
// docs/validation.md describes every key. The same conventions as the
// population scenario hold: `extends:`, --set, --seed and --replications
// overrides, every problem reported with file, line, key path and what was
// expected before anything runs. A CSV path is relative to the file that
// names it (the current directory for a --set value); its rows are days in
// file order from day 1. Only the first `days` values of a series are used.
#include <cstdint>
#include <string>
#include <vector>

#include "models/flow_service.hpp"
#include "models/scenario.hpp"

namespace hcsim::models {

// The value of `mode:` that makes a scenario flow-only; without `mode:` a
// scenario is a population scenario (models/scenario.hpp).
inline constexpr const char* flow_only_mode = "flow_only";

struct FlowServiceSpec {
  std::string name;
  // Ready to run: the series cut to the scenario's days, service_index set
  // to the service's position.
  FlowServiceParameters parameters;
  std::string arrivals_source;  // "the scenario file", or "FILE column NAME"
};

struct FlowScenario {
  std::string name;
  std::string description;
  std::string file;
  std::uint64_t seed = 1;
  std::int64_t replications = 1;
  std::int64_t days = 0;
  std::vector<FlowServiceSpec> services;  // in file order
  // The scenario after overrides, as YAML (series read from CSV files are
  // referenced, not copied; the results file holds the rates used).
  std::string resolved_yaml;
};

// What a flow-only run needs, for refusing up front one that would not fit
// in memory (models/resource_estimate.hpp does the same for population
// scenarios).
struct FlowResourceEstimate {
  std::int64_t concurrent_replications = 1;  // replications run at once
  double largest_replication_patients = 0;   // expected, the largest service
  std::uint64_t replication_bytes = 0;       // peak of one replication of it
  // Every replication's daily series, kept for the quantiles.
  std::uint64_t series_bytes = 0;
  // series_bytes + concurrent_replications x replication_bytes
  std::uint64_t memory_bytes = 0;
};

// On `threads` threads (0: all cores).
[[nodiscard]] FlowResourceEstimate estimate_flow_resources(const FlowScenario& scenario,
                                                           int threads);

// True when the scenario file (with the files it extends) says
// `mode: flow_only`. Throws InputError when it cannot be read or parsed.
[[nodiscard]] bool is_flow_only_scenario(const std::string& path);
// The same for a tree already read.
[[nodiscard]] bool is_flow_only(const YAML::Node& root);

// Reads and checks a flow-only scenario; throws InputError listing every
// problem. --set overrides apply as for population scenarios; sweeps do not.
[[nodiscard]] FlowScenario load_flow_scenario(const std::string& path,
                                              const ScenarioOverrides& overrides);
// From text, as if read from `file` (CSV paths are relative to its folder).
[[nodiscard]] FlowScenario parse_flow_scenario(const std::string& text, const std::string& file,
                                               const ScenarioOverrides& overrides);
[[nodiscard]] FlowScenario read_flow_scenario(YAML::Node root, const std::string& file,
                                              const ScenarioOverrides& overrides,
                                              NodeOrigins& origins);

}  // namespace hcsim::models
