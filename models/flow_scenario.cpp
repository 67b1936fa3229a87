#include "models/flow_scenario.hpp"

#include <algorithm>
#include <filesystem>
#include <limits>
#include <stdexcept>

#include "models/csv_table.hpp"
#include "models/distribution_reader.hpp"
#include "sim/parallel.hpp"

namespace hcsim::models {
namespace {

constexpr std::int64_t max_days = 36525;       // a century of days
constexpr std::int64_t max_beds = 1000000000;  // far beyond any service
// check_flow_parameters refuses more than 2^30 patients at time 0.
constexpr std::int64_t max_initial_patients = std::int64_t{1} << 29;

// Capacity: a number of beds, or a list of {from_day, beds} starting at day 0.
void read_capacity(MapReader& service, FlowServiceParameters& parameters) {
  if (!service.has("capacity")) {
    service.accept("capacity");
    service.error("", "every service needs a 'capacity' (beds, or a list of {from_day, beds})");
    return;
  }
  if (!service.is_list("capacity")) {
    parameters.capacity = -1;
    service.count("capacity", parameters.capacity, 1, max_beds);
    return;
  }
  std::int64_t previous = -1;
  service.each_map("capacity", [&](MapReader& step, std::size_t index) {
    std::int64_t from_day = -1, beds = -1;
    step.count("from_day", from_day, 0, max_days);
    step.count("beds", beds, 1, max_beds);
    if (!step.has("from_day")) step.error("", "each capacity step needs 'from_day'");
    if (!step.has("beds")) step.error("", "each capacity step needs 'beds'");
    if (from_day < 0 || beds < 1) return;
    if (index == 0 && from_day != 0) {
      step.error("from_day", "the first capacity step must be from_day 0 (the start)");
    } else if (index > 0 && from_day <= previous) {
      step.error("from_day", "expected days in ascending order; " + std::to_string(from_day) +
                                 " follows " + std::to_string(previous));
    }
    previous = from_day;
    if (index == 0) {
      parameters.capacity = beds;
    } else {
      parameters.capacity_steps.push_back({from_day, beds});
    }
  });
}

// The series from a CSV column, rows in file order; problems in the file are
// reported at the file's own line and column.
void read_csv_series(MapReader& arrivals, Diagnostics& diagnostics, std::vector<double>& series,
                     std::string& source) {
  std::string path, column;
  arrivals.text("csv", path);
  arrivals.text("column", column);
  if (path.empty()) arrivals.error("csv", "expected the path of a CSV file with a header line");
  if (column.empty()) arrivals.error("column", "expected the name of the column of daily rates");
  arrivals.finish();
  if (path.empty() || column.empty()) return;
  namespace fs = std::filesystem;
  const std::string base = arrivals.source_file("csv");
  const fs::path resolved =
      fs::path(path).is_absolute() || base.empty() ? fs::path(path)
                                                   : fs::path(base).parent_path() / path;
  // A path that is there but not a regular file is CsvTable::read's to refuse.
  if (!fs::exists(resolved)) {
    const char* hint = base.empty() ? "" : " (paths are relative to the file naming them)";
    arrivals.error("csv", "cannot open the CSV file '" + resolved.string() + "'" + hint);
    return;
  }
  try {
    const CsvTable table = CsvTable::read(resolved.string());
    const std::size_t index = table.column(column);
    for (std::size_t row = 0; row < table.rows(); ++row) {
      series.push_back(table.non_negative(row, index));
    }
    source = resolved.string() + " column " + column;
  } catch (const InputError& error) {
    for (const auto& problem : error.diagnostics()) diagnostics.add(problem);
    series.clear();
  }
}

void read_arrivals(MapReader& service, Diagnostics& diagnostics, std::int64_t days,
                   FlowServiceSpec& spec) {
  const char* key = "arrivals_per_day";
  std::vector<double> series;
  if (service.is_mapping(key)) {
    MapReader arrivals = service.map(key);
    read_csv_series(arrivals, diagnostics, series, spec.arrivals_source);
  } else if (service.is_list(key)) {
    service.numbers(key, series, Limits::non_negative("mean arrivals per day"));
    spec.arrivals_source = "the scenario file";
  } else if (service.has(key)) {
    // One number: the same rate every day (a stationary queue).
    double rate = -1.0;
    service.number(key, rate, Limits::non_negative("mean arrivals per day"));
    if (rate >= 0.0 && days >= 1) series.assign(static_cast<std::size_t>(days), rate);
    spec.arrivals_source = "the scenario file (constant)";
  } else {
    service.accept(key);
    service.error("", "every service needs 'arrivals_per_day': a list of daily mean arrivals, "
                      "one rate for every day, or {csv: FILE, column: NAME}");
    return;
  }
  if (series.empty() || days < 1) return;  // already reported
  if (static_cast<std::int64_t>(series.size()) < days) {
    service.error(key, "has " + std::to_string(series.size()) +
                           " days of arrival rates; expected at least 'days' (" +
                           std::to_string(days) + ")");
    return;
  }
  series.resize(static_cast<std::size_t>(days));
  spec.parameters.daily_arrival_rate = std::move(series);
}

void read_service(MapReader& service, std::size_t index, std::int64_t days,
                  Diagnostics& diagnostics, FlowServiceSpec& spec) {
  FlowServiceParameters& parameters = spec.parameters;
  parameters.service_index = static_cast<std::uint32_t>(index);
  service.text("name", spec.name);
  if (spec.name.empty()) {
    service.error("name", "every service needs a name");
    spec.name = "service " + std::to_string(index);
  }
  read_capacity(service, parameters);
  read_arrivals(service, diagnostics, days, spec);
  if (!service.has("length_of_stay")) {
    service.error("", "every service needs a 'length_of_stay' distribution, e.g. "
                      "{distribution: lognormal, mean: 20, sd: 12}");
  }
  read_distribution(service, "length_of_stay", parameters.length_of_stay);
  {
    MapReader initial = service.map("initial");
    initial.count("occupied", parameters.initial_in_service, 0, max_initial_patients);
    initial.count("waiting", parameters.initial_waiting, 0, max_initial_patients);
    initial.finish();
  }
  std::string policy(policy_name(parameters.initial_queue_policy));
  service.text("initial_queue_policy", policy);
  if (!parse_policy(policy, parameters.initial_queue_policy)) {
    service.error("initial_queue_policy",
                  "expected first_come_first_served or ipacs_2023, got '" + policy + "'");
  }
  // Refused here, with the key, rather than by the engine after allocating.
  if (!parameters.daily_arrival_rate.empty()) {
    const std::string too_many = flow_patients_problem(expected_flow_patients(parameters),
                                                       parameters.daily_arrival_rate.size());
    if (!too_many.empty()) service.error("arrivals_per_day", too_many);
  }
  service.number("bed_day_cost", parameters.bed_day_cost,
                 Limits::between(0.0, 1e7, "pounds per occupied bed-day"));
  service.number("waiting_day_cost", parameters.waiting_day_cost,
                 Limits::between(0.0, 1e7, "pounds per patient-day waiting"));
}

}  // namespace

FlowResourceEstimate estimate_flow_resources(const FlowScenario& scenario, int threads) {
  FlowResourceEstimate estimate;
  estimate.concurrent_replications =
      std::min<std::int64_t>(sim::arena_size(threads), scenario.replications);
  // Services run one after another, each over its replications at once.
  for (const auto& service : scenario.services) {
    const double patients = expected_flow_patients(service.parameters);
    if (patients >= estimate.largest_replication_patients) {
      estimate.largest_replication_patients = patients;
      estimate.replication_bytes = estimated_flow_replication_bytes(service.parameters);
    }
  }
  // Occupancy, waiting and cost by day, for every replication of every service.
  estimate.series_bytes = static_cast<std::uint64_t>(scenario.replications) *
                          scenario.services.size() * static_cast<std::uint64_t>(scenario.days) *
                          3 * sizeof(double);
  const auto at_once = static_cast<std::uint64_t>(estimate.concurrent_replications);
  const std::uint64_t limit = std::numeric_limits<std::uint64_t>::max();
  const std::uint64_t replications_bytes =
      estimate.replication_bytes > (limit - estimate.series_bytes) / at_once
          ? limit - estimate.series_bytes
          : estimate.replication_bytes * at_once;
  estimate.memory_bytes = estimate.series_bytes + replications_bytes;
  return estimate;
}

bool is_flow_only(const YAML::Node& root) {
  if (!root.IsMap()) return false;
  const YAML::Node mode = root["mode"];
  return mode && mode.IsScalar() && mode.Scalar() == flow_only_mode;
}

bool is_flow_only_scenario(const std::string& path) {
  NodeOrigins origins;
  return is_flow_only(load_scenario_tree(path, origins));
}

FlowScenario load_flow_scenario(const std::string& path, const ScenarioOverrides& overrides) {
  NodeOrigins origins;
  YAML::Node root = load_scenario_tree(path, origins);
  return read_flow_scenario(root, path, overrides, origins);
}

FlowScenario parse_flow_scenario(const std::string& text, const std::string& file,
                                 const ScenarioOverrides& overrides) {
  NodeOrigins origins;
  return read_flow_scenario(parse_yaml(text, file), file, overrides, origins);
}

FlowScenario read_flow_scenario(YAML::Node root, const std::string& file,
                                const ScenarioOverrides& overrides, NodeOrigins& origins) {
  if (!root.IsMap()) {
    throw InputError(Diagnostic{file, 0, 0, "",
                                "expected a scenario mapping (name:, mode:, services:, ...)"});
  }
  Diagnostics diagnostics;
  apply_set_overrides(root, overrides.set, origins, "--set", diagnostics);
  FlowScenario scenario;
  scenario.file = file;
  MapReader reader(root, file, "", diagnostics);
  reader.set_origins(&origins);
  reader.text("name", scenario.name);
  if (scenario.name.empty()) reader.error("name", "every scenario needs a name");
  reader.text("description", scenario.description);
  std::string mode;
  reader.text("mode", mode);
  if (mode != flow_only_mode) {
    reader.error("mode", std::string("expected '") + flow_only_mode + "' for a flow-only scenario");
  }
  reader.unsigned_integer("seed", scenario.seed);
  reader.count("replications", scenario.replications, 1, 100000);
  if (overrides.seed) scenario.seed = *overrides.seed;
  if (overrides.replications) scenario.replications = *overrides.replications;
  reader.count("days", scenario.days, 1, max_days);
  if (!reader.has("days")) {
    reader.error("", "a flow-only scenario needs 'days': how many days to simulate (1 to " +
                         std::to_string(max_days) + ")");
  }
  if (!reader.has("services")) {
    reader.error("", "a flow-only scenario needs a non-empty 'services' list");
  }
  reader.each_map("services", [&](MapReader& service, std::size_t index) {
    FlowServiceSpec spec;
    const std::size_t problems_before = diagnostics.size();
    read_service(service, index, scenario.days, diagnostics, spec);
    for (const auto& other : scenario.services) {
      if (other.name == spec.name) {
        service.error("name", "service name '" + spec.name + "' is used twice");
      }
    }
    // What the engine itself refuses and the reader has not already said.
    if (diagnostics.size() == problems_before && scenario.days >= 1) {
      try {
        check_flow_parameters(spec.parameters);
      } catch (const std::invalid_argument& problem) {
        service.error("", problem.what());
      }
    }
    scenario.services.push_back(std::move(spec));
  });
  if (reader.is_list("services") && scenario.services.empty()) {
    reader.error("services", "expected at least one service");
  }
  reader.finish();
  diagnostics.throw_if_any();

  YAML::Emitter emitter;
  emitter << root;
  scenario.resolved_yaml = emitter.c_str();
  return scenario;
}

}  // namespace hcsim::models
