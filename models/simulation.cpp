#include "models/simulation.hpp"

#include <tbb/task_arena.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <mutex>
#include <numeric>
#include <stdexcept>
#include <string>

#include "models/budget_record.hpp"
#include "models/input_error.hpp"
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
  // Areas do not affect one another (each has its own people, services and
  // budgets), so each runs through all its windows on one thread, doing its
  // own window-end work. No thread waits for the slowest area at each window
  // end, and an area's state stays in one thread's caches for all its
  // windows: a run at 1% scale took a fifth less time on one thread and on
  // two (benchmarks/README.md, eighth round).
  sim::run_areas_independently(
      engine_areas, windows, largest_first, [&](std::size_t i, std::size_t window, sim::Days at) {
        if (stop && stop->load(std::memory_order_relaxed)) throw sim::Interrupted();
        CareArea& area = *running[i];
        // The budget cycle reads and writes only this area (its funding, GP
        // access and pending admissions).
        area.on_budget_cycle(window, at);
        // A year's measures take their last amounts while the clock is in
        // it; later they change only where a level held across its end is
        // brought up to date, and a level that is not finite makes the
        // current year's measure so too. So a window checks the years its
        // clock passed through, widened by a day at each end against
        // rounding at a year's bound, and the last window every year. A
        // check of every year at every window grew with the square of the
        // horizon, and one of every year to the horizon cost 3% of the
        // instructions of a ten-year run at 1% scale.
        const bool last_window = window + 1 == windows.window_count();
        const double started = window == 0 ? windows.start : windows.window_end(window - 1);
        const double a_day = 1.0 / sim::days_per_year;
        const double years_in = (started - plan.origin_days) / sim::days_per_year - a_day;
        const double years_at = (at - plan.origin_days) / sim::days_per_year + a_day;
        const std::size_t first_year =
            last_window || years_in < 0.0 ? 0 : static_cast<std::size_t>(years_in);
        const std::size_t end_year = last_window || years_at >= static_cast<double>(plan.years)
                                         ? plan.years
                                         : static_cast<std::size_t>(std::max(years_at, 0.0)) + 1;
        const std::string bad = area.first_non_finite_measure(first_year, end_year);
        if (!bad.empty()) {
          throw sim::NumericalError("replication " + std::to_string(replication) + ", area '" +
                                    area.name() + "', by day " + format_number(at) + ": " + bad +
                                    " is not a finite number; the run was stopped before "
                                    "writing it");
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
  // Every area has the same budget cycles; an area not simulated gets rows of
  // zeros, so that the shares of a run merge area by area.
  for (const auto& area : areas) {
    if (area) {
      result.cycles = area->ledger().history().size();
      break;
    }
  }
  const std::size_t budget_row_size = budget_history_fields().size();
  for (std::size_t a = 0; a < area_count; ++a) {
    if (!areas[a]) {
      result.facts.push_back({scenario.areas[a].name, 0, 0, 0});
      result.budget_history.resize(result.budget_history.size() + result.cycles * budget_row_size,
                                   0.0);
      if (log.people_per_area > 0) {
        result.transitions.emplace_back();
        result.transitions_truncated.push_back(0);
      }
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
    for (const auto& row : area.ledger().history()) append_budget_row(row, result.budget_history);
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

RunShare simulate_share(const Scenario& scenario, std::int64_t replication,
                        const std::vector<char>& areas, const sim::StopFlag* stop,
                        const TransitionLogOptions& log) {
  if (areas.size() != scenario.areas.size()) {
    throw std::logic_error("simulate_share: a flag per area is needed");
  }
  RunShare share;
  share.areas = areas;
  share.with = simulate(scenario, replication, stop, log, areas);
  if (!wants_intervention_returns(scenario)) return share;
  // One counterfactual per intervention, each on the same random numbers,
  // of the areas here that it covers.
  for (std::size_t i = 0; i < scenario.interventions.size(); ++i) {
    std::vector<char> covered = areas_covered(scenario, i);
    for (std::size_t a = 0; a < covered.size(); ++a) covered[a] = covered[a] && areas[a];
    share.without.push_back(simulate(without_intervention(scenario, i), replication, stop, {},
                                     covered));
  }
  return share;
}

namespace {

// Copies the slices of the flagged areas of `from` into `into`, both laid
// out area-major ([area][...]); an empty `from` holds nothing to copy.
void copy_areas(std::vector<double>& into, const std::vector<double>& from,
                const std::vector<char>& areas) {
  if (from.empty()) return;
  if (into.empty()) into.assign(from.size(), 0.0);
  if (into.size() != from.size() || from.size() % areas.size() != 0) {
    throw std::logic_error("merge_share: shares of one run differ in shape");
  }
  const std::size_t per_area = from.size() / areas.size();
  for (std::size_t a = 0; a < areas.size(); ++a) {
    if (!areas[a]) continue;
    const auto begin = from.begin() + static_cast<std::ptrdiff_t>(a * per_area);
    std::copy(begin, begin + static_cast<std::ptrdiff_t>(per_area),
              into.begin() + static_cast<std::ptrdiff_t>(a * per_area));
  }
}

void merge_areas(ReplicationResult& into, const ReplicationResult& from,
                 const std::vector<char>& areas) {
  copy_areas(into.values, from.values, areas);
  copy_areas(into.cost_by_payer_service, from.cost_by_payer_service, areas);
  copy_areas(into.budget_history, from.budget_history, areas);
  copy_areas(into.values_by_age_band, from.values_by_age_band, areas);
  copy_areas(into.life_table_deaths, from.life_table_deaths, areas);
  copy_areas(into.life_table_exposure, from.life_table_exposure, areas);
  into.cycles = std::max(into.cycles, from.cycles);
  // Transition logs, when kept, have an entry per area (empty where the
  // area was simulated elsewhere).
  if (!from.transitions.empty()) {
    if (from.transitions.size() != areas.size() ||
        from.transitions_truncated.size() != areas.size()) {
      throw std::logic_error("merge_share: a transition log without an entry per area");
    }
    into.transitions.resize(areas.size());
    into.transitions_truncated.resize(areas.size(), 0);
    for (std::size_t a = 0; a < areas.size(); ++a) {
      if (!areas[a]) continue;
      into.transitions[a] = from.transitions[a];
      into.transitions_truncated[a] = from.transitions_truncated[a];
    }
  }
  if (into.facts.size() != areas.size() || from.facts.size() != areas.size()) {
    throw std::logic_error("merge_share: a share without a fact per area");
  }
  for (std::size_t a = 0; a < areas.size(); ++a) {
    if (areas[a]) into.facts[a] = from.facts[a];
  }
  into.events += from.events;
  into.synthesis_seconds += from.synthesis_seconds;
  into.simulation_seconds += from.simulation_seconds;
}

}  // namespace

void merge_share(RunShare& whole, const RunShare& part) {
  if (part.run != whole.run || part.areas.size() != whole.areas.size() ||
      part.without.size() != whole.without.size()) {
    throw std::logic_error("merge_share: the shares are not of one run");
  }
  for (std::size_t a = 0; a < part.areas.size(); ++a) {
    if (part.areas[a] && whole.areas[a]) {
      throw std::logic_error("merge_share: area " + std::to_string(a) + " is in two shares");
    }
  }
  merge_areas(whole.with, part.with, part.areas);
  for (std::size_t i = 0; i < part.without.size(); ++i) {
    merge_areas(whole.without[i], part.without[i], part.areas);
  }
  for (std::size_t a = 0; a < part.areas.size(); ++a) {
    if (part.areas[a]) whole.areas[a] = 1;
  }
}

ReplicationResult complete_run(const Scenario& scenario, RunShare share) {
  if (std::find(share.areas.begin(), share.areas.end(), 0) != share.areas.end()) {
    throw std::logic_error("complete_run: the share lacks some of the run's areas");
  }
  ReplicationResult result = std::move(share.with);
  for (std::size_t i = 0; i < share.without.size(); ++i) {
    const ReplicationResult& without = share.without[i];
    result.events += without.events;
    result.simulation_seconds += without.synthesis_seconds + without.simulation_seconds;
    append_intervention_return(result, without, areas_covered(scenario, i),
                               result.intervention_returns);
  }
  return result;
}

ReplicationResult run_replication(const Scenario& scenario, std::int64_t replication,
                                  const sim::StopFlag* stop, const TransitionLogOptions& log) {
  const std::vector<char> every_area(scenario.areas.size(), 1);
  return complete_run(scenario, simulate_share(scenario, replication, every_area, stop, log));
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
  // How much of each run is computed here: all, none or some of its areas.
  auto flagged = [&](std::size_t run) {
    if (execution.areas_here.empty()) return plan.points[plan.point_of(run)].scenario.areas.size();
    const auto& areas = execution.areas_here.at(run);
    return static_cast<std::size_t>(std::count(areas.begin(), areas.end(), 1));
  };
  std::vector<std::size_t> pending;
  for (std::size_t run = 0; run < count; ++run) {
    if (to_do[run] && flagged(run) > 0) pending.push_back(run);
  }

  std::mutex report_mutex;
  tbb::task_arena arena(sim::arena_size(execution.threads));
  arena.execute([&] {
    sim::parallel_for_index(pending.size(), [&](std::size_t i) {
      const std::size_t run = pending[i];
      const Scenario& scenario = plan.points[plan.point_of(run)].scenario;
      if (flagged(run) < scenario.areas.size()) {
        RunShare share = simulate_share(scenario, plan.replication_of(run),
                                        execution.areas_here[run], execution.stop,
                                        execution.transition_log);
        share.run = run;
        share.with.point = plan.point_of(run);
        std::lock_guard lock(report_mutex);
        experiment.shares.push_back(std::move(share));
        ++done;
        if (execution.progress) execution.progress(done, count);
        return;
      }
      ReplicationResult result = run_replication(scenario, plan.replication_of(run),
                                                 execution.stop, execution.transition_log);
      result.point = plan.point_of(run);
      std::lock_guard lock(report_mutex);
      experiment.runs[run] = std::move(result);
      ++done;
      if (execution.run_done) execution.run_done(run, experiment.runs[run]);
      if (execution.progress) execution.progress(done, count);
    });
  });
  std::sort(experiment.shares.begin(), experiment.shares.end(),
            [](const RunShare& a, const RunShare& b) { return a.run < b.run; });
  for (const auto& run : experiment.runs) {
    if (experiment.areas.empty()) experiment.areas = run.facts;
    experiment.events += run.events;
  }
  return experiment;
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
