// `hcsim validate --national`: the comparison table, how rows are evaluated
// (metrics looked up by name; missing ones listed, not faked), the
// percentages, and the replacement of the Markdown section between markers.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "models/input_error.hpp"
#include "validation/national.hpp"

using namespace hcsim;
using validation::NationalRow;

namespace {

// The default scenario made small: a run of every replication takes well
// under a second.
validation::NationalOptions small_options() {
  validation::NationalOptions options;
  options.set = {"population_scale=0.005", "horizon_years=2", "warmup_days=30"};
  options.replications = 2;
  options.threads = 2;
  options.version = "test";
  options.date = "2000-01-01";
  return options;
}

const validation::NationalResult* find_row(const validation::NationalReport& report,
                                           const std::string& what) {
  for (const auto& row : report.rows) {
    if (row.row.what == what) return &row;
  }
  return nullptr;
}

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::filesystem::path scratch(const std::string& name) {
  return std::filesystem::temp_directory_path() /
         ("hcsim-national-" + std::to_string(::getpid()) + "-" + name);
}

// One replication result of one area and one year with the given metrics.
models::ReplicationResult run_with(std::int64_t replication,
                                   std::initializer_list<std::pair<models::Metric, double>> values) {
  models::ReplicationResult run;
  run.replication = replication;
  run.areas = 1;
  run.years = 1;
  run.values.assign(models::metric_count, 0.0);
  for (const auto& [metric, value] : values) run.values[models::index_of(metric)] = value;
  return run;
}

}  // namespace

TEST_CASE("every calibrated figure is compared on the default scenario", "[validation][national]") {
  const auto options = small_options();
  const models::Scenario scenario = validation::national_scenario(options);
  REQUIRE(scenario.name == "default");
  REQUIRE(scenario.population_scale == 0.005);
  const auto experiment = models::run_experiment(scenario, options.threads);
  const auto rows = validation::national_rows();
  const auto report = validation::compare_national(rows, scenario, experiment);

  // The figures the issue names as calibration targets, with their published
  // values as in england-defaults.md.
  const std::vector<std::pair<std::string, double>> calibrated{
      {"emergency admissions per 1,000 people a year (national count)",
       6.02e6 / 56536419.0 * 1000.0},
      {"mean emergency length of stay", 7.9},
      {"general and acute bed occupancy", 90309.0 / 102194.0 * 100.0},
      {"delayed-discharge beds a day, England", 6200.0},
      {"life expectancy at 65, men", 18.3},
      {"life expectancy at 65, women", 20.9},
  };
  for (const auto& [what, published] : calibrated) {
    INFO(what);
    const auto* row = find_row(report, what);
    REQUIRE(row != nullptr);
    CHECK(row->row.calibrated);
    CHECK(row->row.published.value == Approx(published));
    CHECK(!row->row.source.empty());
    CHECK(std::isfinite(row->mean));
    CHECK((row->verdict == "within 10%" || row->verdict == "outside 10%"));
  }
  // Life expectancy at 65 is the simulated population's, over the
  // replications (about 22,000 people aged 65 and over here: within 10%
  // by a wide margin); the Gompertz law's own value is an exact row from the
  // parameters beside it.
  for (const std::string sex : {"men", "women"}) {
    INFO(sex);
    const auto* simulated = find_row(report, "life expectancy at 65, " + sex);
    const auto* law =
        find_row(report, "life expectancy at 65, " + sex + ", from the mortality parameters");
    REQUIRE(simulated != nullptr);
    REQUIRE(law != nullptr);
    CHECK(simulated->row.basis == validation::Basis::simulation);
    CHECK(simulated->replications == 2);
    CHECK(simulated->verdict == "within 10%");
    CHECK(law->row.basis == validation::Basis::parameters);
    CHECK(!law->row.calibrated);
    CHECK(law->replications == 0);
    // The law lives longer than the simulated people, whose care-home
    // residents die faster (docs/calibration.md, step 18); within 6% of the
    // reference file's figure.
    CHECK(law->mean > simulated->mean);
    CHECK(std::abs(law->mean - law->row.published.value) < 0.06 * law->row.published.value);
  }
  // Simulated rows have an interval over the replications.
  const auto* occupancy = find_row(report, "general and acute bed occupancy");
  CHECK(occupancy->replications == 2);
  REQUIRE(occupancy->ci_low);
  CHECK(*occupancy->ci_low <= occupancy->mean);
  CHECK(occupancy->mean <= *occupancy->ci_high);
  // The prevalence rows and care-home residents' admissions come from the
  // model's metrics; the model was calibrated to the last only (its base
  // rate, docs/calibration.md step 13).
  for (const std::string what :
       {"share of the population aged 65+", "frailty prevalence at 85+",
        "dementia prevalence at 65+", "people 65+ with 4 or more long-term conditions",
        "emergency admissions of care-home residents 65+ per resident-year"}) {
    INFO(what);
    const auto* row = find_row(report, what);
    REQUIRE(row != nullptr);
    CHECK(row->row.calibrated == what.starts_with("emergency admissions of care-home"));
    CHECK(row->replications == 2);
    CHECK(std::isfinite(row->mean));
    CHECK(row->mean >= 0.0);
  }
  // Shares are percentages of the snapshot they come from.
  CHECK(find_row(report, "share of the population aged 65+")->mean == Approx(18.4).margin(2.0));
  CHECK(find_row(report, "dementia prevalence at 65+")->mean == Approx(6.6).margin(1.0));
  // Every row is either compared or listed as not produced, never both.
  CHECK(report.rows.size() + report.not_produced.size() == rows.size());
  for (const auto& item : report.not_produced) {
    INFO(item.row.what);
    CHECK(!item.reason.empty());
    for (const auto& name : item.missing_metrics) CHECK(!validation::metric_named(name));
  }
}

