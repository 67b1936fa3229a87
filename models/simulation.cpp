#include "models/simulation.hpp"

#include <tbb/task_arena.h>

#include <chrono>
#include <cmath>
#include <memory>
#include <mutex>

#include "sim/parallel.hpp"
#include "sim/window_runner.hpp"

namespace hcsim::models {

double ReplicationResult::total(Metric metric) const {
  double sum = 0.0;
  for (std::size_t area = 0; area < areas; ++area) {
    for (std::size_t year = 0; year < years; ++year) sum += value(area, metric, year);
  }
  return sum;
}

MeasurementPlan measurement_plan(const Scenario& scenario) {
  MeasurementPlan plan;
  plan.origin_days = scenario.warmup_days;
  plan.end_days = scenario.warmup_days + scenario.horizon_years * 365.25;
  plan.years = static_cast<std::size_t>(std::ceil(scenario.horizon_years - 1e-9));
  return plan;
}

ReplicationResult run_replication(const Scenario& scenario, std::int64_t replication,
                                  std::vector<AreaFacts>* facts, const sim::StopFlag* stop) {
  const MeasurementPlan plan = measurement_plan(scenario);
  const sim::RandomStreams streams(scenario.seed, static_cast<std::uint64_t>(replication));
  const std::size_t area_count = scenario.areas.size();

  using Clock = std::chrono::steady_clock;
  const auto synthesis_start = Clock::now();
  // Synthesis is per area and independent, so it runs in parallel too.
  std::vector<std::unique_ptr<CareArea>> areas(area_count);
  sim::parallel_for_index(area_count, [&](std::size_t i) {
    areas[i] = std::make_unique<CareArea>(scenario.areas[i], static_cast<std::uint32_t>(i),
                                          scenario.population_scale, plan, streams);
  });

  const auto simulation_start = Clock::now();
  std::vector<sim::Area*> engine_areas;
  for (auto& area : areas) engine_areas.push_back(area.get());
  sim::WindowPlan windows;
  windows.start = 0.0;
  windows.end = plan.end_days;
  windows.window_length = scenario.window_days;
  sim::run_windows(engine_areas, windows, [&](std::size_t, sim::Days at) {
    if (stop && stop->load(std::memory_order_relaxed)) throw sim::Interrupted();
    for (const auto& area : areas) {
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
  for (std::size_t a = 0; a < area_count; ++a) {
    CareArea& area = *areas[a];
    area.finish(plan.end_days);
    result.events += area.events_processed();
    for (std::size_t m = 0; m < metric_count; ++m) {
      for (std::size_t year = 0; year < plan.years; ++year) {
        result.values[(a * metric_count + m) * plan.years + year] =
            area.measure(static_cast<Metric>(m), year);
      }
    }
    if (facts) {
      facts->push_back({area.name(), static_cast<std::int64_t>(area.people()),
                        area.hospital_beds(), area.care_home_places()});
    }
  }
  return result;
}

ExperimentResult run_experiment(const Scenario& scenario, int threads,
                                const ProgressCallback& progress, const sim::StopFlag* stop) {
  ExperimentResult experiment;
  experiment.plan = measurement_plan(scenario);
  const auto count = static_cast<std::size_t>(scenario.replications);
  experiment.replications.resize(count);
  std::mutex progress_mutex;
  std::size_t done = 0;
  tbb::task_arena arena(threads > 0 ? threads : tbb::task_arena::automatic);
  arena.execute([&] {
    sim::parallel_for_index(count, [&](std::size_t r) {
      std::vector<AreaFacts> facts;
      experiment.replications[r] =
          run_replication(scenario, static_cast<std::int64_t>(r), r == 0 ? &facts : nullptr, stop);
      std::lock_guard lock(progress_mutex);
      if (r == 0) experiment.areas = std::move(facts);
      ++done;
      if (progress) progress(done, count);
    });
  });
  for (const auto& replication : experiment.replications) experiment.events += replication.events;
  return experiment;
}

}  // namespace hcsim::models
