#include "models/resource_estimate.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>

#include "models/age_band_measures.hpp"
#include "models/metrics.hpp"
#include "models/simulation.hpp"

namespace hcsim::models {

namespace {

std::int64_t workers(int threads) {
  return threads > 0 ? threads : std::max<std::int64_t>(1, std::thread::hardware_concurrency());
}

std::uint64_t memory_bytes(std::int64_t people, std::int64_t concurrent_runs) {
  return estimated_fixed_bytes + static_cast<std::uint64_t>(people) * estimated_bytes_per_person *
                                     static_cast<std::uint64_t>(concurrent_runs);
}

}  // namespace

ResourceEstimate estimate_resources(const Scenario& scenario, int threads, std::int64_t runs) {
  if (runs <= 0) runs = scenario.replications;
  ResourceEstimate estimate;
  for (const auto& area : scenario.areas) {
    estimate.people += scaled_count(area.population, scenario.population_scale);
  }
  estimate.concurrent_replications = std::min<std::int64_t>(workers(threads), runs);
  estimate.memory_bytes = memory_bytes(estimate.people, estimate.concurrent_replications);
  const auto years = measurement_plan(scenario).years;
  // Each run's measures per area and year, those by age band, and the
  // deaths and person-years behind the life tables.
  const auto cells = static_cast<std::uint64_t>(runs) * scenario.areas.size() * years *
                     (metric_count + age_band_count * age_band_metric_count +
                      2 * life_table_sexes * life_table_age_groups);
  estimate.output_bytes = cells * sizeof(double) + scenario.resolved_yaml.size() + (64u << 10);
  return estimate;
}

std::uint64_t transition_log_bytes(const Scenario& scenario, std::int64_t runs,
                                   std::uint64_t people_per_area,
                                   std::uint64_t max_records_per_area) {
  // Rows a logged person adds a year: 0.29 measured on the default and the
  // integrated scenarios (everyone logged, 0.4% scale, three years with the
  // warm-up), rounded up so that the estimate errs towards refusing. A
  // scenario with far more admissions may exceed it; the estimate guards
  // against the mistaken order of magnitude, not the last megabyte.
  constexpr double moves_per_person_year = 0.5;
  constexpr std::uint64_t bytes_per_row = 6 * 8;  // run, area, person, time, from, to
  const double years = (scenario.warmup_days + scenario.horizon_years * 365.25) / 365.25;
  std::uint64_t rows = 0;
  for (const auto& area : scenario.areas) {
    const auto logged = std::min<std::uint64_t>(
        people_per_area,
        static_cast<std::uint64_t>(scaled_count(area.population, scenario.population_scale)));
    const double expected = static_cast<double>(logged) * (1.0 + moves_per_person_year * years);
    rows += std::min<std::uint64_t>(max_records_per_area, static_cast<std::uint64_t>(expected));
  }
  return rows * bytes_per_row * static_cast<std::uint64_t>(std::max<std::int64_t>(runs, 0));
}

ResourceEstimate estimate_share(const RunPlan& plan,
                                const std::vector<std::vector<char>>& areas_here, int threads) {
  ResourceEstimate estimate;
  std::int64_t runs_here = 0;
  for (std::size_t run = 0; run < plan.run_count(); ++run) {
    const Scenario& scenario = plan.points[plan.point_of(run)].scenario;
    std::int64_t people = 0;
    for (std::size_t area = 0; area < scenario.areas.size(); ++area) {
      if (!areas_here.empty() && !areas_here.at(run).at(area)) continue;
      people += scaled_count(scenario.areas[area].population, scenario.population_scale);
    }
    if (people == 0) continue;
    ++runs_here;
    estimate.people = std::max(estimate.people, people);
  }
  estimate.concurrent_replications = std::min<std::int64_t>(workers(threads), runs_here);
  estimate.memory_bytes = memory_bytes(estimate.people, estimate.concurrent_replications);
  return estimate;
}

std::uint64_t available_memory_bytes() {
  std::ifstream meminfo("/proc/meminfo");
  std::string key;
  std::uint64_t kilobytes = 0;
  std::string unit;
  while (meminfo >> key >> kilobytes >> unit) {
    if (key == "MemAvailable:") return kilobytes * 1024;
  }
  return 0;
}

std::string format_bytes(std::uint64_t bytes) {
  char text[32];
  const double value = static_cast<double>(bytes);
  if (value >= 1024.0 * 1024 * 1024) {
    std::snprintf(text, sizeof text, "%.1f GiB", value / (1024.0 * 1024 * 1024));
  } else {
    std::snprintf(text, sizeof text, "%.1f MiB", value / (1024.0 * 1024));
  }
  return text;
}

}  // namespace hcsim::models
