// Flow-only scenarios from YAML (models/flow_scenario.hpp): the shipped
// example, bad input reported with file, line and key, capacity that changes
// during a run, independence of services, determinism across threads, and
// agreement with Erlang C for a stationary M/M/c case.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <tuple>

#include <unistd.h>

#include "models/flow_ensemble.hpp"
#include "models/flow_scenario.hpp"
#include "sim/parallel.hpp"
#include "models/input_error.hpp"
#include "sim/statistics.hpp"
#include "validation/queueing.hpp"

using namespace hcsim;
using models::InputError;

namespace {

const std::string example = HCSIM_SOURCE_DIR "/scenarios/validation/flow_only_p2.yaml";

const std::string valid = R"(name: ward
mode: flow_only
seed: 5
replications: 4
days: 3
services:
  - name: rehab
    capacity: 10
    arrivals_per_day: [1.5, 2.0, 2.5]
    length_of_stay: {distribution: lognormal, mean: 20, sd: 12}
    initial: {occupied: 6, waiting: 2}
)";

// A folder for the scenario and CSV files of one test, removed afterwards.
struct Folder {
  std::filesystem::path path = std::filesystem::temp_directory_path() /
                               ("hcsim-flow-test-" + std::to_string(::getpid()));
  Folder() { std::filesystem::create_directories(path); }
  ~Folder() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name) << text;
    return (path / name).string();
  }
};

// The single diagnostic of a scenario that must fail.
models::Diagnostic error_of(const std::string& text,
                            const models::ScenarioOverrides& overrides = {},
                            const std::string& file = "flow.yaml") {
  try {
    (void)models::parse_flow_scenario(text, file, overrides);
  } catch (const InputError& error) {
    INFO(error.what());
    REQUIRE(error.diagnostics().size() == 1);
    return error.diagnostics().front();
  }
  FAIL("the scenario was accepted");
  return {};
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto where = text.find(from);
  REQUIRE(where != std::string::npos);
  return text.replace(where, from.size(), to);
}

}  // namespace

TEST_CASE("flow scenario: a valid scenario loads", "[flow_scenario]") {
  const auto scenario = models::parse_flow_scenario(valid, "flow.yaml", {});
  CHECK(scenario.name == "ward");
  CHECK(scenario.seed == 5);
  CHECK(scenario.replications == 4);
  CHECK(scenario.days == 3);
  REQUIRE(scenario.services.size() == 1);
  const auto& p = scenario.services[0].parameters;
  CHECK(p.daily_arrival_rate == std::vector<double>{1.5, 2.0, 2.5});
  CHECK(p.capacity == 10);
  CHECK(p.length_of_stay.family() == sim::DistributionFamily::lognormal);
  CHECK(p.length_of_stay.mean() == Approx(20.0));
  CHECK(p.initial_in_service == 6);
  CHECK(p.initial_waiting == 2);
  CHECK(p.initial_queue_policy == models::InitialQueuePolicy::first_come_first_served);
  CHECK(models::is_flow_only(models::parse_yaml(valid, "flow.yaml")));
}

TEST_CASE("flow scenario: the shipped example loads and runs", "[flow_scenario]") {
  REQUIRE(models::is_flow_only_scenario(example));
  models::ScenarioOverrides fewer;
  fewer.replications = 8;
  const auto scenario = models::load_flow_scenario(example, fewer);
  CHECK(scenario.days == 181);
  REQUIRE(scenario.services.size() == 3);
  const auto& city = scenario.services[0];
  CHECK(city.name == "city");
  CHECK(city.parameters.capacity == 90);
  CHECK(city.parameters.daily_arrival_rate.size() == 181);
  // One rate, the same every day.
  CHECK(city.parameters.daily_arrival_rate.front() == 2.0);
  CHECK(city.parameters.daily_arrival_rate.back() == 2.0);
  CHECK(city.parameters.initial_queue_policy ==
        models::InitialQueuePolicy::first_come_first_served);
  CHECK(city.parameters.length_of_stay.mean() == Approx(42.79).epsilon(0.01));
  const auto result = models::run_flow_scenario(scenario, 2);
  REQUIRE(result.summaries.size() == 3);
  for (const auto& summary : result.summaries) {
    REQUIRE(summary.occupancy.mean.size() == 181);
    for (std::size_t d = 0; d < 181; ++d) {
      CHECK(summary.occupancy.q05[d] <= summary.occupancy.q50[d]);
      CHECK(summary.occupancy.q50[d] <= summary.occupancy.q95[d]);
      CHECK(summary.waiting.q05[d] <= summary.waiting.q95[d]);
    }
  }
  // Remaining stays at the start are at least a day, so on day 1 the wards
  // hold their initial patients (86 of 90 beds, filling with those waiting
  // and the day's arrivals; 62 in 60 beds, over-full) and no more.
  CHECK(result.summaries[0].occupancy.mean[0] >= 86.0);
  CHECK(result.summaries[0].occupancy.mean[0] <= 90.0);
  CHECK(result.summaries[2].occupancy.mean[0] == 62.0);

  // A population scenario reader refuses it, saying why.
  try {
    (void)models::load_scenario(example, {});
    FAIL("the population reader accepted a flow-only scenario");
  } catch (const InputError& error) {
    CHECK_THAT(error.what(), Catch::Contains("mode: a flow-only scenario is run by"));
  }
  CHECK_FALSE(models::is_flow_only_scenario(HCSIM_TEST_DATA_DIR "/tiny.yaml"));
}