TEST_CASE("rows whose metric the model lacks are listed, not given a number",
          "[validation][national]") {
  models::Scenario scenario;
  scenario.name = "synthetic";
  scenario.population_scale = 0.5;
  scenario.horizon_years = 1.0;
  scenario.replications = 2;
  models::ExperimentResult experiment;
  experiment.runs = {run_with(0, {{models::Metric::deaths, 10.0}}),
                     run_with(1, {{models::Metric::deaths, 12.0}})};

  std::vector<NationalRow> rows(3);
  rows[0].what = "declared missing";
  rows[0].metrics = {"deaths", "no_such_metric"};
  rows[0].simulated = [](const validation::NationalInputs& in) -> std::optional<double> {
    return in.metric("no_such_metric");
  };
  rows[1].what = "undeclared missing";
  rows[1].simulated = [](const validation::NationalInputs& in) -> std::optional<double> {
    return in.metric("deaths") / in.metric("another_missing_metric");
  };
  rows[2].what = "present";
  rows[2].published.value = 20.0;
  rows[2].metrics = {"deaths"};
  rows[2].simulated = [](const validation::NationalInputs& in) -> std::optional<double> {
    return in.metric("deaths") / in.population_scale();
  };
  const auto report = validation::compare_national(rows, scenario, experiment);
  REQUIRE(report.rows.size() == 1);
  CHECK(report.rows[0].row.what == "present");
  CHECK(report.rows[0].mean == Approx(22.0));
  REQUIRE(report.not_produced.size() == 2);
  CHECK(report.not_produced[0].row.what == "declared missing");
  CHECK(report.not_produced[0].missing_metrics == std::vector<std::string>{"no_such_metric"});
  CHECK(report.not_produced[1].row.what == "undeclared missing");
  CHECK(report.not_produced[1].missing_metrics ==
        std::vector<std::string>{"another_missing_metric"});

  // The shipped table names metrics that do not exist yet; those rows are
  // listed with the missing names.
  const auto shipped = validation::compare_national(validation::national_rows(), scenario,
                                                    experiment);
  const auto delay_cost = std::find_if(
      shipped.not_produced.begin(), shipped.not_produced.end(), [](const auto& item) {
        return item.row.what == "cost of delayed transfers of care to NHS providers a year";
      });
  REQUIRE(delay_cost != shipped.not_produced.end());
  CHECK(delay_cost->missing_metrics == std::vector<std::string>{"cost_delayed_discharge"});

  // The JSON lists both kinds.
  std::ostringstream json;
  validation::write_national_json(json, report);
  CHECK(json.str().find("\"not_produced\": [{\"what\": \"declared missing\"") != std::string::npos);
  CHECK(json.str().find("\"missing_metrics\": [\"no_such_metric\"]") != std::string::npos);
}

