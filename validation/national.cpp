#include "validation/national.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

#include "models/age_band_measures.hpp"
#include "models/input_error.hpp"
#include "models/life_table_counts.hpp"
#include "models/metrics.hpp"
#include "sim/json_text.hpp"
#include "sim/statistics.hpp"

namespace hcsim::validation {

// ---------------------------------------------------------------- inputs

NationalInputs::NationalInputs(const models::Scenario& scenario,
                               const models::ReplicationResult* run)
    : scenario_(scenario), run_(run) {}

std::optional<models::Metric> metric_named(std::string_view name) {
  for (std::size_t i = 0; i < models::metric_count; ++i) {
    if (models::metric_info[i].name == name) return static_cast<models::Metric>(i);
  }
  return std::nullopt;
}

namespace {

models::Metric require_metric(std::string_view name) {
  const auto metric = metric_named(name);
  if (!metric) throw MissingMetric{std::string(name)};
  return *metric;
}

}  // namespace

double NationalInputs::metric(std::string_view name) const {
  const models::Metric metric = require_metric(name);
  if (run_ == nullptr)
    throw std::logic_error("a parameter row asked for metric " + std::string(name));
  return run_->total(metric);
}

double NationalInputs::metric_in_year(std::string_view name, std::size_t year) const {
  const models::Metric metric = require_metric(name);
  if (run_ == nullptr)
    throw std::logic_error("a parameter row asked for metric " + std::string(name));
  if (year >= run_->years) throw std::out_of_range("measured year out of range");
  if (models::metric_info[models::index_of(metric)].aggregation ==
      models::Aggregation::life_table) {
    return run_->life_expectancy_at_65(models::life_table_sex(metric), year, year + 1);
  }
  return models::aggregate(metric, run_->areas, 1,
                           [this, year](std::size_t m, std::size_t area, std::size_t) {
                             return run_->value(area, static_cast<models::Metric>(m), year);
                           });
}

std::optional<double> NationalInputs::metric_from_age(std::string_view name,
                                                     double from_age) const {
  const models::Metric metric = require_metric(name);
  if (run_ == nullptr)
    throw std::logic_error("a parameter row asked for metric " + std::string(name));
  const models::Aggregation aggregation = models::metric_info[models::index_of(metric)].aggregation;
  if (models::age_band_slot(metric) == models::age_band_metric_count ||
      (aggregation != models::Aggregation::sum && aggregation != models::Aggregation::last_year)) {
    throw std::logic_error("metric " + std::string(name) + " is not a count by age band");
  }
  if (run_->values_by_age_band.empty() || run_->years == 0) return std::nullopt;
  // A snapshot counts at the end of the last measured year, as its total does.
  const std::size_t first_year =
      aggregation == models::Aggregation::last_year ? run_->years - 1 : 0;
  double total = 0.0;
  for (std::size_t area = 0; area < run_->areas; ++area) {
    for (std::size_t band = models::age_band_of(from_age); band < models::age_band_count;
         ++band) {
      for (std::size_t year = first_year; year < run_->years; ++year) {
        total += run_->value_by_age_band(area, band, metric, year);
      }
    }
  }
  return total;
}

std::size_t NationalInputs::years() const noexcept { return run_ ? run_->years : 0; }

// ---------------------------------------------------------------- numbers

namespace {

// `value` with `decimals` places and thousands separators; "n/a" when not finite.
std::string format_number(double value, int decimals) {
  if (!std::isfinite(value)) return "n/a";
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, std::abs(value));
  std::string digits = text;
  const auto dot = digits.find('.');
  std::string whole = digits.substr(0, dot);
  const std::string fraction = dot == std::string::npos ? "" : digits.substr(dot);
  std::string grouped;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) grouped += ',';
    grouped += whole[i];
  }
  const bool zero = digits.find_first_not_of("0.") == std::string::npos;
  return (value < 0.0 && !zero ? "-" : "") + grouped + fraction;
}

std::string format_signed(double value, int decimals) {
  const std::string text = format_number(value, decimals);
  if (!std::isfinite(value) || text.front() == '-') return text;
  const bool zero = text.find_first_not_of("0.,") == std::string::npos;
  return (zero ? "" : "+") + text;
}

std::string format_percent(const std::optional<double>& percent) {
  return percent ? format_signed(*percent, 1) + "%" : "n/a";
}

std::string format_published(const NationalRow& row) {
  std::string text = format_number(row.published.value, row.decimals);
  if (row.published.low && row.published.high) {
    text += " (" + format_number(*row.published.low, row.decimals) + " to " +
            format_number(*row.published.high, row.decimals) + ")";
  }
  return text;
}

