#include <cstdio>
#include <string>

#include "apps/hcsim/commands.hpp"
#include "apps/hcsim/exit_codes.hpp"
#include "models/input_error.hpp"
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

// One side of a comparison: a sweep point of a results file.
struct Side {
  results::StoredResults file;
  std::int64_t point = 0;
  std::string name;
};

// `option` names the command-line option that chose the point.
Side side(const std::string& path, std::int64_t point, const char* option) {
  Side chosen{results::read_results(path), point, path};
  if (point >= chosen.file.points) {
    throw models::InputError(models::Diagnostic{
        path, 0, 0, option,
        "has " + std::to_string(chosen.file.points) + " sweep point(s); there is no point " +
            std::to_string(point)});
  }
  if (chosen.file.points > 1) {
    chosen.name += " point " + std::to_string(point) + " (" +
                   chosen.file.point_labels[static_cast<std::size_t>(point)] + ")";
  }
  return chosen;
}

int compare_command(const ResultsOptions& options) {
  const bool within = !options.points.empty();
  const Side a = side(options.paths[0], within ? options.points[0] : 0, "--points");
  const Side b = side(within ? options.paths[0] : options.paths[1], within ? options.points[1] : 0,
                      "--points");
  // Pairing is only meaningful run by run with common random numbers.
  const bool paired = a.file.replications == b.file.replications && a.file.seed == b.file.seed;
  if (!paired) {
    std::fprintf(stderr,
                 "hcsim: note: the files differ in seed or replications (%llu/%lld vs "
                 "%llu/%lld), so runs cannot be paired; only unpaired intervals are given\n",
                 static_cast<unsigned long long>(a.file.seed),
                 static_cast<long long>(a.file.replications),
                 static_cast<unsigned long long>(b.file.seed),
                 static_cast<long long>(b.file.replications));
  }
  std::string json = "{\"file_a\": \"" + results::json_escape(a.name) + "\", \"file_b\": \"" +
                     results::json_escape(b.name) + "\", \"paired\": " +
                     (paired ? "true" : "false") + ", \"metrics\": {";
  if (!options.json) {
    std::printf("A = %s (scenario %s), B = %s (scenario %s)\n", a.name.c_str(),
                a.file.scenario.c_str(), b.name.c_str(), b.file.scenario.c_str());
    std::printf("%-26s %16s %16s %16s %34s %34s\n", "metric", "A mean", "B mean", "B - A",
                "95% CI paired", "95% CI unpaired");
  }
  bool first = true;
  for (const auto& metric_a : a.file.metrics) {
    const auto* metric_b = b.file.find(metric_a.name);
    if (!metric_b) continue;
    const auto totals_a = a.file.totals_of(metric_a, a.point);
    const auto totals_b = b.file.totals_of(*metric_b, b.point);
    const auto summary_a = sim::summarise(totals_a);
    const auto summary_b = sim::summarise(totals_b);
    const auto unpaired = sim::welch_difference(totals_a, totals_b);
    const auto paired_difference = paired ? sim::paired_difference(totals_a, totals_b)
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
  const Side chosen =
      side(options.paths[0], options.points.empty() ? 0 : options.points[0], "--point");
  const auto& stored = chosen.file;
  if (stored.points > 1 && options.points.empty()) {
    std::fprintf(stderr,
                 "hcsim: note: %s holds %lld sweep points; sizing from point 0 (--point P for "
                 "another)\n",
                 stored.path.c_str(), static_cast<long long>(stored.points));
  }
  std::string json = "{\"file\": \"" + results::json_escape(chosen.name) +
                     "\", \"point\": " + std::to_string(chosen.point) +
                     ", \"pilot_replications\": " + std::to_string(stored.replications) +
                     ", \"relative_half_width\": " +
                     results::json_number(options.relative_half_width) + ", \"metrics\": {";
  if (!options.json) {
    std::printf("replications for a 95%% CI half-width of %.3g x mean, from %lld pilot "
                "replications in %s\n",
                options.relative_half_width, static_cast<long long>(stored.replications),
                chosen.name.c_str());
    std::printf("%-26s %16s %16s %14s\n", "metric", "mean", "sd", "replications");
  }
  bool first = true;
  for (const auto& metric : stored.metrics) {
    const auto summary = sim::summarise(stored.totals_of(metric, chosen.point));
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
