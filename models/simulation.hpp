#pragma once
// Runs a scenario: every replication, every area, in parallel under oneTBB,
// with results that do not depend on the number of threads.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "models/age_band_measures.hpp"
#include "models/care_area.hpp"
#include "models/life_table_counts.hpp"
#include "models/metrics.hpp"
#include "models/run_plan.hpp"
#include "models/scenario.hpp"
#include "models/transition_log.hpp"
#include "sim/run_control.hpp"

namespace hcsim::models {

struct AreaFacts {
  std::string name;
  std::int64_t people = 0;
  std::int64_t hospital_beds = 0;
  std::int64_t care_home_places = 0;
};

// Measures of one run (one replication of one sweep point):
// value(area, metric, year).
struct ReplicationResult {
  std::size_t point = 0;
  std::int64_t replication = 0;
  std::size_t areas = 0;
  std::size_t years = 0;
  std::vector<double> values;  // [area][metric][year]
  std::uint64_t events = 0;
  // Wall-clock seconds by phase, for benchmarks; not part of the results.
  double synthesis_seconds = 0.0;
  double simulation_seconds = 0.0;
  std::vector<AreaFacts> facts;  // simulated people and capacities per area
  // Individual histories of a sample of people, per area, when asked for.
  std::vector<std::vector<TransitionRecord>> transitions;
  std::vector<char> transitions_truncated;  // per area: the record limit was reached
  // Spend by payer and service: [area][year][payer][service] (pounds).
  std::vector<double> cost_by_payer_service;
  // Budget cycles: [area][cycle][field], fields as budget_history_fields().
  std::vector<double> budget_history;
  std::size_t cycles = 0;
  // Each intervention's return against its counterfactual run:
  // [intervention][field], fields as intervention_return_fields(); empty when
  // the scenario asks for none.
  std::vector<double> intervention_returns;
  // The metrics of age_band_metrics by age band:
  // [area][band][age_band_metrics slot][year].
  std::vector<double> values_by_age_band;
  // Deaths and person-years at risk from 65 by age group, behind the
  // life-expectancy metrics: [area][year][sex][group] (models/life_table.hpp).
  std::vector<double> life_table_deaths;
  std::vector<double> life_table_exposure;

  [[nodiscard]] double value(std::size_t area, Metric metric, std::size_t year) const {
    return values[(area * metric_count + index_of(metric)) * years + year];
  }
  // `metric` must be in age_band_metrics.
  [[nodiscard]] double value_by_age_band(std::size_t area, std::size_t band, Metric metric,
                                         std::size_t year) const {
    return values_by_age_band[((area * age_band_count + band) * age_band_metric_count +
                               age_band_slot(metric)) *
                                  years +
                              year];
  }
  // Over areas and years, as the metric adds up (metrics.hpp: a sum, a
  // ratio of sums, a daily level, the last year's snapshot, or a life table
  // of the deaths and person-years of every area and year).
  [[nodiscard]] double total(Metric metric) const;
  // Life expectancy at 65 of `sex` from the deaths and person-years of every
  // area in measured years [first_year, end_year), added in area then year
  // order so the result does not depend on where or in what order runs and
  // areas were computed.
  [[nodiscard]] double life_expectancy_at_65(Sex sex, std::size_t first_year,
                                             std::size_t end_year) const;
};

// Some of a run's areas, simulated in one process: a distributed run splits
// a run's areas over ranks when that balances the work, and rank 0 puts the
// shares together. Areas do not interact, so an area's numbers are the same
// whichever other areas were simulated with it.
struct RunShare {
  std::size_t run = 0;
  std::vector<char> areas;  // a flag per area of the scenario: simulated here
  // The run's measures for those areas (zero elsewhere).
  ReplicationResult with;
  // Per intervention, when the scenario asks for returns: the counterfactual
  // run without it, for the areas here that it covers.
  std::vector<ReplicationResult> without;
};

struct ExperimentResult {
  MeasurementPlan plan;
  std::vector<AreaFacts> areas;  // from the first run
  std::size_t points = 1;
  // Every run, in run order: point-major, replication-minor.
  std::vector<ReplicationResult> runs;
  // Runs computed here for some of their areas only (PlanExecution's
  // areas_here), in run order; their entries in `runs` stay empty.
  std::vector<RunShare> shares;
  std::uint64_t events = 0;

  // The runs of sweep point `point`.
  [[nodiscard]] std::vector<const ReplicationResult*> runs_of(std::size_t point) const;
};

[[nodiscard]] MeasurementPlan measurement_plan(const Scenario& scenario);

// One replication; areas advance in parallel in the calling task arena.
// At every window end it checks `stop` (throwing sim::Interrupted) and that
// every measure is finite (throwing sim::NumericalError).
[[nodiscard]] ReplicationResult run_replication(const Scenario& scenario, std::int64_t replication,
                                                const sim::StopFlag* stop = nullptr,
                                                const TransitionLogOptions& log = {});

// The areas flagged in `areas` of one replication, with the counterfactual
// runs that its intervention returns need for them. run_replication is
// complete_run of the share of every area.
[[nodiscard]] RunShare simulate_share(const Scenario& scenario, std::int64_t replication,
                                      const std::vector<char>& areas,
                                      const sim::StopFlag* stop = nullptr,
                                      const TransitionLogOptions& log = {});
// Copies the areas of `part` into `whole`, a share of the same run; the two
// must not both hold an area. Individual histories (transition logs) are
// copied area by area like the measures.
void merge_share(RunShare& whole, const RunShare& part);
// The run from a share of all its areas: its intervention returns are
// computed from the counterfactuals, area by area in order, so they do not
// depend on how the areas were split.
[[nodiscard]] ReplicationResult complete_run(const Scenario& scenario, RunShare share);

// Called after each finished run with (done, total); from any thread,
// serialised.
using ProgressCallback = std::function<void(std::size_t done, std::size_t total)>;
// Called with each run as it finishes (for checkpoints); serialised.
using RunDoneCallback = std::function<void(std::size_t run, const ReplicationResult&)>;

struct PlanExecution {
  int threads = 0;  // 0: all hardware threads
  ProgressCallback progress;
  RunDoneCallback run_done;
  const sim::StopFlag* stop = nullptr;
  // Runs already finished (a resumed plan): indexed by run, empty where the
  // run is still to do. Finished runs are taken as they are.
  std::vector<std::optional<ReplicationResult>> finished;
  // Which areas of each run this process computes (a distributed run gives
  // each rank its share): indexed by run, a flag per area. Empty: every area
  // of every run. A run with every area flagged is computed whole; one with
  // none is left out (its entry in the result stays empty); one with some
  // becomes a RunShare in ExperimentResult::shares and is not passed to
  // run_done, as it is not a finished run.
  std::vector<std::vector<char>> areas_here;
  // Optional individual histories (off by default).
  TransitionLogOptions transition_log;
};

// Every run of the plan, in parallel (runs and, inside each, areas).
[[nodiscard]] ExperimentResult run_plan(const RunPlan& plan, const PlanExecution& execution);

// All replications of one scenario, on `threads` worker threads.
[[nodiscard]] ExperimentResult run_experiment(const Scenario& scenario, int threads,
                                              const ProgressCallback& progress = {},
                                              const sim::StopFlag* stop = nullptr);

}  // namespace hcsim::models