std::string format_interval(const NationalResult& result) {
  if (result.row.basis == Basis::parameters) return "exact (parameters)";
  if (!result.ci_low || !result.ci_high) return "n/a (1 replication)";
  return "(" + format_number(*result.ci_low, result.row.decimals) + " to " +
         format_number(*result.ci_high, result.row.decimals) + ")";
}

std::string format_difference(const NationalResult& result) {
  return format_signed(result.difference, result.row.decimals) + " (" +
         format_percent(result.percent) + ")";
}

std::string today_utc() {
  const std::time_t now = std::time(nullptr);
  std::tm parts{};
  gmtime_r(&now, &parts);
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m-%d", &parts);
  return text;
}

std::string join(const std::vector<std::string>& words, const char* separator) {
  std::string text;
  for (const auto& word : words) text += (text.empty() ? "" : separator) + word;
  return text;
}

}  // namespace

std::optional<double> percent_difference(double simulated, double published) {
  if (published == 0.0) return std::nullopt;
  return (simulated - published) / std::abs(published) * 100.0;
}

std::string national_verdict(const NationalRow& row, double simulated) {
  const std::optional<double> percent = percent_difference(simulated, row.published.value);
  if (row.calibrated) {
    if (!percent) return "no percentage (published 0)";
    return std::abs(*percent) <= calibration_tolerance_percent ? "within 10%" : "outside 10%";
  }
  std::string verdict;
  if (!percent) {
    verdict = "difference " + format_signed(simulated - row.published.value, row.decimals);
  } else if (format_number(std::abs(*percent), 1) == "0.0") {
    verdict = "the same to 0.1%";
  } else {
    verdict = format_number(std::abs(*percent), 1) + "% " + (*percent > 0.0 ? "above" : "below");
  }
  if (row.published.low && row.published.high) {
    const bool inside = simulated >= *row.published.low && simulated <= *row.published.high;
    verdict += inside ? "; inside the published range" : "; outside the published range";
  }
  return verdict;
}

// ---------------------------------------------------------------- comparison

NationalReport compare_national(std::span<const NationalRow> rows, const models::Scenario& scenario,
                                const models::ExperimentResult& experiment) {
  NationalReport report;
  report.scenario = scenario.name;
  report.description = scenario.description;
  report.seed = scenario.seed;
  report.replications = scenario.replications;
  report.population_scale = scenario.population_scale;
  report.horizon_years = scenario.horizon_years;
  report.warmup_days = scenario.warmup_days;
  const std::vector<const models::ReplicationResult*> runs = experiment.runs_of(0);

  for (const NationalRow& row : rows) {
    std::vector<std::string> missing;
    for (const auto& name : row.metrics) {
      if (!metric_named(name)) missing.push_back(name);
    }
    if (!missing.empty()) {
      report.not_produced.push_back(
          {row, missing, "the model has no metric " + join(missing, ", ")});
      continue;
    }
    std::vector<double> values;
    std::optional<std::string> failure;
    try {
      if (row.basis == Basis::parameters) {
        const auto value = row.simulated(NationalInputs(scenario, nullptr));
        if (value) {
          values.push_back(*value);
        } else {
          failure = row.unavailable;
        }
      } else {
        if (runs.empty()) failure = "no replications were run";
        for (const auto* run : runs) {
          const auto value = row.simulated(NationalInputs(scenario, run));
          if (!value) {
            failure = row.unavailable;
            break;
          }
          values.push_back(*value);
        }
      }
    } catch (const MissingMetric& metric) {
      report.not_produced.push_back({row, {metric.name}, "the model has no metric " + metric.name});
      continue;
    }
    const sim::Summary summary = sim::summarise(values);
    if (!failure && !std::isfinite(summary.mean)) {
      failure = "not a finite number in this run (a zero denominator)";
    }
    if (failure) {
      report.not_produced.push_back({row, {}, failure->empty() ? "not available" : *failure});
      continue;
    }
    NationalResult result;
    result.row = row;
    result.mean = summary.mean;
    if (row.basis == Basis::simulation) {
      result.replications = summary.count;
      result.ci_low = summary.ci95_low;
      result.ci_high = summary.ci95_high;
    }
    result.difference = result.mean - row.published.value;
    result.percent = percent_difference(result.mean, row.published.value);
    result.verdict = national_verdict(row, result.mean);
    report.rows.push_back(std::move(result));
  }
  return report;
}

models::Scenario national_scenario(const NationalOptions& options) {
  models::ScenarioOverrides overrides;
  overrides.set = options.set;
  overrides.seed = options.seed;
  overrides.replications = options.replications;
  return models::parse_scenario(std::string(models::default_scenario_text()),
                                models::default_scenario_name, overrides);
}

