#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "apps/hcsim/commands.hpp"
#include "apps/hcsim/exit_codes.hpp"
#include "apps/hcsim/interrupt.hpp"
#include "models/input_error.hpp"
#include "models/resource_estimate.hpp"
#include "models/scenario.hpp"
#include "models/simulation.hpp"
#include "results/hdf5_results.hpp"
#include "results/json_summary.hpp"
#include "results/summary.hpp"

#ifndef HCSIM_VERSION
#define HCSIM_VERSION "unknown"
#endif

namespace hcsim::app {
namespace {

// Refuses an output path that cannot be written before spending time on a run.
void check_output_path(const std::string& path) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  const fs::path directory = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::error_code error;
  if (!fs::is_directory(directory, error)) {
    throw models::InputError(models::Diagnostic{
        path, 0, 0, "--out", "the directory '" + directory.string() + "' does not exist"});
  }
  if (::access(directory.c_str(), W_OK) != 0) {
    throw models::InputError(models::Diagnostic{
        path, 0, 0, "--out", "the directory '" + directory.string() + "' is not writable"});
  }
  if (fs::is_directory(target, error)) {
    throw models::InputError(
        models::Diagnostic{path, 0, 0, "--out", "is a directory; expected a file name"});
  }
}

void print_table(const models::Scenario& scenario,
                 const models::ExperimentResult& result, double wall_seconds) {
  std::printf("scenario %s: %lld replication(s), seed %llu, %.2f measured year(s) after %.0f "
              "warm-up days\n",
              scenario.name.c_str(), static_cast<long long>(scenario.replications),
              static_cast<unsigned long long>(scenario.seed), scenario.horizon_years,
              scenario.warmup_days);
  std::printf("%-26s %16s %33s  %s\n", "metric", "mean", "95% CI", "units");
  for (const auto& [metric, summary] : results::summarise_metrics(result)) {
    const auto& info = models::metric_info[models::index_of(metric)];
    char interval[64] = "n/a (one replication)";
    if (summary.ci95_low && summary.ci95_high) {
      std::snprintf(interval, sizeof interval, "[%.1f, %.1f]", *summary.ci95_low,
                    *summary.ci95_high);
    }
    std::printf("%-26s %16.1f %33s  %.*s\n", std::string(info.name).c_str(), summary.mean,
                interval, static_cast<int>(info.unit.size()), info.unit.data());
  }
  std::printf("%llu events in %.2f s\n", static_cast<unsigned long long>(result.events),
              wall_seconds);
}

// Refuses, before anything is allocated, a run that would not fit in memory or
// whose output would exceed the user's limit; the message gives the estimate.
void check_resources(const models::Scenario& scenario, const RunOptions& options) {
  const auto estimate = models::estimate_resources(scenario, options.threads);
  const std::uint64_t memory_limit = options.max_memory_mb
                                         ? *options.max_memory_mb << 20
                                         : models::available_memory_bytes();
  if (memory_limit > 0 && estimate.memory_bytes > memory_limit) {
    throw models::InputError(models::Diagnostic{
        scenario.file, 0, 0, "population_scale",
        "the run needs an estimated " + models::format_bytes(estimate.memory_bytes) + " (" +
            std::to_string(estimate.people) + " people x " +
            std::to_string(models::estimated_bytes_per_person) + " bytes x " +
            std::to_string(estimate.concurrent_replications) +
            " replications at once), more than the " + models::format_bytes(memory_limit) +
            (options.max_memory_mb ? " allowed by --max-memory-mb" : " of memory available") +
            "; lower population_scale or --threads"});
  }
  if (options.out_path && estimate.output_bytes > (options.max_output_mb << 20)) {
    throw models::InputError(models::Diagnostic{
        scenario.file, 0, 0, "replications",
        "the output would be about " + models::format_bytes(estimate.output_bytes) +
            ", more than --max-output-mb " + std::to_string(options.max_output_mb) +
            " MiB; raise the limit or run fewer replications, areas or years"});
  }
}

}  // namespace

int run_command(const RunOptions& options, const std::string& command_line) {
  models::ScenarioOverrides overrides;
  overrides.set = options.set;
  overrides.seed = options.seed;
  overrides.replications = options.replications;
  const auto scenario = models::load_scenario(options.scenario_path, overrides);
  if (options.out_path) check_output_path(*options.out_path);
  check_resources(scenario, options);

  std::int64_t people = 0;
  for (const auto& area : scenario.areas) {
    people += models::scaled_count(area.population, scenario.population_scale);
  }
  if (!options.quiet) {
    std::fprintf(stderr, "hcsim: scenario '%s': %zu areas, %lld people, %lld replication(s)\n",
                 scenario.name.c_str(), scenario.areas.size(), static_cast<long long>(people),
                 static_cast<long long>(scenario.replications));
  }
  const bool show_progress = !options.quiet && (options.progress || ::isatty(STDERR_FILENO));
  const auto start = std::chrono::steady_clock::now();
  auto progress = [&](std::size_t done, std::size_t total) {
    if (!show_progress) return;
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double left = elapsed / static_cast<double>(done) * static_cast<double>(total - done);
    std::fprintf(stderr,
                 "hcsim: replication %zu/%zu done (%.2f per second), %.1f s elapsed, about %.1f s "
                 "left\n",
                 done, total, static_cast<double>(done) / elapsed, elapsed, left);
  };
  const sim::StopFlag& stop = install_interrupt_handlers();
  const auto result = models::run_experiment(scenario, options.threads, progress, &stop);
  const double wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  if (options.out_path) {
    if (stop.load()) throw sim::Interrupted();
    results::write_results(*options.out_path, scenario, result, command_line, HCSIM_VERSION);
    if (!options.quiet) std::fprintf(stderr, "hcsim: wrote %s\n", options.out_path->c_str());
  }
  if (options.json) {
    std::printf("%s\n", results::json_summary(scenario, result, wall_seconds).c_str());
  } else {
    print_table(scenario, result, wall_seconds);
  }
  return exit_success;
}

}  // namespace hcsim::app
