#pragma once
// A run plan: the scenario's sweep points times its replications.
//
// A scenario may declare
//
//   sweep:
//     grid:                         # every combination of the listed values
//       parameters.hospital.beds_per_1000: [1.6, 1.8, 2.0]
//       areas.London.care_home_places: [20000, 30000]
//   # or
//   sweep:
//     latin_hypercube:              # N points spread over the ranges
//       points: 20
//       ranges:
//         parameters.hospital.beds_per_1000: [1.5, 2.5]
//
// Keys are --set paths. Every point is a complete scenario, read and checked
// like any other before anything runs; all points share the seed, so each
// replication of each point uses the same random numbers for the same person
// and purpose (common random numbers across the sweep).
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "models/scenario.hpp"

namespace hcsim::models {

struct SweepPoint {
  std::vector<std::string> assignments;  // "key.path=value", in sweep key order
  std::vector<double> values;            // numeric value per key (NaN when not a number)
  std::string label;                     // assignments joined by ", "; "" without a sweep
  Scenario scenario;
};

struct RunPlan {
  std::string file;
  std::string sweep_method = "none";  // none, grid, latin_hypercube
  std::vector<std::string> sweep_keys;
  std::vector<SweepPoint> points;     // at least one
  std::int64_t replications = 1;      // per point
  std::uint64_t seed = 1;

  [[nodiscard]] std::size_t run_count() const noexcept {
    return points.size() * static_cast<std::size_t>(replications);
  }
  [[nodiscard]] std::size_t point_of(std::size_t run) const noexcept {
    return run / static_cast<std::size_t>(replications);
  }
  [[nodiscard]] std::int64_t replication_of(std::size_t run) const noexcept {
    return static_cast<std::int64_t>(run % static_cast<std::size_t>(replications));
  }
  // Identifies the plan's runs: version, defaults, every point's resolved
  // scenario, seed and replications. A resume must match it exactly.
  [[nodiscard]] std::string fingerprint(const std::string& hcsim_version) const;
};

// The most runs (sweep points x replications) one plan may have. Every
// point is read and checked before anything runs, and every run is tracked
// while the plan runs, so a plan far beyond what can finish is refused from
// its counts alone.
inline constexpr std::int64_t max_runs = 10'000'000;

// Called with the base scenario (overrides applied) and the number of sweep
// points before the points are read and checked one by one (which takes
// about a millisecond each): a command refuses here, by throwing InputError,
// a plan too large for its limits (memory, output size) without the wait.
using PlanSizeCheck = std::function<void(const Scenario& base, std::size_t points)>;

// Reads a scenario file with its sweep into a plan; throws InputError listing
// every problem (an unknown sweep key, an empty value list, a bad range), each
// once however many points it applies to. Refuses a plan of more than
// max_runs runs before reading its points.
[[nodiscard]] RunPlan load_run_plan(const std::string& path, const ScenarioOverrides& overrides,
                                    const PlanSizeCheck& before_expanding = {});

// A plan of one point: the scenario as it is.
[[nodiscard]] RunPlan single_point_plan(Scenario scenario);

}  // namespace hcsim::models