// ---------------------------------------------------------------- reports

namespace {

std::string run_description(const NationalReport& report) {
  char text[512];
  std::snprintf(text, sizeof text,
                "scenario %s, seed %llu, %lld replication(s), population scale %g, %g measured "
                "year(s) after %g warm-up days",
                report.scenario.c_str(), static_cast<unsigned long long>(report.seed),
                static_cast<long long>(report.replications), report.population_scale,
                report.horizon_years, report.warmup_days);
  return text;
}

std::string json_optional(const std::optional<double>& value) {
  return value ? sim::json_number(*value) : "null";
}

std::string json_published(const NationalRow& row) {
  std::string json =
      "\"published\": " + sim::json_number(row.published.value) + ", \"published_range\": ";
  if (row.published.low && row.published.high) {
    json += "[" + sim::json_number(*row.published.low) + ", " +
            sim::json_number(*row.published.high) + "]";
  } else {
    json += "null";
  }
  return json + ", \"published_text\": " + sim::json_quoted(row.published.text);
}

std::string json_row_head(const NationalRow& row) {
  return "\"what\": " + sim::json_quoted(row.what) + ", \"unit\": " + sim::json_quoted(row.unit) +
         ", " + json_published(row) + ", \"year\": " + sim::json_quoted(row.year) +
         ", \"source\": " + sim::json_quoted(row.source) +
         ", \"calibrated\": " + (row.calibrated ? "true" : "false");
}

void write_rows_text(std::ostream& out, const NationalReport& report, bool calibrated) {
  char line[1024];
  std::snprintf(line, sizeof line, "  %-62s %-22s %12s %13s %28s %22s  %s\n", "what", "unit",
                "published", "simulated", "95% CI", "difference", "verdict");
  out << line;
  for (const auto& result : report.rows) {
    if (result.row.calibrated != calibrated) continue;
    std::snprintf(line, sizeof line, "  %-62s %-22s %12s %13s %28s %22s  %s\n",
                  result.row.what.c_str(), result.row.unit.c_str(),
                  format_published(result.row).c_str(),
                  format_number(result.mean, result.row.decimals).c_str(),
                  format_interval(result).c_str(), format_difference(result).c_str(),
                  result.verdict.c_str());
    out << line;
  }
}

std::string markdown_rows(const NationalReport& report, bool calibrated) {
  std::string text =
      "| what | unit | published | year | source | simulated (95% CI) | difference | verdict "
      "|\n|---|---|---|---|---|---|---|---|\n";
  for (const auto& result : report.rows) {
    if (result.row.calibrated != calibrated) continue;
    const NationalRow& row = result.row;
    text += "| " + row.what + " | " + row.unit + " | " + format_published(row) + " | " +
            (row.year.empty() ? "not stated" : row.year) + " | " + row.source + " | " +
            format_number(result.mean, row.decimals) + " " + format_interval(result) + " | " +
            format_difference(result) + " | " + result.verdict + " |\n";
  }
  return text;
}

std::string markdown_notes(const NationalReport& report, bool calibrated) {
  std::string text;
  for (const auto& result : report.rows) {
    if (result.row.calibrated != calibrated) continue;
    text += "- **" + result.row.what + "**: published " + result.row.published.text + ". " +
            "Simulated: " + result.row.how + "\n";
  }
  return text;
}

}  // namespace

void write_national_table(std::ostream& out, const NationalReport& report) {
  std::ostringstream text;
  text << "national figures: " << run_description(report) << "; hcsim " << report.version << ", "
       << report.date << "\n";
  text << "calibrated to (verdict: within 10% of the published figure or not):\n";
  write_rows_text(text, report, true);
  text << "not calibrated to (verdict: the plain difference):\n";
  write_rows_text(text, report, false);
  if (!report.not_produced.empty()) {
    text << "not yet produced by the model:\n";
    for (const auto& item : report.not_produced) {
      text << "  " << item.row.what << " (published " << format_published(item.row) << " "
           << item.row.unit << ", " << item.row.source << "): " << item.reason << "\n";
    }
  }
  out << text.str();
}

