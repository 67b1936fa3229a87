#pragma once
// Runs a scenario: every replication, every area, in parallel under oneTBB,
// with results that do not depend on the number of threads.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "models/care_area.hpp"
#include "models/metrics.hpp"
#include "models/scenario.hpp"
#include "sim/run_control.hpp"

namespace hcsim::models {

// Measures of one replication: value(area, metric, year).
struct ReplicationResult {
  std::int64_t replication = 0;
  std::size_t areas = 0;
  std::size_t years = 0;
  std::vector<double> values;  // [area][metric][year]
  std::uint64_t events = 0;
  // Wall-clock seconds by phase, for benchmarks; not part of the results.
  double synthesis_seconds = 0.0;
  double simulation_seconds = 0.0;

  [[nodiscard]] double value(std::size_t area, Metric metric, std::size_t year) const {
    return values[(area * metric_count + index_of(metric)) * years + year];
  }
  // Sum over areas and years.
  [[nodiscard]] double total(Metric metric) const;
};

struct AreaFacts {
  std::string name;
  std::int64_t people = 0;
  std::int64_t hospital_beds = 0;
  std::int64_t care_home_places = 0;
};

struct ExperimentResult {
  MeasurementPlan plan;
  std::vector<AreaFacts> areas;  // from replication 0
  std::vector<ReplicationResult> replications;
  std::uint64_t events = 0;
};

[[nodiscard]] MeasurementPlan measurement_plan(const Scenario& scenario);

// One replication; areas advance in parallel in the calling task arena.
// At every window end it checks `stop` (throwing sim::Interrupted) and that
// every measure is finite (throwing sim::NumericalError).
[[nodiscard]] ReplicationResult run_replication(const Scenario& scenario, std::int64_t replication,
                                                std::vector<AreaFacts>* facts = nullptr,
                                                const sim::StopFlag* stop = nullptr);

// Called after each finished replication with (done, total); from any thread,
// serialised.
using ProgressCallback = std::function<void(std::size_t done, std::size_t total)>;

// All replications, on `threads` worker threads (0: all hardware threads).
[[nodiscard]] ExperimentResult run_experiment(const Scenario& scenario, int threads,
                                              const ProgressCallback& progress = {},
                                              const sim::StopFlag* stop = nullptr);

}  // namespace hcsim::models
