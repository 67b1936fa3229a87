// hcsim bench: times one replication of the embedded default scenario (or a
// scenario file) at a chosen scale and horizon and reports throughput, memory and phase times.
// Numbers for comparing builds and machines; the results themselves are the
// same as `hcsim run` would give.
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "apps/hcsim/commands.hpp"
#include "build_info.hpp"  // generated: apps/hcsim/build_info.hpp.in
#include "apps/hcsim/exit_codes.hpp"
#include "models/person_table.hpp"
#include "models/plan_partition.hpp"
#include "models/resource_estimate.hpp"
#include "models/run_plan.hpp"
#include "models/run_transfer.hpp"
#include "models/scenario.hpp"
#include "models/simulation.hpp"
#include "results/hdf5_results.hpp"
#include "results/json_summary.hpp"
#include "sim/distributed.hpp"
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

// One rank's part of the benchmark, for rank 0 to add up.
struct RankTimes {
  std::uint64_t events = 0;
  double synthesis = 0.0;
  double simulation = 0.0;
  double run = 0.0;
  double peak = 0.0;

  void add(const models::ReplicationResult& result) {
    events += result.events;
    synthesis += result.synthesis_seconds;
    simulation += result.simulation_seconds;
  }
  [[nodiscard]] std::vector<double> encode() const {
    return {static_cast<double>(events), synthesis, simulation, run, peak};
  }
  [[nodiscard]] static RankTimes decode(const std::vector<double>& values) {
    RankTimes times;
    times.events = static_cast<std::uint64_t>(values.at(0));
    times.synthesis = values.at(1);
    times.simulation = values.at(2);
    times.run = values.at(3);
    times.peak = values.at(4);
    return times;
  }
};

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
  // Under mpirun the ranks split the run's areas as `hcsim run` does, and
  // rank 0 reports the whole: events added up, each phase as long as its
  // slowest rank, memory of the largest rank and of all ranks together.
  const sim::Distributed& world = sim::Distributed::current();
  const auto plan = models::single_point_plan(scenario);
  models::PlanExecution execution;
  execution.threads = options.threads;
  if (world.size() > 1) {
    execution.areas_here = models::areas_of_rank(plan, {1}, world.size(), world.rank());
  }
  const auto estimate = models::estimate_resources(scenario, options.threads);
  const auto needed = models::estimate_share(plan, execution.areas_here, options.threads);
  const auto available = models::available_memory_bytes();
  const std::uint64_t on_machine = world.sum_on_machine(needed.memory_bytes);
  if (world.any(available > 0 && on_machine > available)) {
    throw models::InputError(models::Diagnostic{
        "--scale", 0, 0, "",
        "the benchmark needs an estimated " + models::format_bytes(on_machine) +
            (world.size() > 1 ? " on a machine" : "") + ", more than the " +
            models::format_bytes(available) + " available"});
  }

  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  models::ExperimentResult result;
  world.on_every_rank([&] { result = models::run_plan(plan, execution); });
  const double run_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  RankTimes own;
  for (const auto& run : result.runs) own.add(run);
  for (const auto& share : result.shares) {
    own.add(share.with);
    for (const auto& without : share.without) own.add(without);
  }
  own.run = run_seconds;
  own.peak = static_cast<double>(peak_resident_bytes());
  const auto ranks = world.gather_to_root(own.encode());
  if (!models::gather_results_to_root(world, plan, execution, result)) return exit_success;
  RankTimes slowest;
  double peak_all = 0.0;
  for (const auto& encoded : ranks) {
    const RankTimes rank = RankTimes::decode(encoded);
    slowest.events += rank.events;
    slowest.synthesis = std::max(slowest.synthesis, rank.synthesis);
    slowest.simulation = std::max(slowest.simulation, rank.simulation);
    slowest.run = std::max(slowest.run, rank.run);
    slowest.peak = std::max(slowest.peak, rank.peak);
    peak_all += rank.peak;
  }
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
  // Rank 0's peak after writing the output.
  const double root_peak = static_cast<double>(peak_resident_bytes());
  peak_all += root_peak - RankTimes::decode(ranks.front()).peak;
  slowest.peak = std::max(slowest.peak, root_peak);
  const double events = static_cast<double>(slowest.events);
  const double simulated_years = scenario.horizon_years + scenario.warmup_days / 365.25;
  // Person-years over the whole simulated span (warm-up included), which is
  // what the engine computed.
  const double person_years_simulated =
      person_years / scenario.horizon_years * simulated_years;
  const auto peak = static_cast<std::uint64_t>(slowest.peak);
  const double people = static_cast<double>(estimate.people);
  const int threads = options.threads > 0 ? options.threads
                                          : static_cast<int>(std::thread::hardware_concurrency());

  std::string json = "{\"scenario\": " + sim::json_quoted(scenario.name) +
                     ", \"scale\": " + results::json_number(options.scale) +
                     ", \"years\": " + results::json_number(options.years) +
                     ", \"threads\": " + std::to_string(threads) +
                     ", \"ranks\": " + std::to_string(world.size()) +
                     ", \"areas\": " + std::to_string(scenario.areas.size()) +
                     ", \"people\": " + std::to_string(estimate.people) +
                     ", \"events\": " + std::to_string(slowest.events) +
                     ", \"events_per_second\": " +
                     results::json_number(events / slowest.simulation) +
                     ", \"person_years_per_second\": " +
                     results::json_number(person_years_simulated / slowest.simulation) +
                     ", \"peak_memory_bytes\": " + std::to_string(peak) +
                     ", \"peak_memory_bytes_all_ranks\": " +
                     std::to_string(static_cast<std::uint64_t>(peak_all)) +
                     ", \"bytes_per_person\": " +
                     std::to_string(models::PersonTable::bytes_per_person) +
                     ", \"peak_bytes_per_person\": " +
                     results::json_number(peak_all / people) +
                     ", \"wall_seconds\": {\"population_synthesis\": " +
                     results::json_number(slowest.synthesis) +
                     ", \"simulation\": " + results::json_number(slowest.simulation) +
                     ", \"output\": " + results::json_number(output_seconds) +
                     ", \"total\": " + results::json_number(slowest.run + output_seconds) +
                     "}, \"build\": {\"type\": " + sim::json_quoted(build_info::type) +
                     ", \"compiler\": " + sim::json_quoted(build_info::compiler) +
                     ", \"cxx_flags\": " + sim::json_quoted(build_info::cxx_flags) +
                     "}, \"hcsim_version\": \"" HCSIM_VERSION "\"}";
  if (options.json) {
    std::printf("%s\n", json.c_str());
  } else {
    std::printf("scale %g, %g years, %d threads x %d ranks: %lld people in %zu areas\n",
                options.scale, options.years, threads, world.size(),
                static_cast<long long>(estimate.people), scenario.areas.size());
    std::printf("  %llu events, %.3g events/s, %.3g person-years/s\n",
                static_cast<unsigned long long>(slowest.events), events / slowest.simulation,
                person_years_simulated / slowest.simulation);
    std::printf("  peak memory %s (%.0f bytes a person; hot state %zu bytes a person)\n",
                models::format_bytes(static_cast<std::uint64_t>(peak_all)).c_str(),
                peak_all / people, models::PersonTable::bytes_per_person);
    std::printf("  wall seconds: synthesis %.3f, simulation %.3f, output %.3f\n",
                slowest.synthesis, slowest.simulation, output_seconds);
  }
  return exit_success;
}

}  // namespace hcsim::app
