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
