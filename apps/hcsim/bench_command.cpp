// hcsim bench: times one replication of the embedded default scenario (or a
// scenario file) at a chosen scale and horizon and reports throughput, memory and phase times.
// Numbers for comparing builds and machines; the results themselves are the
// same as `hcsim run` would give.
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>

#include "apps/hcsim/commands.hpp"
#include "apps/hcsim/exit_codes.hpp"
#include "models/person_table.hpp"
#include "models/resource_estimate.hpp"
#include "models/scenario.hpp"
#include "models/simulation.hpp"
#include "results/hdf5_results.hpp"
#include "results/json_summary.hpp"
#include "sim/json_text.hpp"

#ifndef HCSIM_VERSION
#define HCSIM_VERSION "unknown"
#endif

namespace hcsim::app {
namespace {

std::uint64_t peak_resident_bytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<std::uint64_t>(usage.ru_maxrss) * 1024;  // Linux reports kilobytes
}

}  // namespace

int bench_command(const BenchOptions& options) {
  models::ScenarioOverrides overrides;
  overrides.replications = 1;
  char scale[64], years[64];
  std::snprintf(scale, sizeof scale, "population_scale=%.17g", options.scale);
  std::snprintf(years, sizeof years, "horizon_years=%.17g", options.years);
  overrides.set = {scale, years};
  const auto scenario =
      options.scenario_path
          ? models::load_scenario(*options.scenario_path, overrides)
          : models::parse_scenario(std::string(models::default_scenario_text()),
                                   models::default_scenario_name, overrides);
  const auto estimate = models::estimate_resources(scenario, options.threads);
  const auto available = models::available_memory_bytes();
  if (available > 0 && estimate.memory_bytes > available) {
    throw models::InputError(models::Diagnostic{
        "--scale", 0, 0, "",
        "the benchmark needs an estimated " + models::format_bytes(estimate.memory_bytes) +
            ", more than the " + models::format_bytes(available) + " available"});
  }

  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const auto result = models::run_experiment(scenario, options.threads);
  const double run_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  const auto& replication = result.runs.front();

  // The output phase writes the real results file to a scratch path.
  const auto scratch = std::filesystem::temp_directory_path() /
                       ("hcsim-bench-" + std::to_string(::getpid()) + ".h5");
  const auto output_start = Clock::now();
  results::write_results(scratch.string(), scenario, result, "hcsim bench", HCSIM_VERSION);
  const double output_seconds = std::chrono::duration<double>(Clock::now() - output_start).count();
  std::error_code ignored;
  std::filesystem::remove(scratch, ignored);

  double person_years = 0.0;
  for (std::size_t area = 0; area < replication.areas; ++area) {
    for (std::size_t year = 0; year < replication.years; ++year) {
      person_years += replication.value(area, models::Metric::person_years, year);
    }
  }
  const double simulated_years = scenario.horizon_years + scenario.warmup_days / 365.25;
  // Person-years over the whole simulated span (warm-up included), which is
  // what the engine computed.
  const double person_years_simulated =
      person_years / scenario.horizon_years * simulated_years;
  const auto peak = peak_resident_bytes();
  const double people = static_cast<double>(estimate.people);
  const int threads = options.threads > 0 ? options.threads
                                          : static_cast<int>(std::thread::hardware_concurrency());

  std::string json = "{\"scenario\": " + sim::json_quoted(scenario.name) +
                     ", \"scale\": " + results::json_number(options.scale) +
                     ", \"years\": " + results::json_number(options.years) +
                     ", \"threads\": " + std::to_string(threads) +
                     ", \"areas\": " + std::to_string(scenario.areas.size()) +
                     ", \"people\": " + std::to_string(estimate.people) +
                     ", \"events\": " + std::to_string(replication.events) +
                     ", \"events_per_second\": " +
                     results::json_number(static_cast<double>(replication.events) /
                                          replication.simulation_seconds) +
                     ", \"person_years_per_second\": " +
                     results::json_number(person_years_simulated / replication.simulation_seconds) +
                     ", \"peak_memory_bytes\": " + std::to_string(peak) +
                     ", \"bytes_per_person\": " +
                     std::to_string(models::PersonTable::bytes_per_person) +
                     ", \"peak_bytes_per_person\": " +
                     results::json_number(static_cast<double>(peak) / people) +
                     ", \"wall_seconds\": {\"population_synthesis\": " +
                     results::json_number(replication.synthesis_seconds) +
                     ", \"simulation\": " + results::json_number(replication.simulation_seconds) +
                     ", \"output\": " + results::json_number(output_seconds) +
                     ", \"total\": " + results::json_number(run_seconds + output_seconds) +
                     "}, \"hcsim_version\": \"" HCSIM_VERSION "\"}";
  if (options.json) {
    std::printf("%s\n", json.c_str());
  } else {
    std::printf("scale %g, %g years, %d threads: %lld people in %zu areas\n", options.scale,
                options.years, threads, static_cast<long long>(estimate.people),
                scenario.areas.size());
    std::printf("  %llu events, %.3g events/s, %.3g person-years/s\n",
                static_cast<unsigned long long>(replication.events),
                static_cast<double>(replication.events) / replication.simulation_seconds,
                person_years_simulated / replication.simulation_seconds);
    std::printf("  peak memory %s (%.0f bytes a person; hot state %zu bytes a person)\n",
                models::format_bytes(peak).c_str(), static_cast<double>(peak) / people,
                models::PersonTable::bytes_per_person);
    std::printf("  wall seconds: synthesis %.3f, simulation %.3f, output %.3f\n",
                replication.synthesis_seconds, replication.simulation_seconds, output_seconds);
  }
  return exit_success;
}

}  // namespace hcsim::app