TEST_CASE("flow scenario: bad input names file, line and key", "[flow_scenario][bad_input]") {
  SECTION("unknown key, with a suggestion") {
    const auto d =
        error_of(replaced(valid, "    capacity: 10", "    capacty: 10\n    capacity: 10"));
    CHECK(d.file == "flow.yaml");
    CHECK(d.line == 8);
    CHECK(d.key_path == "services[0].capacty");
    CHECK_THAT(d.message, Catch::Contains("did you mean 'capacity'?"));
  }
  SECTION("negative capacity") {
    const auto d = error_of(replaced(valid, "capacity: 10", "capacity: -4"));
    CHECK(d.line == 8);
    CHECK(d.key_path == "services[0].capacity");
    CHECK_THAT(d.message, Catch::Contains("expected a whole number from 1"));
  }
  SECTION("negative capacity in a schedule") {
    const auto d = error_of(replaced(
        valid, "capacity: 10", "capacity: [{from_day: 0, beds: 10}, {from_day: 2, beds: -1}]"));
    CHECK(d.key_path == "services[0].capacity[1].beds");
  }
  SECTION("capacity steps out of order") {
    const auto d = error_of(replaced(
        valid, "capacity: 10",
        "capacity: [{from_day: 0, beds: 10}, {from_day: 2, beds: 9}, {from_day: 1, beds: 8}]"));
    CHECK(d.key_path == "services[0].capacity[2].from_day");
    CHECK_THAT(d.message, Catch::Contains("ascending"));
  }
  SECTION("arrivals series shorter than days") {
    const auto d = error_of(replaced(valid, "days: 3", "days: 4"));
    CHECK(d.line == 9);
    CHECK(d.key_path == "services[0].arrivals_per_day");
    CHECK_THAT(d.message,
               Catch::Contains("has 3 days of arrival rates; expected at least 'days' (4)"));
  }
  SECTION("negative arrival rate") {
    const auto d = error_of(replaced(valid, "[1.5, 2.0, 2.5]", "[1.5, -2.0, 2.5]"));
    CHECK(d.key_path == "services[0].arrivals_per_day[1]");
  }
  SECTION("missing CSV file") {
    const auto d = error_of(replaced(valid, "[1.5, 2.0, 2.5]", "{csv: no_such.csv, column: rate}"),
                            {}, "/tmp/flows/flow.yaml");
    CHECK(d.file == "/tmp/flows/flow.yaml");
    CHECK(d.line == 9);
    CHECK(d.key_path == "services[0].arrivals_per_day.csv");
    CHECK_THAT(d.message, Catch::Contains("cannot open the CSV file '/tmp/flows/no_such.csv'"));
  }
  SECTION("unknown distribution family") {
    const auto d = error_of(replaced(valid, "distribution: lognormal", "distribution: lognormel"));
    CHECK(d.line == 10);
    CHECK(d.key_path == "services[0].length_of_stay.distribution");
    CHECK_THAT(d.message, Catch::Contains("expected one of fixed, exponential"));
  }
  SECTION("a distribution without its parameters") {
    const auto d = error_of(replaced(valid, "mean: 20, sd: 12", "mean: 20"));
    CHECK(d.key_path == "services[0].length_of_stay");
    CHECK_THAT(d.message, Catch::Contains("needs 'sd'"));
  }
  SECTION("a lognormal given two ways") {
    const auto d = error_of(replaced(valid, "mean: 20, sd: 12", "mean: 20, sd: 12, mu: 3"));
    CHECK_THAT(d.message, Catch::Contains("not both"));
  }
  SECTION("a service without a length of stay") {
    const auto d = error_of(replaced(
        valid, "    length_of_stay: {distribution: lognormal, mean: 20, sd: 12}\n", ""));
    CHECK(d.key_path == "services[0]");
    CHECK_THAT(d.message, Catch::Contains("needs a 'length_of_stay'"));
  }
  SECTION("an unknown initial queue policy") {
    const auto d = error_of(valid + "    initial_queue_policy: last_in\n");
    CHECK(d.key_path == "services[0].initial_queue_policy");
  }
  SECTION("a bad --set value is reported as coming from --set") {
    models::ScenarioOverrides overrides;
    overrides.set = {"services.rehab.capacity=-2"};
    const auto d = error_of(valid, overrides);
    CHECK(d.file == "--set");
    CHECK(d.key_path == "services[0].capacity");
  }
  SECTION("every bad --set is reported, not only the first") {
    models::ScenarioOverrides overrides;
    overrides.set = {"services.rehab.capacty=2", "days", "services.rehab.capacity=-2"};
    try {
      (void)models::parse_flow_scenario(valid, "flow.yaml", overrides);
      FAIL("the scenario was accepted");
    } catch (const InputError& error) {
      INFO(error.what());
      const auto& problems = error.diagnostics();
      REQUIRE(problems.size() == 3);
      std::vector<std::string> keys;
      for (const auto& problem : problems) {
        CHECK(problem.file == "--set");
        keys.push_back(problem.key_path);
      }
      std::sort(keys.begin(), keys.end());
      CHECK(keys == std::vector<std::string>{"days", "services[0].capacity", "services[0].capacty"});
    }
  }
  SECTION("no days") {
    const auto d = error_of(replaced(valid, "days: 3\n", ""));
    CHECK_THAT(d.message, Catch::Contains("needs 'days'"));
  }
}

