// hcsim run and hcsim check for a flow-only scenario (mode: flow_only): the
// services of models/flow_scenario.hpp, each over the scenario's
// replications, summarised per day as a table, one JSON object or an HDF5
// file.
#include <chrono>
#include <cstdio>

#include "apps/hcsim/commands.hpp"
#include "apps/hcsim/exit_codes.hpp"
#include "apps/hcsim/interrupt.hpp"
#include "models/flow_ensemble.hpp"
#include "models/flow_scenario.hpp"
#include "models/input_error.hpp"
#include "models/resource_estimate.hpp"
#include "results/flow_hdf5_results.hpp"
#include "results/flow_json_summary.hpp"
#include "sim/distributed.hpp"

#ifndef HCSIM_VERSION
#define HCSIM_VERSION "unknown"
#endif

namespace hcsim::app {
namespace {

models::FlowScenario load(const RunOptions& options) {
  models::ScenarioOverrides overrides;
  overrides.set = options.set;
  overrides.seed = options.seed;
  overrides.replications = options.replications;
  return models::load_flow_scenario(options.scenario_path, overrides);
}

// Options of `run` that belong to population scenarios only.
void refuse_population_options(const RunOptions& options) {
  auto refuse = [&](const char* option, const char* why) {
    throw models::InputError(models::Diagnostic{options.scenario_path, 0, 0, option,
                                                std::string("not for a flow-only scenario: ") +
                                                    why});
  };
  if (options.resume) refuse("--resume", "its runs take seconds and are not kept part-way");
  if (options.transition_log_people > 0) {
    refuse("--transition-log", "it has no people, only counts of patients");
  }
  if (sim::Distributed::current().size() > 1) {
    refuse("mpirun", "it runs in one process; run it without mpirun");
  }
}

// Refuses, before running, what would not fit in memory (every run's daily
// series is kept for the quantiles) or exceed the output limit.
void check_resources(const models::FlowScenario& scenario, const RunOptions& options) {
  const std::uint64_t bytes = results::estimated_flow_output_bytes(scenario);
  const std::uint64_t memory_limit = memory_limit_of(options);
  const models::FlowResourceEstimate memory =
      models::estimate_flow_resources(scenario, options.threads);
  if (memory_limit > 0 && memory.memory_bytes > memory_limit) {
    throw models::InputError(models::Diagnostic{
        scenario.file, 0, 0, "replications",
        "the run needs an estimated " + models::format_bytes(memory.memory_bytes) + " (" +
            models::format_number(memory.largest_replication_patients) + " patients x " +
            std::to_string(models::flow_bytes_per_patient) + " bytes x " +
            std::to_string(memory.concurrent_replications) +
            " replications at once, and every replication's daily series, " +
            models::format_bytes(memory.series_bytes) + "), more than the " +
            memory_limit_text(options, memory_limit) +
            "; lower the arrival rates, or run fewer replications, services, days or "
            "--threads"});
  }
  if (options.out_path && bytes > (options.max_output_mb << 20)) {
    throw models::InputError(models::Diagnostic{
        scenario.file, 0, 0, "replications",
        "the output would be about " + models::format_bytes(bytes) +
            ", more than --max-output-mb " + std::to_string(options.max_output_mb) +
            " MiB; raise the limit or run fewer replications, services or days"});
  }
}

void print_interval(const sim::Summary& summary, const char* label, const char* units) {
  if (summary.ci95_low && summary.ci95_high) {
    std::printf("  %-36s %12.2f  [%.2f, %.2f] %s\n", label, summary.mean, *summary.ci95_low,
                *summary.ci95_high, units);
  } else {
    std::printf("  %-36s %12.2f  (one replication) %s\n", label, summary.mean, units);
  }
}

void print_table(const models::FlowScenario& scenario, const models::FlowScenarioResult& result,
                 double wall_seconds) {
  std::printf("flow-only scenario %s: %lld replication(s), seed %llu, %lld days\n",
              scenario.name.c_str(), static_cast<long long>(scenario.replications),
              static_cast<unsigned long long>(scenario.seed),
              static_cast<long long>(scenario.days));
  for (std::size_t s = 0; s < scenario.services.size(); ++s) {
    const auto& summary = result.summaries[s];
    std::printf("\nservice %s (mean, 95%% CI over replications)\n",
                scenario.services[s].name.c_str());
    print_interval(summary.mean_occupancy, "beds occupied, mean over days", "beds");
    print_interval(summary.mean_waiting, "patients waiting, mean over days", "patients");
    print_interval(summary.waiting_days, "days waited (delayed discharge)", "patient-days");
    print_interval(summary.arrivals, "arrivals", "patients");
    print_interval(summary.admissions_waited, "admissions that waited", "patients");
    print_interval(summary.total_cost, "cost", "GBP");
    // A week at a time keeps the table readable; every day is in --json and --out.
    std::printf("  %6s %10s %21s %10s %21s\n", "day", "occupied", "5%-95% of runs", "waiting",
                "5%-95% of runs");
    const auto days = static_cast<std::size_t>(scenario.days);
    auto print_day = [&](std::size_t d) {
      char occupied_band[32], waiting_band[32];
      std::snprintf(occupied_band, sizeof occupied_band, "[%.1f, %.1f]",
                    summary.occupancy.q05[d], summary.occupancy.q95[d]);
      std::snprintf(waiting_band, sizeof waiting_band, "[%.1f, %.1f]", summary.waiting.q05[d],
                    summary.waiting.q95[d]);
      std::printf("  %6zu %10.1f %21s %10.1f %21s\n", d + 1, summary.occupancy.mean[d],
                  occupied_band, summary.waiting.mean[d], waiting_band);
    };
    for (std::size_t d = 0; d < days; d += 7) print_day(d);
    if ((days - 1) % 7 != 0) print_day(days - 1);
  }
  std::printf("%llu events in %.2f s\n", static_cast<unsigned long long>(result.events),
              wall_seconds);
}

}  // namespace

int run_flow_command(const RunOptions& options, const std::string& command_line) {
  const models::FlowScenario scenario = load(options);
  refuse_population_options(options);
  if (options.out_path) check_output_path(*options.out_path, options.scenario_path);
  check_resources(scenario, options);
  if (!options.quiet) {
    std::fprintf(stderr, "hcsim: flow-only scenario '%s': %zu service(s), %lld days x %lld "
                         "replication(s)\n",
                 scenario.name.c_str(), scenario.services.size(),
                 static_cast<long long>(scenario.days),
                 static_cast<long long>(scenario.replications));
  }
  const sim::StopFlag& stop = install_interrupt_handlers();
  const auto start = std::chrono::steady_clock::now();
  const models::FlowScenarioResult result =
      models::run_flow_scenario(scenario, options.threads, &stop);
  const double wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (options.out_path) {
    results::write_flow_results(*options.out_path, scenario, result, command_line, HCSIM_VERSION);
    if (!options.quiet) std::fprintf(stderr, "hcsim: wrote %s\n", options.out_path->c_str());
  }
  if (options.json) {
    std::printf("%s\n", results::flow_json_summary(scenario, result, wall_seconds).c_str());
  } else {
    print_table(scenario, result, wall_seconds);
  }
  return exit_success;
}

int check_flow_command(const RunOptions& options) {
  const models::FlowScenario scenario = load(options);
  std::printf("%s: ok: flow-only scenario '%s', %zu service(s), %lld days, %lld replication(s)\n",
              options.scenario_path.c_str(), scenario.name.c_str(), scenario.services.size(),
              static_cast<long long>(scenario.days),
              static_cast<long long>(scenario.replications));
  return exit_success;
}

}  // namespace hcsim::app