TEST_CASE("differences and percentages for a known input", "[validation][national]") {
  CHECK(*validation::percent_difference(110.0, 100.0) == Approx(10.0));
  CHECK(*validation::percent_difference(4.5, 6.0) == Approx(-25.0));
  CHECK(!validation::percent_difference(1.0, 0.0));

  models::Scenario scenario;
  scenario.name = "synthetic";
  scenario.population_scale = 0.5;
  scenario.horizon_years = 1.0;
  models::ExperimentResult experiment;
  // Per replication: 100 and 120 admissions at half scale, so 200 and 240
  // for the whole population; mean 220.
  experiment.runs = {run_with(0, {{models::Metric::emergency_admissions, 100.0}}),
                     run_with(1, {{models::Metric::emergency_admissions, 120.0}})};
  auto admissions = [](const validation::NationalInputs& in) -> std::optional<double> {
    return in.metric("emergency_admissions") / in.population_scale();
  };
  auto row = [&](std::string what, double published, bool calibrated) {
    NationalRow made;
    made.what = std::move(what);
    made.published.value = published;
    made.calibrated = calibrated;
    made.metrics = {"emergency_admissions"};
    made.simulated = admissions;
    return made;
  };
  std::vector<NationalRow> rows{row("calibrated, 10% above", 200.0, true),
                                row("calibrated, far below", 440.0, true),
                                row("not calibrated", 275.0, false),
                                row("range", 250.0, false)};
  rows[3].published.low = 210.0;
  rows[3].published.high = 290.0;
  const auto report = validation::compare_national(rows, scenario, experiment);
  REQUIRE(report.rows.size() == 4);

  const auto& above = report.rows[0];
  CHECK(above.mean == Approx(220.0));
  CHECK(above.difference == Approx(20.0));
  CHECK(*above.percent == Approx(10.0));
  CHECK(above.verdict == "within 10%");  // the boundary counts as within
  CHECK(above.replications == 2);
  // t(0.975, 1) = 12.706; standard error = sd / sqrt(2) = 28.28 / 1.414 = 20.
  CHECK(*above.ci_low == Approx(220.0 - 12.7062 * 20.0).epsilon(1e-4));
  CHECK(*above.ci_high == Approx(220.0 + 12.7062 * 20.0).epsilon(1e-4));

  CHECK(*report.rows[1].percent == Approx(-50.0));
  CHECK(report.rows[1].difference == Approx(-220.0));
  CHECK(report.rows[1].verdict == "outside 10%");
  CHECK(*report.rows[2].percent == Approx(-20.0));
  CHECK(report.rows[2].verdict == "20.0% below");
  CHECK(report.rows[3].verdict == "12.0% below; inside the published range");
}

