#include "validation/ipacs.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <sstream>

#include "models/flow_ensemble.hpp"
#include "models/input_error.hpp"
#include "sim/json_text.hpp"
#include "validation/ipacs_inputs.hpp"

namespace hcsim::validation {
namespace {


bool inside(double value, const IpacsDayBand& band, double tolerance) {
  return value >= band.q05 - tolerance && value <= band.q95 + tolerance;
}

IpacsAgreement agree(const std::vector<double>& simulated, const std::vector<IpacsDayBand>& bands,
                     double tolerance) {
  IpacsAgreement agreement;
  agreement.days = simulated.size();
  double gap = 0.0;
  for (std::size_t d = 0; d < simulated.size(); ++d) {
    const double low = bands[d].q05 - tolerance;
    const double high = bands[d].q95 + tolerance;
    const double value = simulated[d];
    if (inside(value, bands[d], tolerance)) {
      ++agreement.days_inside;
    } else {
      agreement.largest_miss =
          std::max(agreement.largest_miss, value < low ? low - value : value - high);
    }
    gap += value - bands[d].mean;
  }
  if (!simulated.empty()) {
    agreement.mean_gap_to_ipacs_mean = gap / static_cast<double>(simulated.size());
  }
  return agreement;
}

// Bands built as IPACS built its own (type-7 q05 and q95 of `group` runs),
// from hcsim runs [first + g * group, first + (g + 1) * group).
std::vector<IpacsDayBand> band_of_group(const models::FlowEnsemble& ensemble, std::size_t first,
                                        std::size_t group, bool occupancy) {
  const std::size_t days = ensemble.mean_occupancy.size();
  std::vector<IpacsDayBand> bands(days);
  std::vector<double> values(group);
  for (std::size_t d = 0; d < days; ++d) {
    for (std::size_t k = 0; k < group; ++k) {
      const auto& run = ensemble.runs[first + k];
      values[k] = occupancy ? run.occupancy[d] : run.waiting[d];
    }
    bands[d] = {models::quantile_type7(values, 0.05), models::quantile_type7(values, 0.95), 0.0};
  }
  return bands;
}

// Fills the null distribution of the share inside and the pass decision.
void calibrate(IpacsAgreement& agreement, const models::FlowEnsemble& ensemble,
               const std::vector<double>& mean, bool occupancy, const IpacsOptions& options,
               double& null_days_inside, double& null_days) {
  std::vector<double> shares;
  for (std::size_t g = 0; g < options.null_groups; ++g) {
    const auto bands = band_of_group(ensemble, options.replications + g * options.ipacs_runs,
                                     options.ipacs_runs, occupancy);
    std::size_t days_inside = 0;
    for (std::size_t d = 0; d < mean.size(); ++d) {
      if (inside(mean[d], bands[d], options.band_tolerance)) ++days_inside;
    }
    null_days_inside += static_cast<double>(days_inside);
    null_days += static_cast<double>(mean.size());
    shares.push_back(static_cast<double>(days_inside) / static_cast<double>(mean.size()));
  }
  agreement.null_share_median = models::quantile_type7(shares, 0.5);
  agreement.null_share_low = models::quantile_type7(shares, options.null_quantile);
  agreement.required_share = std::min(options.pass_share, agreement.null_share_low);
  agreement.pass = agreement.days > 0 && agreement.share_inside() >= agreement.required_share;
}

void check_options(const IpacsOptions& options) {
  if (options.directory.empty()) {
    throw models::InputError(models::Diagnostic{"--ipacs", 0, 0, "", "expected a directory"});
  }
  if (options.replications < 2) {
    throw models::InputError(
        models::Diagnostic{"--replications", 0, 0, "", "expected at least 2 replications"});
  }
  if (!(options.pass_share > 0.0 && options.pass_share <= 1.0) ||
      !(options.band_tolerance >= 0.0) || options.ipacs_runs < 2 || options.null_groups < 1 ||
      !(options.null_quantile >= 0.0 && options.null_quantile <= 1.0)) {
    throw models::InputError(models::Diagnostic{
        "ipacs options", 0, 0, "",
        "expected pass_share in (0, 1], band_tolerance >= 0, ipacs_runs >= 2, "
        "null_groups >= 1 and null_quantile in [0, 1]"});
  }
}

std::string agreement_json(const IpacsAgreement& a) {
  std::ostringstream out;
  out << "{\"days_inside\": " << a.days_inside << ", \"days\": " << a.days
      << ", \"share_inside\": " << sim::json_number(a.share_inside())
      << ", \"null_share_median\": " << sim::json_number(a.null_share_median)
      << ", \"null_share_low\": " << sim::json_number(a.null_share_low)
      << ", \"required_share\": " << sim::json_number(a.required_share)
      << ", \"pass\": " << (a.pass ? "true" : "false")
      << ", \"largest_miss\": " << sim::json_number(a.largest_miss)
      << ", \"mean_gap_to_ipacs_mean\": " << sim::json_number(a.mean_gap_to_ipacs_mean) << "}";
  return out.str();
}

std::string days_text(const IpacsAgreement& a) {
  return std::to_string(a.days_inside) + "/" + std::to_string(a.days);
}

std::string percent(double share) {
  char text[16];
  std::snprintf(text, sizeof text, "%.0f%%", 100.0 * share);
  return text;
}

}  // namespace

IpacsReport run_ipacs_comparison(const IpacsOptions& options) {
  check_options(options);
  std::ostream& log = options.log ? *options.log : std::cerr;
  const IpacsInputs inputs = read_ipacs_inputs(options.directory);
  log << "validate --ipacs: " << inputs.expected.size() << " node/scenario combinations, "
      << inputs.days << " days, " << options.replications << " replications each (+ "
      << options.null_groups << " groups of " << options.ipacs_runs << " for the null)\n";
  IpacsReport report;
  report.days = inputs.days;
  double occupancy_inside = 0.0, waiting_inside = 0.0, node_days = 0.0;
  double null_occupancy_inside = 0.0, null_waiting_inside = 0.0, null_days = 0.0, unused = 0.0;
  for (const auto& combination : inputs.expected) {
    IpacsComparison comparison;
    comparison.name = combination.name;
    comparison.node = combination.node;
    comparison.capacity_scenario = combination.capacity_scenario;
    comparison.los_scenario = combination.los_scenario;
    comparison.arrival_scenario = combination.arrival_scenario;
    comparison.replications = options.replications;
    // Replications [0, R) give the mean; the rest the groups of the null.
    const std::size_t total = options.replications + options.null_groups * options.ipacs_runs;
    auto as_ipacs = models::run_flow_ensemble(
        flow_parameters(inputs, combination, models::InitialQueuePolicy::ipacs_2023),
        options.seed, total, options.threads);
    std::vector<double> occupancy(inputs.days, 0.0), waiting(inputs.days, 0.0);
    double cost = 0.0;
    for (std::size_t r = 0; r < options.replications; ++r) {
      const auto& run = as_ipacs.runs[r];
      for (std::size_t d = 0; d < inputs.days; ++d) {
        occupancy[d] += run.occupancy[d] / static_cast<double>(options.replications);
        waiting[d] += run.waiting[d] / static_cast<double>(options.replications);
        cost += run.cost[d];
      }
    }
    comparison.mean_daily_cost =
        cost / static_cast<double>(options.replications * inputs.days);
    comparison.occupancy = agree(occupancy, combination.occupancy, options.band_tolerance);
    comparison.waiting = agree(waiting, combination.waiting, options.band_tolerance);
    calibrate(comparison.occupancy, as_ipacs, occupancy, true, options, null_occupancy_inside,
              null_days);
    calibrate(comparison.waiting, as_ipacs, waiting, false, options, null_waiting_inside, unused);
    const auto described = models::run_flow_ensemble(
        flow_parameters(inputs, combination, models::InitialQueuePolicy::first_come_first_served),
        options.seed, options.replications, options.threads);
    comparison.described_occupancy =
        agree(described.mean_occupancy, combination.occupancy, options.band_tolerance);
    comparison.described_waiting =
        agree(described.mean_waiting, combination.waiting, options.band_tolerance);
    comparison.pass = comparison.occupancy.pass && comparison.waiting.pass;
    occupancy_inside += static_cast<double>(comparison.occupancy.days_inside);
    waiting_inside += static_cast<double>(comparison.waiting.days_inside);
    node_days += static_cast<double>(inputs.days);
    if (comparison.pass) ++report.combinations_passed;
    report.combinations.push_back(std::move(comparison));
  }
  report.occupancy_share_inside = occupancy_inside / node_days;
  report.waiting_share_inside = waiting_inside / node_days;
  report.null_occupancy_share = null_occupancy_inside / null_days;
  report.null_waiting_share = null_waiting_inside / null_days;
  report.expected_chance_failures = 2.0 * static_cast<double>(report.combinations.size()) *
                                    options.null_quantile;
  // Smallest k with P(Poisson(mean) > k) <= 5%.
  double term = std::exp(-report.expected_chance_failures), cumulative = term;
  while (1.0 - cumulative > 0.05 && report.allowed_failures < report.combinations.size()) {
    ++report.allowed_failures;
    term *= report.expected_chance_failures / static_cast<double>(report.allowed_failures);
    cumulative += term;
  }
  const std::size_t failed = report.combinations.size() - report.combinations_passed;
  report.all_passed = !report.combinations.empty() && failed <= report.allowed_failures &&
                      report.occupancy_share_inside >= options.pass_share &&
                      report.waiting_share_inside >= options.pass_share;
  return report;
}

void write_ipacs_table(std::ostream& out, const IpacsReport& report, const IpacsOptions& options) {
  char line[320];
  out << "IPACS bed model (P2/P3) vs hcsim flow-only mode, " << report.days
      << " days: days on which hcsim's mean of " << options.replications
      << " replications lies inside IPACS's 5-95% band of " << options.ipacs_runs
      << " runs (+-" << options.band_tolerance << ")\n"
      << "need: per measure, at least min(" << percent(options.pass_share)
      << ", the 1st percentile of the same share against bands of " << options.ipacs_runs
      << " hcsim runs) of days\n";
  std::snprintf(line, sizeof line, "%-26s %9s %5s %9s %5s %9s %9s %12s  %-6s %s\n",
                "combination", "occupancy", "need", "waiting", "need", "occ miss", "wait miss",
                "cost/day", "result", "as described: occ, waiting");
  out << line;
  for (const auto& c : report.combinations) {
    std::snprintf(line, sizeof line, "%-26s %9s %5s %9s %5s %9.2f %9.2f %12.0f  %-6s %s, %s\n",
                  c.name.c_str(), days_text(c.occupancy).c_str(),
                  percent(c.occupancy.required_share).c_str(), days_text(c.waiting).c_str(),
                  percent(c.waiting.required_share).c_str(), c.occupancy.largest_miss,
                  c.waiting.largest_miss, c.mean_daily_cost, c.pass ? "pass" : "FAIL",
                  days_text(c.described_occupancy).c_str(),
                  days_text(c.described_waiting).c_str());
    out << line;
  }
  std::snprintf(line, sizeof line,
                "all node-days inside: occupancy %.1f%%, waiting %.1f%% (need %s each; against "
                "hcsim's own %zu-run bands: %.1f%%, %.1f%%)\n",
                100.0 * report.occupancy_share_inside, 100.0 * report.waiting_share_inside,
                percent(options.pass_share).c_str(), options.ipacs_runs,
                100.0 * report.null_occupancy_share, 100.0 * report.null_waiting_share);
  out << line;
  out << report.combinations_passed << " of " << report.combinations.size()
      << " combinations passed (up to " << report.allowed_failures
      << " may fail by chance: expected " << report.expected_chance_failures << "); "
      << (report.all_passed ? "IPACS reproduced" : "IPACS NOT reproduced") << "\n";
}

void write_ipacs_json(std::ostream& out, const IpacsReport& report, const IpacsOptions& options) {
  std::ostringstream json;
  json << "{\"directory\": " << sim::json_quoted(options.directory)
       << ", \"replications\": " << options.replications << ", \"seed\": " << options.seed
       << ", \"ipacs_runs\": " << options.ipacs_runs
       << ", \"null_groups\": " << options.null_groups
       << ", \"null_quantile\": " << sim::json_number(options.null_quantile)
       << ", \"pass_share\": " << sim::json_number(options.pass_share)
       << ", \"band_tolerance\": " << sim::json_number(options.band_tolerance)
       << ", \"days\": " << report.days
       << ", \"occupancy_share_inside\": " << sim::json_number(report.occupancy_share_inside)
       << ", \"waiting_share_inside\": " << sim::json_number(report.waiting_share_inside)
       << ", \"null_occupancy_share\": " << sim::json_number(report.null_occupancy_share)
       << ", \"null_waiting_share\": " << sim::json_number(report.null_waiting_share)
       << ", \"combinations\": [";
  bool first = true;
  for (const auto& c : report.combinations) {
    json << (first ? "" : ", ") << "{\"name\": " << sim::json_quoted(c.name)
         << ", \"node\": " << sim::json_quoted(c.node)
         << ", \"capacity_scenario\": " << sim::json_quoted(c.capacity_scenario)
         << ", \"los_scenario\": " << sim::json_quoted(c.los_scenario)
         << ", \"arrival_scenario\": " << sim::json_quoted(c.arrival_scenario)
         << ", \"occupancy\": " << agreement_json(c.occupancy)
         << ", \"waiting\": " << agreement_json(c.waiting)
         << ", \"described_occupancy\": " << agreement_json(c.described_occupancy)
         << ", \"described_waiting\": " << agreement_json(c.described_waiting)
         << ", \"mean_daily_cost\": " << sim::json_number(c.mean_daily_cost)
         << ", \"pass\": " << (c.pass ? "true" : "false") << "}";
    first = false;
  }
  json << "], \"passed\": " << report.combinations_passed
       << ", \"expected_chance_failures\": " << sim::json_number(report.expected_chance_failures)
       << ", \"allowed_failures\": " << report.allowed_failures
       << ", \"all_passed\": " << (report.all_passed ? "true" : "false") << "}\n";
  out << json.str();
}

int run_ipacs_validation(const IpacsOptions& options) {
  const IpacsReport report = run_ipacs_comparison(options);
  std::ostream& out = options.out ? *options.out : std::cout;
  if (options.json) {
    write_ipacs_json(out, report, options);
  } else {
    write_ipacs_table(out, report, options);
  }
  return report.all_passed ? 0 : 1;
}

}  // namespace hcsim::validation
