#pragma once
// A scenario: what to simulate (areas, population scale, horizon, seed,
// replications, parameters), loaded from YAML with --set overrides applied,
// and checked completely before any simulation starts.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/input_error.hpp"
#include "models/interventions/intervention_set.hpp"
#include "models/parameters.hpp"

namespace hcsim::models {

struct AreaSpec {
  std::string name;
  double population = 0.0;  // full-scale residents
  // Full-scale capacities; when absent they follow from the parameters
  // (beds per 1,000; care-home places from initial residents and occupancy).
  std::optional<double> hospital_beds;
  std::optional<double> care_home_places;
  Parameters parameters;  // defaults <- scenario parameters <- area parameters
  InterventionSet interventions;  // those covering this area
};

struct Scenario {
  std::string name;
  std::string description;
  std::string file;             // where it was read from
  std::uint64_t seed = 1;
  std::int64_t replications = 1;
  double horizon_years = 1.0;   // measured period, after warm-up
  double warmup_days = 0.0;     // simulated but not measured
  double window_days = 30.4375; // synchronisation window (budget cycle)
  double population_scale = 1.0;
  std::vector<AreaSpec> areas;
  // The first simulated day (warm-up included), as YYYY-MM-DD; intervention
  // dates count from it. ASSUMPTION: the start of a financial year.
  std::string start_date = "2024-04-01";
  std::vector<Intervention> interventions;
  // Whether each run is repeated without each intervention in turn to
  // measure its return (intervention_returns.hpp): one extra run of the
  // covered areas per intervention. Off for sweeps that need no returns.
  bool intervention_returns = true;
  // The scenario after --set overrides, as YAML; with the embedded defaults
  // and the hcsim version it determines every run.
  std::string resolved_yaml;
};

// Overrides given on the command line; they win over the file.
struct ScenarioOverrides {
  std::vector<std::string> set;  // "key.path=value"
  std::optional<std::uint64_t> seed;
  std::optional<std::int64_t> replications;
  // A sweep point's assignments ("key.path=value"), applied after `set` and
  // reported as coming from `sweep_label` (e.g. "sweep point 3").
  std::vector<std::string> sweep;
  std::string sweep_label = "sweep";
};

// Reads and checks a scenario; throws InputError listing every problem.
[[nodiscard]] Scenario load_scenario(const std::string& path, const ScenarioOverrides& overrides);
[[nodiscard]] Scenario parse_scenario(const std::string& text, const std::string& file,
                                      const ScenarioOverrides& overrides);
// Reads a parsed (and possibly merged) scenario tree.
[[nodiscard]] Scenario read_scenario(YAML::Node root, const std::string& file,
                                     const ScenarioOverrides& overrides, NodeOrigins& origins);

// Applies one "key.path=value" override onto a YAML tree. Path parts are map
// keys, list indices, or (inside `areas`) area names. The new nodes are
// recorded in `origins` as coming from "--set". Throws InputError.
void apply_set_override(YAML::Node& root, const std::string& assignment, NodeOrigins& origins,
                        const std::string& origin_label = "--set");
// Applies every override of `assignments` in order, adding the problems of
// each bad one to `diagnostics`, so that all are reported together.
void apply_set_overrides(YAML::Node& root, const std::vector<std::string>& assignments,
                         NodeOrigins& origins, const std::string& origin_label,
                         Diagnostics& diagnostics);

// Reads a scenario file and the chain of files it `extends:` (paths relative
// to the extending file), merged: mappings merge key by key with the
// extending file winning; any other value, lists included, is replaced whole.
// Records each node's file in `origins`.
[[nodiscard]] YAML::Node load_scenario_tree(const std::string& path, NodeOrigins& origins);

// scenarios/default.yaml as shipped, embedded so `hcsim bench` runs anywhere.
[[nodiscard]] std::string_view default_scenario_text();
inline constexpr const char* default_scenario_name = "<embedded scenarios/default.yaml>";

// The `sweep:` block of a scenario tree, read by the run plan (run_plan.hpp);
// the scenario reader itself ignores it.
inline constexpr const char* sweep_key = "sweep";

// Scaled capacity: full-scale value times scale, rounded to whole units.
[[nodiscard]] std::int64_t scaled_count(double full_scale, double scale) noexcept;

}  // namespace hcsim::models
