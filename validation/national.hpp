#pragma once
// `hcsim validate --national`: the default England scenario against published
// national figures, those it was calibrated to and those it was not, with the
// differences stated plainly. The published figures are copied from
// ../shared/reference/england-defaults.md; none is invented here.
//
// Each row says how to get its simulated value from a run: from metrics
// looked up by name (models/metrics.hpp), so a row whose metric the model
// does not have yet is listed under "not yet produced" instead of being
// given a number, and starts working when a metric of that name appears; or
// from the scenario's parameters (life expectancy from the Gompertz law).
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "models/scenario.hpp"
#include "models/simulation.hpp"
#include "sim/run_control.hpp"

namespace hcsim::validation {

// What a row's simulated value is read from in one replication. Metric
// values are totals over areas and measured years, aggregated as
// models/metrics.hpp says (a sum, a ratio of sums, a daily level, the last
// year's snapshot, or a life table of the deaths and person-years summed). Asking for a metric the model does not have throws
// MissingMetric, which moves the row to "not yet produced".
class NationalInputs {
 public:
  // `run` may be null for rows computed from parameters only.
  NationalInputs(const models::Scenario& scenario, const models::ReplicationResult* run);

  [[nodiscard]] double metric(std::string_view name) const;
  // The metric over areas in measured year `year` (0-based) only.
  [[nodiscard]] double metric_in_year(std::string_view name, std::size_t year) const;
  // A summed metric of models::age_band_metrics over areas and measured years
  // (a snapshot at a year's end: the last measured year's), counting only
  // the age bands from the one holding `from_age` up (so 65 gives 65-74,
  // 75-84 and 85+); nullopt when the run kept no measures by age band.
  [[nodiscard]] std::optional<double> metric_from_age(std::string_view name,
                                                      double from_age) const;
  [[nodiscard]] std::size_t years() const noexcept;
  [[nodiscard]] const models::Scenario& scenario() const noexcept { return scenario_; }
  // Divide a count by this to scale it to England's population.
  [[nodiscard]] double population_scale() const noexcept { return scenario_.population_scale; }
  [[nodiscard]] double horizon_years() const noexcept { return scenario_.horizon_years; }

