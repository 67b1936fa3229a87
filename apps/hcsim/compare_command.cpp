#include <cstdio>
#include <string>

#include "apps/hcsim/commands.hpp"
#include "apps/hcsim/exit_codes.hpp"
#include "results/json_summary.hpp"
#include "results/results_reader.hpp"
#include "sim/statistics.hpp"

namespace hcsim::app {
namespace {

std::string json_interval(const sim::Difference& difference) {
  if (!difference.ci95_low) return "[null, null]";
  return "[" + results::json_number(*difference.ci95_low) + ", " +
         results::json_number(*difference.ci95_high) + "]";
}

std::string text_interval(const sim::Difference& difference) {
  if (!difference.ci95_low) return "n/a";
  char text[80];
  std::snprintf(text, sizeof text, "[%.1f, %.1f]", *difference.ci95_low, *difference.ci95_high);
  return text;
}

}  // namespace

int compare_command(const ResultsOptions& options) {
  const auto a = results::read_results(options.paths[0]);
  const auto b = results::read_results(options.paths[1]);
  // Pairing is only meaningful run by run with common random numbers.
  const bool paired = a.replications == b.replications && a.seed == b.seed;
  if (!paired) {
    std::fprintf(stderr,
                 "hcsim: note: the files differ in seed or replications (%llu/%lld vs "
                 "%llu/%lld), so runs cannot be paired; only unpaired intervals are given\n",
                 static_cast<unsigned long long>(a.seed), static_cast<long long>(a.replications),
                 static_cast<unsigned long long>(b.seed), static_cast<long long>(b.replications));
  }
  std::string json = "{\"file_a\": \"" + results::json_escape(a.path) + "\", \"file_b\": \"" +
                     results::json_escape(b.path) + "\", \"paired\": " +
                     (paired ? "true" : "false") + ", \"metrics\": {";
  if (!options.json) {
    std::printf("A = %s (scenario %s), B = %s (scenario %s)\n", a.path.c_str(),
                a.scenario.c_str(), b.path.c_str(), b.scenario.c_str());
    std::printf("%-26s %16s %16s %16s %34s %34s\n", "metric", "A mean", "B mean", "B - A",
                "95% CI paired", "95% CI unpaired");
  }
  bool first = true;
  for (const auto& metric_a : a.metrics) {
    const auto* metric_b = b.find(metric_a.name);
    if (!metric_b) continue;
    const auto summary_a = sim::summarise(metric_a.totals);
    const auto summary_b = sim::summarise(metric_b->totals);
    const auto unpaired = sim::welch_difference(metric_a.totals, metric_b->totals);
    const auto paired_difference = paired
                                       ? sim::paired_difference(metric_a.totals, metric_b->totals)
                                       : sim::Difference{unpaired.estimate, {}, {}};
    if (options.json) {
      json += std::string(first ? "" : ", ") + "\"" + results::json_escape(metric_a.name) +
              "\": {\"a\": " + results::json_number(summary_a.mean) +
              ", \"b\": " + results::json_number(summary_b.mean) +
              ", \"diff\": " + results::json_number(unpaired.estimate) +
              ", \"ci95_paired\": " + json_interval(paired_difference) +
              ", \"ci95_unpaired\": " + json_interval(unpaired) + "}";
    } else {
      std::printf("%-26s %16.1f %16.1f %16.1f %34s %34s\n", metric_a.name.c_str(),
                  summary_a.mean, summary_b.mean, unpaired.estimate,
                  text_interval(paired_difference).c_str(), text_interval(unpaired).c_str());
    }
    first = false;
  }
  if (options.json) std::printf("%s}}\n", json.c_str());
  return exit_success;
}

int replications_command(const ResultsOptions& options) {
  const auto stored = results::read_results(options.paths[0]);
  std::string json = "{\"file\": \"" + results::json_escape(stored.path) +
                     "\", \"pilot_replications\": " + std::to_string(stored.replications) +
                     ", \"relative_half_width\": " +
                     results::json_number(options.relative_half_width) + ", \"metrics\": {";
  if (!options.json) {
    std::printf("replications for a 95%% CI half-width of %.3g x mean, from %lld pilot "
                "replications in %s\n",
                options.relative_half_width, static_cast<long long>(stored.replications),
                stored.path.c_str());
    std::printf("%-26s %16s %16s %14s\n", "metric", "mean", "sd", "replications");
  }
  bool first = true;
  for (const auto& metric : stored.metrics) {
    const auto summary = sim::summarise(metric.totals);
    const std::size_t needed = sim::replications_needed(summary, options.relative_half_width);
    if (options.json) {
      json += std::string(first ? "" : ", ") + "\"" + results::json_escape(metric.name) +
              "\": {\"mean\": " + results::json_number(summary.mean) +
              ", \"sd\": " + results::json_number(summary.standard_deviation) +
              ", \"replications\": " + (needed > 0 ? std::to_string(needed) : "null") + "}";
    } else {
      std::printf("%-26s %16.1f %16.1f %14s\n", metric.name.c_str(), summary.mean,
                  summary.standard_deviation,
                  needed > 0 ? std::to_string(needed).c_str() : "n/a");
    }
    first = false;
  }
  if (options.json) std::printf("%s}}\n", json.c_str());
  return exit_success;
}

}  // namespace hcsim::app