void write_national_json(std::ostream& out, const NationalReport& report) {
  std::ostringstream json;
  json << "{\"scenario\": " << sim::json_quoted(report.scenario) << ", \"seed\": " << report.seed
       << ", \"replications\": " << report.replications
       << ", \"population_scale\": " << sim::json_number(report.population_scale)
       << ", \"horizon_years\": " << sim::json_number(report.horizon_years)
       << ", \"version\": " << sim::json_quoted(report.version)
       << ", \"date\": " << sim::json_quoted(report.date) << ", \"rows\": [";
  bool first = true;
  for (const auto& result : report.rows) {
    json << (first ? "" : ", ") << "{" << json_row_head(result.row) << ", \"basis\": "
         << (result.row.basis == Basis::parameters ? "\"parameters\"" : "\"simulation\"")
         << ", \"simulated\": {\"mean\": " << sim::json_number(result.mean)
         << ", \"ci_low\": " << json_optional(result.ci_low)
         << ", \"ci_high\": " << json_optional(result.ci_high)
         << "}, \"replications\": " << result.replications
         << ", \"difference\": " << sim::json_number(result.difference)
         << ", \"percent\": " << json_optional(result.percent)
         << ", \"verdict\": " << sim::json_quoted(result.verdict)
         << ", \"how\": " << sim::json_quoted(result.row.how) << "}";
    first = false;
  }
  json << "], \"not_produced\": [";
  first = true;
  for (const auto& item : report.not_produced) {
    json << (first ? "" : ", ") << "{" << json_row_head(item.row) << ", \"missing_metrics\": [";
    for (std::size_t i = 0; i < item.missing_metrics.size(); ++i) {
      json << (i ? ", " : "") << sim::json_quoted(item.missing_metrics[i]);
    }
    json << "], \"reason\": " << sim::json_quoted(item.reason) << "}";
    first = false;
  }
  json << "]}\n";
  out << json.str();
}

std::string national_markdown(const NationalReport& report) {
  std::size_t calibrated = 0, within = 0;
  for (const auto& result : report.rows) {
    if (!result.row.calibrated) continue;
    ++calibrated;
    if (result.percent && std::abs(*result.percent) <= calibration_tolerance_percent) ++within;
  }
  std::ostringstream md;
  md << "<!-- Written by `hcsim validate --national` (validation/national.cpp); rerun it "
        "instead of editing this section. -->\n\n";
  md << "Generated " << report.date << " (UTC) by hcsim " << report.version << " from the "
     << "embedded default scenario `" << report.scenario << "` (\"" << report.description
     << "\"): seed " << report.seed << ", " << report.replications << " replications, population "
     << "scale " << report.population_scale << ", " << report.horizon_years
     << " measured years after " << report.warmup_days << " warm-up days";
  if (report.wall_seconds > 0.0) {
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.1f", report.wall_seconds);
    md << "; " << seconds << " s";
  }
  md << ". Simulated values are means over the replications with their 95% Student t "
        "interval, counts divided by the population scale to give England; values from "
        "parameters are exact. Difference is simulated minus published, then as a percentage "
        "of the published figure.\n\n";
  md << "#### Figures the default scenario was calibrated to\n\n";
  md << within << " of " << calibrated
     << " are within 10% of the published figure (the calibration target).\n\n";
  md << markdown_rows(report, true) << "\n" << markdown_notes(report, true) << "\n";
  md << "#### Figures it was not calibrated to\n\n";
  md << "The verdict is the plain difference; no tolerance is claimed.\n\n";
  md << markdown_rows(report, false) << "\n" << markdown_notes(report, false) << "\n";
  md << "#### Not yet produced by the model\n\n";
  if (report.not_produced.empty()) {
    md << "Every figure in the table is produced.\n\n";
  } else {
    md << "Published figures the model cannot give yet; each row becomes a comparison when "
          "the model has a metric of the name listed.\n\n"
       << "| what | unit | published | year | source | calibrated | why not |\n"
       << "|---|---|---|---|---|---|---|\n";
    for (const auto& item : report.not_produced) {
      md << "| " << item.row.what << " | " << item.row.unit << " | " << item.row.published.text
         << " | " << (item.row.year.empty() ? "not stated" : item.row.year) << " | "
         << item.row.source << " | " << (item.row.calibrated ? "yes (an input)" : "no") << " | "
         << item.reason << " |\n";
    }
    md << "\n";
  }
  md << "Produced by the model but not compared, because the reference figures hold no "
        "published value for them: deaths and deaths by place, readmissions within 30 days, "
        "care-home admissions, delayed discharge by reason and responsible party.\n";
  return md.str();
}

// ---------------------------------------------------------------- the Markdown file