TEST_CASE("flow scenario: series from CSV files", "[flow_scenario]") {
  Folder folder;
  folder.write("rates.csv", "day,rate,other\n1,1.25,x\n2,0.5,x\n3,2,x\n4,9,x\n");
  const std::string text = replaced(valid, "[1.5, 2.0, 2.5]", "{csv: rates.csv, column: rate}");
  const auto file = folder.write("flow.yaml", text);
  const auto scenario = models::load_flow_scenario(file, {});
  // Relative to the scenario file; only the first `days` rows are used.
  CHECK(scenario.services[0].parameters.daily_arrival_rate == std::vector<double>{1.25, 0.5, 2.0});
  CHECK_THAT(scenario.services[0].arrivals_source, Catch::Contains("rates.csv column rate"));

  SECTION("a bad value is reported at its line in the CSV file") {
    folder.write("rates.csv", "day,rate\n1,1.25\n2,lots\n3,2\n");
    try {
      (void)models::load_flow_scenario(file, {});
      FAIL("accepted a bad rate");
    } catch (const InputError& error) {
      const auto& d = error.diagnostics().front();
      CHECK_THAT(d.file, Catch::EndsWith("rates.csv"));
      CHECK(d.line == 3);
      CHECK(d.key_path == "rate");
    }
  }
  SECTION("a missing column is named") {
    folder.write("rates.csv", "day,rates\n1,1\n2,1\n3,1\n");
    try {
      (void)models::load_flow_scenario(file, {});
      FAIL("accepted a missing column");
    } catch (const InputError& error) {
      CHECK_THAT(error.what(), Catch::Contains("missing column 'rate'") &&
                                   Catch::Contains("did you mean 'rates'?"));
    }
  }
  SECTION("--set days shortens the run") {
    models::ScenarioOverrides overrides;
    overrides.set = {"days=2"};
    CHECK(models::load_flow_scenario(file, overrides).services[0].parameters.daily_arrival_rate ==
          std::vector<double>{1.25, 0.5});
  }
}