 private:
  const models::Scenario& scenario_;
  const models::ReplicationResult* run_;
};

struct MissingMetric {
  std::string name;
};

// The metric of that name (as in --json output and HDF5), if the model has it.
[[nodiscard]] std::optional<models::Metric> metric_named(std::string_view name);

struct PublishedFigure {
  double value = 0.0;  // what the simulated value is compared with
  // The range, where the source gives one.
  std::optional<double> low;
  std::optional<double> high;
  std::string text;  // the figure as published, with any arithmetic shown
};

enum class Basis {
  simulation,  // per replication, from metrics; mean and 95% CI over replications
  parameters,  // computed once from the scenario's parameters; exact
};

struct NationalRow {
  std::string what;
  std::string unit;
  PublishedFigure published;
  std::string year;         // of the published figure; "" when the source gives none
  std::string source;       // as in england-defaults.md
  bool calibrated = false;  // the default scenario's parameters were set to meet it
  std::string how;          // how the simulated value is obtained, and what differs
  Basis basis = Basis::simulation;
  std::vector<std::string> metrics;  // metric names the value needs
  // The value; nullopt when this scenario cannot give it (e.g. too short a
  // horizon), with `unavailable` saying why.
  std::function<std::optional<double>(const NationalInputs&)> simulated;
  std::string unavailable;
  int decimals = 1;  // for the text and Markdown tables
};

// The comparison table (validation/national_rows.cpp): rows calibrated to,
// rows not calibrated to, and rows the model cannot produce yet (their
// metrics do not exist).
[[nodiscard]] std::vector<NationalRow> national_rows();

// Calibrated rows pass within this share of the published figure (the
// issue's calibration target); it is a report, so nothing fails.
inline constexpr double calibration_tolerance_percent = 10.0;

// (simulated - published) / published x 100; nullopt when published is 0.
[[nodiscard]] std::optional<double> percent_difference(double simulated, double published);

// "within 10%" or "outside 10%" for calibrated rows; otherwise the plain
// difference ("12.3% above", "4.0% below", with the range when there is one).
[[nodiscard]] std::string national_verdict(const NationalRow& row, double simulated);

struct NationalResult {
  NationalRow row;
  double mean = 0.0;
  std::optional<double> ci_low, ci_high;  // 95% Student t; none for parameter rows
  std::size_t replications = 0;           // 0 for parameter rows
  double difference = 0.0;                // mean - published
  std::optional<double> percent;
  std::string verdict;
};

struct NotProduced {
  NationalRow row;
  std::vector<std::string> missing_metrics;
  std::string reason;
};

struct NationalReport {
  std::string scenario;
  std::string description;
  std::uint64_t seed = 0;
  std::int64_t replications = 0;
  double population_scale = 1.0;
  double horizon_years = 0.0;
  double warmup_days = 0.0;
  std::string version;
  std::string date;  // of generation, YYYY-MM-DD (UTC)
  double wall_seconds = 0.0;
  std::vector<NationalResult> rows;
  std::vector<NotProduced> not_produced;
};

// Evaluates `rows` on the runs of an experiment of `scenario` (sweep point 0).
[[nodiscard]] NationalReport compare_national(std::span<const NationalRow> rows,
                                              const models::Scenario& scenario,
                                              const models::ExperimentResult& experiment);

struct NationalOptions {
  // The Markdown file whose section between the markers is replaced;
  // relative to the current directory.
  std::string output_path = "docs/validation.md";
  bool json = false;
  int threads = 0;
  std::optional<std::int64_t> replications;
  std::optional<std::uint64_t> seed;
  std::vector<std::string> set;  // "key.path=value", applied to the default scenario
  std::string version = "unknown";
  std::string date;  // "" : today (UTC)
  const sim::StopFlag* stop = nullptr;
  std::ostream* out = nullptr;  // table or JSON; nullptr: std::cout
  std::ostream* log = nullptr;  // progress; nullptr: std::cerr
};

// The embedded default scenario (models::default_scenario_text()) with the
// overrides. Throws models::InputError.
[[nodiscard]] models::Scenario national_scenario(const NationalOptions& options);

// Runs the default scenario, compares, writes the Markdown section into
// options.output_path and prints the table (or JSON). Returns 0 whatever the
// differences: it is a report, not a test. Throws models::InputError for bad
// overrides or an output file whose markers are malformed (checked before
// the run), std::runtime_error when the file cannot be written.
int run_national_validation(const NationalOptions& options);

// The report as text, as JSON
//   {"scenario", "seed", "replications", "population_scale", "horizon_years",
//    "version", "date",
//    "rows": [{"what", "unit", "published", "published_range": [lo, hi] | null,
//              "published_text", "year", "source", "calibrated", "basis",
//              "simulated": {"mean", "ci_low", "ci_high"}, "replications",
//              "difference", "percent", "verdict", "how"}],
//    "not_produced": [{"what", "unit", "published", "published_range",
//                      "published_text", "year", "source", "calibrated",
//                      "missing_metrics": [...], "reason"}]}
// and as the Markdown section (without the markers).
void write_national_table(std::ostream& out, const NationalReport& report);
void write_national_json(std::ostream& out, const NationalReport& report);
[[nodiscard]] std::string national_markdown(const NationalReport& report);

// The markers around the generated section of the Markdown file.
inline constexpr std::string_view national_begin_marker = "<!-- national:begin -->";
inline constexpr std::string_view national_end_marker = "<!-- national:end -->";

// `document` with the text between the markers replaced by `section` (the
// markers stay; everything before the begin marker and after the end marker
// is kept byte for byte). Without markers, the section is appended with them.
// Applying it twice with the same section gives the same document. Throws
// models::InputError (naming `file`) when only one marker is present, either
// appears twice, or the end comes before the begin.
[[nodiscard]] std::string replace_marked_section(std::string_view document,
                                                 std::string_view section,
                                                 const std::string& file = "<document>");

// Checks, before a run, that `path` can take the section: its directory
// exists and, if the file exists, it is readable with well-formed markers.
// Throws models::InputError.
void check_marked_file(const std::string& path);

// Replaces the section in the file at `path` (created when missing)
// atomically: the new text goes to a temporary file in the same directory,
// which is renamed over the old one. Throws models::InputError for bad
// markers, std::runtime_error when writing fails.
void write_marked_section(const std::string& path, std::string_view section);

}  // namespace hcsim::validation
