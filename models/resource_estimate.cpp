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

ResourceEstimate estimate_resources(const Scenario& scenario, int threads, std::int64_t runs) {
  if (runs <= 0) runs = scenario.replications;
  ResourceEstimate estimate;
  for (const auto& area : scenario.areas) {
    estimate.people += scaled_count(area.population, scenario.population_scale);
  }
  const std::int64_t workers =
      threads > 0 ? threads : std::max<std::int64_t>(1, std::thread::hardware_concurrency());
  estimate.concurrent_replications = std::min<std::int64_t>(workers, runs);
  estimate.memory_bytes =
      estimated_fixed_bytes + static_cast<std::uint64_t>(estimate.people) *
                                  estimated_bytes_per_person *
                                  static_cast<std::uint64_t>(estimate.concurrent_replications);
  const auto years = measurement_plan(scenario).years;
  // Each run's measures per area and year, those by age band, and the
  // deaths and person-years behind the life tables.
  const auto cells = static_cast<std::uint64_t>(runs) * scenario.areas.size() * years *
                     (metric_count + age_band_count * age_band_metric_count +
                      2 * life_table_sexes * life_table_age_groups);
  estimate.output_bytes = cells * sizeof(double) + scenario.resolved_yaml.size() + (64u << 10);
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
