// The hcsim executable: a thin layer that parses the command line, loads and
// checks the scenario, runs it and reports. Exit codes: 0 success, 2 bad
// input, 3 runtime failure, 130 interrupted (by the shell's signal default).
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "apps/hcsim/command_line.hpp"
#include "models/input_error.hpp"
#include "models/scenario.hpp"
#include "models/simulation.hpp"
#include "results/hdf5_results.hpp"
#include "results/json_summary.hpp"
#include "results/summary.hpp"

#ifndef HCSIM_VERSION
#define HCSIM_VERSION "unknown"
#endif

namespace {

constexpr int exit_bad_input = 2;
constexpr int exit_runtime_failure = 3;

std::string join(const std::vector<std::string>& words) {
  std::string text;
  for (const auto& word : words) text += (text.empty() ? "" : " ") + word;
  return text;
}

// Refuses an output path that cannot be written before spending time on a run.
void check_output_path(const std::string& path) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  const fs::path directory = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::error_code error;
  if (!fs::is_directory(directory, error)) {
    throw hcsim::models::InputError(hcsim::models::Diagnostic{
        path, 0, 0, "--out", "the directory '" + directory.string() + "' does not exist"});
  }
  if (::access(directory.c_str(), W_OK) != 0) {
    throw hcsim::models::InputError(hcsim::models::Diagnostic{
        path, 0, 0, "--out", "the directory '" + directory.string() + "' is not writable"});
  }
  if (fs::is_directory(target, error)) {
    throw hcsim::models::InputError(
        hcsim::models::Diagnostic{path, 0, 0, "--out", "is a directory; expected a file name"});
  }
}

void print_table(const hcsim::models::Scenario& scenario,
                 const hcsim::models::ExperimentResult& result, double wall_seconds) {
  std::printf("scenario %s: %lld replication(s), seed %llu, %.2f measured year(s) after %.0f "
              "warm-up days\n",
              scenario.name.c_str(), static_cast<long long>(scenario.replications),
              static_cast<unsigned long long>(scenario.seed), scenario.horizon_years,
              scenario.warmup_days);
  std::printf("%-26s %16s %33s  %s\n", "metric", "mean", "95% CI", "units");
  for (const auto& [metric, summary] : hcsim::results::summarise_metrics(result)) {
    const auto& info = hcsim::models::metric_info[hcsim::models::index_of(metric)];
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

int run(const hcsim::app::RunOptions& options, const std::string& command_line) {
  hcsim::models::ScenarioOverrides overrides;
  overrides.set = options.set;
  overrides.seed = options.seed;
  overrides.replications = options.replications;
  const auto scenario = hcsim::models::load_scenario(options.scenario_path, overrides);
  if (options.out_path) check_output_path(*options.out_path);

  std::int64_t people = 0;
  for (const auto& area : scenario.areas) {
    people += hcsim::models::scaled_count(area.population, scenario.population_scale);
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
    std::fprintf(stderr, "hcsim: replication %zu/%zu done, %.1f s elapsed, about %.1f s left\n",
                 done, total, elapsed, left);
  };
  const auto result = hcsim::models::run_experiment(scenario, options.threads, progress);
  const double wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  if (options.out_path) {
    hcsim::results::write_results(*options.out_path, scenario, result, command_line,
                                  HCSIM_VERSION);
    if (!options.quiet) std::fprintf(stderr, "hcsim: wrote %s\n", options.out_path->c_str());
  }
  if (options.json) {
    std::printf("%s\n", hcsim::results::json_summary(scenario, result, wall_seconds).c_str());
  } else {
    print_table(scenario, result, wall_seconds);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> arguments(argv + 1, argv + argc);
  const std::string command_line = "hcsim " + join(arguments);
  try {
    const auto request = hcsim::app::parse_command_line(arguments);
    switch (request.command) {
      case hcsim::app::Command::help:
        std::fputs(hcsim::app::usage_text().c_str(), stdout);
        return 0;
      case hcsim::app::Command::version:
        std::printf("hcsim %s\n", HCSIM_VERSION);
        return 0;
      case hcsim::app::Command::run:
        return run(request.run, command_line);
    }
  } catch (const hcsim::app::UsageError& error) {
    std::fprintf(stderr, "hcsim: error: %s\n", error.what());
    return exit_bad_input;
  } catch (const hcsim::models::InputError& error) {
    for (const auto& diagnostic : error.diagnostics()) {
      std::fprintf(stderr, "hcsim: error: %s\n", diagnostic.format().c_str());
    }
    return exit_bad_input;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "hcsim: runtime failure: %s\n", error.what());
    return exit_runtime_failure;
  }
  return exit_runtime_failure;
}