namespace {

int line_of(std::string_view text, std::size_t position) {
  return 1 + static_cast<int>(std::count(
                 text.begin(), text.begin() + static_cast<std::ptrdiff_t>(position), '\n'));
}

[[noreturn]] void marker_error(const std::string& file, int line, const std::string& message) {
  throw models::InputError(models::Diagnostic{file, line, 0, "", message});
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw models::InputError(
        models::Diagnostic{path, 0, 0, "", "cannot be read; --output expects a Markdown file"});
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::string replace_marked_section(std::string_view document, std::string_view section,
                                   const std::string& file) {
  const std::size_t begin = document.find(national_begin_marker);
  const std::size_t end = document.find(national_end_marker);
  const std::string begin_text(national_begin_marker), end_text(national_end_marker);
  if (begin != std::string_view::npos &&
      document.find(national_begin_marker, begin + 1) != std::string_view::npos) {
    marker_error(file, line_of(document, document.find(national_begin_marker, begin + 1)),
                 begin_text + " appears more than once");
  }
  if (end != std::string_view::npos &&
      document.find(national_end_marker, end + 1) != std::string_view::npos) {
    marker_error(file, line_of(document, document.find(national_end_marker, end + 1)),
                 end_text + " appears more than once");
  }
  std::string body(section);
  if (!body.empty() && body.back() != '\n') body += '\n';
  if (begin == std::string_view::npos && end == std::string_view::npos) {
    std::string result(document);
    if (!result.empty()) result += result.back() == '\n' ? "\n" : "\n\n";
    return result + begin_text + "\n" + body + end_text + "\n";
  }
  if (begin == std::string_view::npos) {
    marker_error(file, line_of(document, end), end_text + " without " + begin_text + " before it");
  }
  if (end == std::string_view::npos) {
    marker_error(file, line_of(document, begin), begin_text + " without " + end_text + " after it");
  }
  if (end < begin) {
    marker_error(file, line_of(document, end), end_text + " comes before " + begin_text);
  }
  const std::size_t keep_until = begin + national_begin_marker.size();
  return std::string(document.substr(0, keep_until)) + "\n" + body +
         std::string(document.substr(end));
}

void check_marked_file(const std::string& path) {
  namespace fs = std::filesystem;
  const fs::path file(path);
  const fs::path directory = file.has_parent_path() ? file.parent_path() : fs::path(".");
  std::error_code error;
  if (!fs::is_directory(directory, error)) {
    throw models::InputError(
        models::Diagnostic{"--output", 0, 0, "",
                           "directory '" + directory.string() + "' does not exist (writing " +
                               path + "; run from the project directory or give --output PATH)"});
  }
  if (fs::exists(file, error)) {
    if (!fs::is_regular_file(file, error)) {
      throw models::InputError(
          models::Diagnostic{path, 0, 0, "", "is not a regular file; --output expects a file"});
    }
    (void)replace_marked_section(read_file(path), "", path);
  }
}

void write_marked_section(const std::string& path, std::string_view section) {
  namespace fs = std::filesystem;
  std::error_code error;
  const bool existed = fs::exists(path, error);
  const std::string document = existed ? read_file(path) : std::string();
  const std::string updated = replace_marked_section(document, section, path);
  const std::string temporary = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << updated;
    out.flush();
    if (!out) {
      out.close();
      fs::remove(temporary, error);
      throw std::runtime_error("cannot write " + temporary);
    }
  }
  if (existed) {
    const auto permissions = fs::status(path, error).permissions();
    if (!error) fs::permissions(temporary, permissions, error);
  }
  fs::rename(temporary, path, error);
  if (error) {
    std::error_code ignored;
    fs::remove(temporary, ignored);
    throw std::runtime_error("cannot replace " + path + ": " + error.message());
  }
}

// ---------------------------------------------------------------- the command

int run_national_validation(const NationalOptions& options) {
  std::ostream& log = options.log ? *options.log : std::cerr;
  std::ostream& out = options.out ? *options.out : std::cout;
  // Everything that can be wrong with the input is found before the run.
  check_marked_file(options.output_path);
  const models::Scenario scenario = national_scenario(options);
  log << "validate --national: " << scenario.name << ", " << scenario.replications
      << " replication(s), population scale " << scenario.population_scale << ", "
      << scenario.horizon_years << " year(s)\n";

  const auto start = std::chrono::steady_clock::now();
  const models::ExperimentResult experiment =
      models::run_experiment(scenario, options.threads, {}, options.stop);
  const std::vector<NationalRow> rows = national_rows();
  NationalReport report = compare_national(rows, scenario, experiment);
  report.version = options.version;
  report.date = options.date.empty() ? today_utc() : options.date;
  report.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  write_marked_section(options.output_path, national_markdown(report));
  if (options.json) {
    write_national_json(out, report);
  } else {
    write_national_table(out, report);
  }
  log << "validate --national: wrote the section between " << national_begin_marker << " and "
      << national_end_marker << " in " << options.output_path << "\n";
  return 0;
}

}  // namespace hcsim::validation
