#include "models/simulation.hpp"

#include <tbb/task_arena.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <mutex>
#include <numeric>

#include "models/budget_record.hpp"
#include "models/interventions/intervention_returns.hpp"
#include "sim/parallel.hpp"
#include "sim/window_runner.hpp"

namespace hcsim::models {

double ReplicationResult::total(Metric metric) const {
  if (metric_info[index_of(metric)].aggregation == Aggregation::life_table) {
    return life_expectancy_at_65(life_table_sex(metric), 0, years);
  }
  return aggregate(metric, areas, years, [this](std::size_t m, std::size_t area, std::size_t year) {
    return value(area, static_cast<Metric>(m), year);
  });
}

double ReplicationResult::life_expectancy_at_65(Sex sex, std::size_t first_year,
                                                std::size_t end_year) const {
  LifeTableColumn deaths{}, exposure{};
  const std::size_t per_year = life_table_sexes * life_table_age_groups;
  if (life_table_deaths.size() < areas * years * per_year ||
      life_table_exposure.size() < areas * years * per_year) {
    return 0.0;  // a run not computed here holds nothing
  }
  for (std::size_t area = 0; area < areas; ++area) {
    for (std::size_t year = first_year; year < end_year && year < years; ++year) {
      const std::size_t at = (area * years + year) * per_year +
                             static_cast<std::size_t>(sex) * life_table_age_groups;
      for (std::size_t group = 0; group < life_table_age_groups; ++group) {
        deaths[group] += life_table_deaths[at + group];
        exposure[group] += life_table_exposure[at + group];
      }
    }
  }
  return period_life_expectancy(deaths, exposure);
}

MeasurementPlan measurement_plan(const Scenario& scenario) {
  MeasurementPlan plan;
  plan.origin_days = scenario.warmup_days;
  plan.end_days = scenario.warmup_days + scenario.horizon_years * 365.25;
  plan.years = static_cast<std::size_t>(std::ceil(scenario.horizon_years - 1e-9));
  plan.window_days = scenario.window_days;
  return plan;
}

std::vector<const ReplicationResult*> ExperimentResult::runs_of(std::size_t point) const {
  std::vector<const ReplicationResult*> selected;
  for (const auto& run : runs) {
    if (run.point == point) selected.push_back(&run);
  }
  return selected;
}

namespace {

// Simulates the areas marked in `areas_run` (all when empty); the others keep
// zero measures. Areas do not interact, so leaving some out changes nothing
// in the rest.
ReplicationResult simulate(const Scenario& scenario, std::int64_t replication,
                           const sim::StopFlag* stop, const TransitionLogOptions& log,
                           const std::vector<char>& areas_run) {
  const MeasurementPlan plan = measurement_plan(scenario);
  const sim::RandomStreams streams(scenario.seed, static_cast<std::uint64_t>(replication));
  const std::size_t area_count = scenario.areas.size();
  auto runs = [&](std::size_t a) { return areas_run.empty() || areas_run[a] != 0; };

  using Clock = std::chrono::steady_clock;
  const auto synthesis_start = Clock::now();
  // Synthesis is per area and independent, so it runs in parallel too, the
  // most populous areas first so that no large one starts last.
  std::vector<std::size_t> by_size(area_count);
  std::iota(by_size.begin(), by_size.end(), std::size_t{0});
  std::stable_sort(by_size.begin(), by_size.end(), [&](std::size_t a, std::size_t b) {
    return scenario.areas[a].population > scenario.areas[b].population;
  });
  std::vector<std::unique_ptr<CareArea>> areas(area_count);
  sim::parallel_for_each_in_order(by_size, [&](std::size_t i) {
    if (!runs(i)) return;
    areas[i] = std::make_unique<CareArea>(scenario.areas[i], static_cast<std::uint32_t>(i),
                                          scenario.population_scale, plan, streams);
    if (log.people_per_area > 0) areas[i]->enable_transition_log(log);
  });
  std::vector<CareArea*> running;
  for (auto& area : areas) {
    if (area) running.push_back(area.get());
  }
  // by_size, as places in `running`.
  std::vector<std::size_t> largest_first(running.size());
  std::iota(largest_first.begin(), largest_first.end(), std::size_t{0});
  std::stable_sort(largest_first.begin(), largest_first.end(), [&](std::size_t a, std::size_t b) {
    return running[a]->people() > running[b]->people();
  });

  const auto simulation_start = Clock::now();
  std::vector<sim::Area*> engine_areas(running.begin(), running.end());
  sim::WindowPlan windows;
  windows.start = 0.0;
  windows.end = plan.end_days;
  windows.window_length = scenario.window_days;
  sim::run_windows(engine_areas, windows, [&](std::size_t window, sim::Days at) {
    if (stop && stop->load(std::memory_order_relaxed)) throw sim::Interrupted();
    // Budget cycles run here, between windows. Each reads and writes only
    // its own area (its funding, GP access and pending admissions), so they
    // run in parallel like the windows; run one after another they were a
    // fifth of a 1%-scale run's work on one thread (benchmarks/README.md).
    sim::parallel_for_each_in_order(largest_first, [&](std::size_t i) {
      running[i]->on_budget_cycle(window, at);
    });
    for (CareArea* area : running) {
      const std::string bad = area->first_non_finite_measure();
      if (!bad.empty()) {
        throw sim::NumericalError("replication " + std::to_string(replication) + ", area '" +
                                  area->name() + "', by day " + std::to_string(at) + ": " + bad +
                                  " is not a finite number; the run was stopped before "
                                  "writing it");
      }
    }
  });

  ReplicationResult result;
  result.synthesis_seconds =
      std::chrono::duration<double>(simulation_start - synthesis_start).count();
  result.simulation_seconds =
      std::chrono::duration<double>(Clock::now() - simulation_start).count();
  result.replication = replication;
  result.areas = area_count;
  result.years = plan.years;
  result.values.assign(area_count * metric_count * plan.years, 0.0);
  result.cost_by_payer_service.assign(
      area_count * plan.years * payer_count * care_service_count, 0.0);
  result.values_by_age_band.assign(
      area_count * age_band_count * age_band_metric_count * plan.years, 0.0);
  const std::size_t life_table_cells =
      area_count * plan.years * life_table_sexes * life_table_age_groups;
  result.life_table_deaths.assign(life_table_cells, 0.0);
  result.life_table_exposure.assign(life_table_cells, 0.0);
  for (std::size_t a = 0; a < area_count; ++a) {
    if (!areas[a]) {
      result.facts.push_back({scenario.areas[a].name, 0, 0, 0});
      continue;
    }
    CareArea& area = *areas[a];
    area.finish(plan.end_days);
    result.events += area.events_processed();
    for (std::size_t m = 0; m < metric_count; ++m) {
      for (std::size_t year = 0; year < plan.years; ++year) {
        result.values[(a * metric_count + m) * plan.years + year] =
            area.measure(static_cast<Metric>(m), year);
      }
    }
    std::size_t banded = a * age_band_count * age_band_metric_count * plan.years;
    for (std::size_t band = 0; band < age_band_count; ++band) {
      for (const Metric metric : age_band_metrics) {
        for (std::size_t year = 0; year < plan.years; ++year) {
          result.values_by_age_band[banded++] = area.measure_by_age_band(metric, band, year);
        }
      }
    }
    std::size_t life_table_at = a * plan.years * life_table_sexes * life_table_age_groups;
    for (std::size_t year = 0; year < plan.years; ++year) {
      for (const Sex sex : {Sex::male, Sex::female}) {
        for (std::size_t group = 0; group < life_table_age_groups; ++group, ++life_table_at) {
          result.life_table_deaths[life_table_at] = area.life_table().deaths(sex, group, year);
          result.life_table_exposure[life_table_at] = area.life_table().exposure(sex, group, year);
        }
      }
    }
    std::size_t at = a * plan.years * payer_count * care_service_count;
    for (std::size_t year = 0; year < plan.years; ++year) {
      for (std::size_t p = 0; p < payer_count; ++p) {
        for (std::size_t s = 0; s < care_service_count; ++s) {
          result.cost_by_payer_service[at++] =
              area.spend(static_cast<Payer>(p), static_cast<CareService>(s), year);
        }
      }
    }
    const auto& history = area.ledger().history();
    result.cycles = history.size();
    for (const auto& row : history) append_budget_row(row, result.budget_history);
    result.facts.push_back({area.name(), static_cast<std::int64_t>(area.people()),
                            area.hospital_beds(), area.care_home_places()});
    if (area.transition_log()) {
      result.transitions.push_back(area.transition_log()->records());
      result.transitions_truncated.push_back(area.transition_log()->truncated() ? 1 : 0);
    }
  }
  return result;
}

}  // namespace

ReplicationResult run_replication(const Scenario& scenario, std::int64_t replication,
                                  const sim::StopFlag* stop, const TransitionLogOptions& log) {
  ReplicationResult result = simulate(scenario, replication, stop, log, {});
  if (!wants_intervention_returns(scenario)) return result;
  // One counterfactual per intervention, each on the same random numbers.
  for (std::size_t i = 0; i < scenario.interventions.size(); ++i) {
    const std::vector<char> covered = areas_covered(scenario, i);
    const ReplicationResult without =
        simulate(without_intervention(scenario, i), replication, stop, {}, covered);
    result.events += without.events;
    result.simulation_seconds += without.synthesis_seconds + without.simulation_seconds;
    append_intervention_return(result, without, covered, result.intervention_returns);
  }
  return result;
}

ExperimentResult run_plan(const RunPlan& plan, const PlanExecution& execution) {
  ExperimentResult experiment;
  experiment.plan = measurement_plan(plan.points.front().scenario);
  experiment.points = plan.points.size();
  const std::size_t count = plan.run_count();
  experiment.runs.resize(count);
  std::vector<char> to_do(count, 1);
  std::size_t done = 0;
  for (std::size_t run = 0; run < count && run < execution.finished.size(); ++run) {
    if (execution.finished[run]) {
      experiment.runs[run] = *execution.finished[run];
      to_do[run] = 0;
      ++done;
    }
  }
  std::vector<std::size_t> pending;
  for (std::size_t run = 0; run < count; ++run) {
    const bool here = execution.runs_here.empty() || execution.runs_here[run];
    if (to_do[run] && here) pending.push_back(run);
  }

  std::mutex report_mutex;
  tbb::task_arena arena(execution.threads > 0 ? execution.threads
                                              : tbb::task_arena::automatic);
  arena.execute([&] {
    sim::parallel_for_index(pending.size(), [&](std::size_t i) {
      const std::size_t run = pending[i];
      ReplicationResult result =
          run_replication(plan.points[plan.point_of(run)].scenario, plan.replication_of(run),
                          execution.stop, execution.transition_log);
      result.point = plan.point_of(run);
      std::lock_guard lock(report_mutex);
      experiment.runs[run] = std::move(result);
      ++done;
      if (execution.run_done) execution.run_done(run, experiment.runs[run]);
      if (execution.progress) execution.progress(done, count);
    });
  });
  for (const auto& run : experiment.runs) {
    if (experiment.areas.empty()) experiment.areas = run.facts;
    experiment.events += run.events;
  }
  return experiment;
}

void encode_run(std::size_t run, const ReplicationResult& result, std::vector<double>& out) {
  // Counts and indices are far below 2^53, so doubles carry them exactly.
  out.push_back(static_cast<double>(run));
  out.push_back(static_cast<double>(result.point));
  out.push_back(static_cast<double>(result.replication));
  out.push_back(static_cast<double>(result.events));
  out.push_back(static_cast<double>(result.facts.size()));
  for (const auto& fact : result.facts) {
    out.push_back(static_cast<double>(fact.people));
    out.push_back(static_cast<double>(fact.hospital_beds));
    out.push_back(static_cast<double>(fact.care_home_places));
  }
  out.push_back(static_cast<double>(result.values.size()));
  out.insert(out.end(), result.values.begin(), result.values.end());
  out.push_back(static_cast<double>(result.cost_by_payer_service.size()));
  out.insert(out.end(), result.cost_by_payer_service.begin(), result.cost_by_payer_service.end());
  out.push_back(static_cast<double>(result.cycles));
  out.push_back(static_cast<double>(result.budget_history.size()));
  out.insert(out.end(), result.budget_history.begin(), result.budget_history.end());
  out.push_back(static_cast<double>(result.intervention_returns.size()));
  out.insert(out.end(), result.intervention_returns.begin(), result.intervention_returns.end());
  out.push_back(static_cast<double>(result.values_by_age_band.size()));
  out.insert(out.end(), result.values_by_age_band.begin(), result.values_by_age_band.end());
  for (const auto* counts : {&result.life_table_deaths, &result.life_table_exposure}) {
    out.push_back(static_cast<double>(counts->size()));
    out.insert(out.end(), counts->begin(), counts->end());
  }
}

void decode_runs(const std::vector<double>& buffer, const RunPlan& plan,
                 std::vector<ReplicationResult>& runs) {
  std::size_t at = 0;
  auto next = [&]() { return buffer.at(at++); };
  while (at < buffer.size()) {
    const auto run = static_cast<std::size_t>(next());
    ReplicationResult& result = runs.at(run);
    result.point = static_cast<std::size_t>(next());
    result.replication = static_cast<std::int64_t>(next());
    result.events = static_cast<std::uint64_t>(next());
    const auto& scenario = plan.points.at(result.point).scenario;
    const auto areas = static_cast<std::size_t>(next());
    result.facts.clear();
    for (std::size_t a = 0; a < areas; ++a) {
      AreaFacts fact;
      fact.name = scenario.areas.at(a).name;
      fact.people = static_cast<std::int64_t>(next());
      fact.hospital_beds = static_cast<std::int64_t>(next());
      fact.care_home_places = static_cast<std::int64_t>(next());
      result.facts.push_back(std::move(fact));
    }
    const auto count = static_cast<std::size_t>(next());
    result.values.assign(buffer.begin() + static_cast<std::ptrdiff_t>(at),
                         buffer.begin() + static_cast<std::ptrdiff_t>(at + count));
    at += count;
    auto take = [&](std::vector<double>& target) {
      const auto size = static_cast<std::size_t>(next());
      target.assign(buffer.begin() + static_cast<std::ptrdiff_t>(at),
                    buffer.begin() + static_cast<std::ptrdiff_t>(at + size));
      at += size;
    };
    take(result.cost_by_payer_service);
    result.cycles = static_cast<std::size_t>(next());
    take(result.budget_history);
    take(result.intervention_returns);
    take(result.values_by_age_band);
    take(result.life_table_deaths);
    take(result.life_table_exposure);
    result.areas = areas;
    result.years = areas > 0 ? count / (areas * metric_count) : 0;
  }
}

ExperimentResult run_experiment(const Scenario& scenario, int threads,
                                const ProgressCallback& progress, const sim::StopFlag* stop) {
  PlanExecution execution;
  execution.threads = threads;
  execution.progress = progress;
  execution.stop = stop;
  return run_plan(single_point_plan(scenario), execution);
}

}  // namespace hcsim::models