TEST_CASE("flow scenario: arrival rates no replication could hold are refused when read",
          "[flow_scenario][bad_input]") {
  SECTION("a constant rate") {
    // 1e9 a day was killed by the system for want of memory after 24 GB.
    const auto d = error_of(replaced(valid, "[1.5, 2.0, 2.5]", "1e9"));
    CHECK(d.line == 9);
    CHECK(d.key_path == "services[0].arrivals_per_day");
    CHECK_THAT(d.message, Catch::Contains("3000000008 patients in each replication of 3 days") &&
                              Catch::Contains("at most 100000000 are allowed") &&
                              Catch::Contains("an estimated 268.2 GiB"));
  }
  SECTION("a series from a CSV file") {
    Folder folder;
    folder.write("rates.csv", "rate\n40000000\n40000000\n40000000\n");
    const auto file = folder.write(
        "flow.yaml", replaced(valid, "[1.5, 2.0, 2.5]", "{csv: rates.csv, column: rate}"));
    try {
      (void)models::load_flow_scenario(file, {});
      FAIL("accepted 120 million arrivals a replication");
    } catch (const InputError& error) {
      CHECK(error.diagnostics().front().key_path == "services[0].arrivals_per_day");
      CHECK_THAT(error.what(), Catch::Contains("120000008 patients"));
    }
  }
  SECTION("--set days makes a long run of a large rate too many") {
    const std::string large = replaced(valid, "[1.5, 2.0, 2.5]", "1000000");
    CHECK(models::parse_flow_scenario(large, "flow.yaml", {}).services.size() == 1);
    models::ScenarioOverrides overrides;
    overrides.set = {"days=101"};
    CHECK_THAT(error_of(large, overrides).message, Catch::Contains("at most 100000000"));
  }
  SECTION("the engine refuses them too") {
    models::FlowServiceParameters parameters;
    parameters.capacity = 10;
    parameters.daily_arrival_rate = {6e7, 6e7};
    CHECK_THROWS_WITH(models::check_flow_parameters(parameters),
                      Catch::Contains("at most 100000000"));
    parameters.daily_arrival_rate = {5e7, 5e7};
    CHECK_NOTHROW(models::check_flow_parameters(parameters));
  }
}

TEST_CASE("flow scenario: the memory estimate", "[flow_scenario]") {
  const auto scenario = models::parse_flow_scenario(
      replaced(valid, "[1.5, 2.0, 2.5]", "1000000"), "flow.yaml", {});
  const auto estimate = models::estimate_flow_resources(scenario, 2);
  CHECK(estimate.concurrent_replications == 2);
  CHECK(estimate.largest_replication_patients == 3000008.0);
  CHECK(estimate.replication_bytes == 3000008u * models::flow_bytes_per_patient);
  CHECK(estimate.series_bytes == 4u * 1u * 3u * 3u * sizeof(double));
  CHECK(estimate.memory_bytes == estimate.series_bytes + 2 * estimate.replication_bytes);
  // More threads than cores run on the cores (sim::arena_size), at most one
  // replication each.
  CHECK(models::estimate_flow_resources(scenario, 64).concurrent_replications ==
        std::min(4, hcsim::sim::arena_size(64)));
}

TEST_CASE("flow service: capacity that changes during the run", "[flow_scenario]") {
  models::FlowServiceParameters p;
  p.daily_arrival_rate.assign(20, 0.0);
  p.length_of_stay = sim::Distribution::fixed(100.0);
  p.initial_waiting = 20;
  p.capacity = 5;
  p.capacity_steps = {{10, 10}};
  SECTION("more beds admit those waiting at once") {
    const auto run = models::run_flow_service(p, sim::RandomStreams(1, 0));
    CHECK(run.occupancy[9] == 5.0);  // day 10: [9, 10)
    CHECK(run.waiting[9] == 15.0);
    CHECK(run.occupancy[10] == 10.0);  // day 11: from time 10
    CHECK(run.waiting[10] == 10.0);
    CHECK(models::daily_capacity(p)[9] == 5);
    CHECK(models::daily_capacity(p)[10] == 10);
  }
  SECTION("fewer beds close as their patients leave") {
    p.capacity = 10;
    p.capacity_steps = {{3, 5}};
    p.length_of_stay = sim::Distribution::fixed(5.0);
    const auto run = models::run_flow_service(p, sim::RandomStreams(1, 0));
    CHECK(run.occupancy[3] == 10.0);  // nobody is moved out
    CHECK(run.occupancy[5] == 5.0);   // at time 5 ten leave: five beds close, five pass on
    CHECK(run.waiting[5] == 5.0);
  }
  SECTION("steps must be ordered") {
    p.capacity_steps = {{4, 6}, {4, 7}};
    CHECK_THROWS_AS(models::run_flow_service(p, sim::RandomStreams(1, 0)), std::invalid_argument);
  }
}

