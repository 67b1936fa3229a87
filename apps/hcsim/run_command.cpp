#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <exception>
#include <optional>
#include <string>

#include "apps/hcsim/commands.hpp"
#include "apps/hcsim/exit_codes.hpp"
#include "apps/hcsim/interrupt.hpp"
#include "models/flow_scenario.hpp"
#include "models/input_error.hpp"
#include "models/resource_estimate.hpp"
#include "models/plan_partition.hpp"
#include "models/run_plan.hpp"
#include "models/run_transfer.hpp"
#include "results/checkpoint.hpp"
#include "sim/distributed.hpp"
#include "models/scenario.hpp"
#include "models/simulation.hpp"
#include "results/hdf5_results.hpp"
#include "results/json_summary.hpp"
#include "results/summary.hpp"

#ifndef HCSIM_VERSION
#define HCSIM_VERSION "unknown"
#endif

namespace hcsim::app {

void check_output_path(const std::string& path, const std::string& scenario_path) {
  namespace fs = std::filesystem;
  const auto refuse = [&](const std::string& message) {
    throw models::InputError(models::Diagnostic{path, 0, 0, "--out", message});
  };
  const fs::path target(path);
  const fs::path directory = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::error_code error;
  if (!fs::is_directory(directory, error)) {
    refuse("the directory '" + directory.string() + "' does not exist");
  }
  const fs::file_status status = fs::symlink_status(target, error);
  if (fs::exists(status)) {
    if (fs::is_directory(status)) refuse("is a directory; expected a file name");
    if (fs::is_symlink(status)) {
      refuse("is a symbolic link, which the results file would replace; give the path it "
             "points to, or a new file name");
    }
    if (!fs::is_regular_file(status)) {
      refuse("is not a regular file (a device, pipe or socket), which the results file would "
             "replace; expected a new or existing file name");
    }
    if (fs::equivalent(target, fs::path(scenario_path), error)) {
      refuse("is the scenario file being run; expected another file name");
    }
  }
  // Writing is the only sure test (read-only mounts, /proc, quotas, access
  // rules the permission bits do not show): a file is made and removed.
  const std::string probe = path + ".probe." + std::to_string(::getpid());
  const int descriptor = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (descriptor < 0) {
    refuse("no file can be created in the directory '" + directory.string() + "' (" +
           std::strerror(errno) + ")");
  }
  ::close(descriptor);
  ::unlink(probe.c_str());
}

std::uint64_t memory_limit_of(const RunOptions& options) {
  return options.max_memory_mb ? *options.max_memory_mb << 20 : models::available_memory_bytes();
}

std::string memory_limit_text(const RunOptions& options, std::uint64_t limit) {
  return models::format_bytes(limit) +
         (options.max_memory_mb ? " allowed by --max-memory-mb" : " of memory available");
}

namespace {

// Counts and money to one decimal; rates and shares to four significant
// figures, so an occupancy of 0.8634 does not print as 0.9.
std::string format_value(double value) {
  char text[64];
  std::snprintf(text, sizeof text, std::abs(value) >= 100.0 ? "%.1f" : "%.4g", value);
  return text;
}

void print_metric(const std::string& name, const sim::Summary& summary, std::string_view unit) {
  std::string interval = "n/a (one replication)";
  if (summary.ci95_low && summary.ci95_high) {
    interval = "[" + format_value(*summary.ci95_low) + ", " + format_value(*summary.ci95_high) + "]";
  }
  std::printf("%-38s %16s %33s  %.*s\n", name.c_str(), format_value(summary.mean).c_str(),
              interval.c_str(), static_cast<int>(unit.size()), unit.data());
}

void print_metrics(const models::RunPlan& plan, const models::ExperimentResult& result,
                   std::size_t point) {
  std::printf("%-38s %16s %33s  %s\n", "metric", "mean", "95% CI", "units");
  for (const auto& [metric, summary] : results::summarise_metrics(result, point)) {
    const auto& info = models::metric_info[models::index_of(metric)];
    print_metric(std::string(info.name), summary, info.unit);
  }
  for (const auto& named : results::summarise_intervention_returns(plan, result, point)) {
    if (named.summary) {
      print_metric(named.name, *named.summary, named.unit);
    } else {
      std::printf("%-38s %16s %33s  %s\n", named.name.c_str(), "n/a", "(no cost)",
                  named.unit.c_str());
    }
  }
}

void print_table(const models::RunPlan& plan, const models::ExperimentResult& result,
                 double wall_seconds) {
  const models::Scenario& scenario = plan.points.front().scenario;
  std::printf("scenario %s: %lld replication(s), seed %llu, %.2f measured year(s) after %.0f "
              "warm-up days\n",
              scenario.name.c_str(), static_cast<long long>(plan.replications),
              static_cast<unsigned long long>(plan.seed), scenario.horizon_years,
              scenario.warmup_days);
  for (std::size_t p = 0; p < plan.points.size(); ++p) {
    if (plan.points.size() > 1) {
      std::printf("\nsweep point %zu of %zu (%s): %s\n", p, plan.points.size(),
                  plan.sweep_method.c_str(), plan.points[p].label.c_str());
    }
    print_metrics(plan, result, p);
  }
  std::printf("%llu events in %.2f s\n", static_cast<unsigned long long>(result.events),
              wall_seconds);
}

// A distributed run: each process holds its share of the runs, and the
// processes on one machine share its memory. Refused on every rank when the
// processes of any machine need more than it has; rank 0 reports the
// machine short by most.
void check_distributed_memory(const models::RunPlan& plan, const RunOptions& options,
                              const std::uint64_t limit) {
  const sim::Distributed& world = sim::Distributed::current();
  const std::vector<char> every_run(plan.run_count(), 1);
  const auto share = models::estimate_share(
      plan, models::areas_of_rank(plan, every_run, world.size(), world.rank()), options.threads);
  const std::uint64_t on_machine = world.sum_on_machine(share.memory_bytes);
  const std::uint64_t processes = world.sum_on_machine(1);
  const bool short_here = limit > 0 && on_machine > limit;
  const auto figures = world.gather_to_root(
      {static_cast<double>(on_machine), static_cast<double>(limit),
       static_cast<double>(processes)});
  if (!world.any(short_here)) return;
  std::string message = "another machine of the distributed run is short of memory";
  if (world.is_root()) {
    std::size_t worst = 0;
    for (std::size_t r = 1; r < figures.size(); ++r) {
      if (figures[r][0] - figures[r][1] > figures[worst][0] - figures[worst][1]) worst = r;
    }
    const auto& f = figures[worst];
    message = "the run's " + std::to_string(static_cast<long long>(f[2])) +
              " processes on one machine (rank " + std::to_string(worst) +
              "'s) need an estimated " +
              models::format_bytes(static_cast<std::uint64_t>(f[0])) +
              " together (each its share of the runs' people x " +
              std::to_string(models::estimated_bytes_per_person) +
              " bytes x the runs it holds at once), more than the " +
              memory_limit_text(options, static_cast<std::uint64_t>(f[1])) +
              " there; use more machines, fewer processes or --threads a machine, or a lower "
              "population_scale";
  }
  throw models::InputError(
      models::Diagnostic{plan.points.front().scenario.file, 0, 0, "population_scale", message});
}

// Refuses, before anything is allocated, a plan of `runs` runs of `scenario`
// that would not fit in this process's memory or whose output would exceed
// the user's limit; the message gives the estimate. It needs only the counts,
// so load_run_plan calls it before reading a sweep's points one by one.
void check_resources(const models::Scenario& scenario, std::size_t runs,
                     const RunOptions& options) {
  const auto estimate =
      models::estimate_resources(scenario, options.threads, static_cast<std::int64_t>(runs));
  const std::uint64_t memory_limit = memory_limit_of(options);
  // A distributed run's memory is each machine's share: checked once the
  // plan is read (check_distributed_memory).
  if (sim::Distributed::current().size() == 1 && memory_limit > 0 &&
      estimate.memory_bytes > memory_limit) {
    throw models::InputError(models::Diagnostic{
        scenario.file, 0, 0, "population_scale",
        "the run needs an estimated " + models::format_bytes(estimate.memory_bytes) + " (" +
            std::to_string(estimate.people) + " people x " +
            std::to_string(models::estimated_bytes_per_person) + " bytes x " +
            std::to_string(estimate.concurrent_replications) +
            " runs at once), more than the " + memory_limit_text(options, memory_limit) +
            "; lower population_scale or --threads"});
  }
  const std::uint64_t log_bytes =
      options.transition_log_people == 0
          ? 0
          : models::transition_log_bytes(scenario, static_cast<std::int64_t>(runs),
                                         options.transition_log_people,
                                         options.transition_log_max);
  if (options.out_path && estimate.output_bytes + log_bytes > (options.max_output_mb << 20)) {
    throw models::InputError(models::Diagnostic{
        scenario.file, 0, 0, log_bytes > estimate.output_bytes ? "--transition-log" : "replications",
        "the output would be about " + models::format_bytes(estimate.output_bytes + log_bytes) +
            (log_bytes > 0 ? " (" + models::format_bytes(log_bytes) + " of it the transition log)"
                           : std::string()) +
            ", more than --max-output-mb " + std::to_string(options.max_output_mb) +
            " MiB; raise the limit or run fewer replications, areas or years" +
            (log_bytes > 0 ? ", or log fewer people (--transition-log) or records "
                             "(--transition-log-max)"
                           : "")});
  }
}

}  // namespace

int run_command(const RunOptions& options, const std::string& command_line) {
  if (models::is_flow_only_scenario(options.scenario_path)) {
    return run_flow_command(options, command_line);
  }
  models::ScenarioOverrides overrides;
  overrides.set = options.set;
  overrides.seed = options.seed;
  overrides.replications = options.replications;
  if (options.out_path) check_output_path(*options.out_path, options.scenario_path);
  const auto plan = models::load_run_plan(
      options.scenario_path, overrides, [&](const models::Scenario& base, std::size_t points) {
        check_resources(base, points * static_cast<std::size_t>(base.replications), options);
      });
  const models::Scenario& scenario = plan.points.front().scenario;

  const sim::Distributed& world = sim::Distributed::current();
  if (world.size() > 1) check_distributed_memory(plan, options, memory_limit_of(options));

  // Finished runs are kept on disk while the plan runs, so a kill loses only
  // the runs in progress. In a distributed run rank 0 sets the folder up and
  // every rank saves the runs it computes.
  models::PlanExecution execution;
  execution.threads = options.threads;
  execution.transition_log.people_per_area = options.transition_log_people;
  execution.transition_log.max_records_per_area = options.transition_log_max;
  std::optional<results::Checkpoint> checkpoint;
  std::size_t resumed = 0;
  if (options.out_path) {
    checkpoint.emplace(*options.out_path, plan.fingerprint(HCSIM_VERSION));
    world.on_every_rank([&] {
      if (options.resume) {
        execution.finished = checkpoint->resume(plan, scenario.areas.size(),
                                                models::measurement_plan(scenario).years);
        for (const auto& run : execution.finished) resumed += run ? 1u : 0u;
        // A run file that is not the run it claims to be is done again; say
        // so even under --quiet, as the user may have expected it kept.
        if (world.is_root()) {
          for (const auto& line : checkpoint->redone()) {
            std::fprintf(stderr, "hcsim: %s\n", line.c_str());
          }
        }
      } else if (world.is_root()) {
        checkpoint->start();
      }
    });
    execution.run_done = [&](std::size_t run, const models::ReplicationResult& result) {
      checkpoint->save(run, result);
    };
  }
  // Each rank takes a static share of the work still to do: whole runs where
  // the plan has enough of them, areas of a run where it does not
  // (models/plan_partition.hpp).
  if (world.size() > 1) {
    std::vector<char> to_do(plan.run_count(), 1);
    for (std::size_t run = 0; run < execution.finished.size(); ++run) {
      if (execution.finished[run]) to_do[run] = 0;
    }
    execution.areas_here = models::areas_of_rank(plan, to_do, world.size(), world.rank());
  }

  std::int64_t people = 0;
  for (const auto& area : scenario.areas) {
    people += models::scaled_count(area.population, scenario.population_scale);
  }
  // Installed before the scenario line, so a script that waits for that line
  // knows an interrupt from then on is caught (a background job of a
  // non-interactive shell starts with SIGINT ignored).
  const sim::StopFlag& stop = install_interrupt_handlers();
  if (!options.quiet && world.is_root()) {
    std::fprintf(stderr,
                 "hcsim: scenario '%s': %zu areas, %lld people, %zu sweep point(s) x %lld "
                 "replication(s) = %zu runs%s%s\n",
                 scenario.name.c_str(), scenario.areas.size(), static_cast<long long>(people),
                 plan.points.size(), static_cast<long long>(plan.replications), plan.run_count(),
                 resumed ? (", " + std::to_string(resumed) + " already done").c_str() : "",
                 world.size() > 1 ? (", over " + std::to_string(world.size()) + " processes").c_str()
                                  : "");
  }
  const bool show_progress =
      world.is_root() && !options.quiet && (options.progress || ::isatty(STDERR_FILENO));
  const auto start = std::chrono::steady_clock::now();
  execution.progress = [&](std::size_t done, std::size_t total) {
    if (!show_progress) return;
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double rate = static_cast<double>(done - resumed) / elapsed;
    const double left = rate > 0.0 ? static_cast<double>(total - done) / rate : 0.0;
    std::fprintf(stderr,
                 "hcsim: run %zu/%zu done (%.2f per second), %.1f s elapsed, about %.1f s "
                 "left%s\n",
                 done, total, rate, elapsed, left, world.size() > 1 ? " (rank 0's share)" : "");
  };
  execution.stop = &stop;
  models::ExperimentResult result;
  world.on_every_rank([&] { result = models::run_plan(plan, execution); },
                      [&] {
                        if (checkpoint && world.is_root()) {
                          std::fprintf(stderr,
                                       "hcsim: finished runs are kept in %s; add --resume to "
                                       "complete\n",
                                       checkpoint->directory().c_str());
                        }
                      });
  if (!models::gather_results_to_root(world, plan, execution, result)) return exit_success;
  const double wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  if (options.out_path) {
    if (stop.load()) throw sim::Interrupted();
    try {
      results::write_results(*options.out_path, plan, result, command_line, HCSIM_VERSION);
    } catch (const results::OutputError&) {
      std::fprintf(stderr,
                   "hcsim: finished runs are kept in %s; add --resume to complete once the "
                   "file can be written\n",
                   checkpoint->directory().c_str());
      throw;
    }
    checkpoint->remove();
    if (!options.quiet) std::fprintf(stderr, "hcsim: wrote %s\n", options.out_path->c_str());
  }
  if (options.json) {
    std::printf("%s\n", results::json_summary(plan, result, wall_seconds).c_str());
  } else {
    print_table(plan, result, wall_seconds);
  }
  return exit_success;
}

}  // namespace hcsim::app
