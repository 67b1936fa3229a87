#include "validation/ipacs_inputs.hpp"

#include <cmath>
#include <cstdio>
#include <set>
#include <tuple>

#include "models/csv_table.hpp"

namespace hcsim::validation {
namespace {

using models::CsvTable;
using NodeScenario = IpacsInputs::NodeScenario;

std::string join(const std::string& directory, const char* file) {
  if (directory.empty() || directory.back() == '/') return directory + file;
  return directory + "/" + file;
}

// Days since 1970-01-01 of an ISO date YYYY-MM-DD (proleptic Gregorian), or
// false when the text is not one.
bool parse_date(const std::string& text, std::int64_t& days) {
  int year = 0, month = 0, day = 0;
  char tail = 0;
  if (text.size() != 10 || std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &year, &month, &day, &tail) != 3 ||
      text[4] != '-' || text[7] != '-' || month < 1 || month > 12 || day < 1 || day > 31) {
    return false;
  }
  // H. Hinnant's days_from_civil.
  const int y = year - (month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int year_of_era = y - era * 400;
  const int day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  days = static_cast<std::int64_t>(era) * 146097 + day_of_era - 719468;
  return true;
}

// The series are in date order: the first date is day 1 of the run. (The
// `day` column is the day of the week, which IPACS does not use.)
void read_arrivals(const std::string& directory, IpacsInputs& inputs) {
  const CsvTable table = CsvTable::read(join(directory, "arrivals.csv"));
  const std::size_t node = table.column("node");
  const std::size_t rate = table.column("arrivals");
  const std::size_t scenario = table.column("scenario");
  const std::size_t date = table.column("date");
  // series -> date -> (rate, row)
  std::map<NodeScenario, std::map<std::int64_t, std::pair<double, std::size_t>>> series_by_date;
  for (std::size_t row = 0; row < table.rows(); ++row) {
    const NodeScenario key{table.non_empty(row, node), table.non_empty(row, scenario)};
    std::int64_t when = 0;
    if (!parse_date(table.text(row, date), when)) {
      throw models::InputError(
          table.at(row, date, "expected a date YYYY-MM-DD, got '" + table.text(row, date) + "'"));
    }
    const double value = table.non_negative(row, rate);
    auto [where, inserted] = series_by_date[key].emplace(when, std::make_pair(value, row));
    if (!inserted) {
      throw models::InputError(table.at(
          row, date,
          "date " + table.text(row, date) + " of " + key.first + " " + key.second +
              " repeats the one on line " +
              std::to_string(table.at(where->second.second, date, "").line)));
    }
  }
  if (series_by_date.empty()) {
    throw models::InputError(models::Diagnostic{table.file(), 2, 1, "", "no arrival rows"});
  }
  std::int64_t first_date = 0;
  for (const auto& [key, by_date] : series_by_date) {
    auto& series = inputs.arrival_rates[key];
    std::int64_t previous = 0;
    for (const auto& [when, value_row] : by_date) {
      if (!series.empty() && when != previous + 1) {
        throw models::InputError(table.at(
            value_row.second, date,
            key.first + " " + key.second + " has no rate for the day before " +
                table.text(value_row.second, date) + " (dates must be consecutive)"));
      }
      if (series.empty() && inputs.days > 0 && when != first_date) {
        throw models::InputError(table.at(value_row.second, date,
                                          key.first + " " + key.second +
                                              " starts on a different date from the other series"));
      }
      if (series.empty()) first_date = when;
      series.push_back(value_row.first);
      previous = when;
    }
    if (inputs.days == 0) inputs.days = series.size();
    if (series.size() != inputs.days) {
      throw models::InputError(models::Diagnostic{
          table.file(), 0, 0, "date",
          key.first + " " + key.second + " has " + std::to_string(series.size()) +
              " days; the other series have " + std::to_string(inputs.days)});
    }
  }
}

void read_capacity(const std::string& directory, IpacsInputs& inputs) {
  const CsvTable table = CsvTable::read(join(directory, "capacity.csv"));
  const std::size_t node = table.column("node");
  const std::size_t scenario = table.column("scenario");
  const std::size_t capacity = table.column("capacity");
  for (std::size_t row = 0; row < table.rows(); ++row) {
    inputs.capacity[{table.non_empty(row, node), table.non_empty(row, scenario)}] =
        table.count(row, capacity, 1);
  }
}

void read_length_of_stay(const std::string& directory, IpacsInputs& inputs) {
  const CsvTable table = CsvTable::read(join(directory, "los.csv"));
  const std::size_t node = table.column("node");
  const std::size_t scenario = table.column("scenario");
  const std::size_t distribution = table.column("los_dist");
  const std::size_t mu = table.column("mu");
  const std::size_t sigma = table.column("sigma");
  for (std::size_t row = 0; row < table.rows(); ++row) {
    if (table.text(row, distribution) != "lnorm") {
      throw models::InputError(table.at(row, distribution,
                                        "expected 'lnorm' (a lognormal stay), got '" +
                                            table.text(row, distribution) + "'"));
    }
    IpacsInputs::Stay stay{table.number(row, mu), table.non_negative(row, sigma)};
    if (!(stay.sigma > 0.0)) {
      throw models::InputError(table.at(row, sigma, "expected sigma > 0"));
    }
    inputs.length_of_stay[{table.non_empty(row, node), table.non_empty(row, scenario)}] = stay;
  }
}

void read_initial_conditions(const std::string& directory, IpacsInputs& inputs) {
  const CsvTable table = CsvTable::read(join(directory, "initial_conditions.csv"));
  const std::size_t node = table.column("node");
  const std::size_t measure = table.column("measure");
  const std::size_t value = table.column("value");
  for (std::size_t row = 0; row < table.rows(); ++row) {
    const std::string& what = table.text(row, measure);
    if (what == "occ") {
      inputs.initial_occupancy[table.non_empty(row, node)] = table.count(row, value, 0);
    } else if (what == "dtoc") {
      inputs.initial_waiting[table.non_empty(row, node)] = table.count(row, value, 0);
    } else {
      throw models::InputError(
          table.at(row, measure, "expected 'occ' or 'dtoc', got '" + what + "'"));
    }
  }
}

void read_costs(const std::string& directory, IpacsInputs& inputs) {
  const CsvTable table = CsvTable::read(join(directory, "costs.csv"));
  const std::size_t node = table.column("node");
  const std::size_t community = table.column("community_cost");
  const std::size_t acute = table.column("acute_dtoc");
  for (std::size_t row = 0; row < table.rows(); ++row) {
    inputs.costs[table.non_empty(row, node)] = {table.non_negative(row, community),
                                                table.non_negative(row, acute)};
  }
}

// Splits NODE_CAP_LOS_ARR (the node itself may contain underscores).
bool split_name(const std::string& name, IpacsExpected& combination) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t underscore = name.find('_', start);
    parts.push_back(name.substr(start, underscore - start));
    if (underscore == std::string::npos) break;
    start = underscore + 1;
  }
  if (parts.size() < 4) return false;
  for (const auto& part : parts) {
    if (part.empty()) return false;
  }
  combination.arrival_scenario = parts[parts.size() - 1];
  combination.los_scenario = parts[parts.size() - 2];
  combination.capacity_scenario = parts[parts.size() - 3];
  combination.node = parts[0];
  for (std::size_t i = 1; i + 3 < parts.size(); ++i) combination.node += "_" + parts[i];
  return true;
}