TEST_CASE("the section between the markers is replaced and nothing else",
          "[validation][national]") {
  const std::string before = "# Validation\n\nIntro | with a table\n\n";
  const std::string after = "\n## Later section\n\ntext without a final newline";
  const std::string document = before + "<!-- national:begin -->\nold numbers\n" +
                               "<!-- national:end -->" + after;
  const std::string section = "| a | b |\n|---|---|\n| 1 | 2 |\n";
  const std::string once = validation::replace_marked_section(document, section);
  CHECK(once == before + "<!-- national:begin -->\n" + section + "<!-- national:end -->" + after);
  CHECK(once.substr(0, before.size()) == before);
  CHECK(once.substr(once.size() - after.size()) == after);
  CHECK(validation::replace_marked_section(once, section) == once);  // idempotent
  // A different section changes only what is between the markers.
  const std::string other = validation::replace_marked_section(once, "new\n");
  CHECK(other == before + "<!-- national:begin -->\nnew\n<!-- national:end -->" + after);

  // Without markers the section is appended with them, and then replaced.
  const std::string plain = "# Doc\n\nno markers here";
  const std::string appended = validation::replace_marked_section(plain, section);
  CHECK(appended.substr(0, plain.size()) == plain);
  CHECK(appended == plain + "\n\n<!-- national:begin -->\n" + section + "<!-- national:end -->\n");
  CHECK(validation::replace_marked_section(appended, section) == appended);
  CHECK(validation::replace_marked_section("", section) ==
        "<!-- national:begin -->\n" + section + "<!-- national:end -->\n");

  // Malformed markers are refused, naming the line.
  CHECK_THROWS_AS(validation::replace_marked_section("a\n<!-- national:begin -->\nb\n", section),
                  models::InputError);
  CHECK_THROWS_AS(validation::replace_marked_section("<!-- national:end -->\n", section),
                  models::InputError);
  CHECK_THROWS_AS(validation::replace_marked_section(
                      "<!-- national:end -->\n<!-- national:begin -->\n", section),
                  models::InputError);
  try {
    (void)validation::replace_marked_section(
        "x\n<!-- national:begin -->\n<!-- national:end -->\n<!-- national:begin -->\n", section,
        "doc.md");
    FAIL("a second begin marker was accepted");
  } catch (const models::InputError& error) {
    CHECK(error.diagnostics().front().file == "doc.md");
    CHECK(error.diagnostics().front().line == 4);
  }
}

TEST_CASE("the command writes the Markdown file atomically and prints JSON",
          "[validation][national]") {
  const auto path = scratch("validation.md");
  const std::string before = "# Validation\n\nhand-written text\n\n<!-- national:begin -->\n";
  const std::string after = "<!-- national:end -->\n\n## More hand-written text\n";
  {
    std::ofstream out(path, std::ios::binary);
    out << before << "stale\n" << after;
  }
  auto options = small_options();
  options.output_path = path.string();
  options.json = true;
  std::ostringstream out, log;
  options.out = &out;
  options.log = &log;
  CHECK(validation::run_national_validation(options) == 0);

  const std::string written = read(path);
  CHECK(written.substr(0, before.size()) == before);
  CHECK(written.substr(written.size() - after.size()) == after);
  CHECK(written.find("stale") == std::string::npos);
  CHECK(written.find("#### Figures the default scenario was calibrated to") != std::string::npos);
  CHECK(written.find("#### Not yet produced by the model") != std::string::npos);
  CHECK(written.find("seed 20261124, 2 replications, population scale 0.005") !=
        std::string::npos);
  CHECK(written.find("hcsim test") != std::string::npos);
  const std::string json = out.str();
  CHECK(json.find("{\"scenario\": \"default\"") == 0);
  CHECK(json.find("\"rows\": [{\"what\": ") != std::string::npos);
  CHECK(std::count(json.begin(), json.end(), '\n') == 1);
  // No temporary file is left beside it.
  std::size_t temporaries = 0;
  for (const auto& entry : std::filesystem::directory_iterator(path.parent_path())) {
    if (entry.path().filename().string().rfind(path.filename().string() + ".tmp", 0) == 0) {
      ++temporaries;
    }
  }
  CHECK(temporaries == 0);
  // A second run with the same seed writes the same file.
  std::ostringstream out2;
  options.out = &out2;
  CHECK(validation::run_national_validation(options) == 0);
  const std::string second = read(path);
  // Only the wall-clock time may differ.
  auto without_seconds = [](std::string text) {
    const auto at = text.find("warm-up days; ");
    if (at != std::string::npos) text.erase(at, text.find(" s.", at) - at);
    return text;
  };
  CHECK(without_seconds(second) == without_seconds(written));
  std::filesystem::remove(path);

  // A missing directory or malformed markers are refused before the run.
  options.output_path = scratch("no-such-dir").string() + "/validation.md";
  CHECK_THROWS_AS(validation::run_national_validation(options), models::InputError);
  const auto bad = scratch("bad.md");
  {
    std::ofstream out3(bad);
    out3 << "<!-- national:begin -->\nno end\n";
  }
  options.output_path = bad.string();
  CHECK_THROWS_AS(validation::run_national_validation(options), models::InputError);
  CHECK(read(bad) == "<!-- national:begin -->\nno end\n");
  std::filesystem::remove(bad);
}