TEST_CASE("flow scenario: services draw independently, each as it would alone",
          "[flow_scenario]") {
  const std::string two = valid + R"(  - name: copy
    capacity: 10
    arrivals_per_day: [1.5, 2.0, 2.5]
    length_of_stay: {distribution: lognormal, mean: 20, sd: 12}
    initial: {occupied: 6, waiting: 2}
)";
  const auto scenario = models::parse_flow_scenario(two, "flow.yaml", {});
  const auto result = models::run_flow_scenario(scenario, 1);
  CHECK(result.ensembles[0].runs[0].occupancy != result.ensembles[1].runs[0].occupancy);
  // The first service draws exactly as the service on its own does.
  const auto alone = models::run_flow_ensemble(scenario.services[0].parameters, 5, 4, 1);
  CHECK(alone.runs[2].occupancy == result.ensembles[0].runs[2].occupancy);
}

TEST_CASE("flow scenario: the same bits on 1 and 2 threads", "[flow_scenario][determinism]") {
  models::ScenarioOverrides overrides;
  overrides.replications = 24;
  const auto scenario = models::load_flow_scenario(example, overrides);
  const auto one = models::run_flow_scenario(scenario, 1);
  const auto two = models::run_flow_scenario(scenario, 2);
  CHECK(one.events == two.events);
  for (std::size_t s = 0; s < scenario.services.size(); ++s) {
    CHECK(one.summaries[s].occupancy.mean == two.summaries[s].occupancy.mean);
    CHECK(one.summaries[s].occupancy.q05 == two.summaries[s].occupancy.q05);
    CHECK(one.summaries[s].waiting.q95 == two.summaries[s].waiting.q95);
    CHECK(one.summaries[s].total_cost.mean == two.summaries[s].total_cost.mean);
    for (std::size_t r = 0; r < 24; ++r) {
      CHECK(one.ensembles[s].runs[r].waiting == two.ensembles[s].runs[r].waiting);
    }
  }
}

TEST_CASE("flow scenario: a stationary M/M/c service agrees with Erlang C",
          "[flow_scenario][validation]") {
  // c = 10 beds, lambda = 1.6 a day, exponential stays of mean 5 days:
  // a = 8 Erlangs, rho = 0.8, P(wait) = C(10, 8) = 0.40918, Lq = 1.63672.
  // The service starts empty; its relaxation time 1 / (c mu (1 - sqrt(rho))^2)
  // is 8.6 days, so after 200 days of warm-up the bias is below e^-23 of the
  // initial gap.
  const int servers = 10;
  const double lambda = 1.6, mean_stay = 5.0;
  const std::size_t warmup = 200, days = 5200;
  const std::string text = "name: mmc\nmode: flow_only\nseed: 1601\nreplications: 200\ndays: " +
                           std::to_string(days) +
                           "\nservices:\n  - name: beds\n    capacity: 10\n"
                           "    arrivals_per_day: 1.6\n"
                           "    length_of_stay: {distribution: exponential, mean: 5}\n";
  const auto scenario = models::parse_flow_scenario(text, "mmc.yaml", {});
  const auto result = models::run_flow_scenario(scenario, 2);
  const auto queue = validation::mmc_queue(servers, lambda, 1.0 / mean_stay);
  // Each replication's time average after the warm-up is one independent
  // observation; the analytic value must lie in the t interval of their mean
  // at 99.9% (t(199) = 3.340), so a correct model fails 1 seed in 1,000; the
  // warm-up bias is negligible beside the interval's half-width.
  std::vector<double> queue_length, busy;
  for (const auto& run : result.ensembles[0].runs) {
    double waiting = 0.0, occupied = 0.0;
    for (std::size_t d = warmup; d < days; ++d) {
      waiting += run.waiting[d];
      occupied += run.occupancy[d];
    }
    queue_length.push_back(waiting / static_cast<double>(days - warmup));
    busy.push_back(occupied / static_cast<double>(days - warmup));
  }
  const double t_999 = 3.340;
  for (auto [values, expected, what] :
       {std::tuple{&queue_length, queue.mean_queue_length, "mean queue length Lq"},
        std::tuple{&busy, queue.mean_busy_servers, "mean beds occupied a"}}) {
    const auto summary = sim::summarise(*values);
    const double half_width = t_999 * summary.standard_deviation / std::sqrt(200.0);
    INFO(what << ": simulated " << summary.mean << " +- " << half_width << ", analytic "
              << expected);
    CHECK(std::abs(summary.mean - expected) < half_width);
    // And the interval is tight enough for the check to mean something: it
    // would catch an error of a tenth in the queue, a twentieth in occupancy.
    CHECK(half_width < 0.1 * expected);
  }
}