bool is_bed_node(const std::string& node) {
  return node.rfind("P2_", 0) == 0 || node.rfind("P3_", 0) == 0;
}

void read_expected(const std::string& directory, IpacsInputs& inputs) {
  const CsvTable table = CsvTable::read(join(directory, "expected_bed_quantiles.csv"));
  const std::size_t name = table.column("node_name");
  const std::size_t time = table.column("time");
  const std::size_t measure = table.column("measure");
  const std::size_t q05 = table.column("q05");
  const std::size_t q95 = table.column("q95");
  const std::size_t mean = table.column("mean");
  std::map<std::string, std::size_t> index;     // name -> position in expected
  std::map<std::string, std::size_t> first_row;  // for messages
  // (name, measure, day) seen, to report repeats.
  std::set<std::tuple<std::string, std::string, std::int64_t>> seen;
  const std::size_t days = inputs.days;
  for (std::size_t row = 0; row < table.rows(); ++row) {
    const std::string& combination_name = table.non_empty(row, name);
    IpacsExpected parsed;
    if (!split_name(combination_name, parsed)) {
      throw models::InputError(table.at(
          row, name, "expected NODE_CAPACITY_LOS_ARRIVALS (e.g. P2_B_S1Cap_Blos_S1Arr), got '" +
                         combination_name + "'"));
    }
    if (!is_bed_node(parsed.node)) continue;  // the bed model covers P2 and P3 only
    const std::string& what = table.text(row, measure);
    if (what != "occ" && what != "niq") {
      throw models::InputError(
          table.at(row, measure, "expected 'occ' or 'niq', got '" + what + "'"));
    }
    const std::int64_t t = table.count(row, time, 0);
    // IPACS's last time (= days) repeats the one before: its loop stops at
    // the horizon and the row is filled forward. Only days 1..days count.
    if (static_cast<std::size_t>(t) >= days) continue;
    if (!seen.emplace(combination_name, what, t).second) {
      throw models::InputError(
          table.at(row, time, "repeats time " + std::to_string(t) + " of " + combination_name +
                                  " " + what));
    }
    IpacsDayBand band{table.number(row, q05), table.number(row, q95), table.number(row, mean)};
    if (band.q05 > band.q95) {
      throw models::InputError(table.at(row, q95, "q95 is below q05"));
    }
    auto [where, inserted] = index.emplace(combination_name, inputs.expected.size());
    if (inserted) {
      parsed.name = combination_name;
      parsed.occupancy.assign(days, IpacsDayBand{NAN, NAN, NAN});
      parsed.waiting.assign(days, IpacsDayBand{NAN, NAN, NAN});
      inputs.expected.push_back(std::move(parsed));
      first_row[combination_name] = row;
    }
    auto& combination = inputs.expected[where->second];
    (what == "occ" ? combination.occupancy : combination.waiting)[static_cast<std::size_t>(t)] =
        band;
  }
  if (inputs.expected.empty()) {
    throw models::InputError(
        models::Diagnostic{table.file(), 0, 0, "node_name", "no P2 or P3 node rows"});
  }
  for (const auto& combination : inputs.expected) {
    const std::size_t row = first_row[combination.name];
    for (std::size_t d = 0; d < days; ++d) {
      if (std::isnan(combination.occupancy[d].q05) || std::isnan(combination.waiting[d].q05)) {
        throw models::InputError(table.at(
            row, name,
            combination.name + " has no " +
                (std::isnan(combination.occupancy[d].q05) ? "occ" : "niq") + " row for time " +
                std::to_string(d) + " (expected times 0.." + std::to_string(days - 1) +
                ", one per day of arrivals.csv)"));
      }
    }
    // Every input the combination needs must be there.
    auto missing = [&](const std::string& file, const std::string& what) {
      throw models::InputError(table.at(
          row, name, combination.name + " needs " + what + " in " + join(directory, file.c_str())));
    };
    if (!inputs.arrival_rates.contains({combination.node, combination.arrival_scenario})) {
      missing("arrivals.csv", combination.node + " scenario " + combination.arrival_scenario);
    }
    if (!inputs.capacity.contains({combination.node, combination.capacity_scenario})) {
      missing("capacity.csv", combination.node + " scenario " + combination.capacity_scenario);
    }
    if (!inputs.length_of_stay.contains({combination.node, combination.los_scenario})) {
      missing("los.csv", combination.node + " scenario " + combination.los_scenario);
    }
    if (!inputs.initial_occupancy.contains(combination.node)) {
      missing("initial_conditions.csv", combination.node + " occ");
    }
    if (!inputs.initial_waiting.contains(combination.node)) {
      missing("initial_conditions.csv", combination.node + " dtoc");
    }
    if (!inputs.costs.contains(combination.node)) missing("costs.csv", combination.node);
  }
}

}  // namespace

IpacsInputs read_ipacs_inputs(const std::string& directory) {
  IpacsInputs inputs;
  inputs.directory = directory;
  read_arrivals(directory, inputs);
  read_capacity(directory, inputs);
  read_length_of_stay(directory, inputs);
  read_initial_conditions(directory, inputs);
  read_costs(directory, inputs);
  read_expected(directory, inputs);
  return inputs;
}

models::FlowServiceParameters flow_parameters(const IpacsInputs& inputs,
                                              const IpacsExpected& combination,
                                              models::InitialQueuePolicy policy) {
  models::FlowServiceParameters parameters;
  parameters.daily_arrival_rate =
      inputs.arrival_rates.at({combination.node, combination.arrival_scenario});
  parameters.capacity = inputs.capacity.at({combination.node, combination.capacity_scenario});
  const auto& stay = inputs.length_of_stay.at({combination.node, combination.los_scenario});
  parameters.length_of_stay = sim::Distribution::lognormal_from_log_parameters(stay.mu, stay.sigma);
  parameters.initial_in_service = inputs.initial_occupancy.at(combination.node);
  parameters.initial_waiting = inputs.initial_waiting.at(combination.node);
  parameters.initial_queue_policy = policy;
  const auto& costs = inputs.costs.at(combination.node);
  parameters.bed_day_cost = costs.community_bed_day;
  parameters.waiting_day_cost = costs.acute_delayed_day;
  return parameters;
}

}  // namespace hcsim::validation
